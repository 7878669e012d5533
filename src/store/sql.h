// The SQL driver interface the register's store is written against, private
// to the store: a connection, statements with positional parameters ("?" or
// "?N", as SQLite writes them) and rows read by column. Implemented on
// SQLite (sqlite.cpp) and PostgreSQL (postgres.cpp); the repository and the
// account store are written once over it (sql_repository.cpp,
// sql_accounts.cpp), with what differs between the two dialects in Dialect.
//
// Errors come back as Result values: a broken constraint is conflict (also a
// serialization failure or deadlock on PostgreSQL), a lost connection
// io_error. Not thread-safe: one connection, one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace dondoc::store::sql {

// The type a NULL parameter stands for, when the driver must say it
// (PostgreSQL infers parameter types from the statement otherwise).
enum class NullType { unknown, integer, text };

// One statement's driver side: owned by a Statement, returned to its
// connection's cache (when it came from there) by its destructor.
class StatementImpl {
  public:
    virtual ~StatementImpl() = default;
    virtual void bind_integer(int index, std::int64_t value) = 0;
    virtual void bind_text(int index, std::string_view value) = 0;
    virtual void bind_null(int index, NullType type) = 0;
    virtual Result<bool> step() = 0;
    virtual void reset() = 0;
    [[nodiscard]] virtual bool is_null(int column) const = 0;
    [[nodiscard]] virtual std::int64_t integer(int column) const = 0;
    [[nodiscard]] virtual std::string text(int column) const = 0;
};

class Statement {
  public:
    explicit Statement(std::unique_ptr<StatementImpl> impl) : m_impl(std::move(impl)) {}

    // Binding, 1-based like SQLite. Empty optionals bind NULL.
    Statement& bind(int index, std::int64_t value) {
        m_impl->bind_integer(index, value);
        return *this;
    }
    Statement& bind(int index, std::string_view value) {
        m_impl->bind_text(index, value);
        return *this;
    }
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::optional<std::string>& value) {
        if (value) return bind(index, std::string_view(*value));
        m_impl->bind_null(index, NullType::text);
        return *this;
    }
    Statement& bind(int index, const std::optional<std::int64_t>& value) {
        if (value) return bind(index, *value);
        m_impl->bind_null(index, NullType::integer);
        return *this;
    }
    Statement& bind_null(int index) {
        m_impl->bind_null(index, NullType::unknown);
        return *this;
    }

    // Advances: true with a row, false when done; an error otherwise.
    Result<bool> step() { return m_impl->step(); }
    // Runs to completion, ignoring rows.
    Result<void> run();
    // Runs to completion, calling `on_row` at each row (which reads the
    // columns from this statement).
    Result<void> for_each_row(const std::function<void()>& on_row);
    // Ready to run again, parameters cleared.
    void reset() { m_impl->reset(); }

    [[nodiscard]] bool is_null(int column) const { return m_impl->is_null(column); }
    [[nodiscard]] std::int64_t integer(int column) const { return m_impl->integer(column); }
    [[nodiscard]] std::string text(int column) const { return m_impl->text(column); }
    [[nodiscard]] std::optional<std::string> optional_text(int column) const {
        if (is_null(column)) return std::nullopt;
        return text(column);
    }

  private:
    std::unique_ptr<StatementImpl> m_impl;
};

// Rows appended to one table in bulk, inside the caller's transaction: on
// SQLite one prepared INSERT run per row, on PostgreSQL a COPY FROM STDIN
// (rows streamed to the server, no round trip per row). Values are given
// column by column in the order the columns were named, each row closed by
// end_row(); finish() sends what is left and reports the first failure.
// While one is open nothing else may run on its connection (PostgreSQL is
// in its copy mode); destroyed without finish(), what it sent is abandoned
// and the caller's transaction must be rolled back.
class BulkInsert {
  public:
    virtual ~BulkInsert() = default;
    virtual void integer(std::int64_t value) = 0;
    virtual void text(std::string_view value) = 0;
    virtual void null() = 0;
    void optional_text(const std::optional<std::string>& value) {
        if (value) {
            text(*value);
        } else {
            null();
        }
    }
    void optional_integer(const std::optional<std::int64_t>& value) {
        if (value) {
            integer(*value);
        } else {
            null();
        }
    }
    virtual Result<void> end_row() = 0;
    virtual Result<void> finish() = 0;
};

class Connection {
  public:
    virtual ~Connection() = default;

    // Runs SQL without parameters or results (may hold several statements).
    virtual Result<void> exec(std::string_view sql) = 0;
    // A statement for one SQL text, prepared once per connection and reused.
    virtual Result<Statement> prepare(std::string_view sql) = 0;
    // The id the last INSERT gave its row (a table with an `id` key).
    virtual Result<std::int64_t> last_insert_id() = 0;
    // Rows changed by the last INSERT, UPDATE or DELETE.
    [[nodiscard]] virtual std::int64_t changes() const = 0;
    // Starts appending rows to `table`, its `columns` named in the order
    // the values will come (columns left out take their defaults).
    virtual Result<std::unique_ptr<BulkInsert>> bulk_insert(
        std::string_view table, const std::vector<std::string_view>& columns) = 0;
    // Whether several bulk inserts may be open at once, other statements
    // running between their rows, and each take more rows after finish()
    // (SQLite); not in PostgreSQL's copy mode.
    [[nodiscard]] virtual bool bulk_inserts_at_once() const = 0;
};

// "INSERT INTO table(columns…) VALUES (?,…)".
std::string insert_statement(std::string_view table, const std::vector<std::string_view>& columns);

// A BulkInsert that runs one prepared INSERT per row, for a few rows on any
// backend (no COPY to set up).
Result<std::unique_ptr<BulkInsert>> insert_each_row(Connection& db, std::string_view table,
                                                    const std::vector<std::string_view>& columns);

// Runs `work` in a transaction when `depth` is 0 (opened by `begin`), in a
// savepoint when nested: committed (released) when it returns ok, rolled
// back otherwise and on an exception (rethrown). `depth` counts the
// nesting; the caller owns it.
Result<void> in_transaction(Connection& db, int& depth, std::string_view begin,
                            const std::function<Result<void>()>& work);

// Runs `work`, which only reads, in one read-only transaction opened by
// `begin` (the dialect's begin_snapshot): it sees one state of the register
// throughout, and on SQLite its first statement takes the read lock and the
// rest reuse it, where each statement alone would lock and unlock (system
// calls). Inside a transaction (`depth` above 0) or another snapshot
// (`reading`) it just runs `work`.
Result<void> in_read_snapshot(Connection& db, int depth, bool& reading, std::string_view begin,
                              const std::function<Result<void>()>& work);

}  // namespace dondoc::store::sql
