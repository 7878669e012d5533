#include "domain/calendar.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace dondoc::domain {
namespace {

constexpr CivilDate ymd(int y, unsigned m, unsigned d) {
    return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

constexpr std::string_view k_rules_header =
    "id,calendar,month,day,offset,days,name,from_year,to_year,note\n";
constexpr std::string_view k_announced_header = "date,kind,rule,name,note\n";

std::string rules(std::string_view rows) {
    return std::string(k_rules_header) + std::string(rows);
}
std::string announced(std::string_view rows) {
    return std::string(k_announced_header) + std::string(rows);
}

WorkingCalendar build(std::string_view rule_rows, std::string_view announced_rows = {}) {
    auto calendar = WorkingCalendar::from_tables(rules(rule_rows), announced(announced_rows));
    if (!calendar) ADD_FAILURE() << calendar.error().describe();
    return std::move(calendar).value();
}

// The error's text, for checking that it names the table, line and column.
std::string error_of(std::string_view rules_csv, std::string_view announced_csv) {
    auto calendar = WorkingCalendar::from_tables(rules_csv, announced_csv);
    if (calendar) return "no error";
    EXPECT_EQ(calendar.error().code, ErrorCode::invalid_input);
    return calendar.error().describe();
}

const WorkingCalendar& vn() {
    return WorkingCalendar::vietnam();
}

// ---------------------------------------------------------------------------
// The shipped calendar.

TEST(VietnamCalendar, WeekendsAreOffAndWeekdaysWork) {
    EXPECT_EQ(vn().day(ymd(2024, 3, 9)).kind, DayKind::weekend);   // Saturday
    EXPECT_EQ(vn().day(ymd(2024, 3, 10)).kind, DayKind::weekend);  // Sunday
    const DayInfo monday = vn().day(ymd(2024, 3, 11));
    EXPECT_EQ(monday.kind, DayKind::working);
    EXPECT_EQ(monday.name, "");
    EXPECT_TRUE(vn().is_working_day(ymd(2024, 3, 11)));
    EXPECT_FALSE(vn().is_working_day(ymd(2024, 3, 10)));
}

// 2026 as announced (standards.md §5.1-5.2): Tết Dương lịch with the 02/01
// bridge swapped for Saturday 10/01, Tết from 29 tháng Chạp to mùng 4,
// Giỗ Tổ on a Sunday with its nghỉ bù, and Ngày Văn hóa Việt Nam.
TEST(VietnamCalendar, DaysOff2026) {
    struct Expected {
        CivilDate date;
        DayKind kind;
    };
    const std::vector<Expected> expected = {
        {ymd(2026, 1, 1), DayKind::holiday},           {ymd(2026, 1, 2), DayKind::compensatory_off},
        {ymd(2026, 2, 16), DayKind::holiday},          {ymd(2026, 2, 17), DayKind::holiday},
        {ymd(2026, 2, 18), DayKind::holiday},          {ymd(2026, 2, 19), DayKind::holiday},
        {ymd(2026, 2, 20), DayKind::holiday},          {ymd(2026, 4, 26), DayKind::holiday},
        {ymd(2026, 4, 27), DayKind::compensatory_off}, {ymd(2026, 4, 30), DayKind::holiday},
        {ymd(2026, 5, 1), DayKind::holiday},           {ymd(2026, 9, 1), DayKind::holiday},
        {ymd(2026, 9, 2), DayKind::holiday},           {ymd(2026, 11, 24), DayKind::holiday},
    };
    const std::vector<DayInfo> days = vn().days_off(2026);
    ASSERT_EQ(days.size(), expected.size());
    for (std::size_t i = 0; i < days.size(); ++i) {
        EXPECT_EQ(days[i].date, expected[i].date) << i;
        EXPECT_EQ(days[i].kind, expected[i].kind) << i;
        EXPECT_FALSE(days[i].name.empty()) << i;
    }
    EXPECT_EQ(vn().day(ymd(2026, 2, 16)).name, "Tết Nguyên đán");
    EXPECT_EQ(vn().day(ymd(2026, 4, 27)).name, "Nghỉ bù Giỗ Tổ Hùng Vương");
    const DayInfo makeup = vn().day(ymd(2026, 1, 10));
    EXPECT_EQ(makeup.kind, DayKind::makeup_working);
    EXPECT_TRUE(vn().is_working_day(ymd(2026, 1, 10)));
    // Tết 2026 with its weekends: nine days off, 14/02 to 22/02.
    EXPECT_EQ(vn().working_days_between(ymd(2026, 2, 13), ymd(2026, 2, 23)), 1);
}

TEST(VietnamCalendar, CultureDayOnlyFrom2026) {
    EXPECT_TRUE(vn().is_working_day(ymd(2025, 11, 24)));  // a Monday
    EXPECT_FALSE(vn().is_working_day(ymd(2026, 11, 24)));
}

TEST(VietnamCalendar, Tet2024AsAnnounced) {
    for (unsigned d = 8; d <= 14; ++d) {
        EXPECT_EQ(vn().day(ymd(2024, 2, d)).kind, DayKind::holiday) << d;
    }
    EXPECT_TRUE(vn().is_working_day(ymd(2024, 2, 7)));
    EXPECT_TRUE(vn().is_working_day(ymd(2024, 2, 15)));
    // Five working days from Thursday 08/02/2024: 15, 16, 19, 20, 21 February.
    EXPECT_EQ(vn().add_working_days(ymd(2024, 2, 8), 5), ymd(2024, 2, 21));
    EXPECT_EQ(vn().add_working_days(ymd(2024, 2, 7), 1), ymd(2024, 2, 15));
    EXPECT_EQ(vn().working_days_between(ymd(2024, 2, 7), ymd(2024, 2, 15)), 1);
}

TEST(VietnamCalendar, Tet2025AsAnnounced) {
    for (unsigned d = 27; d <= 31; ++d) {
        EXPECT_EQ(vn().day(ymd(2025, 1, d)).kind, DayKind::holiday) << d;
    }
    EXPECT_EQ(vn().day(ymd(2025, 2, 1)).kind, DayKind::weekend);  // mùng 4, a Saturday
    EXPECT_TRUE(
        vn().is_working_day(ymd(2025, 2, 3)));  // no nghỉ bù: the announced days replace the rule
    EXPECT_EQ(vn().add_working_days(ymd(2025, 1, 24), 1), ymd(2025, 2, 3));
    EXPECT_EQ(vn().working_days_between(ymd(2025, 1, 24), ymd(2025, 2, 3)), 1);
}

TEST(VietnamCalendar, VictoryAndLabourDaySwaps) {
    // 2024: Monday 29/4 off, Saturday 04/5 worked.
    EXPECT_EQ(vn().day(ymd(2024, 4, 29)).kind, DayKind::compensatory_off);
    EXPECT_EQ(vn().day(ymd(2024, 5, 4)).kind, DayKind::makeup_working);
    // Friday 26/4 to Saturday 04/5: Thursday 2/5, Friday 3/5 and the make-up Saturday.
    EXPECT_EQ(vn().working_days_between(ymd(2024, 4, 26), ymd(2024, 5, 4)), 3);
    EXPECT_EQ(vn().add_working_days(ymd(2024, 4, 26), 1), ymd(2024, 5, 2));
    // 2025: Friday 02/5 off, Saturday 26/4 worked.
    EXPECT_EQ(vn().day(ymd(2025, 5, 2)).kind, DayKind::compensatory_off);
    EXPECT_EQ(vn().day(ymd(2025, 4, 26)).kind, DayKind::makeup_working);
    EXPECT_EQ(vn().add_working_days(ymd(2025, 4, 25), 1), ymd(2025, 4, 26));
    EXPECT_EQ(vn().add_working_days(ymd(2025, 4, 29), 1), ymd(2025, 5, 5));
}

TEST(VietnamCalendar, NationalDay2024) {
    // Friday 30/8/2024; 2/9 (Monday) and 3/9 (Tuesday) off.
    EXPECT_EQ(vn().day(ymd(2024, 9, 2)).kind, DayKind::holiday);
    EXPECT_EQ(vn().day(ymd(2024, 9, 3)).kind, DayKind::holiday);
    EXPECT_EQ(vn().add_working_days(ymd(2024, 8, 30), 1), ymd(2024, 9, 4));
    EXPECT_EQ(vn().day(ymd(2024, 9, 1)).kind, DayKind::weekend);
}

TEST(VietnamCalendar, NationalDay2025) {
    // 2/9/2025 is a Tuesday; Monday 1/9 is the adjacent day off.
    EXPECT_EQ(vn().day(ymd(2025, 9, 1)).kind, DayKind::holiday);
    EXPECT_EQ(vn().day(ymd(2025, 9, 2)).kind, DayKind::holiday);
    EXPECT_TRUE(vn().is_working_day(ymd(2025, 8, 29)));
    EXPECT_TRUE(vn().is_working_day(ymd(2025, 9, 3)));
    EXPECT_EQ(vn().add_working_days(ymd(2025, 8, 29), 1), ymd(2025, 9, 3));
    EXPECT_EQ(vn().add_working_days(ymd(2025, 8, 28), 2), ymd(2025, 9, 3));
    EXPECT_EQ(vn().working_days_between(ymd(2025, 8, 29), ymd(2025, 9, 3)), 1);
    EXPECT_EQ(vn().working_days_between(ymd(2025, 9, 3), ymd(2025, 8, 29)), -1);
    EXPECT_EQ(vn().add_working_days(ymd(2025, 9, 3), -1), ymd(2025, 8, 29));
}

TEST(VietnamCalendar, WorkingDaysBetweenCountsTheHalfOpenRange) {
    EXPECT_EQ(vn().working_days_between(ymd(2024, 3, 11), ymd(2024, 3, 11)), 0);
    EXPECT_EQ(vn().working_days_between(ymd(2024, 3, 11), ymd(2024, 3, 12)), 1);
    EXPECT_EQ(vn().working_days_between(ymd(2024, 3, 8), ymd(2024, 3, 11)), 1);  // over a weekend
    EXPECT_EQ(vn().working_days_between(ymd(2024, 3, 9), ymd(2024, 3, 10)), 0);
    EXPECT_EQ(vn().add_working_days(ymd(2024, 3, 11), 0), ymd(2024, 3, 11));
}

// The counting shortcut in working_days_between agrees with stepping day by
// day over years full of holidays, swaps and make-up days.
TEST(VietnamCalendar, WorkingDaysBetweenAgreesWithAddWorkingDays) {
    const CivilDate start = ymd(2023, 12, 29);
    for (int n = 1; n <= 800; n += 7) {
        const CivilDate end = vn().add_working_days(start, n);
        EXPECT_EQ(vn().working_days_between(start, end), n) << n;
        EXPECT_EQ(vn().add_working_days(end, -n), start) << n;
    }
}

// ---------------------------------------------------------------------------
// Rules and announcements from tables.

TEST(CalendarTables, DefaultTetRuleWithoutAnnouncement) {
    // Tết 2024 by the default rule alone: 30 Tết (Friday 09/02) to mùng 4
    // (Tuesday 13/02); mùng 1 and mùng 2 fall on the weekend, so Wednesday
    // and Thursday are nghỉ bù.
    const WorkingCalendar calendar = build("tet,lunar,1,1,-1,5,Tết Nguyên đán,2021,,\n");
    EXPECT_TRUE(calendar.is_working_day(ymd(2024, 2, 8)));
    for (unsigned d = 9; d <= 13; ++d) {
        EXPECT_EQ(calendar.day(ymd(2024, 2, d)).kind, DayKind::holiday) << d;
    }
    EXPECT_EQ(calendar.day(ymd(2024, 2, 14)).kind, DayKind::compensatory_off);
    EXPECT_EQ(calendar.day(ymd(2024, 2, 15)).kind, DayKind::compensatory_off);
    EXPECT_EQ(calendar.day(ymd(2024, 2, 15)).name, "Nghỉ bù Tết Nguyên đán");
    EXPECT_TRUE(calendar.is_working_day(ymd(2024, 2, 16)));
    // The 2026 default matches the days the Government chose.
    EXPECT_EQ(calendar.day(ymd(2026, 2, 16)).kind, DayKind::holiday);
    EXPECT_EQ(calendar.day(ymd(2026, 2, 20)).kind, DayKind::holiday);
    EXPECT_TRUE(calendar.is_working_day(ymd(2026, 2, 23)));
}

TEST(CalendarTables, CompensatoryDaySkipsHolidaysAndOtherCompensatoryDays) {
    // 30/4 and 1/5/2022 are Saturday and Sunday: Monday and Tuesday off.
    const WorkingCalendar calendar = build(
        "victory,solar,4,30,0,1,Ngày Chiến thắng,2021,,\n"
        "labour,solar,5,1,0,1,Ngày Quốc tế Lao động,2021,,\n");
    EXPECT_EQ(calendar.day(ymd(2022, 5, 2)).name, "Nghỉ bù Ngày Chiến thắng");
    EXPECT_EQ(calendar.day(ymd(2022, 5, 3)).name, "Nghỉ bù Ngày Quốc tế Lao động");
    EXPECT_TRUE(calendar.is_working_day(ymd(2022, 5, 4)));
    EXPECT_EQ(calendar.days_off(2022).size(), 4u);
}

TEST(CalendarTables, YearRangeOfARule) {
    const WorkingCalendar calendar = build("culture,solar,11,24,0,1,Ngày Văn hóa,2026,2027,note\n");
    EXPECT_TRUE(calendar.is_working_day(ymd(2025, 11, 24)));
    EXPECT_FALSE(calendar.is_working_day(ymd(2026, 11, 24)));
    EXPECT_FALSE(calendar.is_working_day(ymd(2027, 11, 24)));
    EXPECT_TRUE(calendar.is_working_day(ymd(2028, 11, 24)));
}

TEST(CalendarTables, AnnouncedHolidayDaysReplaceTheRuleForThatYearOnly) {
    const WorkingCalendar calendar = build("national_day,solar,9,2,0,2,Quốc khánh,2021,,\n",
                                           "2025-09-01,holiday,national_day,Quốc khánh,\n"
                                           "2025-09-02,holiday,national_day,Quốc khánh,\n");
    EXPECT_FALSE(calendar.is_working_day(ymd(2025, 9, 1)));
    EXPECT_TRUE(calendar.is_working_day(ymd(2025, 9, 3)));   // the rule's default, replaced
    EXPECT_FALSE(calendar.is_working_day(ymd(2026, 9, 3)));  // the default still holds in 2026
}

TEST(CalendarTables, AnnouncedWorkOverridesRulesAndWeekends) {
    const WorkingCalendar calendar = build("new_year,solar,1,1,0,1,Tết Dương lịch,2021,,\n",
                                           "2026-01-01,work,,Làm việc,\n"
                                           "2026-01-03,work,new_year,Làm bù,\n");
    EXPECT_EQ(calendar.day(ymd(2026, 1, 1)).kind, DayKind::working);
    EXPECT_EQ(calendar.day(ymd(2026, 1, 3)).kind, DayKind::makeup_working);
    EXPECT_TRUE(calendar.days_off(2026).empty());
}

TEST(CalendarTables, QuotedFieldsCommentsBlankLinesCrlfAndBom) {
    const std::string rules_csv =
        "\xEF\xBB\xBF# a comment\r\n"
        "\r\n" +
        std::string(k_rules_header.substr(0, k_rules_header.size() - 1)) +
        "\r\n"
        "gio_to, lunar, 3, 10, 0, 1,\"Giỗ Tổ, \"\"Hùng Vương\"\"\",2021,,\"two\nlines\"\r\n";
    auto calendar = WorkingCalendar::from_tables(rules_csv, k_announced_header);
    ASSERT_TRUE(calendar) << calendar.error().describe();
    EXPECT_EQ(calendar->day(ymd(2024, 4, 18)).name, "Giỗ Tổ, \"Hùng Vương\"");
}

TEST(CalendarTables, DecomposedTextIsNormalized) {
    // "Tết" with the tone mark as a combining character.
    const WorkingCalendar calendar = build("new_year,solar,1,1,0,1,Te\xCC\x82\xCC\x81t,2021,,\n");
    EXPECT_EQ(calendar.day(ymd(2024, 1, 1)).name, "Tết");
}

TEST(CalendarTables, EmptyTablesGiveOnlyWeekends) {
    const WorkingCalendar calendar = build("");
    EXPECT_TRUE(calendar.is_working_day(ymd(2024, 1, 1)));
    EXPECT_TRUE(calendar.days_off(2024).empty());
}

// ---------------------------------------------------------------------------
// Errors name the table, line and column.

TEST(CalendarTableErrors, BadCalendarKind) {
    EXPECT_EQ(error_of(rules("tet,chinese,1,1,-1,5,Tết,2021,,\n"), k_announced_header),
              "calendar: expected solar or lunar (found \"chinese\") (rules.csv line 2, column 5)");
}

TEST(CalendarTableErrors, NumbersOutOfRange) {
    EXPECT_EQ(error_of(rules("x,solar,13,1,0,1,X,2021,,\n"), k_announced_header),
              "month: expected a number from 1 to 12 (found \"13\") (rules.csv line 2, column 9)");
    EXPECT_EQ(error_of(rules("x,solar,2,30,0,1,X,2021,,\n"), k_announced_header),
              "day: expected a number from 1 to 29 (found \"30\") (rules.csv line 2, column 11)");
    EXPECT_EQ(error_of(rules("x,solar,1,1,0,1,X,2021,2020,\n"), k_announced_header),
              "to_year: expected a number from 2021 to 2199 (found \"2020\") (rules.csv line 2, "
              "column 24)");
    EXPECT_EQ(error_of(rules("x,solar,1,1,0,1x,X,2021,,\n"), k_announced_header),
              "days: expected a whole number (found \"1x\") (rules.csv line 2, column 15)");
}

TEST(CalendarTableErrors, ColumnsCountCodePoints) {
    // "Tết" is 3 code points in 5 bytes: from_year starts at column 24, byte 26.
    EXPECT_EQ(error_of(rules("tet,lunar,1,1,-1,5,Tết,20x1,,\n"), k_announced_header),
              "from_year: expected a whole number (found \"20x1\") (rules.csv line 2, column 24)");
}

TEST(CalendarTableErrors, OverlappingRulesForOneHoliday) {
    EXPECT_EQ(error_of(rules("x,solar,1,1,0,1,X,2021,2025,\nx,solar,1,2,0,1,X,2025,,\n"),
                       k_announced_header),
              "id: rule already covers some of these years on line 2 (found \"x\") (rules.csv "
              "line 3, column 1)");
}

TEST(CalendarTableErrors, WrongHeaderAndFieldCount) {
    EXPECT_EQ(error_of("id,calendar\n", k_announced_header),
              "header is \"id,calendar\", expected \"" +
                  std::string(k_rules_header.substr(0, k_rules_header.size() - 1)) +
                  "\" (rules.csv line 1, column 1)");
    EXPECT_EQ(error_of("# only a comment\n", k_announced_header),
              "no header row (expected \"" +
                  std::string(k_rules_header.substr(0, k_rules_header.size() - 1)) +
                  "\") (rules.csv)");
    EXPECT_EQ(error_of(rules("x,solar,1,1\n"), k_announced_header),
              "row has 4 fields, expected 10 (rules.csv line 2, column 1)");
}

TEST(CalendarTableErrors, QuotesAndLineEnds) {
    EXPECT_EQ(error_of(rules("x,solar,1,1,0,1,\"X,2021,,\n"), k_announced_header),
              "quoted field is never closed (rules.csv line 2, column 17)");
    EXPECT_EQ(error_of(rules("x,solar,1,1,0,1,\"X\"Y,2021,,\n"), k_announced_header),
              "text after the closing quote of a field (rules.csv line 2, column 20)");
    EXPECT_EQ(error_of(rules("x,solar,1,1,0,1,X\"Y,2021,,\n"), k_announced_header),
              "a quote inside an unquoted field (quote the whole field) (rules.csv line 2, column "
              "18)");
    EXPECT_EQ(error_of(rules("x,solar,1,1,0,1,X,2021,,\rnote\n"), k_announced_header),
              "carriage return without a line feed (rules.csv line 2, column 25)");
}

TEST(CalendarTableErrors, AnnouncedRows) {
    const std::string one_rule = rules("tet,lunar,1,1,-1,5,Tết,2021,,\n");
    EXPECT_EQ(error_of(one_rule, announced("2024-02-30,off,,X,\n")),
              "date: expected a date YYYY-MM-DD, 1900-2199 (found \"2024-02-30\") (announced.csv "
              "line 2, column 1)");
    EXPECT_EQ(error_of(one_rule, announced("2024-02-08,nghỉ,,X,\n")),
              "kind: expected holiday, off or work (found \"nghỉ\") (announced.csv line 2, column "
              "12)");
    EXPECT_EQ(error_of(one_rule, announced("2024-02-08,holiday,,X,\n")),
              "rule: a holiday row names the rule whose days it replaces (found \"\") "
              "(announced.csv line 2, column 20)");
    EXPECT_EQ(error_of(one_rule, announced("2024-02-08,holiday,tet_am,X,\n")),
              "rule: no rule with this id in rules.csv (found \"tet_am\") (announced.csv line 2, "
              "column 20)");
    EXPECT_EQ(error_of(one_rule, announced("2024-02-08,off,,X,\n2024-02-08,work,,Y,\n")),
              "date: date already announced on line 2 (found \"2024-02-08\") (announced.csv line "
              "3, column 1)");
    EXPECT_EQ(error_of(one_rule, announced("2024-02-08,off,,,\n")),
              "name: must not be empty (found \"\") (announced.csv line 2, column 17)");
}

TEST(CalendarTableErrors, InvalidUtf8NamesTheByte) {
    const std::string error = error_of(rules("x,solar,1,1,0,1,\xC3,2021,,\n"), k_announced_header);
    EXPECT_NE(error.find("rules.csv byte"), std::string::npos) << error;
}

TEST(CalendarTableErrors, SizeAndFieldLimits) {
    const std::string huge = rules(std::string((1 << 20) + 1, '#'));
    EXPECT_EQ(error_of(huge, k_announced_header), "table larger than 1048576 bytes (rules.csv)");
    EXPECT_EQ(error_of(rules(std::string(40, ',') + "\n"), k_announced_header),
              "more than 32 fields in a row (rules.csv line 2, column 33)");
}

}  // namespace
}  // namespace dondoc::domain
