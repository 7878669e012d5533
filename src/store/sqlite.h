// A thin RAII layer over the SQLite C API, private to the store: a
// connection, prepared statements, and errors turned into Result values.
// Not thread-safe: one connection, one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace dondoc::store::sqlite {

class Statement;

class Connection {
  public:
    static Result<Connection> open(const std::string& path);
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // Runs SQL without results (may hold several statements).
    Result<void> exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    [[nodiscard]] std::int64_t last_insert_id() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] Error error(std::string_view what) const;

  private:
    explicit Connection(sqlite3* db) : m_db(db) {}
    sqlite3* m_db = nullptr;
};

class Statement {
  public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Binding, 1-based like SQLite. Empty optionals bind NULL.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bind(int index, const std::optional<std::int64_t>& value);
    Statement& bind_null(int index);

    // Advances: true with a row, false when done; an error otherwise.
    Result<bool> step();
    // Runs to completion, ignoring rows.
    Result<void> run();
    // Runs to completion, calling `on_row` at each row (which reads the
    // columns from this statement).
    Result<void> for_each_row(const std::function<void()>& on_row);
    void reset();

    [[nodiscard]] bool is_null(int column) const;
    [[nodiscard]] std::int64_t integer(int column) const;
    [[nodiscard]] std::string text(int column) const;
    [[nodiscard]] std::optional<std::string> optional_text(int column) const;

  private:
    friend class Connection;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

// Runs `work` in a transaction when `depth` is 0, in a savepoint when
// nested: committed (released) when it returns ok, rolled back otherwise and
// on an exception (rethrown). `depth` counts the nesting; the caller owns it.
Result<void> in_transaction(Connection& db, int& depth, const std::function<Result<void>()>& work);

}  // namespace dondoc::store::sqlite
