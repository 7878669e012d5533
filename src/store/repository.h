// The register's storage: one interface, implemented on SQLite (an office
// PC) and PostgreSQL (a province, several servers writing one register).
// Services speak only this interface.
//
// Every method is a Result: a missing record is not_found, a stale version
// is conflict, a broken file is corruption. Writes made inside transaction()
// are all kept or all dropped. A Repository is used by one thread at a time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "domain/enforcement.h"
#include "domain/register.h"
#include "domain/status.h"
#include "domain/unit.h"
#include "store/sqlite_memory.h"

namespace dondoc::store {

class AccountStore;

using domain::CivilDate;
using domain::DocumentId;
using domain::TaskId;
using domain::UnitId;

// Which tasks to list. Empty fields do not filter.
struct TaskFilter {
    std::vector<UnitId> units;               // assigned to any of these (any role)
    std::vector<TaskId> ids;                 // one of these tasks
    std::optional<TaskId> parent;            // sub-tasks of this task
    std::optional<DocumentId> document;      // from this document
    std::optional<domain::TaskState> state;  // proposed / active / cancelled
    std::optional<TaskId> after;             // ids above this one (paging by key)
    bool newest_first = false;               // by id descending (ascending otherwise)
    std::size_t limit = 0;                   // 0: no limit
    std::size_t offset = 0;
    // Leaves each task's deadlines empty: for a list that shows none
    // (parsing them was a tenth of a page of tasks).
    bool without_deadlines = false;
};

// Everything the status of one task depends on, loaded in one go.
struct TaskFacts {
    domain::Task task;
    std::vector<domain::TaskOccurrence> occurrences;
    std::vector<domain::CompletionReport> reports;
    std::vector<domain::Extension> extensions;
};

// A task with what already happened to it and its progress notes, as an
// import brings it in (the ids inside are ignored).
struct TaskHistory {
    TaskFacts facts;
    std::vector<domain::ProgressUpdate> progress;
};

// Writes a batch of task histories as they come (Repository::task_history_writer).
class TaskHistoryWriter {
  public:
    virtual ~TaskHistoryWriter() = default;
    // The ids the batch's histories get, in the order they are added.
    [[nodiscard]] virtual const std::vector<TaskId>& ids() const = 0;
    // The next histories of the batch, in order.
    virtual Result<void> add(std::span<const TaskHistory> histories) = 0;
    // After the last part: the status index written, the indexes complete.
    virtual Result<void> finish() = 0;
};

// The scoreboard's question: as of a date, over the occurrences due in a
// window (none: every occurrence, but recurring ones not yet due), for some
// units (none: all).
struct StatusCountQuery {
    CivilDate as_of;
    std::optional<CivilDate> from;
    std::optional<CivilDate> to;
    std::vector<UnitId> units;
};

// One unit's occurrences of active tasks it leads or performs, by status as
// of the date (in progress includes due soon, which needs the calendar).
struct UnitStatusCounts {
    UnitId unit;
    std::size_t done_on_time = 0;
    std::size_t done_late = 0;
    std::size_t in_progress = 0;
    std::size_t overdue = 0;
    std::size_t no_deadline = 0;
};

// A task with an occurrence, or an approved extension, due on a day: a
// candidate for a list of what falls due in a window, to be checked against
// the task's facts (its status is about one occurrence, possibly extended).
struct DueCandidate {
    TaskId task;
    CivilDate due;
};

// One row of the per-unit occurrence index: an occurrence of an active task
// assigned to one of the units asked about, with what its status as of any
// date depends on (domain::status_as_of on the timeline when it is exact).
struct UnitTaskTimeline {
    TaskId task;
    domain::OccurrenceTimeline timeline;
    std::string period_label;  // the occurrence's ("" for none)
};

// Which enforcement acts to list or count. Empty fields do not filter;
// dates are inclusive.
struct EnforcementFilter {
    std::vector<UnitId> units;  // concerning any of these (named, or through a task)
    std::optional<domain::EnforcementKind> kind;
    std::optional<CivilDate> from;
    std::optional<CivilDate> to;
};

// One unit's enforcement acts by kind (units with none are left out).
struct UnitEnforcementCounts {
    UnitId unit;
    domain::EnforcementCounts counts;
};

class Repository {
  public:
    virtual ~Repository() = default;

