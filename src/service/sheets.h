// The register as spreadsheets (XLSX) for offices: the whole task register
// (the columns `tasks import` reads, so that a register round-trips), one
// unit's task list, and the scorecard of a period. Vietnamese headers,
// dates as real dates (dd/mm/yyyy), a frozen and filtered header row. Text
// is never written as a formula (see write/xlsx.h). Also the scorecard
// itself: the four statuses and the completion rate per unit for a period.
//
// Each function returns the file's bytes, owned by the caller. Not
// thread-safe (uses the RegisterService).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/report_period.h"
#include "service/register_service.h"

namespace dondoc::service {

// The scorecard of a period: each unit's occurrences due in the window, by
// status as of a date, and the totals.
struct Scorecard {
    domain::ReportPeriod period;
    CivilDate as_of;
    std::optional<UnitId> unit;  // the unit (and its sub-units) it covers; none: all
    std::vector<ScoreRow> rows;
    ScoreRow totals;  // the rows summed
};

Result<Scorecard> scorecard(RegisterService& service, const domain::ReportPeriod& period,
                            CivilDate as_of, const std::optional<UnitId>& unit);

// `tasks export --output FILE.xlsx`: the rows of export_tasks_csv.
Result<std::string> register_xlsx(RegisterService& service, CivilDate as_of);

// A unit's tasks (the query's unit with its sub-units) as of the query's date.
Result<std::string> task_list_xlsx(RegisterService& service, const TaskQuery& query);

// One row per unit and a totals row; rates as percentages.
Result<std::string> scorecard_xlsx(const Scorecard& card);

// The sheet names these files use, for readers that pick a sheet.
inline constexpr const char* k_register_sheet = "Sổ theo dõi";
inline constexpr const char* k_task_list_sheet = "Nhiệm vụ";
inline constexpr const char* k_scorecard_sheet = "Kết quả";

}  // namespace dondoc::service
