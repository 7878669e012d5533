#include "store/sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/repository.h"

namespace dondoc::store::sqlite {
namespace {

ErrorCode kind_of(int code) {
    const int primary = code & 0xFF;
    if (primary == SQLITE_CONSTRAINT) return ErrorCode::conflict;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return ErrorCode::corruption;
    return ErrorCode::io_error;
}

class SqliteStatement final : public sql::StatementImpl {
  public:
    // `lent`: set when the statement is lent from the connection's cache,
    // cleared here when it goes back.
    SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, bool* lent)
        : m_db(db), m_stmt(stmt), m_lent(lent) {}
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement() override {
        if (m_lent) {
            reset();
            *m_lent = false;
        } else {
            sqlite3_finalize(m_stmt);
        }
    }

    void bind_integer(int index, std::int64_t value) override {
        sqlite3_bind_int64(m_stmt, index, value);
    }
    void bind_text(int index, std::string_view value) override {
        sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
    }
    void bind_null(int index, sql::NullType /*type*/) override { sqlite3_bind_null(m_stmt, index); }
    Result<bool> step() override {
        const int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        return make_error(kind_of(rc), std::string("SQL step failed: ") + sqlite3_errmsg(m_db));
    }
    void reset() override {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    [[nodiscard]] bool is_null(int column) const override {
        return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
    }
    [[nodiscard]] std::int64_t integer(int column) const override {
        return sqlite3_column_int64(m_stmt, column);
    }
    [[nodiscard]] std::string text(int column) const override {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        if (!data) return {};
        return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
    }

  private:
    sqlite3* const m_db;
    sqlite3_stmt* const m_stmt;
    bool* const m_lent;
};

// Rows entered by prepared INSERTs, up to 64 rows a statement ("VALUES
// (…),(…),…"): one statement's run per row (its reset, its opening of the
// table, its bindings cleared) was about a third of entering a row. The
// values of the rows not yet entered are kept here, each text in a buffer
// reused batch after batch and bound without SQLite's own copy (a bound copy
// is a malloc and a free per value, several million in an import of 100,000
// tasks). The rows left when finish() comes are entered one by one.
class SqliteBulkInsert final : public sql::BulkInsert {
  public:
    SqliteBulkInsert(sqlite3* db, std::string table, std::vector<std::string> columns,
                     sqlite3_stmt* one)
        : m_db(db),
          m_table(std::move(table)),
          m_columns(std::move(columns)),
          m_one(one),
          m_rows_a_statement(rows_a_statement(db, m_columns.size())),
          m_values(m_columns.size() * m_rows_a_statement) {}
    SqliteBulkInsert(const SqliteBulkInsert&) = delete;
    SqliteBulkInsert& operator=(const SqliteBulkInsert&) = delete;
    ~SqliteBulkInsert() override {
        sqlite3_finalize(m_one);
        sqlite3_finalize(m_many);
    }

    void integer(std::int64_t value) override {
        Value& v = next();
        v.kind = Kind::integer;
        v.integer = value;
    }
    void text(std::string_view value) override {
        Value& v = next();
        v.kind = Kind::text;
        v.text.assign(value);
    }
    void null() override { next().kind = Kind::null; }
    Result<void> end_row() override {
        m_column = 0;
        if (++m_rows < m_rows_a_statement) return {};
        m_rows = 0;
        if (!m_many) {
            std::string sql = sql::insert_statement(m_table, as_views(m_columns));
            std::string row = sql.substr(sql.rfind('('));
            for (std::size_t r = 1; r < m_rows_a_statement; ++r) {
                sql += ',';
                sql += row;
            }
            if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &m_many,
                                   nullptr) != SQLITE_OK)
                return error("cannot prepare SQL");
        }
        return enter(m_many, 0, m_values.size());
    }
    Result<void> finish() override {
        const std::size_t columns = m_columns.size();
        for (std::size_t r = 0; r < m_rows; ++r)
            DONDOC_TRY(enter(m_one, r * columns, (r + 1) * columns));
        m_rows = 0;
        return {};
    }

