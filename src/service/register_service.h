// The register's use cases: bring units in, ingest directives, follow tasks,
// and answer the questions an office asks (what is overdue, who is late,
// how did this resolution cascade). Each call is one transaction on the
// repository. Not thread-safe: one service per connection.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "base/error.h"
#include "domain/calendar.h"
#include "domain/directory.h"
#include "domain/enforcement.h"
#include "domain/register.h"
#include "domain/status.h"
#include "read/record.h"
#include "service/task_import.h"
#include "store/repository.h"

namespace dondoc::service {

using domain::CivilDate;
using domain::DocumentId;
using domain::TaskId;
using domain::UnitId;

class ImportProgress;  // task_import.cpp

struct IngestOptions {
    bool confirm = false;                  // accept the proposed tasks at once
    std::optional<CivilDate> received_on;  // when the office received it (default: its date)
    domain::Direction direction = domain::Direction::incoming;
};

struct IngestResult {
    DocumentId document;
    bool already_registered = false;  // the same file (by hash) was ingested before
    bool filled_placeholder = false;  // it had been cited before it arrived
    std::string notation;
    std::vector<TaskId> tasks;
    std::size_t references = 0;
    std::size_t placeholders_created = 0;
    std::vector<std::string> unresolved;  // mentions no unit was found for
    std::vector<std::string> warnings;    // the reader's
    // The task of an implemented document that these tasks carry out: the
    // one task that document gave this document's issuer, when there is one.
    std::optional<TaskId> parent_task;
};

// A task with its status as of a date.
struct TaskView {
    domain::Task task;
    std::string document_notation;
    domain::TaskStatus status = domain::TaskStatus::no_deadline;
    std::optional<CivilDate> due;  // the occurrence the status is about
    std::string period_label;
};

// Where a task's sub-tasks stand (a province task → district sub-tasks →
// commune sub-tasks): the direct ones with their status, and every
// descendant counted by status.
struct Rollup {
    std::vector<TaskView> subtasks;
    std::size_t descendants = 0;
    std::size_t done_on_time = 0;
    std::size_t done_late = 0;
    std::size_t in_progress = 0;  // including due soon
    std::size_t overdue = 0;
    std::size_t no_deadline = 0;
};

struct TaskQuery {
    std::optional<UnitId> unit;  // with its sub-units
    std::optional<domain::TaskStatus> status;
    std::optional<std::string> directive;  // a notation: tasks of that document
    CivilDate as_of;
    bool include_proposed = false;
    std::size_t limit = 0;
};

// What falls due in a window, for a dashboard: the open tasks (in progress,
// due soon or overdue as of the query's date) whose status is about a day
// from `from` to `to`, soonest first, at most `limit`.
struct DueQuery {
    TaskQuery query;  // units and date; its status and limit are not used
    CivilDate from;
    CivilDate to;
    bool reports_only = false;  // recurring reports, or a product that is a report
    std::size_t limit = 10;
};

// What the status of one of a task's occurrences as of a day depends on:
// the reports about it (every report, for a one-off task), the extensions,
// and whether its deadline day counts (a recurring occurrence's always does).
domain::StatusInputs occurrence_inputs(const store::TaskFacts& facts,
                                       const domain::TaskOccurrence& occurrence, CivilDate as_of);

// A page of a task list: how it is ordered and which slice.
enum class TaskSort { id, due, status, document };
struct TaskPageQuery {
    TaskQuery query;
    TaskSort sort = TaskSort::id;
    bool descending = false;
    std::size_t limit = 50;
    std::size_t offset = 0;
};
struct TaskPage {
    std::size_t total = 0;  // in the whole list
    std::vector<TaskView> items;
};

// One row of the register's export (tasks export, CSV or XLSX): the
// columns import_tasks reads back, plus the status as of a date for people.
struct ExportedTask {
    std::string id;  // its key in the register it came from, else its id here
    std::string clause;
    std::string title;
    std::string assigned_by;  // a unit code
    std::string lead;         // unit codes (or names no unit stands for), "; "-separated
    std::string coordinate;
    std::optional<CivilDate> start;
    std::optional<CivilDate> due;  // the first occurrence (a recurring task's first deadline)
    std::string state;  // Đang thực hiện, Chờ xác nhận, Hoàn thành, Đã hủy
    std::optional<CivilDate> done_on;
    std::string directive;  // the document's notation
    std::string status;     // the status label as of the export's date
};

// The export's headers, in column order (the last names the as-of date).
std::vector<std::string> exported_task_headers(CivilDate as_of);

struct ScoreRow {
    UnitId unit;
    std::string unit_name;
    std::size_t assigned = 0;
    std::size_t done_on_time = 0;
    std::size_t done_late = 0;
    std::size_t in_progress = 0;  // including due soon
    std::size_t overdue = 0;
    std::size_t no_deadline = 0;
    // The enforcement acts dated in the window (and by the as-of date) that
    // concern the unit, named or through one of their tasks, each once.
    domain::EnforcementCounts enforcement;
    [[nodiscard]] double completion_rate() const;  // done / (assigned - no_deadline), 0 when none
};

struct ScoreQuery {
    CivilDate as_of;
    std::optional<CivilDate> from;  // occurrences due in [from, to]
    std::optional<CivilDate> to;
    std::optional<UnitId> unit;  // this unit and its sub-units
};

// One node of a cascade tree: a document and what implements it.
struct CascadeNode {
    domain::Document document;
    read::Relation relation = read::Relation::implements;  // towards its parent in the tree
    std::vector<CascadeNode> children;
};

struct Cascade {
    std::vector<domain::Document> upward;  // what the document implements, nearest first
    CascadeNode downward;                  // the document and what implements it, recursively
};

class RegisterService {
  public:
    RegisterService(store::Repository& repository, const domain::WorkingCalendar& calendar);

