// How much of the register's pages a SQLite connection keeps in the
// process's memory, set when the connection is opened (repository.h,
// accounts.h). A plain value: thread-safe.
#pragma once

#include <cstdint>

namespace dondoc::store {

// What one SQLite connection may keep of the register's pages in the
// process's memory: its page cache (SQLite's own copies of the pages it
// read, in the heap: at most `page_cache_kib`) and the part of the file it
// maps (`map_bytes`: every mapped page once read counts in the resident
// memory, up to the whole file; 0 reads pages with read(2) into the page
// cache instead, the kernel's own file cache keeping the rest). Ignored on
// PostgreSQL, whose server holds the pages.
struct SqliteMemory {
    std::int64_t page_cache_kib = std::int64_t{64} * 1024;
    std::int64_t map_bytes = std::int64_t{1} << 30;
};

}  // namespace dondoc::store
