// Conversions of calendar dates: ISO text (the store and the JSON API),
// dd/mm/yyyy (what offices read), and the reader's dates. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "read/record.h"

namespace dondoc::domain {

using CivilDate = std::chrono::year_month_day;

std::string iso(CivilDate date);         // "2024-07-01"
std::string vietnamese(CivilDate date);  // "01/07/2024"
std::optional<CivilDate> parse_iso(
    std::string_view text);  // "2024-07-01"; nullopt if not a real date
// "2024-07-01", "01/07/2024", "1/7/2024"; nullopt otherwise.
std::optional<CivilDate> parse_date(std::string_view text);
CivilDate civil(const read::Date& date);
std::optional<CivilDate> civil(const read::PartialDate& date);  // nullopt unless complete
CivilDate plus_days(CivilDate date, int days);

}  // namespace dondoc::domain
