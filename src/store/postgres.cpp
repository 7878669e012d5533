#include "store/postgres.h"

#include <libpq-fe.h>

#include <array>
#include <charconv>
#include <cstring>
#include <map>
#include <vector>

namespace dondoc::store::postgres {
namespace {

// Type oids of the parameters we send (pg_type.h is a server header).
constexpr Oid k_int8_oid = 20;
constexpr Oid k_text_oid = 25;

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PgConnection;

class PgStatement final : public sql::StatementImpl {
  public:
    PgStatement(PgConnection& db, std::string sql, int parameters)
        : m_db(db), m_sql(std::move(sql)), m_declared(parameters) {}

    void bind_integer(int index, std::int64_t value) override {
        set(index, std::to_string(value), k_int8_oid);
    }
    void bind_text(int index, std::string_view value) override {
        set(index, std::string(value), k_text_oid);
    }
    void bind_null(int index, sql::NullType type) override {
        set(index, std::nullopt,
            type == sql::NullType::integer ? k_int8_oid
            : type == sql::NullType::text  ? k_text_oid
                                           : Oid{0});
    }
    Result<bool> step() override;
    void reset() override {
        m_result.reset();
        m_row = -1;
        m_values.clear();
        m_types.clear();
    }
    [[nodiscard]] bool is_null(int column) const override {
        return PQgetisnull(m_result.get(), m_row, column) != 0;
    }
    [[nodiscard]] std::int64_t integer(int column) const override {
        const char* value = PQgetvalue(m_result.get(), m_row, column);
        const int length = PQgetlength(m_result.get(), m_row, column);
        if (length == 1 && (value[0] == 't' || value[0] == 'f')) return value[0] == 't' ? 1 : 0;
        std::int64_t out = 0;
        std::from_chars(value, value + length, out);
        return out;
    }
    [[nodiscard]] std::string text(int column) const override {
        return std::string(PQgetvalue(m_result.get(), m_row, column),
                           static_cast<std::size_t>(PQgetlength(m_result.get(), m_row, column)));
    }

  private:
    void set(int index, std::optional<std::string> value, Oid type) {
        const auto i = static_cast<std::size_t>(index - 1);
        if (m_values.size() <= i) {
            m_values.resize(i + 1);
            m_types.resize(i + 1, k_text_oid);  // a number left unbound: a NULL text
        }
        m_values[i] = std::move(value);
        m_types[i] = type;
    }

    PgConnection& m_db;
    const std::string m_sql;
    const int m_declared;  // the highest parameter number in the text
    std::vector<std::optional<std::string>> m_values;
    std::vector<Oid> m_types;
    ResultPtr m_result;
    int m_row = -1;  // -1: not run yet
};

class PgConnection final : public sql::Connection {
  public:
    explicit PgConnection(PGconn* conn) : m_conn(conn) {
        PQsetNoticeProcessor(
            m_conn, [](void*, const char*) {}, nullptr);
    }
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;
    ~PgConnection() override { PQfinish(m_conn); }

    Result<void> exec(std::string_view sql) override {
        if (auto alive = ensure_connected(); !alive) return alive;
        const std::string text(sql);
        ResultPtr r(PQexec(m_conn, text.c_str()));
        return check(r.get(), "SQL failed");
    }

    Result<sql::Statement> prepare(std::string_view sql) override {
        int count = 0;
        std::string text = translate_parameters(sql, count);
        return sql::Statement(std::make_unique<PgStatement>(*this, std::move(text), count));
    }

    Result<std::int64_t> last_insert_id() override {
        ResultPtr r(PQexec(m_conn, "SELECT lastval()"));
        if (auto ok = check(r.get(), "no id"); !ok) return ok.error();
        std::int64_t id = 0;
        const char* value = PQgetvalue(r.get(), 0, 0);
        std::from_chars(value, value + PQgetlength(r.get(), 0, 0), id);
        return id;
    }

    [[nodiscard]] std::int64_t changes() const override { return m_changes; }