    // Runs `work` in one transaction: committed when it returns ok, rolled
    // back otherwise (and on an exception, which is rethrown). Nested calls
    // are savepoints: a failed inner call undoes only its own writes.
    virtual Result<void> transaction(const std::function<Result<void>()>& work) = 0;
    // transaction() for a write of about `tasks` new tasks at once (an
    // import). A backend may write a batch larger than the register more
    // cheaply (SQLite: through a rollback journal instead of the WAL, see
    // docs/import.md); the outcome is the same: all or nothing, the same rows.
    // Nested inside another transaction it is a savepoint, as transaction().
    virtual Result<void> bulk_transaction(std::size_t tasks,
                                          const std::function<Result<void>()>& work) {
        (void)tasks;
        return transaction(work);
    }

    // Runs `work`, which only reads, on one consistent snapshot of the
    // register: what it reads cannot change halfway, and a backend that locks
    // per statement (SQLite) locks once. A server runs each read request in
    // one. Inside it, or inside transaction(), it just runs `work`. A
    // backend without snapshots of its own runs `work` as is.
    virtual Result<void> read_snapshot(const std::function<Result<void>()>& work) { return work(); }

    // The account tables of this register through this repository's own
    // connection and transactions: one read_snapshot() or transaction() of
    // either covers both (a server's request authenticates, then reads the
    // register: one read lock, one connection). The store must not outlive
    // this repository. Errors: corruption when the account tables are
    // missing.
    virtual Result<std::unique_ptr<AccountStore>> accounts_on_this_connection() = 0;

    // Units and remembered name mappings.
    virtual Result<void> save_unit(const domain::Unit& unit) = 0;
    virtual Result<std::vector<domain::Unit>> units() = 0;
    virtual Result<void> save_mapping(const std::string& mention_key,
                                      const std::optional<UnitId>& issuer,
                                      const std::vector<UnitId>& units) = 0;
    struct Mapping {
        std::string mention_key;
        std::optional<UnitId> issuer;
        std::vector<UnitId> units;
    };
    virtual Result<std::vector<Mapping>> mappings() = 0;
    // A number that moves whenever units, their aliases and successors, or
    // the mappings change, by any process or connection: a cached directory
    // is current while it has not moved.
    virtual Result<std::int64_t> directory_version() = 0;

    // Documents and citations.
    virtual Result<std::optional<domain::Document>> document_by_hash(const std::string& hash) = 0;
    // Registered or placeholder documents with this notation key; `year`
    // narrows when known. For matching: their record and text are left empty.
    virtual Result<std::vector<domain::Document>> documents_by_notation(
        const std::string& notation_key, std::optional<int> year) = 0;
    virtual Result<domain::Document> document(DocumentId id) = 0;
    virtual Result<DocumentId> insert_document(const domain::Document& document) = 0;
    // Replaces a placeholder's fields with a registered document's.
    virtual Result<void> fill_placeholder(DocumentId id, const domain::Document& document) = 0;
    virtual Result<std::vector<domain::Document>> documents(std::size_t limit,
                                                            std::size_t offset) = 0;
    // Full-text search, diacritic-insensitive ("nghi quyet 53" finds "Nghị quyết 53").
    virtual Result<std::vector<domain::Document>> search_documents(const std::string& query,
                                                                   std::size_t limit) = 0;
    virtual Result<void> add_citation(const domain::Citation& citation) = 0;
    virtual Result<std::vector<domain::Citation>> citations_from(DocumentId id) = 0;
    virtual Result<std::vector<domain::Citation>> citations_to(DocumentId id) = 0;

