// The demo directory: Quảng Ngãi's units before and after the 2025
// reorganization, built from the reference data in
// ../shared/data/quang-ngai (units_2024.csv, units_2025.csv; their README
// cites a source for every fact).
//
// What comes from the data and what is derived from it (docs/units.md):
// - every GSO unit of units_2024 (province, districts, communes) under its
//   GSO code, with the former names its notes record as aliases; a unit the
//   notes say was removed ends the day before the resolution took effect
//   (or, when the note gives no date, the day before the first GSO list
//   without it) and gets the unit it was merged into as successor, when the
//   note names one;
// - the provincial bodies; the row of UBND tỉnh adds its names to the province;
// - the district offices, which the data gives only as templates: one
//   office per district for each office organised in every district (not in
//   Huyện Lý Sơn, an exception the data names), and an office "seen at" one
//   district only there ("530-tckh", "Phòng Tài chính - Kế hoạch huyện Sơn
//   Tây"); each office lives as long as its district;
// - the 2025 communes under ids "<code>-2025" (the codes were reused), valid
//   from 2025-07-01, each the successor of the units it was formed_from; the
//   pre-2025 units they replaced, and every district, end on 2025-06-30.
// The returned directory is the caller's; building it touches no files.
#pragma once

#include <chrono>
#include <string_view>

#include "base/error.h"
#include "domain/calendar.h"
#include "domain/directory.h"

namespace dondoc::domain {

// The first day of the 2025 communes (NQ 1677/NQ-UBTVQH15) and of the
// two-level local government.
inline constexpr CivilDate k_reorganized_on{std::chrono::year{2025}, std::chrono::July,
                                            std::chrono::day{1}};

// Appended to a 2025 unit's GSO code to make its id: "21211-2025".
inline constexpr std::string_view k_reorganized_suffix = "-2025";

// Builds the directory from the text of units_2024.csv and units_2025.csv.
// Errors name the file, line and column of the row that does not fit.
Result<Directory> quang_ngai_directory(std::string_view units_2024_csv,
                                       std::string_view units_2025_csv);

}  // namespace dondoc::domain
