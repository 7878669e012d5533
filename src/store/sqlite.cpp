#include "store/sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace dondoc::store::sqlite {

Result<Connection> Connection::open(const std::string& path) {
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return make_error(ErrorCode::io_error, "cannot open the register: " + message, path);
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    return Connection(db);
}

Connection::Connection(Connection&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_cache(std::move(other.m_cache)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_cache = std::move(other.m_cache);
    }
    return *this;
}

Connection::~Connection() {
    close();
}

void Connection::close() {
    if (m_cache) {
        for (auto& [sql, cached] : *m_cache) sqlite3_finalize(cached.stmt);
        m_cache->clear();
    }
    sqlite3_close(m_db);
    m_db = nullptr;
}

Result<void> in_transaction(Connection& db, int& depth, const std::function<Result<void>()>& work) {
    const std::string savepoint = "dondoc_" + std::to_string(depth);
    const std::string rollback = depth == 0 ? std::string("ROLLBACK")
                                            : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint;
    const std::string commit = depth == 0 ? std::string("COMMIT") : "RELEASE " + savepoint;
    if (auto begun =
            db.exec(depth == 0 ? std::string("BEGIN IMMEDIATE") : "SAVEPOINT " + savepoint);
        !begun)
        return begun;
    ++depth;
    Result<void> result;
    try {
        result = work();
    } catch (...) {
        --depth;
        (void)db.exec(rollback);
        throw;
    }
    --depth;
    if (!result) {
        (void)db.exec(rollback);
        return result;
    }
    if (auto committed = db.exec(commit); !committed) {
        if (depth == 0) (void)db.exec("ROLLBACK");
        return committed;
    }
    return {};
}

Result<void> in_read_snapshot(Connection& db, int depth, bool& reading,
                              const std::function<Result<void>()>& work) {
    if (depth > 0 || reading) return work();
    const auto run = [&db](const char* sql) -> Result<void> {
        auto st = db.prepare(sql);
        if (!st) return st.error();
        return st->run();
    };
    if (auto begun = run("BEGIN"); !begun) return begun;
    reading = true;
    Result<void> result;
    try {
        result = work();
    } catch (...) {
        reading = false;
        (void)run("ROLLBACK");
        throw;
    }
    reading = false;
    if (auto ended = run(result ? "COMMIT" : "ROLLBACK"); !ended && result) return ended;
    return result;
}

Error Connection::error(std::string_view what) const {
    const int code = sqlite3_errcode(m_db);
    const int primary = code & 0xFF;
    ErrorCode kind = ErrorCode::io_error;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) kind = ErrorCode::corruption;
    if (primary == SQLITE_CONSTRAINT) kind = ErrorCode::conflict;
    return make_error(kind, std::string(what) + ": " + sqlite3_errmsg(m_db));
}

Result<void> Connection::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        Error e = error("SQL failed");
        sqlite3_free(message);
        return e;
    }
    return {};
}

Result<Statement> Connection::prepare(std::string_view sql) {
    auto it = m_cache->find(sql);
    if (it != m_cache->end() && !it->second.lent) {
        it->second.lent = true;
        return Statement(m_db, it->second.stmt, &it->second.lent);
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
        return error("cannot prepare SQL");
    }
    if (it == m_cache->end() && m_cache->size() < k_cache_limit && stmt != nullptr) {
        auto added = m_cache->emplace(std::string(sql), Cached{stmt, true}).first;
        return Statement(m_db, stmt, &added->second.lent);
    }
    return Statement(m_db, stmt);
}

std::int64_t Connection::last_insert_id() const {
    return sqlite3_last_insert_rowid(m_db);
}
int Connection::changes() const {
    return sqlite3_changes(m_db);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db),
      m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_lent(std::exchange(other.m_lent, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        release();
        m_db = other.m_db;
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_lent = std::exchange(other.m_lent, nullptr);
    }
    return *this;
}

Statement::~Statement() {
    release();
}

void Statement::release() {
    if (m_lent) {
        // Back to the cache, ready for the next use.
        reset();
        *m_lent = false;
        m_lent = nullptr;
    } else {
        sqlite3_finalize(m_stmt);
    }
    m_stmt = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const int primary = rc & 0xFF;
    ErrorCode kind = ErrorCode::io_error;
    if (primary == SQLITE_CONSTRAINT) kind = ErrorCode::conflict;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) kind = ErrorCode::corruption;
    return make_error(kind, std::string("SQL step failed: ") + sqlite3_errmsg(m_db));
}

Result<void> Statement::run() {
    while (true) {
        auto more = step();
        if (!more) return more.error();
        if (!*more) return {};
    }
}

Result<void> Statement::for_each_row(const std::function<void()>& on_row) {
    while (true) {
        auto more = step();
        if (!more) return more.error();
        if (!*more) return {};
        on_row();
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}
std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!data) return {};
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

}  // namespace dondoc::store::sqlite
