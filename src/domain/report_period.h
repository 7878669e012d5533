// A reporting period as offices name them: a quarter ("2024-Q2", quý II), a
// half-year ("2024-H1", 6 tháng đầu năm; "2024-H2", 6 tháng cuối năm) or a
// year ("2024"). The window is the calendar one (01/04–30/06 for Q2): the
// scorecard counts the deadlines that fall in it. (Decree 09/2019's data
// windows, 15/12–14/3 for Q1, are for statistics sent up, not for which
// deadlines a period owns.) Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/civil_date.h"

namespace dondoc::domain {

struct ReportPeriod {
    CivilDate from;
    CivilDate to;
    std::string name;   // "2024-Q2", as parsed
    std::string label;  // "quý II năm 2024", "6 tháng đầu năm 2024", "năm 2024"
};

// "2024-Q2", "2024-q2", "2024-H1", "2024"; nullopt otherwise (years 1900–9999).
std::optional<ReportPeriod> parse_report_period(std::string_view text);

// A window given by its dates: "từ ngày 01/01/2024 đến ngày 30/06/2024".
ReportPeriod custom_period(CivilDate from, CivilDate to);

}  // namespace dondoc::domain
