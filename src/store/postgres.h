// The PostgreSQL driver of the store's SQL interface (sql.h), private to the
// store, on libpq. Statements are written with SQLite's "?" and "?N"
// parameters and turned into "$N"; each is prepared on the server once per
// connection. A connection that drops fails the call in flight with
// io_error and is re-established by the next call (after a server restart).
// Not thread-safe: one connection, one thread.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"

namespace dondoc::store::postgres {

// Connects to `url` (postgresql://user@host:port/dbname?host=/socket/dir,
// anything libpq accepts). io_error when the server cannot be reached.
Result<std::unique_ptr<sql::Connection>> open(const std::string& url);

// The SQL text with SQLite's parameters ("?", "?N") as PostgreSQL's ("$N"),
// quoted strings left alone; `count` gets the highest parameter number.
std::string translate_parameters(std::string_view sql, int& count);

// True for a `--db` value that names a PostgreSQL server rather than a file.
bool is_url(std::string_view db);

}  // namespace dondoc::store::postgres