    // Units from a CSV file's text; returns how many were read.
    Result<std::size_t> import_units(std::string_view csv, std::string_view source);
    // The Quảng Ngãi demo directory (before and after 2025).
    Result<std::size_t> import_demo_units(std::string_view units_2024_csv,
                                          std::string_view units_2025_csv);
    Result<std::vector<domain::Unit>> units();
    // The unit and its sub-units (from the cached directory); not_found for
    // a unit the directory does not have.
    Result<std::vector<UnitId>> unit_and_sub_units(const UnitId& unit);

    // Tasks from another register's CSV sheet (see task_import.h). The
    // report lists every row that cannot be taken; rows are written only
    // with `options.apply` and no problem, all in one transaction.
    Result<ImportReport> import_tasks(std::string_view csv, std::string_view file_name,
                                      const ImportOptions& options);
    // The register's tasks (not the proposed ones) as a CSV sheet with the
    // columns import_tasks reads, Vietnamese headers, dd/mm/yyyy dates, and
    // a last column with each task's status as of `as_of`. Formula-like cells
    // are neutralized (see text/csv.h). Importing it elsewhere round-trips.
    Result<std::string> export_tasks_csv(CivilDate as_of);
    // The same rows, for other formats (service/sheets.h writes them as XLSX).
    Result<std::vector<ExportedTask>> exported_tasks(CivilDate as_of);

    Result<IngestResult> ingest(std::string_view bytes, const std::string& source_name,
                                const IngestOptions& options);

    // Several files in one transaction (much faster than one each); each file
    // is still all-or-nothing: a file that fails leaves nothing behind and
    // the others are kept. One result per file, in order.
    struct SourceFile {
        std::string name;
        std::string bytes;
    };
    std::vector<Result<IngestResult>> ingest_batch(const std::vector<SourceFile>& files,
                                                   const IngestOptions& options);

    Result<std::vector<domain::Document>> documents(std::size_t limit);
    Result<std::vector<domain::Document>> search(const std::string& query, std::size_t limit);
    Result<domain::Document> document_by_notation(const std::string& notation);
    Result<Cascade> cascade(const std::string& notation);

    Result<std::vector<TaskView>> tasks(const TaskQuery& query);
    // One page of the list. In id order without a status filter only the
    // page is loaded and the rest counted by the repository; otherwise every
    // task's status is worked out to filter and sort.
    Result<TaskPage> task_page(const TaskPageQuery& page);
    // Reads only the tasks with something due in the window, in batches, and
    // stops when no later one can come before the last it keeps.
    Result<std::vector<TaskView>> falling_due(const DueQuery& due);
    Result<TaskView> task(TaskId id, CivilDate as_of);
    Result<std::size_t> confirm_tasks(DocumentId document);
    Result<void> confirm_task(TaskId id);
    Result<void> progress(TaskId id, CivilDate on, const std::string& text,
                          std::optional<int> percent);
    Result<std::int64_t> report_done(TaskId id, CivilDate on, const std::string& text);
    // Makes `child` a sub-task of `parent`; refused (conflict) when `parent`
    // is `child` or one of its sub-tasks.
    Result<void> link_subtask(TaskId child, TaskId parent);
    Result<Rollup> rollup(TaskId id, CivilDate as_of);
    Result<void> review(TaskId id, domain::ReviewOutcome outcome, CivilDate on,
                        const std::string& note);
    Result<std::int64_t> request_extension(TaskId id, CivilDate on, CivilDate new_due,
                                           const std::string& reason);
    Result<void> decide_extension(TaskId id, domain::ExtensionDecision decision, CivilDate on);
    Result<std::vector<ScoreRow>> scoreboard(const ScoreQuery& query);