    // Runs a statement through a server-side prepared statement made at its
    // first use on this connection (for these parameter types).
    Result<ResultPtr> execute(const std::string& text, int declared,
                              const std::vector<std::optional<std::string>>& values,
                              std::vector<Oid> types) {
        if (auto alive = ensure_connected(); !alive) return alive.error();
        if (static_cast<int>(types.size()) < declared)
            types.resize(static_cast<std::size_t>(declared), k_text_oid);
        std::string key = text;
        key += '\0';
        for (const Oid t : types) key += std::to_string(t) + ",";
        auto it = m_prepared.find(key);
        if (it == m_prepared.end()) {
            std::string name = "dondoc_" + std::to_string(m_prepared.size() + 1);
            ResultPtr made(PQprepare(m_conn, name.c_str(), text.c_str(),
                                     static_cast<int>(types.size()), types.data()));
            if (auto ok = check(made.get(), "cannot prepare SQL"); !ok) return ok.error();
            it = m_prepared.emplace(std::move(key), std::move(name)).first;
        }
        std::vector<const char*> pointers(types.size(), nullptr);
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (values[i]) pointers[i] = values[i]->c_str();
        }
        ResultPtr r(PQexecPrepared(m_conn, it->second.c_str(), static_cast<int>(pointers.size()),
                                   pointers.data(), nullptr, nullptr, 0));
        if (auto ok = check(r.get(), "SQL step failed"); !ok) return ok.error();
        const char* tuples = PQcmdTuples(r.get());
        m_changes = 0;
        if (tuples && *tuples) std::from_chars(tuples, tuples + std::strlen(tuples), m_changes);
        return r;
    }

    Result<std::unique_ptr<sql::BulkInsert>> bulk_insert(
        std::string_view table, const std::vector<std::string_view>& columns) override;
    // In copy mode the connection takes nothing else.
    [[nodiscard]] bool bulk_inserts_at_once() const override { return false; }

    // COPY … FROM STDIN: started, fed, ended (with an error message: abandoned).
    Result<void> start_copy(const std::string& sql) {
        if (auto alive = ensure_connected(); !alive) return alive;
        ResultPtr r(PQexec(m_conn, sql.c_str()));
        if (r && PQresultStatus(r.get()) == PGRES_COPY_IN) return {};
        return check(r.get(), "cannot start COPY");
    }
    Result<void> put_copy(std::string_view data) {
        if (PQputCopyData(m_conn, data.data(), static_cast<int>(data.size())) == 1) return {};
        return make_error(ErrorCode::io_error,
                          std::string("COPY failed: ") + PQerrorMessage(m_conn));
    }
    Result<void> end_copy(const char* error) {
        Result<void> ended;
        if (PQputCopyEnd(m_conn, error) != 1) {
            ended = make_error(ErrorCode::io_error,
                               std::string("COPY failed: ") + PQerrorMessage(m_conn));
        }
        // The COPY's own result, then the end of the command.
        while (ResultPtr r{PQgetResult(m_conn)}) {
            if (auto ok = check(r.get(), "COPY failed"); !ok && ended) ended = ok;
        }
        return ended;
    }

  private:
    // After a failure that broke the connection (the server restarted), the
    // next call reconnects; statements prepared on the old one are gone.
    Result<void> ensure_connected() {
        if (PQstatus(m_conn) == CONNECTION_OK) return {};
        PQreset(m_conn);
        m_prepared.clear();
        if (PQstatus(m_conn) != CONNECTION_OK) {
            return make_error(
                ErrorCode::io_error,
                std::string("cannot reach the PostgreSQL server: ") + PQerrorMessage(m_conn));
        }
        PQsetNoticeProcessor(
            m_conn, [](void*, const char*) {}, nullptr);
        return {};
    }

    Result<void> check(const PGresult* r, std::string_view what) {
        const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return {};
        std::string message(what);
        message += ": ";
        const char* detail = r ? PQresultErrorMessage(r) : "";
        message += (detail && *detail) ? detail : PQerrorMessage(m_conn);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
        const std::string_view code = state ? state : "";
        ErrorCode kind = ErrorCode::io_error;
        // Class 23: integrity constraint; 40001/40P01: serialization failure, deadlock.
        if (code.starts_with("23") || code == "40001" || code == "40P01")
            kind = ErrorCode::conflict;
        if (code == "XX001" || code == "XX002") kind = ErrorCode::corruption;
        if (PQstatus(m_conn) != CONNECTION_OK) {
            message = "lost the connection to the PostgreSQL server: " + message;
            kind = ErrorCode::io_error;
        }
        return make_error(kind, message);
    }