    // Tasks.
    virtual Result<TaskId> insert_task(const domain::Task& task,
                                       const std::vector<domain::TaskOccurrence>& occurrences) = 0;
    // A task with what already happened to it (an import from another
    // register): its occurrences, reports (reviewed or not), extensions and
    // progress, in one go. The ids inside `facts` are ignored.
    virtual Result<TaskId> insert_task_history(
        const TaskFacts& facts, const std::vector<domain::ProgressUpdate>& progress) = 0;
    // Many tasks with their histories at once (an import, a generated
    // register), in one transaction: the same rows as insert_task_history
    // for each, written table by table with the ids taken up front, the
    // status index's rows derived in memory and its deltas summed over the
    // batch (on PostgreSQL the rows are streamed with COPY). The ids, in
    // the order of `batch`. A source key already in the register is a
    // conflict: look them up first (tasks_by_source).
    virtual Result<std::vector<TaskId>> insert_task_histories(
        const std::vector<TaskHistory>& batch) = 0;
    // The same, written as the histories come (an import writes while it
    // is still checking its rows), inside the caller's transaction (a
    // logic_error outside one): `count` ids taken at once, then exactly
    // `count` histories added part by part, in order, then finish(). Each
    // part must stay alive and unchanged until finish() returns. No source
    // key may be in the register already (the caller made sure).
    virtual Result<std::unique_ptr<TaskHistoryWriter>> task_history_writer(std::size_t count) = 0;
    // Whether any task was imported (has a source key).
    virtual Result<bool> any_imported_task() = 0;
    // The task imported under this key, if any.
    virtual Result<std::optional<TaskId>> task_by_source(const std::string& source_key) = 0;
    // The tasks imported under any of these keys: key → task, for the keys found.
    virtual Result<std::map<std::string, TaskId>> tasks_by_source(
        const std::vector<std::string_view>& source_keys) = 0;
    virtual Result<domain::Task> task(TaskId id) = 0;
    // Saves `task` when its version matches the stored one (conflict otherwise)
    // and bumps the version.
    virtual Result<void> update_task(const domain::Task& task) = 0;
    virtual Result<void> replace_occurrences(
        TaskId id, const std::vector<domain::TaskOccurrence>& occurrences) = 0;
    virtual Result<std::vector<domain::Task>> tasks(const TaskFilter& filter) = 0;
    // How many tasks the filter lists, ignoring its limit and offset.
    virtual Result<std::size_t> count_tasks(const TaskFilter& filter) = 0;
    // The ids alone, in the filter's order and slice: read from indexes only,
    // so that a page can be counted and picked without reading a task row.
    virtual Result<std::vector<TaskId>> task_ids(const TaskFilter& filter) = 0;
    virtual Result<std::vector<TaskFacts>> task_facts(const TaskFilter& filter) = 0;

    // Statuses at scale, from the per-unit occurrence index the repository
    // keeps in step with every change: counts per unit (units with none are
    // left out), and the active tasks of some units (any role) with an
    // occurrence overdue as of a date, by id.
    virtual Result<std::vector<UnitStatusCounts>> status_counts(const StatusCountQuery& query) = 0;
    virtual Result<std::vector<TaskId>> overdue_tasks(const std::vector<UnitId>& units,
                                                      CivilDate as_of) = 0;
    // The rows of the index for these units' tasks with ids from `first` to
    // `last`, in no particular order: a task comes once per unit and
    // occurrence (the units' ranges of the index, without reading a task).
    virtual Result<std::vector<UnitTaskTimeline>> unit_timelines(const std::vector<UnitId>& units,
                                                                 TaskId first, TaskId last) = 0;
    // The active tasks with an occurrence or an approved extension due from
    // `from` to `to`, by that day and id (a task may come more than once);
    // `reports_only`: only those that look like reports (a recurring
    // occurrence, or "báo cáo" in the product). A superset of what falls due:
    // whether each is still open, and its day, comes from its facts.
    virtual Result<std::vector<DueCandidate>> due_candidates(CivilDate from, CivilDate to,
                                                             bool reports_only) = 0;