  private:
    // As many rows as the statement's parameters allow, at most 64 (more
    // gain nothing measurable and cost a longer statement to prepare).
    static std::size_t rows_a_statement(sqlite3* db, std::size_t columns) {
        const auto parameters =
            static_cast<std::size_t>(sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, -1));
        return std::clamp<std::size_t>(parameters / std::max<std::size_t>(columns, 1), 1, 64);
    }
    enum class Kind { null, integer, text };
    struct Value {
        Kind kind = Kind::null;
        std::int64_t integer = 0;
        std::string text;  // bound to a statement until its row is entered
    };

    static std::vector<std::string_view> as_views(const std::vector<std::string>& names) {
        return {names.begin(), names.end()};
    }
    Value& next() { return m_values.at(m_rows * m_columns.size() + m_column++); }
    [[nodiscard]] Error error(std::string_view what) const {
        return make_error(kind_of(sqlite3_errcode(m_db)),
                          std::string(what) + ": " + sqlite3_errmsg(m_db));
    }

    // Binds values [from, to) to `stmt`'s parameters 1… and runs it once.
    Result<void> enter(sqlite3_stmt* stmt, std::size_t from, std::size_t to) {
        int parameter = 1;
        for (std::size_t i = from; i < to; ++i, ++parameter) {
            const Value& v = m_values[i];
            switch (v.kind) {
                case Kind::null:
                    sqlite3_bind_null(stmt, parameter);
                    break;
                case Kind::integer:
                    sqlite3_bind_int64(stmt, parameter, v.integer);
                    break;
                case Kind::text:
                    sqlite3_bind_text(stmt, parameter, v.text.data(),
                                      static_cast<int>(v.text.size()), SQLITE_STATIC);
                    break;
            }
        }
        const int rc = sqlite3_step(stmt);
        sqlite3_reset(stmt);
        if (rc != SQLITE_DONE)
            return make_error(kind_of(rc), std::string("SQL step failed: ") + sqlite3_errmsg(m_db));
        return {};
    }

    sqlite3* const m_db;
    const std::string m_table;
    const std::vector<std::string> m_columns;
    sqlite3_stmt* const m_one;  // one row
    const std::size_t m_rows_a_statement;
    sqlite3_stmt* m_many = nullptr;  // that many rows, prepared at the first full batch
    std::vector<Value> m_values;     // that many rows of values, row after row
    std::size_t m_rows = 0;          // complete rows kept
    std::size_t m_column = 0;        // values given of the row being made
};

class SqliteConnection final : public sql::Connection {
  public:
    explicit SqliteConnection(sqlite3* db) : m_db(db) {}
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;
    ~SqliteConnection() override {
        for (auto& [sql, cached] : m_cache) sqlite3_finalize(cached.stmt);
        sqlite3_close(m_db);
    }

    Result<void> exec(std::string_view sql) override {
        char* message = nullptr;
        const std::string text(sql);
        if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            Error e = error("SQL failed");
            sqlite3_free(message);
            return e;
        }
        return {};
    }

    // Statements are lent from a cache and reset when given back. A text
    // already lent out (a nested use) gets a statement of its own.
    Result<sql::Statement> prepare(std::string_view sql) override {
        auto it = m_cache.find(sql);
        if (it != m_cache.end() && !it->second.lent) {
            it->second.lent = true;
            return sql::Statement(
                std::make_unique<SqliteStatement>(m_db, it->second.stmt, &it->second.lent));
        }
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
            SQLITE_OK) {
            return error("cannot prepare SQL");
        }
        bool* lent = nullptr;
        if (it == m_cache.end() && m_cache.size() < k_cache_limit && stmt != nullptr) {
            lent = &m_cache.emplace(std::string(sql), Cached{stmt, true}).first->second.lent;
        }
        return sql::Statement(std::make_unique<SqliteStatement>(m_db, stmt, lent));
    }

    Result<std::int64_t> last_insert_id() override { return sqlite3_last_insert_rowid(m_db); }
    [[nodiscard]] std::int64_t changes() const override { return sqlite3_changes(m_db); }

    // Each its own prepared statements: any number open at once.
    [[nodiscard]] bool bulk_inserts_at_once() const override { return true; }

    // In-process, there is no round trip to save: INSERTs of many rows each.
    Result<std::unique_ptr<sql::BulkInsert>> bulk_insert(
        std::string_view table, const std::vector<std::string_view>& columns) override {
        const std::string sql = sql::insert_statement(table, columns);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
            SQLITE_OK) {
            sqlite3_finalize(stmt);
            return error("cannot prepare SQL");
        }
        return std::unique_ptr<sql::BulkInsert>(std::make_unique<SqliteBulkInsert>(
            m_db, std::string(table), std::vector<std::string>(columns.begin(), columns.end()),
            stmt));
    }

  private:
    [[nodiscard]] Error error(std::string_view what) const {
        return make_error(kind_of(sqlite3_errcode(m_db)),
                          std::string(what) + ": " + sqlite3_errmsg(m_db));
    }

    struct Cached {
        sqlite3_stmt* stmt = nullptr;
        bool lent = false;
    };
    static constexpr std::size_t k_cache_limit = 256;  // texts beyond it are prepared each time
    sqlite3* const m_db;
    // By hash: the texts of a task page share long prefixes ("… WHERE task_id
    // IN (?,?,…"), which an ordered map compared again at every level.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>{}(text);
        }
    };
    // Node addresses are stable (a rehash does not move nodes).
    std::unordered_map<std::string, Cached, TextHash, std::equal_to<>> m_cache;
};

}  // namespace

}  // namespace dondoc::store::sqlite

namespace dondoc::store {

void stop_counting_sqlite_memory() {
    // SQLITE_MISUSE once SQLite is initialized: the count then stays on.
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

}  // namespace dondoc::store

namespace dondoc::store::sqlite {

Result<std::unique_ptr<sql::Connection>> open(const std::string& path) {
    sqlite3* db = nullptr;
    // A connection is used by one thread at a time (each event loop, the
    // reminder runner and the CLI open their own), so SQLite's per-call
    // connection mutex only costs: about a tenth of a dashboard request.
    const int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return make_error(ErrorCode::io_error, "cannot open the register: " + message, path);
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    return std::unique_ptr<sql::Connection>(std::make_unique<SqliteConnection>(db));
}

}  // namespace dondoc::store::sqlite
