#include "domain/deadline_rule.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "read/reader.h"

namespace dondoc::domain {
namespace {

using read::Deadline;
using read::DeadlineKind;
using read::DurationUnit;

constexpr CivilDate ymd(int y, unsigned m, unsigned d) {
    return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

const WorkingCalendar& vn() {
    return WorkingCalendar::vietnam();
}

Deadline make(DeadlineKind kind) {
    Deadline deadline;
    deadline.kind = kind;
    return deadline;
}

Deadline within(int amount, DurationUnit unit) {
    Deadline deadline = make(DeadlineKind::within);
    deadline.amount = amount;
    deadline.unit = unit;
    deadline.from = "ngày nhận";
    return deadline;
}

Deadline yearly(std::optional<int> month, std::optional<int> day,
                std::optional<std::string> period) {
    Deadline deadline = make(DeadlineKind::yearly);
    deadline.month = month;
    deadline.day = day;
    deadline.period_label = std::move(period);
    return deadline;
}

Deadline period(std::optional<int> year) {
    Deadline deadline = make(DeadlineKind::period);
    deadline.year = year;
    return deadline;
}

struct Expected {
    CivilDate due;
    std::string label;
};

void expect_occurrences(const std::vector<Occurrence>& actual,
                        const std::vector<Expected>& expected) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        EXPECT_EQ(actual[i].due, expected[i].due) << i;
        EXPECT_EQ(actual[i].period_label, expected[i].label) << i;
    }
}

std::vector<Occurrence> over(const Deadline& deadline, CivilDate from, CivilDate to,
                             const DeadlineContext& context = {}) {
    return occurrences(deadline, context, from, to, vn());
}

// ---------------------------------------------------------------------------
// One-off deadlines.

TEST(SingleDue, DateKeepsInclusive) {
    Deadline deadline = make(DeadlineKind::date);
    deadline.text = "chậm nhất trước ngày 22/12/2020";
    deadline.date = read::Date{2020, 12, 22};
    deadline.inclusive = false;
    const auto due = single_due(deadline, {}, vn());
    ASSERT_TRUE(due.has_value());
    EXPECT_EQ(due->due, ymd(2020, 12, 22));
    EXPECT_FALSE(due->inclusive);
    EXPECT_EQ(due->period_label, "");
    expect_occurrences(over(deadline, ymd(2020, 1, 1), ymd(2020, 12, 31)),
                       {{ymd(2020, 12, 22), ""}});
    EXPECT_TRUE(over(deadline, ymd(2021, 1, 1), ymd(2021, 12, 31)).empty());
}

TEST(SingleDue, DateThatDoesNotExistHasNoDue) {
    Deadline deadline = make(DeadlineKind::date);
    deadline.date = read::Date{2023, 2, 29};
    EXPECT_EQ(single_due(deadline, {}, vn()), std::nullopt);
    deadline.date.reset();
    EXPECT_EQ(single_due(deadline, {}, vn()), std::nullopt);
}

TEST(SingleDue, WithinWorkingDaysCountsOnTheCalendar) {
    // "trong thời hạn 05 ngày làm việc kể từ ngày nhận", received on Thursday
    // 08/02/2024, the first day of the Tết 2024 break (08/02-14/02).
    const auto due =
        single_due(within(5, DurationUnit::working_day), {ymd(2024, 2, 1), ymd(2024, 2, 8)}, vn());
    ASSERT_TRUE(due.has_value());
    EXPECT_EQ(due->due, ymd(2024, 2, 21));
    EXPECT_TRUE(due->inclusive);
    // 2/9/2025: Friday 29/8 + 1 working day is Wednesday 3/9.
    EXPECT_EQ(
        single_due(within(1, DurationUnit::working_day), {ymd(2025, 8, 29), std::nullopt}, vn())
            ->due,
        ymd(2025, 9, 3));
}

TEST(SingleDue, WithinAnchorsOnReceivedElseIssued) {
    const Deadline days = within(15, DurationUnit::day);
    EXPECT_EQ(single_due(days, {ymd(2024, 3, 1), std::nullopt}, vn())->due, ymd(2024, 3, 16));
    EXPECT_EQ(single_due(days, {ymd(2024, 3, 1), ymd(2024, 3, 5)}, vn())->due, ymd(2024, 3, 20));
    EXPECT_EQ(single_due(days, {std::nullopt, ymd(2024, 3, 5)}, vn())->due, ymd(2024, 3, 20));
    EXPECT_EQ(single_due(days, {}, vn()), std::nullopt);
}

TEST(SingleDue, WithinMonthsKeepsTheDayOrTheMonthsLast) {
    const Deadline one = within(1, DurationUnit::month);
    EXPECT_EQ(single_due(one, {ymd(2024, 1, 31), {}}, vn())->due, ymd(2024, 2, 29));
    EXPECT_EQ(single_due(one, {ymd(2023, 1, 31), {}}, vn())->due, ymd(2023, 2, 28));
    EXPECT_EQ(single_due(within(3, DurationUnit::month), {ymd(2024, 11, 15), {}}, vn())->due,
              ymd(2025, 2, 15));
}

TEST(SingleDue, WithinWithoutAnAmountOrAnAbsurdOneHasNoDue) {
    Deadline deadline = within(5, DurationUnit::day);
    deadline.amount.reset();
    EXPECT_EQ(single_due(deadline, {ymd(2024, 3, 1), {}}, vn()), std::nullopt);
    EXPECT_EQ(single_due(within(-1, DurationUnit::day), {ymd(2024, 3, 1), {}}, vn()), std::nullopt);
    EXPECT_EQ(single_due(within(99999999, DurationUnit::working_day), {ymd(2024, 3, 1), {}}, vn()),
              std::nullopt);
}

TEST(SingleDue, PeriodEndsOnItsLastDay) {
    Deadline quarter = period(2024);
    quarter.quarter = 2;  // "trong quý II năm 2024"
    EXPECT_EQ(single_due(quarter, {}, vn())->due, ymd(2024, 6, 30));
    quarter.quarter = 1;
    EXPECT_EQ(single_due(quarter, {}, vn())->due, ymd(2024, 3, 31));

    Deadline month = period(2024);
    month.month = 2;
    EXPECT_EQ(single_due(month, {}, vn())->due, ymd(2024, 2, 29));

    Deadline half = period(2024);
    half.half = 1;
    EXPECT_EQ(single_due(half, {}, vn())->due, ymd(2024, 6, 30));
    half.half = 2;
    EXPECT_EQ(single_due(half, {}, vn())->due, ymd(2024, 12, 31));

    EXPECT_EQ(single_due(period(2024), {}, vn())->due, ymd(2024, 12, 31));
}

TEST(SingleDue, PeriodYearDefaultsToTheIssueYear) {
    Deadline quarter = period(std::nullopt);
    quarter.quarter = 3;
    EXPECT_EQ(single_due(quarter, {ymd(2025, 5, 12), ymd(2026, 1, 2)}, vn())->due,
              ymd(2025, 9, 30));
    EXPECT_EQ(single_due(quarter, {}, vn()), std::nullopt);
    quarter.quarter = 5;
    EXPECT_EQ(single_due(quarter, {ymd(2025, 5, 12), {}}, vn()), std::nullopt);
}

TEST(SingleDue, RecurrencesAndOngoingHaveNone) {
    EXPECT_EQ(single_due(make(DeadlineKind::ongoing), {ymd(2024, 1, 1), {}}, vn()), std::nullopt);
    EXPECT_EQ(single_due(yearly(6, 16, "6 tháng"), {ymd(2024, 1, 1), {}}, vn()), std::nullopt);
    EXPECT_EQ(single_due(make(DeadlineKind::weekly), {ymd(2024, 1, 1), {}}, vn()), std::nullopt);
    EXPECT_TRUE(over(make(DeadlineKind::ongoing), ymd(2024, 1, 1), ymd(2024, 12, 31)).empty());
}

// ---------------------------------------------------------------------------
// Recurrences.

// Seed 002: "định kỳ 6 tháng (chậm nhất ngày 16/6 hàng năm), 1 năm (chậm
// nhất ngày 16/12 hàng năm)", as the reader records them.
TEST(Occurrences, Seed002YearlyDeadlines) {
    const DeadlineContext context{ymd(2023, 2, 1), std::nullopt};
    std::vector<Occurrence> all =
        over(yearly(6, 16, "6 tháng"), ymd(2023, 1, 1), ymd(2025, 12, 31), context);
    const std::vector<Occurrence> year =
        over(yearly(12, 16, "năm"), ymd(2023, 1, 1), ymd(2025, 12, 31), context);
    all.insert(all.end(), year.begin(), year.end());
    std::sort(all.begin(), all.end(), [](const Occurrence& a, const Occurrence& b) {
        return std::chrono::sys_days{a.due} < std::chrono::sys_days{b.due};
    });
    expect_occurrences(all, {
                                {ymd(2023, 6, 16), "6 tháng đầu năm 2023"},
                                {ymd(2023, 12, 16), "Năm 2023"},
                                {ymd(2024, 6, 16), "6 tháng đầu năm 2024"},
                                {ymd(2024, 12, 16), "Năm 2024"},
                                {ymd(2025, 6, 16), "6 tháng đầu năm 2025"},
                                {ymd(2025, 12, 16), "Năm 2025"},
                            });
}

// The same, from the seed's text through the reader.
TEST(Occurrences, Seed002ThroughTheReader) {
    std::ifstream file(std::string(DONDOC_TEST_DATA) + "/read/seeds/seed_002.txt",
                       std::ios::binary);
    ASSERT_TRUE(file) << "seed_002.txt not found";
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    auto record = read::read_document(text);
    ASSERT_TRUE(record) << record.error().describe();
    std::vector<std::string> labels;
    for (const read::Task& task : record->tasks) {
        for (const Deadline& deadline : task.deadlines) {
            for (const Occurrence& o : over(deadline, ymd(2023, 1, 1), ymd(2025, 12, 31))) {
                labels.push_back(o.period_label);
            }
        }
    }
    std::sort(labels.begin(), labels.end());
    EXPECT_EQ(labels, (std::vector<std::string>{"6 tháng đầu năm 2023", "6 tháng đầu năm 2024",
                                                "6 tháng đầu năm 2025", "Năm 2023", "Năm 2024",
                                                "Năm 2025"}));
}

TEST(Occurrences, YearlyLabels) {
    expect_occurrences(over(yearly(12, 15, "6 tháng"), ymd(2024, 1, 1), ymd(2024, 12, 31)),
                       {{ymd(2024, 12, 15), "6 tháng cuối năm 2024"}});
    expect_occurrences(over(yearly(9, 20, "9 tháng"), ymd(2024, 1, 1), ymd(2024, 12, 31)),
                       {{ymd(2024, 9, 20), "9 tháng năm 2024"}});
    expect_occurrences(over(yearly(4, 15, std::nullopt), ymd(2024, 1, 1), ymd(2024, 12, 31)),
                       {{ymd(2024, 4, 15), "Năm 2024"}});
    // 29/2 in a year without one: the month's last day.
    expect_occurrences(over(yearly(2, 29, "năm"), ymd(2023, 1, 1), ymd(2024, 12, 31)),
                       {{ymd(2023, 2, 28), "Năm 2023"}, {ymd(2024, 2, 29), "Năm 2024"}});
}

TEST(Occurrences, YearlyOnlyInsideTheRange) {
    expect_occurrences(over(yearly(6, 16, "6 tháng"), ymd(2024, 6, 17), ymd(2025, 6, 16)),
                       {{ymd(2025, 6, 16), "6 tháng đầu năm 2025"}});
    EXPECT_TRUE(over(yearly(6, 16, "6 tháng"), ymd(2025, 1, 1), ymd(2024, 1, 1)).empty());
}

// "báo cáo định kỳ 6 tháng / hằng năm" with no day: the last working day of
// each period (30/6/2024 is a Sunday, 31/12/2023 too).
TEST(Occurrences, YearlyWithoutADayFallsOnThePeriodsLastWorkingDay) {
    expect_occurrences(
        over(yearly(std::nullopt, std::nullopt, "6 tháng"), ymd(2024, 1, 1), ymd(2024, 12, 31)),
        {{ymd(2024, 6, 28), "6 tháng đầu năm 2024"}, {ymd(2024, 12, 31), "6 tháng cuối năm 2024"}});
    expect_occurrences(
        over(yearly(std::nullopt, std::nullopt, "năm"), ymd(2023, 1, 1), ymd(2023, 12, 31)),
        {{ymd(2023, 12, 29), "Năm 2023"}});
    expect_occurrences(
        over(yearly(std::nullopt, std::nullopt, "quý"), ymd(2024, 1, 1), ymd(2024, 12, 31)),
        {{ymd(2024, 3, 29), "Quý I/2024"},
         {ymd(2024, 6, 28), "Quý II/2024"},
         {ymd(2024, 9, 30), "Quý III/2024"},
         {ymd(2024, 12, 31), "Quý IV/2024"}});
    expect_occurrences(over(yearly(6, std::nullopt, "6 tháng"), ymd(2024, 1, 1), ymd(2024, 12, 31)),
                       {{ymd(2024, 6, 28), "6 tháng đầu năm 2024"}});
}

TEST(Occurrences, Quarterly) {
    Deadline deadline = make(DeadlineKind::quarterly);
    deadline.text = "chậm nhất vào ngày 20 của tháng cuối quý";
    deadline.day = 20;
    deadline.month_of_quarter = 3;
    const std::vector<Expected> expected = {{ymd(2024, 3, 20), "Quý I/2024"},
                                            {ymd(2024, 6, 20), "Quý II/2024"},
                                            {ymd(2024, 9, 20), "Quý III/2024"},
                                            {ymd(2024, 12, 20), "Quý IV/2024"}};
    expect_occurrences(over(deadline, ymd(2024, 1, 1), ymd(2024, 12, 31)), expected);
    deadline.month_of_quarter.reset();  // the last month by default
    expect_occurrences(over(deadline, ymd(2024, 1, 1), ymd(2024, 12, 31)), expected);

    deadline.day = 15;
    deadline.month_of_quarter = 1;
    expect_occurrences(over(deadline, ymd(2024, 1, 1), ymd(2024, 6, 30)),
                       {{ymd(2024, 1, 15), "Quý I/2024"}, {ymd(2024, 4, 15), "Quý II/2024"}});

    deadline.day.reset();
    deadline.month_of_quarter.reset();
    expect_occurrences(over(deadline, ymd(2024, 1, 1), ymd(2024, 6, 30)),
                       {{ymd(2024, 3, 29), "Quý I/2024"}, {ymd(2024, 6, 28), "Quý II/2024"}});
}

TEST(Occurrences, MonthlyByDay) {
    Deadline deadline = make(DeadlineKind::monthly);
    deadline.day = 20;
    expect_occurrences(over(deadline, ymd(2024, 1, 1), ymd(2024, 3, 31)),
                       {{ymd(2024, 1, 20), "Tháng 1/2024"},
                        {ymd(2024, 2, 20), "Tháng 2/2024"},
                        {ymd(2024, 3, 20), "Tháng 3/2024"}});
    deadline.day = 31;
    expect_occurrences(over(deadline, ymd(2024, 1, 1), ymd(2024, 3, 31)),
                       {{ymd(2024, 1, 31), "Tháng 1/2024"},
                        {ymd(2024, 2, 29), "Tháng 2/2024"},
                        {ymd(2024, 3, 31), "Tháng 3/2024"}});
    // Across a year end, inside the range only.
    deadline.day = 10;
    expect_occurrences(over(deadline, ymd(2024, 12, 11), ymd(2025, 2, 9)),
                       {{ymd(2025, 1, 10), "Tháng 1/2025"}});
}

TEST(Occurrences, MonthlyByWeekday) {
    Deadline deadline = make(DeadlineKind::monthly);
    deadline.text = "thứ Sáu tuần cuối cùng hằng tháng";
    deadline.weekday = 5;
    deadline.week = -1;
    expect_occurrences(over(deadline, ymd(2024, 1, 1), ymd(2024, 3, 31)),
                       {{ymd(2024, 1, 26), "Tháng 1/2024"},
                        {ymd(2024, 2, 23), "Tháng 2/2024"},
                        {ymd(2024, 3, 29), "Tháng 3/2024"}});
    deadline.weekday = 1;
    deadline.week = 2;
    expect_occurrences(over(deadline, ymd(2024, 1, 1), ymd(2024, 3, 31)),
                       {{ymd(2024, 1, 8), "Tháng 1/2024"},
                        {ymd(2024, 2, 12), "Tháng 2/2024"},
                        {ymd(2024, 3, 11), "Tháng 3/2024"}});
    // A fifth Friday the month lacks: its last Friday.
    deadline.weekday = 5;
    deadline.week = 5;
    expect_occurrences(over(deadline, ymd(2024, 2, 1), ymd(2024, 3, 31)),
                       {{ymd(2024, 2, 23), "Tháng 2/2024"}, {ymd(2024, 3, 29), "Tháng 3/2024"}});
}

TEST(Occurrences, MonthlyWithoutADayFallsOnTheLastWorkingDay) {
    expect_occurrences(over(make(DeadlineKind::monthly), ymd(2024, 3, 1), ymd(2024, 3, 31)),
                       {{ymd(2024, 3, 29), "Tháng 3/2024"}});
}

TEST(Occurrences, WeeklyDefaultsToFriday) {
    expect_occurrences(over(make(DeadlineKind::weekly), ymd(2024, 6, 1), ymd(2024, 6, 30)),
                       {{ymd(2024, 6, 7), "Tuần 23/2024"},
                        {ymd(2024, 6, 14), "Tuần 24/2024"},
                        {ymd(2024, 6, 21), "Tuần 25/2024"},
                        {ymd(2024, 6, 28), "Tuần 26/2024"}});
}

TEST(Occurrences, WeeklyOnAGivenDayWithIsoWeekYears) {
    Deadline deadline = make(DeadlineKind::weekly);
    deadline.weekday = 1;  // Monday
    expect_occurrences(over(deadline, ymd(2024, 12, 24), ymd(2025, 1, 7)),
                       {{ymd(2024, 12, 30), "Tuần 1/2025"}, {ymd(2025, 1, 6), "Tuần 2/2025"}});
    deadline.weekday = 7;  // Sunday
    expect_occurrences(over(deadline, ymd(2021, 1, 1), ymd(2021, 1, 5)),
                       {{ymd(2021, 1, 3), "Tuần 53/2020"}});
    deadline.weekday = 8;
    EXPECT_TRUE(over(deadline, ymd(2021, 1, 1), ymd(2021, 1, 31)).empty());
}

TEST(Occurrences, OneOffKindsGiveAtMostOne) {
    const DeadlineContext context{ymd(2024, 2, 1), ymd(2024, 2, 8)};
    expect_occurrences(
        over(within(5, DurationUnit::working_day), ymd(2024, 1, 1), ymd(2024, 12, 31), context),
        {{ymd(2024, 2, 21), ""}});
    EXPECT_TRUE(
        over(within(5, DurationUnit::working_day), ymd(2024, 3, 1), ymd(2024, 12, 31), context)
            .empty());
    Deadline quarter = period(2024);
    quarter.quarter = 2;
    expect_occurrences(over(quarter, ymd(2024, 1, 1), ymd(2024, 12, 31)), {{ymd(2024, 6, 30), ""}});
}

}  // namespace
}  // namespace dondoc::domain