    // Events on tasks.
    virtual Result<void> add_progress(const domain::ProgressUpdate& update) = 0;
    virtual Result<std::vector<domain::ProgressUpdate>> progress(TaskId id) = 0;
    virtual Result<std::int64_t> add_report(const domain::CompletionReport& report) = 0;
    virtual Result<void> review_report(std::int64_t report_id, domain::ReviewOutcome outcome,
                                       CivilDate on, const std::string& note) = 0;
    virtual Result<std::int64_t> add_extension(const domain::Extension& extension) = 0;
    virtual Result<void> decide_extension(std::int64_t extension_id,
                                          domain::ExtensionDecision decision, CivilDate on) = 0;
    // Moves every open assignment of `from` to `to` (a merger), keeping history.
    virtual Result<std::size_t> reassign_open_tasks(const UnitId& from, const UnitId& to,
                                                    CivilDate on) = 0;

    // The enforcement ledger (sổ theo dõi đôn đốc). Adding stores the act
    // with the units it counts for: those named and, for each task, the
    // units leading or performing it now (kept as they were when it was
    // recorded, whatever later mergers do). Errors: not_found for a unit,
    // task or document that is not in the register.
    virtual Result<std::int64_t> add_enforcement(const domain::EnforcementAct& act) = 0;
    virtual Result<domain::EnforcementAct> enforcement(std::int64_t id) = 0;
    // Changes what may be filled in later: the number, the date and the note.
    virtual Result<void> update_enforcement(const domain::EnforcementAct& act) = 0;
    // Newest first (by date, then id).
    virtual Result<std::vector<domain::EnforcementAct>> enforcement_acts(
        const EnforcementFilter& filter) = 0;
    // Per unit and kind: each act once for each unit it counts for. With
    // `filter.units`, only those units' rows.
    virtual Result<std::vector<UnitEnforcementCounts>> enforcement_counts(
        const EnforcementFilter& filter) = 0;

    // Counts, for reports and tests.
    struct Counts {
        std::size_t units = 0;
        std::size_t documents = 0;
        std::size_t placeholders = 0;
        std::size_t tasks = 0;
    };
    virtual Result<Counts> counts() = 0;

    // Recomputes everything derived from the records (the search index, the
    // per-unit occurrence statuses), in one transaction: after `db copy`, or
    // to repair.
    virtual Result<void> rebuild_derived() = 0;
};

// Opens (creating and migrating when needed) the SQLite register at `path`
// (":memory:" for a throwaway one). Errors: io_error when the file cannot be
// opened, corruption when it is not a dondoc register.
Result<std::unique_ptr<Repository>> open_sqlite(const std::string& path,
                                                const SqliteMemory& memory = {});

// Process-wide, for a program with several threads on SQLite registers (the
// server): SQLite stops counting the memory it holds. The count takes one
// process-wide mutex at every allocation of every connection, which the
// server's event loops contended on (about a tenth of a task detail's CPU).
// Must run before any SQLite register is opened (afterwards: no effect);
// sqlite3_memory_used() then reads 0.
void stop_counting_sqlite_memory();

// Opens (migrating when needed) the register in the PostgreSQL database at
// `url` (postgresql://user:password@host:port/dbname, or
// postgresql:///dbname?host=/run/postgresql for a Unix socket). One
// connection per Repository: cheap enough to open one per server thread.
// A connection lost (the server restarted) fails the call in flight with
// io_error and is re-established by the next call. Errors: io_error when
// the server cannot be reached, corruption when the database holds a newer
// schema.
Result<std::unique_ptr<Repository>> open_postgresql(const std::string& url);

// Opens a register from a `--db` value: a postgresql:// or postgres:// URL
// names a PostgreSQL database, anything else a SQLite file.
Result<std::unique_ptr<Repository>> open_register(const std::string& db,
                                                  const SqliteMemory& memory = {});

// The schema version this build writes.
inline constexpr int k_schema_version = 10;

}  // namespace dondoc::store
