// A thin RAII layer over the SQLite C API, private to the store: a
// connection, prepared statements, and errors turned into Result values.
// Not thread-safe: one connection, one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
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
    // A statement for one SQL text. Statements are prepared once per
    // connection and reused: the returned one is lent from a cache and is
    // reset when it is destroyed. A text already lent out (a nested use) gets
    // a statement of its own.
    Result<Statement> prepare(std::string_view sql);
    [[nodiscard]] std::int64_t last_insert_id() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] Error error(std::string_view what) const;

  private:
    struct Cached {
        sqlite3_stmt* stmt = nullptr;
        bool lent = false;
    };
    using Cache = std::map<std::string, Cached, std::less<>>;
    static constexpr std::size_t k_cache_limit = 256;  // texts beyond it are prepared each time

    explicit Connection(sqlite3* db) : m_db(db), m_cache(std::make_unique<Cache>()) {}
    void close();
    sqlite3* m_db = nullptr;
    std::unique_ptr<Cache> m_cache;  // node addresses are stable: statements point at `lent`
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
    Statement(sqlite3* db, sqlite3_stmt* stmt, bool* lent = nullptr)
        : m_db(db), m_stmt(stmt), m_lent(lent) {}
    void release();
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    bool* m_lent = nullptr;  // set when lent from the connection's cache
};

// Runs `work` in a transaction when `depth` is 0, in a savepoint when
// nested: committed (released) when it returns ok, rolled back otherwise and
// on an exception (rethrown). `depth` counts the nesting; the caller owns it.
Result<void> in_transaction(Connection& db, int& depth, const std::function<Result<void>()>& work);

// Runs `work`, which only reads, in one deferred transaction: its first
// statement takes the read lock and the rest reuse it, where each statement
// alone would lock and unlock (system calls). Inside a transaction (`depth`
// above 0) or another snapshot (`reading`) it just runs `work`.
Result<void> in_read_snapshot(Connection& db, int depth, bool& reading,
                              const std::function<Result<void>()>& work);

}  // namespace dondoc::store::sqlite
