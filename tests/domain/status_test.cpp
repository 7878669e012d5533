// The Government's status model, as of any date.
#include "domain/status.h"

#include <gtest/gtest.h>

#include "domain/civil_date.h"

namespace dondoc::domain {
namespace {

CivilDate d(const char* iso_text) {
    return *parse_iso(iso_text);
}

CompletionReport report(const char* on, std::optional<ReviewOutcome> outcome,
                        const char* reviewed) {
    CompletionReport r;
    r.reported_on = d(on);
    r.outcome = outcome;
    if (reviewed) r.reviewed_on = d(reviewed);
    return r;
}

TaskStatus status(std::optional<CivilDate> due, bool inclusive,
                  const std::vector<CompletionReport>& reports,
                  const std::vector<Extension>& extensions, const char* as_of) {
    const auto& calendar = WorkingCalendar::vietnam();
    return status_as_of(inputs_as_of(due, inclusive, reports, extensions, d(as_of)), d(as_of),
                        calendar);
}

TEST(Status, FourGovernmentStatesAndDueSoon) {
    const auto due = d("2024-03-15");  // a Friday
    EXPECT_EQ(status(due, true, {}, {}, "2024-03-01"), TaskStatus::in_progress);
    EXPECT_EQ(status(due, true, {}, {}, "2024-03-13"), TaskStatus::due_soon);
    EXPECT_EQ(status(due, true, {}, {}, "2024-03-15"), TaskStatus::due_soon);
    EXPECT_EQ(status(due, true, {}, {}, "2024-03-16"), TaskStatus::overdue);
    const std::vector on_time{report("2024-03-14", ReviewOutcome::confirmed, "2024-03-18")};
    EXPECT_EQ(status(due, true, on_time, {}, "2024-03-20"), TaskStatus::done_on_time);
    const std::vector late{report("2024-03-20", ReviewOutcome::confirmed, "2024-03-21")};
    EXPECT_EQ(status(due, true, late, {}, "2024-03-25"), TaskStatus::done_late);
    EXPECT_EQ(status(std::nullopt, true, {}, {}, "2024-03-25"), TaskStatus::no_deadline);
}

TEST(Status, SnapshotsOfThePastDoNotSeeLaterEvents) {
    const auto due = d("2024-03-15");
    const std::vector confirmed_later{report("2024-03-14", ReviewOutcome::confirmed, "2024-03-25")};
    // Reported on time, confirmed after the deadline: before the confirmation it
    // was overdue; after it, done on time.
    EXPECT_EQ(status(due, true, confirmed_later, {}, "2024-03-20"), TaskStatus::overdue);
    EXPECT_EQ(status(due, true, confirmed_later, {}, "2024-03-25"), TaskStatus::done_on_time);
}

TEST(Status, ReturnedReportCountsAsNotDone) {
    const auto due = d("2024-03-15");
    const std::vector returned{report("2024-03-14", ReviewOutcome::returned, "2024-03-15")};
    EXPECT_EQ(status(due, true, returned, {}, "2024-03-18"), TaskStatus::overdue);
    const std::vector pending{report("2024-03-14", std::nullopt, nullptr)};
    EXPECT_EQ(status(due, true, pending, {}, "2024-03-18"), TaskStatus::overdue);
}

TEST(Status, BeforeDateIsExclusive) {
    // "trước ngày 22/12/2020": the 22nd is already late.
    const auto due = d("2020-12-22");
    const std::vector on_the_day{report("2020-12-22", ReviewOutcome::confirmed, "2020-12-22")};
    EXPECT_EQ(status(due, false, on_the_day, {}, "2020-12-23"), TaskStatus::done_late);
    EXPECT_EQ(status(due, true, on_the_day, {}, "2020-12-23"), TaskStatus::done_on_time);
    EXPECT_EQ(status(due, false, {}, {}, "2020-12-22"), TaskStatus::overdue);
}

TEST(Status, ApprovedExtensionMovesTheDeadlineFromItsDecision) {
    const auto due = d("2024-03-15");
    Extension approved;
    approved.new_due = d("2024-04-15");
    approved.decision = ExtensionDecision::approved;
    approved.decided_on = d("2024-03-20");
    EXPECT_EQ(status(due, true, {}, {approved}, "2024-03-18"), TaskStatus::overdue);
    EXPECT_EQ(status(due, true, {}, {approved}, "2024-03-25"), TaskStatus::in_progress);
    Extension rejected = approved;
    rejected.decision = ExtensionDecision::rejected;
    EXPECT_EQ(status(due, true, {}, {rejected}, "2024-03-25"), TaskStatus::overdue);
}

TEST(Status, DueSoonCountsWorkingDaysAcrossTet) {
    // Tết 2024: 08/02–14/02 off. On 07/02 a task due 16/02 is 2 working days away.
    EXPECT_EQ(status(d("2024-02-16"), true, {}, {}, "2024-02-07"), TaskStatus::due_soon);
    // Without the holiday, 06/02 → 16/02 would be 8 working days; with it, 3.
    EXPECT_EQ(status(d("2024-02-16"), true, {}, {}, "2024-02-05"), TaskStatus::in_progress);
}

TEST(Status, NamesAndLabels) {
    EXPECT_EQ(task_status_name(TaskStatus::overdue), "overdue");
    EXPECT_EQ(task_status_label(TaskStatus::done_on_time), "Hoàn thành đúng hạn");
    EXPECT_EQ(task_status_from_name("done_late"), TaskStatus::done_late);
    EXPECT_FALSE(task_status_from_name("late").has_value());
}

}  // namespace
}  // namespace dondoc::domain
