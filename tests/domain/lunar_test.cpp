#include "domain/lunar.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>

namespace dondoc::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
    return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

// Mùng 1 Tết and Giỗ Tổ (10/3) for 2020-2030: ../shared/spec/standards.md §5.3,
// the Tết dates of 2023-2026 and Giỗ Tổ 2024-2026 checked against official
// holiday schedules there.
struct YearCase {
    int year;
    std::chrono::year_month_day tet;
    std::chrono::year_month_day gio_to;
};

constexpr YearCase k_years[] = {
    {2020, ymd(2020, 1, 25), ymd(2020, 4, 2)},  {2021, ymd(2021, 2, 12), ymd(2021, 4, 21)},
    {2022, ymd(2022, 2, 1), ymd(2022, 4, 10)},  {2023, ymd(2023, 1, 22), ymd(2023, 4, 29)},
    {2024, ymd(2024, 2, 10), ymd(2024, 4, 18)}, {2025, ymd(2025, 1, 29), ymd(2025, 4, 7)},
    {2026, ymd(2026, 2, 17), ymd(2026, 4, 26)}, {2027, ymd(2027, 2, 6), ymd(2027, 4, 16)},
    {2028, ymd(2028, 1, 26), ymd(2028, 4, 4)},  {2029, ymd(2029, 2, 13), ymd(2029, 4, 23)},
    {2030, ymd(2030, 2, 2), ymd(2030, 4, 12)},
};

TEST(Lunar, TetAndGioToMatchTheReferenceTable) {
    for (const YearCase& c : k_years) {
        SCOPED_TRACE(c.year);
        EXPECT_EQ(tet(c.year), c.tet);
        EXPECT_EQ(to_lunar(c.tet), (LunarDate{c.year, 1, 1, false}));
        EXPECT_EQ(from_lunar(LunarDate{c.year, 3, 10, false}), c.gio_to);
        EXPECT_EQ(to_lunar(c.gio_to), (LunarDate{c.year, 3, 10, false}));
    }
}

// Years where UTC+7 and China's UTC+8 disagree: a converter written for
// China fails these.
TEST(Lunar, TetInYearsWhereVietnamDiffersFromChina) {
    EXPECT_EQ(tet(1985), ymd(1985, 1, 21));  // China: 20/02/1985
    EXPECT_EQ(tet(2007), ymd(2007, 2, 17));  // China: 18/02/2007
    EXPECT_EQ(tet(2030), ymd(2030, 2, 2));   // China: 03/02/2030
    EXPECT_EQ(tet(2053), ymd(2053, 2, 18));  // China: 19/02/2053
}

TEST(Lunar, SupportedRangeEnds) {
    EXPECT_EQ(tet(1900), ymd(1900, 1, 31));
    EXPECT_EQ(tet(2199), ymd(2199, 1, 26));
    EXPECT_EQ(to_lunar(ymd(1900, 1, 1)), (LunarDate{1899, 12, 1, false}));
}

TEST(Lunar, LeapMonths) {
    struct Leap {
        int year;
        int month;
        std::chrono::year_month_day first_day;
    };
    constexpr Leap k_leaps[] = {
        {2020, 4, ymd(2020, 5, 23)}, {2023, 2, ymd(2023, 3, 22)},   {2025, 6, ymd(2025, 7, 25)},
        {2028, 5, ymd(2028, 6, 23)}, {2033, 11, ymd(2033, 12, 22)},  // the "2033 problem": a leap
                                                                     // month after the solstice
    };
    for (const Leap& leap : k_leaps) {
        SCOPED_TRACE(leap.year);
        EXPECT_EQ(from_lunar(LunarDate{leap.year, leap.month, 1, true}), leap.first_day);
        EXPECT_EQ(to_lunar(leap.first_day), (LunarDate{leap.year, leap.month, 1, true}));
        // The ordinary month of the same number comes just before.
        const auto ordinary = from_lunar(LunarDate{leap.year, leap.month, 1, false});
        ASSERT_TRUE(ordinary.has_value());
        EXPECT_LT(sys_days{*ordinary}, sys_days{leap.first_day});
    }
}

