#include "read/dates.h"

#include <gtest/gtest.h>

namespace dondoc::read {
namespace {

PartialDate pd(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
    return PartialDate{y, m, d};
}

TEST(Dates, NumericForms) {
    EXPECT_EQ(match_numeric_date("14/4/2023", 0)->date, pd(2023, 4, 14));
    EXPECT_EQ(match_numeric_date("02/02/2024", 0)->date, pd(2024, 2, 2));
    EXPECT_EQ(match_numeric_date("01-10-1997", 0)->date, pd(1997, 10, 1));
    EXPECT_EQ(match_numeric_date("05.3.2020", 0)->date, pd(2020, 3, 5));
    auto no_year = match_numeric_date("16/6 hàng năm", 0);
    ASSERT_TRUE(no_year);
    EXPECT_EQ(no_year->date, pd(std::nullopt, 6, 16));
    EXPECT_EQ(no_year->end, 4u);
}

TEST(Dates, RejectsNonDates) {
    EXPECT_FALSE(match_numeric_date("2319/UBND", 0));
    EXPECT_FALSE(match_numeric_date("31/2/2024", 0));
    EXPECT_FALSE(match_numeric_date("13/13/2024", 0));
    EXPECT_FALSE(match_numeric_date("x14/4/2023", 1));
    EXPECT_FALSE(match_numeric_date("16/6/24", 0));  // two-digit year
}

TEST(Dates, WordForms) {
    auto m = match_word_date("ngày 02 tháng 02 năm 2024 của", 0, false);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->date, pd(2024, 2, 2));
    EXPECT_EQ(std::string_view("ngày 02 tháng 02 năm 2024 của").substr(0, m->end),
              "ngày 02 tháng 02 năm 2024");
    EXPECT_EQ(match_word_date("ngày 26 tháng 5 năm 2023", 0, false)->date, pd(2023, 5, 26));
}

TEST(Dates, HeaderBlanks) {
    EXPECT_EQ(match_word_date("ngày tháng 12 năm 2023", 0, true)->date, pd(2023, 12, std::nullopt));
    EXPECT_EQ(match_word_date("ngày   tháng   năm 2024", 0, true)->date,
              pd(2024, std::nullopt, std::nullopt));
    EXPECT_FALSE(match_word_date("ngày tháng 12 năm 2023", 0, false));
}

TEST(Dates, MatchDateWithNgay) {
    EXPECT_EQ(match_date("ngày 14/4/2023 của", 0, true)->date, pd(2023, 4, 14));
    EXPECT_EQ(match_date(" ngày 05 tháng 3 năm 2024", 0, true)->date, pd(2024, 3, 5));
    EXPECT_FALSE(match_date("14/4/2023", 0, true));
    EXPECT_TRUE(match_date("14/4/2023", 0, false));
}

TEST(Dates, IsoAndValidity) {
    EXPECT_EQ(iso_date(Date{2024, 2, 9}), "2024-02-09");
    EXPECT_TRUE(valid_date(2024, 2, 29));
    EXPECT_FALSE(valid_date(2023, 2, 29));
}

}  // namespace
}  // namespace dondoc::read
