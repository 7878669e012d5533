// The SQLite driver of the store's SQL interface (sql.h), private to the
// store: a connection to one register file, statements prepared once and
// reused from a per-connection cache. Not thread-safe: one connection, one
// thread.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"

namespace dondoc::store::sqlite {

// Opens (creating when missing) the SQLite file at `path` (":memory:" for a
// throwaway one). io_error when it cannot be opened.
Result<std::unique_ptr<sql::Connection>> open(const std::string& path);

}  // namespace dondoc::store::sqlite
