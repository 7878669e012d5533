// The Government's status model, as of any date.
#include "domain/status.h"

#include <gtest/gtest.h>

#include <random>

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

// The timeline a store indexes gives the same status as the events, for
// every as-of date, whenever it is exact; and it is exact unless two
// extensions were approved or two reports confirmed.
TEST(Status, TimelinesAgreeWithTheEvents) {
    const auto& calendar = WorkingCalendar::vietnam();
    std::mt19937 random(7);
    const auto day = [&](int from, int span) {
        return plus_days(d("2024-01-01"),
                         from + static_cast<int>(random() % static_cast<unsigned>(span)));
    };
    int exact = 0;
    for (int round = 0; round < 2000; ++round) {
        std::vector<TaskOccurrence> occurrences;
        const int count = static_cast<int>(random() % 3);
        for (int i = 0; i < count; ++i) occurrences.push_back({TaskId{}, day(i * 120, 60), "kỳ"});
        const bool inclusive = random() % 2 == 0;
        std::vector<CompletionReport> reports;
        for (int i = 0, n = static_cast<int>(random() % 3); i < n; ++i) {
            CompletionReport r;
            r.reported_on = day(0, 300);
            if (random() % 4 != 0) {
                r.outcome = random() % 3 == 0 ? ReviewOutcome::returned : ReviewOutcome::confirmed;
                r.reviewed_on = plus_days(r.reported_on, static_cast<int>(random() % 10));
            }
            if (count > 1 && random() % 2 == 0) r.occurrence_due = occurrences[random() % 2].due;
            reports.push_back(r);
        }
        std::vector<Extension> extensions;
        for (int i = 0, n = static_cast<int>(random() % 3); i < n; ++i) {
            Extension e;
            e.requested_on = day(0, 300);
            e.new_due = plus_days(e.requested_on, 30);
            e.decision =
                random() % 3 == 0 ? ExtensionDecision::rejected : ExtensionDecision::approved;
            e.decided_on = plus_days(e.requested_on, static_cast<int>(random() % 5));
            extensions.push_back(e);
        }
        const auto timelines = occurrence_timelines(occurrences, inclusive, reports, extensions);
        for (const auto& t : timelines) {
            if (!t.exact) continue;
            const auto changes = status_changes(t);
            ASSERT_FALSE(changes.empty());
            ASSERT_FALSE(changes.front().on.has_value());
            for (int step = -60; step < 500; step += 3) {
                const CivilDate as_of = plus_days(d("2024-01-01"), step);
                std::optional<TaskStatus> want;
                if (!t.recurring || as_of >= *t.due) {
                    want = status_as_of(t, as_of, calendar);
                    if (want == TaskStatus::due_soon) want = TaskStatus::in_progress;
                }
                std::optional<TaskStatus> got = changes.front().status;
                for (const auto& change : changes) {
                    if (change.on && *change.on <= as_of) got = change.status;
                }
                ASSERT_EQ(got, want) << "round " << round << " as of " << iso(as_of);
            }
        }
        ASSERT_EQ(timelines.size(), occurrences.empty() ? 1u : occurrences.size());
        for (std::size_t i = 0; i < timelines.size(); ++i) {
            if (!timelines[i].exact) continue;
            ++exact;
            const bool recurring = occurrences.size() > 1;
            std::optional<CivilDate> due;
            if (!occurrences.empty()) due = occurrences[i].due;
            std::vector<CompletionReport> own;
            for (const auto& r : reports) {
                if (!recurring || !r.occurrence_due || *r.occurrence_due == *due) own.push_back(r);
            }
            for (int step = 0; step < 400; step += 7) {
                const CivilDate as_of = plus_days(d("2024-01-01"), step);
                const auto expected =
                    status_as_of(inputs_as_of(due, recurring || inclusive, own, extensions, as_of),
                                 as_of, calendar);
                ASSERT_EQ(status_as_of(timelines[i], as_of, calendar), expected)
                    << "round " << round << " occurrence " << i << " as of " << iso(as_of);
            }
        }
    }
    EXPECT_GT(exact, 1000);
}

}  // namespace
}  // namespace dondoc::domain
