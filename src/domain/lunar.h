// The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.
//
// Months start on the day of the new moon; the winter solstice falls in
// month 11; in a 13-month year the first month without a principal solar
// term is the leap month. New moons and solar longitudes are computed from
// the published astronomical method (Meeus), so years where Vietnam's Tết
// differs from China's (UTC+8), such as 2030 and 1985, come out right.
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>

namespace dondoc::domain {

struct LunarDate {
    int year = 0;   // the lunar year that starts at its Tết
    int month = 0;  // 1-12
    int day = 0;    // 1-30
    bool leap = false;
    friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// Supported range: solar years 1900-2199.
LunarDate to_lunar(std::chrono::year_month_day solar);

// The solar date of a lunar date; nullopt when that lunar date does not
// exist (day 30 of a 29-day month, a leap month the year does not have).
std::optional<std::chrono::year_month_day> from_lunar(const LunarDate& lunar);

// Mùng 1 Tết of a lunar year.
std::chrono::year_month_day tet(int lunar_year);

}  // namespace dondoc::domain