    PGconn* const m_conn;
    std::map<std::string, std::string> m_prepared;  // text and types → statement name
    std::int64_t m_changes = 0;
};

// COPY in PostgreSQL's text format: columns apart by tabs, rows ended by a
// newline, NULL as \N, and in a value the backslash, tab, newline and
// carriage return written as escapes. Sent in pieces of about 1 MB.
class PgCopy final : public sql::BulkInsert {
  public:
    explicit PgCopy(PgConnection& db) : m_db(db) {}
    PgCopy(const PgCopy&) = delete;
    PgCopy& operator=(const PgCopy&) = delete;
    ~PgCopy() override {
        if (!m_finished) (void)m_db.end_copy("abandoned");
    }

    void integer(std::int64_t value) override {
        separate();
        std::array<char, 24> digits{};
        const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
        m_buffer.append(digits.data(), end);
    }
    void text(std::string_view value) override {
        separate();
        for (const char c : value) {
            switch (c) {
                case '\\':
                    m_buffer += "\\\\";
                    break;
                case '\t':
                    m_buffer += "\\t";
                    break;
                case '\n':
                    m_buffer += "\\n";
                    break;
                case '\r':
                    m_buffer += "\\r";
                    break;
                default:
                    m_buffer += c;
            }
        }
    }
    void null() override {
        separate();
        m_buffer += "\\N";
    }
    Result<void> end_row() override {
        m_buffer += '\n';
        m_first = true;
        if (m_buffer.size() < k_piece) return {};
        return send();
    }
    Result<void> finish() override {
        m_finished = true;
        auto sent = send();
        auto ended = m_db.end_copy(sent ? nullptr : "abandoned");
        return sent ? ended : sent;
    }

  private:
    static constexpr std::size_t k_piece = std::size_t{1} << 20;
    void separate() {
        if (!m_first) m_buffer += '\t';
        m_first = false;
    }
    Result<void> send() {
        if (m_buffer.empty()) return {};
        auto put = m_db.put_copy(m_buffer);
        m_buffer.clear();
        return put;
    }

    PgConnection& m_db;
    std::string m_buffer;
    bool m_first = true;
    bool m_finished = false;
};

Result<std::unique_ptr<sql::BulkInsert>> PgConnection::bulk_insert(
    std::string_view table, const std::vector<std::string_view>& columns) {
    std::string sql = "COPY ";
    sql += table;
    sql += " (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) sql += ", ";
        sql += columns[i];
    }
    sql += ") FROM STDIN";
    DONDOC_TRY(start_copy(sql));
    return std::unique_ptr<sql::BulkInsert>(std::make_unique<PgCopy>(*this));
}

Result<bool> PgStatement::step() {
    if (m_row < 0) {
        auto r = m_db.execute(m_sql, m_declared, m_values, m_types);
        if (!r) return r.error();
        m_result = std::move(*r);
    }
    ++m_row;
    return m_row < PQntuples(m_result.get());
}

}  // namespace

std::string translate_parameters(std::string_view sql, int& count) {
    std::string out;
    out.reserve(sql.size() + 16);
    int highest = 0;
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (quote) {
            out += c;
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            out += c;
            continue;
        }
        if (c != '?') {
            out += c;
            continue;
        }
        // SQLite: "?N" is parameter N; a bare "?" is one more than the highest so far.
        std::size_t end = i + 1;
        while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') ++end;
        int number = highest + 1;
        if (end > i + 1) std::from_chars(sql.data() + i + 1, sql.data() + end, number);
        highest = std::max(highest, number);
        out += '$';
        out += std::to_string(number);
        i = end - 1;
    }
    count = highest;
    return out;
}

bool is_url(std::string_view db) {
    return db.starts_with("postgresql://") || db.starts_with("postgres://");
}

Result<std::unique_ptr<sql::Connection>> open(const std::string& url) {
    const char* keywords[] = {"dbname", "client_encoding", "application_name", "connect_timeout",
                              nullptr};
    const char* values[] = {url.c_str(), "UTF8", "dondoc", "10", nullptr};
    PGconn* conn = PQconnectdbParams(keywords, values, 1);
    if (!conn) return make_error(ErrorCode::io_error, "out of memory connecting to PostgreSQL");
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn);
        while (!message.empty() && message.back() == '\n') message.pop_back();
        PQfinish(conn);
        return make_error(ErrorCode::io_error, "cannot connect to PostgreSQL: " + message);
    }
    return std::unique_ptr<sql::Connection>(std::make_unique<PgConnection>(conn));
}

}  // namespace dondoc::store::postgres
