// Several writers on one register at once, each with its own connection (as
// several `dondoc serve` processes in front of one PostgreSQL server, or
// several processes on one SQLite file): no update is lost, a stale edit is
// a conflict, and the status index stays in step with the events.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "domain/civil_date.h"
#include "store/repository.h"
#include "support/scratch_register.h"

namespace dondoc::store {
namespace {

using domain::parse_iso;

// A writer's mark for its edit: "[w.e]".
std::string mark(int writer, int edit) {
    std::string out = "[";
    out += std::to_string(writer);
    out += '.';
    out += std::to_string(edit);
    out += ']';
    return out;
}

class ConcurrentWriters : public ::testing::TestWithParam<testing::Backend> {
  protected:
    void SetUp() override {
        m_scratch = std::make_unique<testing::ScratchRegister>(GetParam());
        if (!m_scratch->available()) GTEST_SKIP() << "no PostgreSQL cluster (DONDOC_TEST_PG_HOST)";
        auto opened = open_register(m_scratch->db());
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        m_repo = std::move(*opened);
        domain::Unit district;
        district.id = UnitId{"d"};
        district.name = "Huyện";
        district.kind = domain::UnitKind::district;
        ASSERT_TRUE(m_repo->save_unit(district).ok());
        for (const char* id : {"a", "b", "c"}) {
            domain::Unit u;
            u.id = UnitId{id};
            u.name = "Xã ";
            u.name += id;
            u.kind = domain::UnitKind::commune;
            u.parent = UnitId{"d"};
            ASSERT_TRUE(m_repo->save_unit(u).ok());
        }
    }
    void TearDown() override {
        m_repo.reset();
        m_scratch.reset();
    }

    // A connection of the writer's own.
    std::unique_ptr<Repository> open() const {
        auto opened = open_register(m_scratch->db());
        EXPECT_TRUE(opened.ok()) << opened.error().describe();
        return opened ? std::move(*opened) : nullptr;
    }

    static domain::Task task(const std::vector<std::string>& units) {
        domain::Task t;
        t.action = "Báo cáo kết quả";
        t.state = domain::TaskState::active;
        t.assigned_on = parse_iso("2024-01-02");
        read::Deadline deadline;
        deadline.kind = read::DeadlineKind::date;
        t.deadlines = {deadline};
        for (const auto& u : units)
            t.assignments.push_back({UnitId{u}, "UBND các xã", read::Role::lead});
        return t;
    }

    std::unique_ptr<testing::ScratchRegister> m_scratch;
    std::unique_ptr<Repository> m_repo;
};

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrentWriters, ::testing::ValuesIn(testing::all_backends()),
                         [](const auto& test) { return testing::backend_name(test.param); });

// Two writers read the same version; the second to save gets conflict and
// the first one's edit stays.
TEST_P(ConcurrentWriters, AStaleEditIsAConflictNotAnOverwrite) {
    auto id = m_repo->insert_task(task({"a"}), {});
    ASSERT_TRUE(id.ok());
    auto first = open();
    auto second = open();
    auto mine = first->task(*id);
    auto theirs = second->task(*id);
    ASSERT_TRUE(mine.ok() && theirs.ok());
    mine->product = "Báo cáo của phòng A";
    theirs->product = "Báo cáo của phòng B";
    ASSERT_TRUE(first->update_task(*mine).ok());
    auto stale = second->update_task(*theirs);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::conflict);
    EXPECT_EQ(m_repo->task(*id)->product, "Báo cáo của phòng A");
}

// Writers each add their mark to one task's text many times, re-reading
// after a conflict: every mark is there at the end (no lost update).
TEST_P(ConcurrentWriters, ReadModifyWriteLosesNoUpdate) {
    auto id = m_repo->insert_task(task({"a", "b"}), {});
    ASSERT_TRUE(id.ok());
    constexpr int k_writers = 4;
    constexpr int k_edits = 15;
    std::atomic<int> conflicts{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < k_writers; ++w) {
        writers.emplace_back([&, w] {
            auto repo = open();
            if (!repo) {
                ++failures;
                return;
            }
            for (int e = 0; e < k_edits; ++e) {
                while (true) {
                    auto t = repo->task(*id);
                    if (!t) {
                        ++failures;
                        return;
                    }
                    t->evidence += mark(w, e);
                    auto saved = repo->update_task(*t);
                    if (saved) break;
                    if (saved.error().code != ErrorCode::conflict) {
                        ++failures;
                        ADD_FAILURE() << saved.error().describe();
                        return;
                    }
                    ++conflicts;
                }
            }
        });
    }
    for (auto& w : writers) w.join();
    EXPECT_EQ(failures.load(), 0);
    auto t = m_repo->task(*id);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->version, k_writers * k_edits);
    for (int w = 0; w < k_writers; ++w) {
        for (int e = 0; e < k_edits; ++e) {
            EXPECT_NE(t->evidence.find(mark(w, e)), std::string::npos) << mark(w, e);
        }
    }
    // The units the task names are still its units (the mentions rewritten
    // by every save, never doubled).
    ASSERT_EQ(t->assignments.size(), 2u);
}