    // A merger: `from` ceased on `on`; its open tasks move to `to`.
    Result<std::size_t> merge_unit(const UnitId& from, const UnitId& to, CivilDate on);

    // Remembers what a mention means (for later documents of that issuer).
    Result<void> map_name(const std::string& mention, const std::optional<UnitId>& issuer,
                          const std::vector<UnitId>& units);

  private:
    // The repository's filter for a task query (the unit with its sub-units).
    Result<store::TaskFilter> task_filter(const TaskQuery& query);
    // The views of loaded tasks as of the query's date: those in its status
    // (in progress includes due soon), up to its limit.
    std::vector<TaskView> views_of(std::vector<store::TaskFacts> facts, const TaskQuery& query);
    // A page of some units' overdue tasks in id order, reading only the
    // page's tasks; nothing when the index and the events disagree.
    Result<std::optional<TaskPage>> overdue_page(const TaskPageQuery& page);
    // A page of some units' active tasks in id order (no status asked),
    // from the occurrence index: the count, the page's ids and their
    // statuses (and periods) come from the units' ranges of the index; only
    // the page's task rows are read. Nothing when a task of the page has an
    // inexact timeline: its status needs its events.
    Result<std::optional<TaskPage>> indexed_page(const TaskPageQuery& page,
                                                 const store::TaskFilter& filter);
    // The views of these tasks, in this order, as of `as_of`: their
    // statuses, dues and periods from the rows of `units` in the occurrence
    // index, the page's task rows without their deadlines. Nothing when a
    // timeline is inexact or the index and the tasks disagree: the caller
    // then reads the events.
    Result<std::optional<std::vector<TaskView>>> views_from_index(const std::vector<TaskId>& ids,
                                                                  const std::vector<UnitId>& units,
                                                                  CivilDate as_of, bool descending);
    Result<void> load_directory();
    // Reads an import's sheet and checks its rows (task_import.cpp): the
    // problems into the report, the rows to write into `rows`, while
    // telling `progress` how far it has come.
    Result<void> check_sheet(std::string_view csv, std::string_view file_name,
                             const ImportOptions& options, ImportReport& report,
                             std::vector<store::TaskHistory>& rows, ImportProgress& progress);
    // A citation of the document being ingested, and what it resolved to.
    struct Cited {
        const read::Reference* reference = nullptr;
        DocumentId document;
        bool placeholder = false;
    };
    Result<Cited> cite(const read::Reference& reference, IngestResult& result);
    Result<void> link_cited_chain(std::string_view bytes, const std::vector<Cited>& cited);
    Result<std::optional<TaskId>> implemented_task(const std::vector<Cited>& cited,
                                                   const std::optional<UnitId>& issuer);
    std::vector<UnitId> unit_with_descendants(const UnitId& unit) const;
    // Whether `document` implements one of `others` (for placing it in a cascade).
    Result<bool> implements_another(DocumentId document, const std::vector<DocumentId>& others);

    store::Repository& m_repository;
    const domain::WorkingCalendar& m_calendar;
    // What a mention resolves to, for the directory loaded (mention, issuer, day).
    const domain::Resolution& resolve(const std::string& mention,
                                      const std::optional<UnitId>& issuer,
                                      std::optional<CivilDate> on);

    std::unique_ptr<domain::Directory> m_directory;  // loaded from the repository on first use
    std::int64_t m_directory_version = 0;            // the repository's when it was loaded
    using ResolutionKey = std::tuple<std::string, std::string, std::int64_t>;
    std::map<ResolutionKey, domain::Resolution> m_resolutions;
};

// "981/UBND" → "981ubnd": notations compare without hyphens, spaces or case.
std::string notation_key(std::string_view notation);

// SHA-256 of bytes, as 64 hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace dondoc::service
