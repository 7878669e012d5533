// The register on SQLite: WAL journal, foreign keys on, a contentless FTS5
// index of the folded text. The statements are shared (sql_repository.cpp).
#include <algorithm>
#include <string>

#include "store/dialect.h"
#include "store/sqlite.h"

namespace dondoc::store {
namespace {

std::string same_body(const std::string& folded) {
    return folded;
}

// Each word a quoted token (no FTS5 syntax gets through), all required.
std::string fts5_match(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) out += ' ';
        out += '"';
        out += word;
        out += '"';
    }
    return out;
}

// A connection with its page cache and its mapping bounded as asked.
Result<std::unique_ptr<sql::Connection>> open_connection(const std::string& path,
                                                         const SqliteMemory& memory) {
    auto db = sqlite::open(path);
    if (!db) return db.error();
    std::string bounds = "PRAGMA cache_size=-";
    bounds += std::to_string(std::max<std::int64_t>(memory.page_cache_kib, 1));
    bounds += "; PRAGMA mmap_size=";
    bounds += std::to_string(std::max<std::int64_t>(memory.map_bytes, 0));
    if (auto set = (*db)->exec(bounds); !set) return set.error();
    return db;
}

}  // namespace

const Dialect k_sqlite_dialect = {
    "sqlite",
    k_migrations,
    "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA wal_autocheckpoint=8192;",
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "description TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (datetime('now')))",
    "",
    "",
    // A writer takes the write lock at once: two writers never both read
    // and then collide at their first write.
    "BEGIN IMMEDIATE",
    // In WAL mode a read transaction keeps the state of its first read.
    "BEGIN DEFERRED",
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
    "INDEXED BY unit_occurrences_inexact",
    "",
    "INSERT INTO documents_fts(rowid, body) VALUES (?1, ?2)",
    "INSERT INTO documents_fts(documents_fts, rowid, body) VALUES ('delete', ?1, ?2)",
    "INSERT INTO documents_fts(documents_fts) VALUES ('delete-all')",
    same_body,
    fts5_match,
    " FROM documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ?1 "
    "ORDER BY rank LIMIT ?2",
    "",
    // The statements are planned for the index layout (INDEXED BY where it
    // matters); statistics would only move plans away from it.
    "",
    // A write transaction excludes every other writer: the ids above the
    // highest are free, one run (counting them out in SQL took 37 ms for
    // 100,000).
    "SELECT coalesce(max(id), 0) + 1, ?1 FROM tasks",
    // (Keys of WITHOUT ROWID tables and unique constraints have no SQL: kept.)
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name "
    "IN ('tasks', 'task_mentions', 'occurrences', 'completion_reports', 'extensions', "
    "'progress_updates', 'unit_occurrences') ORDER BY name",
    // (No statistics: see analyze above.)
    "",
    // A batch larger than the register goes through a rollback journal,
    // which copies only the pages there were before it: the new pages are
    // written once, into the file (through the WAL they were written twice,
    // then checkpointed). Leaving WAL needs the register to itself (it fails
    // when another connection has it open). The journal is synced before the
    // file is written over (FULL: a power cut mid-commit still rolls back).
    "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL",
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
};

Result<std::unique_ptr<Repository>> open_sqlite(const std::string& path,
                                                const SqliteMemory& memory) {
    auto db = open_connection(path, memory);
    if (!db) return db.error();
    auto repository = open_sql_repository(std::move(*db), k_sqlite_dialect);
    if (!repository) {
        Error e = repository.error();
        if (e.where.empty()) e.where = path;
        return e;
    }
    return repository;
}

Result<std::unique_ptr<AccountStore>> open_sqlite_accounts(const std::string& path,
                                                           const SqliteMemory& memory) {
    auto db = open_connection(path, memory);
    if (!db) return db.error();
    auto store = open_sql_accounts(std::move(*db), k_sqlite_dialect);
    if (!store) {
        Error e = store.error();
        if (e.where.empty()) e.where = path;
        return e;
    }
    return store;
}

}  // namespace dondoc::store
