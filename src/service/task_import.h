// Bringing an existing register in: the task sheet an office keeps in Excel
// or exports from its e-office system, as XLSX (the first sheet or a named
// one) or CSV (UTF-8, comma or semicolon), told apart by content.
//
// Columns are found by their header, in Vietnamese or English (STT, Nội
// dung, Cơ quan chủ trì, Cơ quan phối hợp, Thời hạn, Tình trạng, Ngày hoàn
// thành, Văn bản giao, Đơn vị giao…; task_id, title, assignee_unit, due,
// status, done_ratio, closed_on…), or named with a mapping. A dry run (the
// default) reports what would be created and every row that cannot be
// taken; applying imports all rows in one transaction, or none. Rows are
// keyed by their id in the source: importing the same file again changes
// nothing.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace dondoc::service {

// What a row becomes in the register.
enum class ImportedState {
    open,       // being worked on: tracked against its deadline
    reported,   // reported done, waiting for the tracking office to confirm
    done,       // done and confirmed, on its completion date
    cancelled,  // withdrawn or rejected: kept, not tracked
};

struct ImportOptions {
    bool apply = false;                // false: a dry run, nothing written
    std::string source = "import";     // the register the rows come from; ids are unique within it
    std::optional<std::string> sheet;  // XLSX: the sheet to read (default: the first)
    // Header → field (task_id, clause, title, assigned_by, lead, coordinate,
    // start, due, status, percent, done_on, directive), over the defaults.
    std::map<std::string, std::string> columns;
    // A status word → open, reported, done or cancelled, over the defaults.
    std::map<std::string, ImportedState> statuses;
};

struct ImportProblem {
    std::size_t line = 0;  // in the file, 1-based
    std::string column;    // the header of the cell at fault; empty for the whole row
    std::string message;
};

struct ImportReport {
    std::size_t rows = 0;
    std::size_t created = 0;                       // new tasks (written when applied)
    std::size_t unchanged = 0;                     // imported before under the same key
    std::map<std::string, std::size_t> by_status;  // the source's status words
    std::vector<std::string> ignored_columns;
    std::vector<std::string> unresolved;  // unit names no unit was found for (kept on the task)
    std::vector<ImportProblem> problems;  // any problem: nothing is imported
    bool applied = false;
};

// One "HEADER=field" pair (tasks import --map) or "WORD=state" pair
// (--status-map; open, reported, done or cancelled) added to the options;
// invalid_input with the pair as `where` when it is malformed.
Result<void> add_column_mapping(ImportOptions& options, std::string_view pair);
Result<void> add_status_mapping(ImportOptions& options, std::string_view pair);

// The report as JSON, for `tasks import --json` and the API: rows, created,
// unchanged, applied, by_status, ignored_columns, unresolved (the names),
// problems [{line, column, message}].
nlohmann::json report_json(const ImportReport& report);

// The state a status word means by default ("Closed", "Hoàn thành" → done…).
std::optional<ImportedState> imported_state(std::string_view status);
std::optional<ImportedState> imported_state_from_name(std::string_view name);  // "open"…

}  // namespace dondoc::service
