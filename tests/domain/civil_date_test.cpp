#include "domain/civil_date.h"

#include <gtest/gtest.h>

namespace dondoc::domain {
namespace {

CivilDate ymd(int y, unsigned m, unsigned d) {
    return CivilDate{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

TEST(CivilDate, IsoIsZeroPaddedAndReadsBack) {
    EXPECT_EQ(iso(ymd(2024, 7, 1)), "2024-07-01");
    EXPECT_EQ(iso(ymd(2023, 12, 31)), "2023-12-31");
    EXPECT_EQ(iso(ymd(987, 1, 9)), "0987-01-09");
    EXPECT_EQ(iso(ymd(0, 1, 1)), "0000-01-01");
    EXPECT_EQ(iso(ymd(9999, 12, 31)), "9999-12-31");
    for (const auto date : {ymd(2024, 2, 29), ymd(1900, 3, 1), ymd(2100, 10, 10)})
        EXPECT_EQ(parse_iso(iso(date)), date);
}

TEST(CivilDate, VietnameseIsDayMonthYear) {
    EXPECT_EQ(vietnamese(ymd(2024, 7, 1)), "01/07/2024");
    EXPECT_EQ(vietnamese(ymd(2023, 12, 31)), "31/12/2023");
    EXPECT_EQ(vietnamese(ymd(987, 1, 9)), "09/01/0987");
}

TEST(CivilDate, YearsBeyondFourDigitsAreWrittenWhole) {
    EXPECT_EQ(iso(ymd(12345, 6, 7)), "12345-06-07");
    EXPECT_EQ(iso(ymd(-1, 6, 7)), "-001-06-07");
    EXPECT_EQ(vietnamese(ymd(12345, 6, 7)), "07/06/12345");
}

}  // namespace
}  // namespace dondoc::domain