// Writers report on, review and extend the same tasks at once, and insert
// tasks naming the same new set of units: the status index they leave
// equals the one rebuilt from the events, and every report is reviewed
// exactly once.
TEST_P(ConcurrentWriters, TheStatusIndexStaysInStepWithTheEvents) {
    std::vector<TaskId> ids;
    for (int i = 0; i < 6; ++i) {
        auto id = m_repo->insert_task(task({"a", "b"}), {{TaskId{}, *parse_iso("2024-03-01"), ""}});
        ASSERT_TRUE(id.ok());
        ids.push_back(*id);
    }
    constexpr int k_writers = 4;
    std::atomic<int> failures{0};
    std::atomic<int> reviewed{0};
    std::atomic<int> refused{0};
    std::vector<std::int64_t> reports;
    for (const auto& id : ids) {
        for (int r = 0; r < 3; ++r) {
            domain::CompletionReport report;
            report.task = id;
            report.reported_on = domain::plus_days(*parse_iso("2024-02-20"), r * 5);
            auto made = m_repo->add_report(report);
            ASSERT_TRUE(made.ok());
            reports.push_back(*made);
        }
    }
    std::vector<std::thread> writers;
    for (int w = 0; w < k_writers; ++w) {
        writers.emplace_back([&, w] {
            auto repo = open();
            if (!repo) {
                ++failures;
                return;
            }
            // Every writer tries to review every report: one wins each.
            for (std::size_t r = 0; r < reports.size(); ++r) {
                const auto outcome = (r + static_cast<std::size_t>(w)) % 3 == 0
                                         ? domain::ReviewOutcome::returned
                                         : domain::ReviewOutcome::confirmed;
                auto done = repo->review_report(reports[r], outcome,
                                                domain::plus_days(*parse_iso("2024-02-25"), w), "");
                if (done) {
                    ++reviewed;
                } else if (done.error().code == ErrorCode::conflict) {
                    ++refused;
                } else {
                    ++failures;
                    ADD_FAILURE() << done.error().describe();
                }
            }
            for (const auto& id : ids) {
                domain::Extension e;
                e.task = id;
                e.requested_on = domain::plus_days(*parse_iso("2024-02-01"), w);
                e.new_due = domain::plus_days(*parse_iso("2024-03-10"), w * 3);
                auto made = repo->add_extension(e);
                if (!made) {
                    ++failures;
                    continue;
                }
                auto decided =
                    repo->decide_extension(*made,
                                           w % 2 == 0 ? domain::ExtensionDecision::approved
                                                      : domain::ExtensionDecision::rejected,
                                           e.requested_on);
                if (!decided) {
                    ++failures;
                    ADD_FAILURE() << decided.error().describe();
                }
            }
            // A set of units no task named before, made by every writer at once.
            auto id =
                repo->insert_task(task({"c", "a"}), {{TaskId{}, *parse_iso("2024-04-01"), ""}});
            if (!id) {
                ++failures;
                ADD_FAILURE() << id.error().describe();
            }
        });
    }
    for (auto& w : writers) w.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(reviewed.load(), static_cast<int>(reports.size()));
    EXPECT_EQ(refused.load(), static_cast<int>(reports.size()) * (k_writers - 1));

    const auto snapshot = [&] {
        std::vector<std::array<std::size_t, 6>> out;
        for (const char* day :
             {"2024-02-15", "2024-03-02", "2024-03-12", "2024-04-02", "2024-06-01"}) {
            auto counts = m_repo->status_counts(StatusCountQuery{*parse_iso(day), {}, {}, {}});
            EXPECT_TRUE(counts.ok());
            if (!counts) continue;
            for (const auto& c : *counts) {
                out.push_back({c.unit.value.front() + 0ul, c.done_on_time, c.done_late,
                               c.in_progress, c.overdue, c.no_deadline});
            }
            auto overdue = m_repo->overdue_tasks({UnitId{"a"}}, *parse_iso(day));
            EXPECT_TRUE(overdue.ok());
            if (overdue) out.push_back({overdue->size(), 0, 0, 0, 0, 0});
        }
        return out;
    };
    const auto kept = snapshot();
    ASSERT_TRUE(m_repo->rebuild_derived().ok());
    EXPECT_EQ(kept, snapshot());
    auto tasks = m_repo->tasks(TaskFilter{});
    ASSERT_TRUE(tasks.ok());
    EXPECT_EQ(tasks->size(), ids.size() + k_writers);
    for (const auto& t : *tasks) {
        ASSERT_FALSE(t.assignments.empty());
        EXPECT_TRUE(t.assignments.front().unit.has_value());
    }
}

}  // namespace
}  // namespace dondoc::store