TEST(Lunar, LeapMonthTheYearDoesNotHaveIsNullopt) {
    EXPECT_EQ(from_lunar(LunarDate{2024, 4, 1, true}), std::nullopt);  // 2024 has no leap month
    EXPECT_EQ(from_lunar(LunarDate{2025, 5, 1, true}), std::nullopt);  // 2025's is month 6
    EXPECT_EQ(from_lunar(LunarDate{2025, 7, 1, true}), std::nullopt);
    EXPECT_EQ(from_lunar(LunarDate{2020, 11, 1, true}), std::nullopt);
}

TEST(Lunar, DaysAMonthDoesNotHaveAreNullopt) {
    // Ất Tỵ ends on 29 tháng Chạp (16/02/2026): there is no 30 Tết.
    EXPECT_EQ(from_lunar(LunarDate{2025, 12, 29, false}), ymd(2026, 2, 16));
    EXPECT_EQ(to_lunar(ymd(2026, 2, 16)), (LunarDate{2025, 12, 29, false}));
    EXPECT_EQ(from_lunar(LunarDate{2025, 12, 30, false}), std::nullopt);
    // Quý Mão did end on the 30th (09/02/2024).
    EXPECT_EQ(from_lunar(LunarDate{2023, 12, 30, false}), ymd(2024, 2, 9));
    EXPECT_EQ(from_lunar(LunarDate{2024, 13, 1, false}), std::nullopt);
    EXPECT_EQ(from_lunar(LunarDate{2024, 0, 1, false}), std::nullopt);
    EXPECT_EQ(from_lunar(LunarDate{2024, 1, 0, false}), std::nullopt);
    EXPECT_EQ(from_lunar(LunarDate{2024, 1, 31, false}), std::nullopt);
}

TEST(Lunar, MonthsElevenAndTwelveBelongToTheEndingYear) {
    EXPECT_EQ(to_lunar(ymd(2024, 1, 1)), (LunarDate{2023, 11, 20, false}));
    EXPECT_EQ(to_lunar(ymd(2026, 1, 19)), (LunarDate{2025, 12, 1, false}));
    EXPECT_EQ(from_lunar(LunarDate{2025, 11, 1, false}), ymd(2025, 12, 20));
}

// Every day of whole years converts to a lunar date and back; consecutive
// days are consecutive lunar days, months are 29 or 30 days, and a lunar
// year has 12 or 13 months.
TEST(Lunar, RoundTripsOverWholeYears) {
    const sys_days first{ymd(2019, 1, 1)};
    const sys_days last{ymd(2031, 12, 31)};
    LunarDate previous = to_lunar(std::chrono::year_month_day{first - days{1}});
    std::optional<int> months_since_tet;  // unknown until the first Tết in range
    for (sys_days day = first; day <= last; day += days{1}) {
        const std::chrono::year_month_day solar{day};
        const LunarDate lunar = to_lunar(solar);
        ASSERT_EQ(from_lunar(lunar), solar)
            << int{solar.year()} << "-" << unsigned{solar.month()} << "-" << unsigned{solar.day()};
        if (lunar.day == 1) {
            ASSERT_GE(previous.day, 29);
            ASSERT_LE(previous.day, 30);
            if (lunar.month == 1 && !lunar.leap) {
                ASSERT_EQ(lunar.year, previous.year + 1);
                if (months_since_tet) {
                    ASSERT_TRUE(*months_since_tet == 11 || *months_since_tet == 12) << lunar.year;
                }
                months_since_tet = 0;
            } else if (months_since_tet) {
                ++*months_since_tet;
            }
        } else {
            ASSERT_EQ(lunar.day, previous.day + 1);
            ASSERT_EQ(lunar.month, previous.month);
            ASSERT_EQ(lunar.leap, previous.leap);
        }
        previous = lunar;
    }
}

}  // namespace
}  // namespace dondoc::domain
