// What differs between the SQL the register speaks on SQLite and on
// PostgreSQL, private to the store: the schema's migrations, transaction
// control, the full-text index, and a few hints. Everything else (the
// statements of the repository and the account store, and what they derive
// from the records) is shared and written once in sql_repository.cpp and
// sql_accounts.cpp. The two dialects are constants: thread-safe.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/accounts.h"
#include "store/repository.h"
#include "store/schema.h"
#include "store/sql.h"

namespace dondoc::store {

struct Dialect {
    std::string_view name;  // "sqlite", "postgresql"
    std::span<const Migration> migrations;
    std::string_view setup;             // run once per connection (may be empty)
    std::string_view migrations_table;  // creates schema_migrations when missing
    std::string_view lock_migrations;   // held while migrating (several servers at once)
    std::string_view unlock_migrations;
    std::string_view begin;           // opens the outermost transaction
    std::string_view begin_snapshot;  // a read-only transaction that sees one state throughout
    // One parameter, a table's name: a row when the table exists.
    std::string_view table_exists;
    // Placed after "FROM unit_occurrences" to read the rows whose timeline
    // is not exact through their partial index.
    std::string_view inexact_index_hint;
    // Locks a task's row (?1) until the transaction ends, before its derived
    // rows are rewritten from its events: two servers changing one task's
    // events wait for each other instead of both moving its status deltas.
    // Empty when a write transaction already excludes every other writer.
    std::string_view lock_task;
    // The search index: add (?1 document id, ?2 body) and remove (same
    // parameters, the body it was indexed with); the text stored for a
    // folded document and the match parameter for the folded words of a
    // query; the SELECT's tail after the document columns, with ?1 the
    // match and ?2 the limit.
    std::string_view index_add;
    std::string_view index_remove;
    std::string_view index_clear;  // empties it
    std::string (*index_body)(const std::string& folded);
    std::string (*match_text)(const std::vector<std::string>& words);
    std::string_view search_tail;
    // Brings the id sequences past the ids copied in (db copy); may be empty.
    std::string_view after_copy;
    // Refreshes the planner's statistics after a bulk load; may be empty.
    std::string_view analyze;
    // ?1 fresh task ids (a batch of tasks takes its ids at once), as runs
    // of consecutive ids: each row a run's first id and its length.
    std::string_view next_task_ids;
    // The secondary indexes of the tables a batch of tasks writes (name and
    // CREATE statement), dropped and remade around a large batch; empty
    // where indexes stay (see insert_task_histories).
    std::string_view bulk_indexes;
    // Refreshes the statistics of the tables a large batch of tasks filled,
    // run after its commit; empty where the planner goes without (see
    // insert_task_histories).
    std::string_view analyze_bulk;
    // Run around a batch of tasks larger than the register, outside any
    // transaction: `bulk_journal` before it (failing when another connection
    // has the register open: the batch then runs as any other), and
    // `bulk_journal_end` after it, committed or not. Empty where the journal
    // stays (see bulk_transaction).
    std::string_view bulk_journal;
    std::string_view bulk_journal_end;
};

extern const Dialect k_sqlite_dialect;
extern const Dialect k_postgresql_dialect;

// The words of a folded text, as the search index cuts them: runs of ASCII
// letters and digits and of non-ASCII bytes.
std::vector<std::string> search_words(std::string_view folded);

// The repository and the account store over a connection (migrated by the
// repository's open; the account store checks the migrations are there).
Result<std::unique_ptr<Repository>> open_sql_repository(std::unique_ptr<sql::Connection> db,
                                                        const Dialect& dialect);
Result<std::unique_ptr<AccountStore>> open_sql_accounts(std::unique_ptr<sql::Connection> db,
                                                        const Dialect& dialect);
// The account store on `beside`'s connection `db`, running its
// transactions and snapshots through `beside` (Repository::
// accounts_on_this_connection).
Result<std::unique_ptr<AccountStore>> open_sql_accounts_beside(Repository& beside,
                                                               sql::Connection& db,
                                                               const Dialect& dialect);

}  // namespace dondoc::store
