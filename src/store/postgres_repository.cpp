// The register on PostgreSQL: the shared statements (sql_repository.cpp)
// over libpq, with the search index a GIN-indexed tsvector('simple') of the
// folded text, and a task's row locked while its derived rows are rewritten
// (several servers write one register; see docs/province.md).
#include "store/dialect.h"
#include "store/postgres.h"
#include "store/postgres_schema.h"

namespace dondoc::store {
namespace {

// The folded words, one space apart: PostgreSQL's parser would otherwise
// keep "53/nq-cp" as one token (a path) where FTS5 cuts three words.
std::string words_body(const std::string& folded) {
    std::string out;
    for (const auto& word : search_words(folded)) {
        if (!out.empty()) out += ' ';
        out += word;
    }
    return out;
}

std::string plain_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) out += ' ';
        out += word;
    }
    return out;
}

std::string after_copy_sql() {
    std::string sql;
    for (const auto table : k_postgresql_identity_tables) {
        sql += "SELECT setval(pg_get_serial_sequence('";
        sql += table;
        sql += "', 'id'), coalesce((SELECT max(id) FROM ";
        sql += table;
        sql += "), 0) + 1, false);";
    }
    return sql;
}

const std::string k_after_copy = after_copy_sql();

}  // namespace

const Dialect k_postgresql_dialect = {
    "postgresql",
    k_postgresql_migrations,
    "",
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
    "description TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (now()::text))",
    // A session lock: a second server opening a new register waits for the
    // first to migrate it.
    "SELECT pg_advisory_lock(72656364)",
    "SELECT pg_advisory_unlock(72656364)",
    "BEGIN",
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    "SELECT 1 WHERE to_regclass(?1) IS NOT NULL",
    "",
    "SELECT 1 FROM tasks WHERE id = ?1 FOR UPDATE",
    "INSERT INTO documents_fts(document_id, body) VALUES (?1, to_tsvector('simple', ?2)) "
    "ON CONFLICT (document_id) DO UPDATE SET body = excluded.body",
    "DELETE FROM documents_fts WHERE document_id = ?1",
    "DELETE FROM documents_fts",
    words_body,
    plain_words,
    " FROM documents_fts f JOIN documents d ON d.id = f.document_id WHERE f.body @@ "
    "plainto_tsquery('simple', ?1) ORDER BY ts_rank(f.body, plainto_tsquery('simple', ?1)) DESC, "
    "d.id LIMIT ?2",
    k_after_copy,
    "ANALYZE",
    // From the identity's sequence: other servers take ids meanwhile.
    "SELECT nextval(pg_get_serial_sequence('tasks', 'id')), 1 FROM generate_series(1, ?1)",
    "",
    "ANALYZE tasks, task_mentions, occurrences, completion_reports, extensions, "
    "progress_updates, unit_occurrences, unit_status_days, unit_status_months",
    // (Other servers write the register meanwhile: no journal to change.)
    "",
    "",
};

Result<std::unique_ptr<Repository>> open_postgresql(const std::string& url) {
    auto db = postgres::open(url);
    if (!db) return db.error();
    return open_sql_repository(std::move(*db), k_postgresql_dialect);
}

Result<std::unique_ptr<AccountStore>> open_postgresql_accounts(const std::string& url) {
    auto db = postgres::open(url);
    if (!db) return db.error();
    return open_sql_accounts(std::move(*db), k_postgresql_dialect);
}

}  // namespace dondoc::store
