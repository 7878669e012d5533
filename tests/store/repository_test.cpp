// The register on every backend (SQLite, PostgreSQL): schema, round trips,
// transactions, versions, search, and the status index against the event
// rules. One suite, run once per backend.
#include "store/repository.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "domain/civil_date.h"
#include "domain/status.h"
#include "store/postgres.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "support/scratch_register.h"

namespace dondoc::store {
namespace {

using domain::parse_iso;

domain::Unit unit(const std::string& id, const std::string& name,
                  std::optional<std::string> parent = {}) {
    domain::Unit u;
    u.id = UnitId{id};
    u.name = name;
    u.kind = parent ? domain::UnitKind::commune : domain::UnitKind::district;
    if (parent) u.parent = UnitId{*parent};
    return u;
}

domain::Document document(const std::string& notation, const std::string& hash) {
    domain::Document d;
    d.notation = notation;
    d.notation_key = notation;
    d.year = 2023;
    d.date = parse_iso("2023-05-26");
    d.type_code = "CV";
    d.issuer_name = "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY";
    d.subject = "triển khai thực hiện Nghị quyết số 53/NQ-CP";
    d.source_name = "seed_000.txt";
    d.source_hash = hash;
    d.record_json = "{}";
    d.text = "Nghị quyết số 53/NQ-CP ngày 14/4/2023 của Chính phủ";
    return d;
}

using testing::Backend;
using testing::ScratchRegister;

// A fresh register on the backend of the test's parameter.
class RepositorySuite : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        scratch = std::make_unique<ScratchRegister>(GetParam());
        if (!scratch->available()) GTEST_SKIP() << "no PostgreSQL cluster (DONDOC_TEST_PG_HOST)";
        auto opened = open_register(scratch->db());
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        repo = std::move(*opened);
    }
    void TearDown() override {
        repo.reset();
        scratch.reset();
    }
    std::unique_ptr<ScratchRegister> scratch;
    std::unique_ptr<Repository> repo;
};

INSTANTIATE_TEST_SUITE_P(Backends, RepositorySuite, ::testing::ValuesIn(testing::all_backends()),
                         [](const auto& test) { return testing::backend_name(test.param); });

TEST_P(RepositorySuite, UnitsRoundTripWithAliasesAndSuccessors) {
    ASSERT_TRUE(repo->save_unit(unit("530", "Huyện Sơn Tây")).ok());
    auto commune = unit("21391", "Xã Sơn Dung", "530");
    commune.aliases = {"Sơn Dung"};
    ASSERT_TRUE(repo->save_unit(unit("21400", "Xã Sơn Tây mới", "530")).ok());
    commune.successors = {UnitId{"21400"}};
    commune.valid_to = parse_iso("2025-06-30");
    ASSERT_TRUE(repo->save_unit(commune).ok());
    auto units = repo->units();
    ASSERT_TRUE(units.ok());
    ASSERT_EQ(units->size(), 3u);
    const auto& read = units->back();
    EXPECT_EQ(read.id.value, "21391");
    EXPECT_EQ(read.aliases, std::vector<std::string>{"Sơn Dung"});
    ASSERT_EQ(read.successors.size(), 1u);
    EXPECT_EQ(read.successors[0].value, "21400");
    EXPECT_EQ(read.valid_to, parse_iso("2025-06-30"));
}

TEST_P(RepositorySuite, UnknownParentIsRefused) {
    auto saved = repo->save_unit(unit("99999", "Xã Không Có", "000"));
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.error().code, ErrorCode::conflict);
}

TEST_P(RepositorySuite, SearchIgnoresDiacritics) {
    ASSERT_TRUE(repo->insert_document(document("981/UBND", "h1")).ok());
    auto found = repo->search_documents("nghi quyet 53", 10);
    ASSERT_TRUE(found.ok()) << found.error().describe();
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ(found->front().notation, "981/UBND");
    EXPECT_TRUE(repo->search_documents("Nghị quyết 53/NQ-CP", 10)->size() == 1);
    EXPECT_TRUE(repo->search_documents("kế hoạch", 10)->empty());
    EXPECT_TRUE(repo->search_documents("\"; DROP TABLE documents; --", 10).ok());
}

TEST_P(RepositorySuite, SameHashIsOneDocument) {
    ASSERT_TRUE(repo->insert_document(document("981/UBND", "h1")).ok());
    auto twice = repo->insert_document(document("981/UBND", "h1"));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::conflict);
    EXPECT_EQ(repo->counts()->documents, 1u);
}

TEST_P(RepositorySuite, FailedTransactionLeavesNothing) {
    auto result = repo->transaction([&]() -> Result<void> {
        auto id = repo->insert_document(document("981/UBND", "h1"));
        if (!id) return id.error();
        return make_error(ErrorCode::invalid_input, "stop here");
    });
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(repo->counts()->documents, 0u);
    EXPECT_TRUE(repo->search_documents("nghi quyet", 10)->empty());
}

TEST_P(RepositorySuite, NestedTransactionUndoesOnlyItsOwnWrites) {
    auto outer = repo->transaction([&]() -> Result<void> {
        auto kept = repo->insert_document(document("981/UBND", "h1"));
        if (!kept) return kept.error();
        auto inner = repo->transaction([&]() -> Result<void> {
            auto dropped = repo->insert_document(document("982/UBND", "h2"));
            if (!dropped) return dropped.error();
            return make_error(ErrorCode::invalid_input, "the second document is bad");
        });
        EXPECT_FALSE(inner.ok());
        return repo->insert_document(document("983/UBND", "h3")).ok()
                   ? Result<void>()
                   : make_error(ErrorCode::io_error, "insert");
    });
    ASSERT_TRUE(outer.ok());
    EXPECT_EQ(repo->counts()->documents, 2u);
    EXPECT_TRUE(repo->document_by_hash("h2")->has_value() == false);
    EXPECT_EQ(repo->search_documents("982", 10)->size(), 0u);
}

TEST_P(RepositorySuite, TaskVersionsDetectConflicts) {
    auto doc = repo->insert_document(document("981/UBND", "h1"));
    ASSERT_TRUE(doc.ok());
    domain::Task t;
    t.document = *doc;
    t.clause = "2";
    t.action = "theo dõi, đôn đốc";
    t.assignments = {{std::nullopt, "Phòng Tài chính - Kế hoạch", read::Role::lead}};
    read::Deadline deadline;
    deadline.kind = read::DeadlineKind::date;
    deadline.text = "chậm nhất ngày 25/12/2020";
    deadline.date = read::Date{2020, 12, 25};
    t.deadlines = {deadline};
    auto id = repo->insert_task(t, {{TaskId{}, *parse_iso("2020-12-25"), ""}});
    ASSERT_TRUE(id.ok()) << id.error().describe();
    auto first = repo->task(*id);
    auto second = repo->task(*id);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->deadlines.size(), 1u);
    EXPECT_EQ(first->deadlines[0].date, (read::Date{2020, 12, 25}));
    first->state = domain::TaskState::active;
    ASSERT_TRUE(repo->update_task(*first).ok());
    second->action = "sửa khác";
    auto stale = repo->update_task(*second);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::conflict);
    EXPECT_EQ(repo->task(*id)->action, "theo dõi, đôn đốc");
    EXPECT_EQ(repo->task(*id)->state, domain::TaskState::active);
}

TEST(SqliteRegister, MigratesOnceAndRefusesNewerSchema) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("dondoc-store-test-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    {
        auto first = open_sqlite(path.string());
        ASSERT_TRUE(first.ok());
        ASSERT_TRUE((*first)->insert_document(document("981/UBND", "h1")).ok());
    }
    {
        auto again = open_sqlite(path.string());
        ASSERT_TRUE(again.ok());
        EXPECT_EQ((*again)->counts()->documents, 1u);
    }
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    auto not_a_db = std::filesystem::temp_directory_path() / "dondoc-not-a-db.txt";
    {
        std::ofstream out(not_a_db);
        out << "this is a text file, not a register\n";
    }
    auto bad = open_sqlite(not_a_db.string());
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::corruption);
    std::filesystem::remove(not_a_db);
}

// The pages a connection keeps are bounded as asked (the server's
// --db-memory): the same reads of a register far larger than the bound
// leave SQLite's heap within it with a small page cache and nothing
// mapped, and fill it well past that with the default cache.
TEST(SqliteRegister, KeepsThePagesItIsAllowed) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("dondoc-store-memory-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    constexpr std::size_t k_documents = 1500;
    {
        auto repo = open_sqlite(path.string());
        ASSERT_TRUE(repo.ok());
        ASSERT_TRUE((*repo)
                        ->transaction([&]() -> Result<void> {
                            for (std::size_t i = 0; i < k_documents; ++i) {
                                auto d = document(std::to_string(i) + "/UBND",
                                                  "hash-" + std::to_string(i));
                                d.text = std::string(3000, 'a' + static_cast<char>(i % 26));
                                DONDOC_TRY((*repo)->insert_document(d));
                            }
                            return {};
                        })
                        .ok());
    }
    // About 5 MB of documents read twice over, through one connection.
    const auto read_all = [&](Repository& repo) {
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t i = 1; i <= k_documents; ++i) {
                auto d = repo.document(DocumentId{static_cast<std::int64_t>(i)});
                ASSERT_TRUE(d.ok());
                EXPECT_EQ(d->text.size(), 3000u);
            }
        }
    };
    sqlite3_int64 bounded = 0;
    sqlite3_int64 unbounded = 0;
    {
        auto repo = open_sqlite(path.string(), SqliteMemory{256, 0});
        ASSERT_TRUE(repo.ok());
        read_all(**repo);
        bounded = sqlite3_memory_used();
    }
    {
        auto repo = open_sqlite(path.string(), SqliteMemory{64 * 1024, 0});
        ASSERT_TRUE(repo.ok());
        read_all(**repo);
        unbounded = sqlite3_memory_used();
    }
    EXPECT_LT(bounded, 1024 * 1024);
    EXPECT_GT(unbounded, 4 * 1024 * 1024);
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
}

// What the scoreboard and the overdue list must say, computed the slow way:
// every active task's events through the domain's status rules.
struct Expected {
    std::map<std::string, std::array<std::size_t, 5>>
        counts;  // on time, late, progress, overdue, none
    std::map<std::string, std::set<std::int64_t>> overdue;  // unit → tasks
};

std::size_t status_index(domain::TaskStatus s) {
    switch (s) {
        case domain::TaskStatus::done_on_time:
            return 0;
        case domain::TaskStatus::done_late:
            return 1;
        case domain::TaskStatus::in_progress:
        case domain::TaskStatus::due_soon:
            return 2;
        case domain::TaskStatus::overdue:
            return 3;
        case domain::TaskStatus::no_deadline:
            return 4;
    }
    return 4;
}

Expected expected(const std::vector<TaskFacts>& all, CivilDate as_of, std::optional<CivilDate> from,
                  std::optional<CivilDate> to) {
    const auto& calendar = domain::WorkingCalendar::vietnam();
    Expected out;
    for (const auto& f : all) {
        if (f.task.state != domain::TaskState::active) continue;
        std::set<std::string> scored;
        std::set<std::string> assigned;
        for (const auto& a : f.task.assignments) {
            if (!a.unit) continue;
            assigned.insert(a.unit->value);
            if (a.role != read::Role::coordinate) scored.insert(a.unit->value);
        }
        bool inclusive = true;
        for (const auto& d : f.task.deadlines) inclusive = d.inclusive;
        const bool recurring = f.occurrences.size() > 1;
        std::vector<domain::TaskStatus> counted;
        bool overdue = false;
        const auto status_of = [&](std::optional<CivilDate> due) {
            std::vector<domain::CompletionReport> own;
            for (const auto& r : f.reports) {
                if (!recurring || !r.occurrence_due || *r.occurrence_due == *due) own.push_back(r);
            }
            return domain::status_as_of(
                domain::inputs_as_of(due, recurring || inclusive, own, f.extensions, as_of), as_of,
                calendar);
        };
        if (f.occurrences.empty()) {
            const auto s = status_of(std::nullopt);
            overdue = s == domain::TaskStatus::overdue;
            if (!to || !f.task.assigned_on || *f.task.assigned_on <= *to) counted.push_back(s);
        }
        for (const auto& o : f.occurrences) {
            const auto s = status_of(o.due);
            overdue = overdue || s == domain::TaskStatus::overdue;
            if (from && o.due < *from) continue;
            if (to && o.due > *to) continue;
            if (!from && !to && recurring && o.due > as_of) continue;
            counted.push_back(s);
        }
        for (const auto& u : scored) {
            auto& c = out.counts[u];
            for (auto s : counted) ++c[status_index(s)];
        }
        if (overdue) {
            for (const auto& u : assigned) out.overdue[u].insert(f.task.id.value);
        }
    }
    return out;
}

// The occurrence index (unit_occurrences) gives the answers the events
// give, through reports confirmed and returned, extensions approved once or
// twice, occurrences replaced, tasks confirmed later and a merger.
TEST_P(RepositorySuite, StatusCountsAndOverdueListsAgreeWithTheEvents) {
    ASSERT_TRUE(repo->save_unit(unit("d", "Huyện")).ok());
    const std::vector<std::string> units{"a", "b", "c", "e", "f"};
    for (const auto& u : units) ASSERT_TRUE(repo->save_unit(unit(u, "Xã " + u, "d")).ok());
    std::mt19937 random(11);
    const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const auto day = [&](int span) {
        return domain::plus_days(*parse_iso("2024-01-01"), pick(span));
    };
    std::vector<TaskId> ids;
    for (int i = 0; i < 400; ++i) {
        domain::Task t;
        t.action = "Nhiệm vụ " + std::to_string(i);
        t.state = pick(5) == 0 ? domain::TaskState::proposed : domain::TaskState::active;
        t.assigned_on = day(200);
        read::Deadline deadline;
        deadline.kind = read::DeadlineKind::date;
        deadline.inclusive = pick(3) != 0;
        t.deadlines = {deadline};
        const read::Role roles[] = {read::Role::lead, read::Role::perform, read::Role::coordinate};
        for (int a = 0, n = 1 + pick(3); a < n; ++a) {
            t.assignments.push_back(
                {UnitId{units[static_cast<std::size_t>(pick(5))]}, "UBND xã", roles[pick(3)]});
        }
        if (pick(8) == 0) t.assignments.push_back({std::nullopt, "Đơn vị lạ", read::Role::lead});
        std::vector<domain::TaskOccurrence> occurrences;
        for (int o = 0, n = pick(4); o < n; ++o) occurrences.push_back({TaskId{}, day(400), "kỳ"});
        auto id = repo->insert_task(t, occurrences);
        ASSERT_TRUE(id.ok()) << id.error().describe();
        ids.push_back(*id);
        for (int r = 0, n = pick(3); r < n; ++r) {
            domain::CompletionReport report;
            report.task = *id;
            report.reported_on = day(400);
            if (occurrences.size() > 1 && pick(2) == 0)
                report.occurrence_due = occurrences[static_cast<std::size_t>(pick(2))].due;
            auto report_id = repo->add_report(report);
            ASSERT_TRUE(report_id.ok());
            if (pick(4) != 0) {
                ASSERT_TRUE(repo->review_report(*report_id,
                                                pick(3) == 0 ? domain::ReviewOutcome::returned
                                                             : domain::ReviewOutcome::confirmed,
                                                domain::plus_days(report.reported_on, pick(9)), "")
                                .ok());
            }
        }
        for (int e = 0, n = pick(3); e < n; ++e) {
            domain::Extension extension;
            extension.task = *id;
            extension.requested_on = day(400);
            extension.new_due = domain::plus_days(extension.requested_on, 20);
            auto extension_id = repo->add_extension(extension);
            ASSERT_TRUE(extension_id.ok());
            ASSERT_TRUE(repo->decide_extension(*extension_id,
                                               pick(3) == 0 ? domain::ExtensionDecision::rejected
                                                            : domain::ExtensionDecision::approved,
                                               domain::plus_days(extension.requested_on, pick(5)))
                            .ok());
        }
    }
    // Later changes: some proposed tasks confirmed, some occurrences moved, a merger.
    for (std::size_t i = 0; i < ids.size(); i += 7) {
        auto t = repo->task(ids[i]);
        ASSERT_TRUE(t.ok());
        t->state = domain::TaskState::active;
        ASSERT_TRUE(repo->update_task(*t).ok());
        ASSERT_TRUE(repo->replace_occurrences(ids[i], {{ids[i], day(400), "mới"}}).ok());
    }
    ASSERT_TRUE(repo->reassign_open_tasks(UnitId{"f"}, UnitId{"e"}, *parse_iso("2024-06-01")).ok());

    auto all = repo->task_facts(TaskFilter{});
    ASSERT_TRUE(all.ok());
    int compared = 0;
    std::size_t overdue_seen = 0;
    for (int step = -30; step < 480; step += 17) {
        const CivilDate as_of = domain::plus_days(*parse_iso("2024-01-01"), step);
        const std::string as_of_text = domain::iso(as_of);
        const std::vector<std::pair<std::optional<CivilDate>, std::optional<CivilDate>>> windows{
            {std::nullopt, std::nullopt},
            {parse_iso("2024-04-01"), parse_iso("2024-09-30")},
            {std::nullopt, parse_iso("2024-06-30")}};
        for (const auto& [from, to] : windows) {
            const Expected want = expected(*all, as_of, from, to);
            auto got = repo->status_counts(StatusCountQuery{as_of, from, to, {}});
            ASSERT_TRUE(got.ok()) << got.error().describe();
            std::map<std::string, std::array<std::size_t, 5>> counts;
            for (const auto& c : *got) {
                counts[c.unit.value] = {c.done_on_time, c.done_late, c.in_progress, c.overdue,
                                        c.no_deadline};
            }
            std::erase_if(counts,
                          [](const auto& kv) { return kv.second == std::array<std::size_t, 5>{}; });
            auto want_counts = want.counts;
            std::erase_if(want_counts,
                          [](const auto& kv) { return kv.second == std::array<std::size_t, 5>{}; });
            EXPECT_EQ(counts, want_counts) << "as of " << as_of_text;
            for (const auto& [u, c] : counts) overdue_seen += c[3];
            auto scoped = repo->status_counts(StatusCountQuery{as_of, from, to, {UnitId{"b"}}});
            ASSERT_TRUE(scoped.ok());
            ASSERT_LE(scoped->size(), 1u);
            if (!scoped->empty()) {
                EXPECT_EQ(scoped->front().unit.value, "b");
            }
            ++compared;
        }
        const Expected want = expected(*all, as_of, std::nullopt, std::nullopt);
        for (const auto& u : units) {
            auto got = repo->overdue_tasks({UnitId{u}}, as_of);
            ASSERT_TRUE(got.ok());
            std::set<std::int64_t> ids_got;
            for (auto id : *got) ids_got.insert(id.value);
            const auto it = want.overdue.find(u);
            EXPECT_EQ(ids_got, it == want.overdue.end() ? std::set<std::int64_t>{} : it->second)
                << "unit " << u << " as of " << as_of_text;
        }
    }
    EXPECT_EQ(compared, 90);
    EXPECT_GT(overdue_seen, 1000u);

    // A page of some units' active tasks (ids and count, from the occurrence
    // index) lists what the task rows and their assignments list, in the
    // same order: proposed tasks, unresolved mentions and the merger
    // included.
    const std::vector<std::vector<std::string>> scopes{
        {"a"}, {"b"}, {"c"}, {"e"}, {"f"}, {"a", "b"}, {"d", "a", "b", "c", "e", "f"}};
    std::size_t listed = 0;
    for (const auto& scope : scopes) {
        std::vector<std::int64_t> want;
        for (const auto& f : *all) {
            if (f.task.state != domain::TaskState::active) continue;
            const bool assigned =
                std::any_of(f.task.assignments.begin(), f.task.assignments.end(),
                            [&scope](const domain::TaskAssignment& a) {
                                return a.unit && std::find(scope.begin(), scope.end(),
                                                           a.unit->value) != scope.end();
                            });
            if (assigned) want.push_back(f.task.id.value);
        }
        std::sort(want.begin(), want.end());
        TaskFilter filter;
        for (const auto& u : scope) filter.units.push_back(UnitId{u});
        filter.state = domain::TaskState::active;
        auto rows = repo->tasks(filter);
        ASSERT_TRUE(rows.ok());
        std::vector<std::int64_t> from_rows;
        for (const auto& t : *rows) from_rows.push_back(t.id.value);
        EXPECT_EQ(from_rows, want) << scope.front();
        auto got = repo->task_ids(filter);
        ASSERT_TRUE(got.ok()) << got.error().describe();
        std::vector<std::int64_t> ids_got;
        for (auto id : *got) ids_got.push_back(id.value);
        EXPECT_EQ(ids_got, want) << scope.front();
        auto counted = repo->count_tasks(filter);
        ASSERT_TRUE(counted.ok());
        EXPECT_EQ(*counted, want.size()) << scope.front();
        listed += want.size();

        filter.newest_first = true;
        filter.offset = 3;
        filter.limit = 5;
        auto page = repo->task_ids(filter);
        ASSERT_TRUE(page.ok());
        std::vector<std::int64_t> want_page(want.rbegin(), want.rend());
        want_page.erase(want_page.begin(),
                        want_page.begin() + static_cast<std::ptrdiff_t>(
                                                std::min<std::size_t>(3, want_page.size())));
        if (want_page.size() > 5) want_page.resize(5);
        std::vector<std::int64_t> page_got;
        for (auto id : *page) page_got.push_back(id.value);
        EXPECT_EQ(page_got, want_page) << scope.front();
    }
    EXPECT_GT(listed, 500u);
}

// Three hundred tasks of every kind (units among `units`, assigned by "d"):
// several occurrences, reports confirmed and returned, extensions, progress,
// an unresolved name, text that COPY must escape.
// `first_day` begins the dates, `key_prefix` the source keys.
std::vector<TaskHistory> random_histories(const std::vector<std::string>& units,
                                          const std::string& first_day = "2024-01-01",
                                          const std::string& key_prefix = "bulk:") {
    std::mt19937 random(7);
    const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const auto day = [&](int span) { return domain::plus_days(*parse_iso(first_day), pick(span)); };
    std::vector<TaskHistory> histories;
    for (int i = 0; i < 300; ++i) {
        TaskHistory h;
        domain::Task& t = h.facts.task;
        t.action = "Nhiệm vụ " + std::to_string(i);
        if (i % 50 == 0) t.action += "\tcột\nhai dòng\r\\N \\ hết";
        t.evidence = t.action;
        t.clause = std::to_string(i);
        t.state = pick(6) == 0 ? domain::TaskState::cancelled : domain::TaskState::active;
        t.assigned_on = day(100);
        t.assigned_by = UnitId{"d"};
        t.source_key = key_prefix + std::to_string(i);
        t.source_status = pick(2) == 0 ? std::optional<std::string>("Closed") : std::nullopt;
        read::Deadline deadline;
        deadline.kind = read::DeadlineKind::date;
        deadline.inclusive = pick(3) != 0;
        t.deadlines = {deadline};
        const read::Role roles[] = {read::Role::lead, read::Role::perform, read::Role::coordinate};
        for (int a = 0, n = 1 + pick(3); a < n; ++a) {
            t.assignments.push_back(
                {UnitId{units[static_cast<std::size_t>(pick(3))]}, "UBND xã", roles[pick(3)]});
        }
        if (pick(5) == 0) t.assignments.push_back({std::nullopt, "Đơn vị lạ", read::Role::lead});
        for (int o = 0, n = pick(3); o < n; ++o)
            h.facts.occurrences.push_back({TaskId{}, day(300), "kỳ"});
        if (pick(10) == 0 && !h.facts.occurrences.empty())  // the same date twice: stored once
            h.facts.occurrences.push_back(h.facts.occurrences.front());
        for (int r = 0, n = pick(3); r < n; ++r) {
            domain::CompletionReport report;
            report.reported_on = day(300);
            report.text = "Nhập từ tệp";
            if (pick(4) != 0) {
                report.outcome = pick(3) == 0 ? domain::ReviewOutcome::returned
                                              : domain::ReviewOutcome::confirmed;
                report.reviewed_on = domain::plus_days(report.reported_on, pick(9));
            }
            h.facts.reports.push_back(report);
        }
        if (pick(4) == 0) {
            domain::Extension e;
            e.requested_on = day(300);
            e.new_due = domain::plus_days(e.requested_on, 20);
            e.decision = domain::ExtensionDecision::approved;
            e.decided_on = e.requested_on;
            h.facts.extensions.push_back(e);
        }
        if (pick(3) == 0) {
            domain::ProgressUpdate p;
            p.on = *t.assigned_on;
            p.text = "Tiến độ khi nhập";
            p.percent = pick(100);
            h.progress.push_back(p);
        }
        histories.push_back(std::move(h));
    }
    return histories;
}

// The status index answers as the events do: counts per unit and each
// unit's overdue tasks, at dates before, during and after the histories
// (the `days` from 01/01/2024).
void expect_index_agrees(Repository& repository, const std::vector<TaskFacts>& all,
                         const std::vector<std::string>& units, const std::string& when,
                         int days = 330) {
    for (int step = -10; step < days; step += 23) {
        const CivilDate as_of = domain::plus_days(*parse_iso("2024-01-01"), step);
        const Expected want = expected(all, as_of, std::nullopt, std::nullopt);
        auto got = repository.status_counts(StatusCountQuery{as_of, {}, {}, {}});
        ASSERT_TRUE(got.ok()) << got.error().describe();
        std::map<std::string, std::array<std::size_t, 5>> counts;
        for (const auto& c : *got) {
            counts[c.unit.value] = {c.done_on_time, c.done_late, c.in_progress, c.overdue,
                                    c.no_deadline};
        }
        auto want_counts = want.counts;
        std::erase_if(counts,
                      [](const auto& kv) { return kv.second == std::array<std::size_t, 5>{}; });
        std::erase_if(want_counts,
                      [](const auto& kv) { return kv.second == std::array<std::size_t, 5>{}; });
        EXPECT_EQ(counts, want_counts) << when << ", as of " << domain::iso(as_of);
        for (const auto& u : units) {
            auto overdue = repository.overdue_tasks({UnitId{u}}, as_of);
            ASSERT_TRUE(overdue.ok());
            std::set<std::int64_t> got_ids;
            for (auto id : *overdue) got_ids.insert(id.value);
            const auto it = want.overdue.find(u);
            EXPECT_EQ(got_ids, it == want.overdue.end() ? std::set<std::int64_t>{} : it->second)
                << when << ", unit " << u;
        }
    }
}

// The bulk path (an import) writes what the task-by-task path writes: the
// same records, and a status index that gives the answers the events give;
// text with tabs, line breaks and backslashes comes back as written (COPY's
// escapes on PostgreSQL).
TEST_P(RepositorySuite, TaskHistoriesInBulkAgreeWithTheEvents) {
    ASSERT_TRUE(repo->save_unit(unit("d", "Huyện")).ok());
    const std::vector<std::string> units{"a", "b", "c"};
    for (const auto& u : units) ASSERT_TRUE(repo->save_unit(unit(u, "Xã " + u, "d")).ok());
    std::vector<TaskHistory> histories = random_histories(units);
    // The first hundred one by one, the rest in two batches.
    std::vector<TaskId> ids;
    for (std::size_t i = 0; i < 100; ++i) {
        auto id = repo->insert_task_history(histories[i].facts, histories[i].progress);
        ASSERT_TRUE(id.ok()) << id.error().describe();
        ids.push_back(*id);
    }
    for (std::size_t start : {100, 200}) {
        const std::vector<TaskHistory> batch(
            histories.begin() + static_cast<std::ptrdiff_t>(start),
            histories.begin() + static_cast<std::ptrdiff_t>(start + 100));
        auto batch_ids = repo->insert_task_histories(batch);
        ASSERT_TRUE(batch_ids.ok()) << batch_ids.error().describe();
        ASSERT_EQ(batch_ids->size(), 100u);
        ids.insert(ids.end(), batch_ids->begin(), batch_ids->end());
    }
    EXPECT_EQ(std::set<TaskId>(ids.begin(), ids.end()).size(), 300u);

    auto all = repo->task_facts(TaskFilter{});
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 300u);
    std::map<std::int64_t, std::size_t> input_of;
    for (std::size_t i = 0; i < ids.size(); ++i) input_of[ids[i].value] = i;
    for (const auto& f : *all) {
        const auto& in = histories[input_of.at(f.task.id.value)];
        EXPECT_EQ(f.task.action, in.facts.task.action);
        EXPECT_EQ(f.task.source_key, in.facts.task.source_key);
        EXPECT_EQ(f.task.source_status, in.facts.task.source_status);
        EXPECT_EQ(f.task.assigned_by, in.facts.task.assigned_by);
        EXPECT_EQ(f.task.state, in.facts.task.state);
        ASSERT_EQ(f.task.assignments.size(), in.facts.task.assignments.size());
        for (std::size_t a = 0; a < f.task.assignments.size(); ++a) {
            EXPECT_EQ(f.task.assignments[a].unit, in.facts.task.assignments[a].unit);
            EXPECT_EQ(f.task.assignments[a].role, in.facts.task.assignments[a].role);
        }
        std::set<CivilDate> dues;
        for (const auto& o : in.facts.occurrences) dues.insert(o.due);
        ASSERT_EQ(f.occurrences.size(), dues.size());
        ASSERT_EQ(f.reports.size(), in.facts.reports.size());
        for (std::size_t r = 0; r < f.reports.size(); ++r) {
            EXPECT_EQ(f.reports[r].outcome, in.facts.reports[r].outcome);
            EXPECT_EQ(f.reports[r].reviewed_on, in.facts.reports[r].reviewed_on);
        }
        EXPECT_EQ(f.extensions.size(), in.facts.extensions.size());
        auto progress = repo->progress(f.task.id);
        ASSERT_TRUE(progress.ok());
        ASSERT_EQ(progress->size(), in.progress.size());
        if (!progress->empty()) {
            EXPECT_EQ(progress->front().percent, in.progress.front().percent);
        }
    }
    const auto check_index = [&](const std::string& when) {
        expect_index_agrees(*repo, *all, units, when);
    };
    check_index("as written");
    ASSERT_TRUE(repo->rebuild_derived().ok());
    check_index("rebuilt");

    auto found = repo->tasks_by_source({"bulk:0", "bulk:150", "bulk:299", "bulk:300"});
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->size(), 3u);
    EXPECT_EQ(found->at("bulk:150"), ids[150]);
    EXPECT_FALSE(found->contains("bulk:300"));

    // A key already there: the whole batch is refused, nothing written.
    std::vector<TaskHistory> again(histories.begin(), histories.begin() + 2);
    again[0].facts.task.source_key = "bulk:new";
    auto refused = repo->insert_task_histories(again);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_EQ(repo->counts()->tasks, 300u);
    EXPECT_TRUE(repo->tasks_by_source({"bulk:new"})->empty());
}

// One batch into an empty register (an import into a new one): the status
// deltas go straight into their empty tables, and the index answers as the
// events do, as written and once rebuilt.
TEST_P(RepositorySuite, OneBatchIntoAnEmptyRegisterAgreesWithTheEvents) {
    ASSERT_TRUE(repo->save_unit(unit("d", "Huyện")).ok());
    const std::vector<std::string> units{"a", "b", "c"};
    for (const auto& u : units) ASSERT_TRUE(repo->save_unit(unit(u, "Xã " + u, "d")).ok());
    // Two years: more days than the deltas written one statement each.
    auto batch = random_histories(units);
    for (auto& h : random_histories(units, "2025-01-01", "next:")) batch.push_back(std::move(h));
    auto ids = repo->insert_task_histories(batch);
    ASSERT_TRUE(ids.ok()) << ids.error().describe();
    ASSERT_EQ(ids->size(), 600u);
    auto all = repo->task_facts(TaskFilter{});
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 600u);
    expect_index_agrees(*repo, *all, units, "as written", 700);
    ASSERT_TRUE(repo->rebuild_derived().ok());
    expect_index_agrees(*repo, *all, units, "rebuilt", 700);
}

// A batch written part by part as it comes (an import writing while it
// checks): parts of any size, the status index derived on its own thread
// from a thousand tasks, the same answers as the events; a writer given up
// inside a failed transaction leaves nothing, and none is had outside one.
TEST_P(RepositorySuite, TaskHistoriesWrittenPartByPartAgreeWithTheEvents) {
    ASSERT_TRUE(repo->save_unit(unit("d", "Huyện")).ok());
    const std::vector<std::string> units{"a", "b", "c"};
    for (const auto& u : units) ASSERT_TRUE(repo->save_unit(unit(u, "Xã " + u, "d")).ok());
    EXPECT_THROW((void)repo->task_history_writer(1), std::logic_error);

    std::vector<TaskHistory> small = random_histories(units, "2024-01-01", "small:");
    auto given_up = repo->transaction([&]() -> Result<void> {
        auto writer = repo->task_history_writer(small.size());
        if (!writer) return writer.error();
        DONDOC_TRY((*writer)->add(std::span(small).first(120)));
        return make_error(ErrorCode::invalid_input, "a bad row");
    });
    ASSERT_FALSE(given_up.ok());
    EXPECT_EQ(repo->counts()->tasks, 0u);

    // 300 in three parts (derived at finish), then 1,200 in four (on a thread).
    // (Not a structured binding: clang before 16 cannot capture one.)
    for (const auto& run :
         {std::pair{small, std::vector<std::size_t>{1, 150, 300}},
          std::pair{[&] {
                        std::vector<TaskHistory> large;
                        for (const char* year : {"2025", "2026", "2027", "2028"}) {
                            for (auto& h : random_histories(units, std::string(year) + "-01-01",
                                                            std::string(year) + ":"))
                                large.push_back(std::move(h));
                        }
                        return large;
                    }(),
                    std::vector<std::size_t>{999, 1000, 1001, 1200}}}) {
        const auto& batch = run.first;
        const auto& cuts = run.second;
        std::vector<TaskId> ids;
        auto written = repo->transaction([&]() -> Result<void> {
            auto writer = repo->task_history_writer(batch.size());
            if (!writer) return writer.error();
            std::size_t from = 0;
            for (const std::size_t to : cuts) {
                DONDOC_TRY((*writer)->add(std::span(batch).subspan(from, to - from)));
                from = to;
            }
            DONDOC_TRY((*writer)->finish());
            ids = (*writer)->ids();
            return {};
        });
        ASSERT_TRUE(written.ok()) << written.error().describe();
        ASSERT_EQ(ids.size(), batch.size());
        auto first = repo->task(ids.front());
        ASSERT_TRUE(first.ok());
        EXPECT_EQ(first->source_key, batch.front().facts.task.source_key);
        auto last = repo->task(ids.back());
        ASSERT_TRUE(last.ok());
        EXPECT_EQ(last->source_key, batch.back().facts.task.source_key);
    }
    auto all = repo->task_facts(TaskFilter{});
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 1500u);
    expect_index_agrees(*repo, *all, units, "as written", 5 * 365);
    ASSERT_TRUE(repo->rebuild_derived().ok());
    expect_index_agrees(*repo, *all, units, "rebuilt", 5 * 365);
}

// A batch larger than the register (an import into a new one) is written
// with the indexes remade afterwards on SQLite: a duplicate key still
// refuses the whole batch, and the indexes are all there after either.
TEST_P(RepositorySuite, LargeBatchIntoANewRegisterKeepsKeysUniqueAndIndexes) {
    ASSERT_TRUE(repo->save_unit(unit("d", "Huyện")).ok());
    ASSERT_TRUE(repo->save_unit(unit("a", "Xã a", "d")).ok());
    const auto batch_of = [](std::size_t n, const std::string& prefix) {
        std::vector<TaskHistory> batch(n);
        for (std::size_t i = 0; i < n; ++i) {
            domain::Task& t = batch[i].facts.task;
            t.action = "Nhiệm vụ " + std::to_string(i);
            t.state = domain::TaskState::active;
            t.assigned_on = parse_iso("2024-01-01");
            t.source_key = prefix + std::to_string(i);
            t.assignments = {{UnitId{"a"}, "UBND xã", read::Role::lead}};
            batch[i].facts.occurrences = {{TaskId{}, *parse_iso("2024-03-01"), ""}};
        }
        return batch;
    };
    const auto index_count = [&]() -> std::size_t {
        if (GetParam() != Backend::sqlite) return 0;
        auto db = sqlite::open(scratch->db());
        auto st = (*db)->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index'");
        EXPECT_TRUE(st->step().ok());
        return static_cast<std::size_t>(st->integer(0));
    };
    // PostgreSQL: the tables the batch filled analyzed (by dondoc, not by
    // autovacuum) once it is committed, and not for a batch refused.
    const auto analyzed = [&]() -> std::size_t {
        if (GetParam() != Backend::postgresql) return 0;
        auto db = postgres::open(scratch->db());
        EXPECT_TRUE(db.ok());
        auto st = (*db)->prepare(
            "SELECT count(*) FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND relname "
            "IN ('tasks', 'task_mentions', 'occurrences', 'unit_occurrences', "
            "'unit_status_days')");
        EXPECT_TRUE(st.ok());
        EXPECT_TRUE(st->step().ok());
        return static_cast<std::size_t>(st->integer(0));
    };
    const std::size_t indexes = index_count();
    auto duplicated = batch_of(6000, "big:");
    duplicated.back().facts.task.source_key = "big:17";
    auto refused = repo->insert_task_histories(duplicated);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_EQ(repo->counts()->tasks, 0u);
    EXPECT_EQ(index_count(), indexes);
    EXPECT_EQ(analyzed(), 0u);

    auto ids = repo->insert_task_histories(batch_of(6000, "big:"));
    ASSERT_TRUE(ids.ok()) << ids.error().describe();
    EXPECT_EQ(repo->counts()->tasks, 6000u);
    EXPECT_EQ(index_count(), indexes);
    EXPECT_EQ(analyzed(), GetParam() == Backend::postgresql ? 5u : 0u);
    auto found = repo->tasks_by_source({"big:0", "big:5999"});
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->size(), 2u);
    auto overdue = repo->overdue_tasks({UnitId{"a"}}, *parse_iso("2024-04-01"));
    ASSERT_TRUE(overdue.ok());
    EXPECT_EQ(overdue->size(), 6000u);
    auto counts = repo->status_counts(StatusCountQuery{*parse_iso("2024-04-01"), {}, {}, {}});
    ASSERT_TRUE(counts.ok());
    ASSERT_EQ(counts->size(), 1u);
    EXPECT_EQ(counts->front().overdue, 6000u);

    // Ids scattered over the register (every eleventh: more than are always
    // listed, too far apart to read their whole range) give those tasks,
    // whole, and no other; so do ids close together (the range).
    for (const std::size_t step : {std::size_t{11}, std::size_t{2}}) {
        TaskFilter some;
        for (std::size_t i = 3; i < ids->size(); i += step) some.ids.push_back((*ids)[i]);
        auto facts = repo->task_facts(some);
        ASSERT_TRUE(facts.ok()) << facts.error().describe();
        ASSERT_EQ(facts->size(), some.ids.size()) << "every " << step;
        for (std::size_t i = 0; i < facts->size(); ++i) {
            const auto& f = (*facts)[i];
            EXPECT_EQ(f.task.id, some.ids[i]) << "every " << step;
            EXPECT_EQ(f.task.action, "Nhiệm vụ " + std::to_string(3 + i * step));
            ASSERT_EQ(f.task.assignments.size(), 1u);
            ASSERT_EQ(f.occurrences.size(), 1u);
            EXPECT_EQ(f.occurrences.front().due, *parse_iso("2024-03-01"));
        }
    }
}

// A batch of tasks as an import writes it: one unit, a deadline each.
std::vector<TaskHistory> simple_batch(std::size_t n, const std::string& prefix) {
    std::vector<TaskHistory> batch(n);
    for (std::size_t i = 0; i < n; ++i) {
        domain::Task& t = batch[i].facts.task;
        t.action = "Nhiệm vụ " + std::to_string(i);
        t.state = domain::TaskState::active;
        t.assigned_on = parse_iso("2024-01-01");
        t.source_key = prefix + std::to_string(i);
        t.assignments = {{UnitId{"a"}, "UBND xã", read::Role::lead}};
        batch[i].facts.occurrences = {{TaskId{}, *parse_iso("2024-03-01"), ""}};
    }
    return batch;
}

// The journal a SQLite file is in, from its header (byte 18: 1 a rollback
// journal, 2 WAL); 0 when it cannot be read.
int sqlite_file_journal(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[20] = {};
    if (!in.read(header, sizeof header)) return 0;
    return header[18];
}

// A batch larger than the register, in bulk_transaction: all or nothing,
// on either backend. On SQLite it goes through a rollback journal when
// nothing else has the file open (WAL again afterwards), and stays in WAL
// when another connection has it open (which keeps working).
TEST_P(RepositorySuite, BulkTransactionIsAllOrNothingAndGivesWalBack) {
    const bool sqlite = GetParam() == Backend::sqlite;
    ASSERT_TRUE(repo->save_unit(unit("a", "Xã a")).ok());
    constexpr int k_rollback = 1;
    constexpr int k_wal = 2;
    if (sqlite) {
        ASSERT_EQ(sqlite_file_journal(scratch->db()), k_wal);
    }
    int journal_inside = 0;
    auto failed = repo->bulk_transaction(6000, [&]() -> Result<void> {
        if (sqlite) journal_inside = sqlite_file_journal(scratch->db());
        auto ids = repo->insert_task_histories(simple_batch(6000, "bulk:"));
        if (!ids) return ids.error();
        return make_error(ErrorCode::invalid_input, "refused after writing");
    });
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(repo->counts()->tasks, 0u);
    if (sqlite) {
        EXPECT_EQ(journal_inside, k_rollback);
        EXPECT_EQ(sqlite_file_journal(scratch->db()), k_wal);
    }

    // Another connection reading the register: the journal stays WAL, and
    // both see the batch once it is in.
    std::unique_ptr<Repository> other;
    if (sqlite) {
        auto opened = open_register(scratch->db());
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        other = std::move(*opened);
        EXPECT_EQ(other->counts()->tasks, 0u);
    }
    auto done = repo->bulk_transaction(6000, [&]() -> Result<void> {
        if (sqlite) journal_inside = sqlite_file_journal(scratch->db());
        auto ids = repo->insert_task_histories(simple_batch(6000, "bulk:"));
        if (!ids) return ids.error();
        return {};
    });
    ASSERT_TRUE(done.ok()) << done.error().describe();
    EXPECT_EQ(repo->counts()->tasks, 6000u);
    if (sqlite) {
        EXPECT_EQ(journal_inside, k_wal);
        EXPECT_EQ(other->counts()->tasks, 6000u);
        other.reset();
    }

    // Into a register holding more tasks than the batch: as any transaction.
    auto small = repo->bulk_transaction(5000, [&]() -> Result<void> {
        if (sqlite) journal_inside = sqlite_file_journal(scratch->db());
        auto ids = repo->insert_task_histories(simple_batch(5000, "more:"));
        if (!ids) return ids.error();
        return {};
    });
    ASSERT_TRUE(small.ok()) << small.error().describe();
    EXPECT_EQ(repo->counts()->tasks, 11000u);
    if (sqlite) {
        EXPECT_EQ(journal_inside, k_wal);
        EXPECT_EQ(sqlite_file_journal(scratch->db()), k_wal);
    }
    auto overdue = repo->overdue_tasks({UnitId{"a"}}, *parse_iso("2024-04-01"));
    ASSERT_TRUE(overdue.ok());
    EXPECT_EQ(overdue->size(), 11000u);
}

// A process that dies in the middle of a bulk transaction on SQLite, its
// pages already spilled into the file (a small page cache): the next one
// to open the register rolls the batch back from the journal, and the
// register is whole and in WAL again.
TEST_P(RepositorySuite, BulkTransactionCutShortIsRolledBack) {
    if (GetParam() != Backend::sqlite) GTEST_SKIP() << "SQLite's journal";
    ASSERT_TRUE(repo->save_unit(unit("a", "Xã a")).ok());
    repo.reset();
    const auto size_before = std::filesystem::file_size(scratch->db());
    const pid_t child = fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
        SqliteMemory small;
        small.page_cache_kib = 256;
        auto opened = open_register(scratch->db(), small);
        if (!opened) _exit(2);
        (void)(*opened)->bulk_transaction(20000, [&]() -> Result<void> {
            auto ids = (*opened)->insert_task_histories(simple_batch(20000, "cut:"));
            // Written, spilled into the file, not committed: the process ends here.
            _exit(ids && sqlite_file_journal(scratch->db()) == 1 &&
                          std::filesystem::file_size(scratch->db()) > size_before
                      ? 0
                      : 3);
        });
        _exit(4);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << "the child did not die mid-batch with pages spilled";
    EXPECT_TRUE(std::filesystem::exists(scratch->db() + "-journal"));

    auto reopened = open_register(scratch->db());
    ASSERT_TRUE(reopened.ok()) << reopened.error().describe();
    repo = std::move(*reopened);
    EXPECT_EQ(repo->counts()->tasks, 0u);
    EXPECT_TRUE(repo->tasks_by_source({"cut:0"})->empty());
    EXPECT_EQ(sqlite_file_journal(scratch->db()), 2);
    auto db = sqlite::open(scratch->db());
    ASSERT_TRUE(db.ok());
    auto check = (*db)->prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.ok());
    ASSERT_TRUE(*check->step());
    EXPECT_EQ(check->text(0), "ok");

    // And the batch goes in whole the next time.
    auto done = repo->bulk_transaction(20000, [&]() -> Result<void> {
        auto ids = repo->insert_task_histories(simple_batch(20000, "cut:"));
        if (!ids) return ids.error();
        return {};
    });
    ASSERT_TRUE(done.ok()) << done.error().describe();
    EXPECT_EQ(repo->counts()->tasks, 20000u);
}

// Listed ids with a state (an overdue page's tasks): those of the ids in
// that state, in id order either way, whatever the plan that finds them.
TEST_P(RepositorySuite, ListedTasksOfAStateComeInIdOrder) {
    ASSERT_TRUE(repo->save_unit(unit("a", "Xã a")).ok());
    std::vector<TaskHistory> batch(12);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        domain::Task& t = batch[i].facts.task;
        t.action = "Nhiệm vụ " + std::to_string(i);
        t.state = i % 3 == 0 ? domain::TaskState::proposed : domain::TaskState::active;
        t.assignments = {{UnitId{"a"}, "UBND xã", read::Role::lead}};
    }
    auto ids = repo->insert_task_histories(batch);
    ASSERT_TRUE(ids.ok()) << ids.error().describe();
    for (const bool newest_first : {false, true}) {
        TaskFilter some;
        some.state = domain::TaskState::active;
        some.newest_first = newest_first;
        for (std::size_t i : {7, 0, 3, 10, 1, 6, 11}) some.ids.push_back((*ids)[i]);
        auto facts = repo->task_facts(some);
        ASSERT_TRUE(facts.ok()) << facts.error().describe();
        std::vector<std::string> actions;
        for (const auto& f : *facts) actions.push_back(f.task.action);
        std::vector<std::string> expected = {"Nhiệm vụ 1", "Nhiệm vụ 7", "Nhiệm vụ 10",
                                             "Nhiệm vụ 11"};
        if (newest_first) std::reverse(expected.begin(), expected.end());
        EXPECT_EQ(actions, expected);
    }
}

// The per-unit occurrence index carries each occurrence's period label, for
// a page of a unit's tasks: written with the task (one at a time and in
// bulk), and filled by migration 10 in a register written before it.
TEST_P(RepositorySuite, OccurrenceIndexRowsCarryTheirPeriodLabelsAlsoAfterAnUpgrade) {
    ASSERT_TRUE(repo->save_unit(unit("a", "Xã a")).ok());
    ASSERT_TRUE(repo->save_unit(unit("b", "Xã b")).ok());
    const auto on = [](const char* iso) { return *parse_iso(iso); };
    const auto task = [](const std::string& action) {
        domain::Task t;
        t.action = action;
        t.state = domain::TaskState::active;
        t.assignments = {{UnitId{"a"}, "UBND xã a", read::Role::lead},
                         {UnitId{"b"}, "UBND xã b", read::Role::coordinate}};
        return t;
    };
    const std::vector<domain::TaskOccurrence> halves = {
        {TaskId{}, on("2024-06-16"), "6 tháng đầu năm 2024"},
        {TaskId{}, on("2024-12-16"), "năm 2024"}};
    const std::vector<domain::TaskOccurrence> once = {{TaskId{}, on("2024-03-01"), ""}};
    const std::vector<domain::TaskOccurrence> yearly = {{TaskId{}, on("2025-01-10"), "năm 2024"}};
    std::vector<TaskId> ids;
    for (const auto* occurrences : {&halves, &once, &yearly}) {
        auto id = repo->insert_task(task("Báo cáo"), *occurrences);
        ASSERT_TRUE(id.ok()) << id.error().describe();
        ids.push_back(*id);
    }
    std::vector<TaskHistory> batch = {{{task("Báo cáo"), halves, {}, {}}, {}},
                                      {{task("Kế hoạch"), {}, {}, {}}, {}}};
    auto bulk = repo->insert_task_histories(batch);
    ASSERT_TRUE(bulk.ok()) << bulk.error().describe();
    ids.insert(ids.end(), bulk->begin(), bulk->end());
    // (unit, task, due or none) → label, as the index gives it.
    const auto labels = [&] {
        std::map<std::tuple<std::string, std::int64_t, std::string>, std::string> out;
        for (const char* u : {"a", "b"}) {
            auto rows = repo->unit_timelines({UnitId{u}}, ids.front(), ids.back());
            EXPECT_TRUE(rows.ok()) << rows.error().describe();
            if (!rows.ok()) return out;
            for (const auto& r : *rows) {
                const std::string due = r.timeline.due ? domain::iso(*r.timeline.due) : "-";
                out[{u, r.task.value, due}] = r.period_label;
            }
        }
        return out;
    };
    const auto written = labels();
    ASSERT_EQ(written.size(), 2u * 7u);  // both units: 2 + 1 + 1 + 2 occurrences, 1 none
    const auto label_of = [&](std::size_t n, const char* due) {
        return written.at({"a", ids[n].value, due});
    };
    EXPECT_EQ(label_of(0, "2024-06-16"), "6 tháng đầu năm 2024");
    EXPECT_EQ(label_of(0, "2024-12-16"), "năm 2024");
    EXPECT_EQ(label_of(1, "2024-03-01"), "");
    EXPECT_EQ(label_of(2, "2025-01-10"), "năm 2024");
    EXPECT_EQ(label_of(3, "2024-12-16"), "năm 2024");
    EXPECT_EQ(label_of(4, "-"), "");
    // The register as schema 9 left it: no label column, migration 10 to come.
    repo.reset();
    ASSERT_TRUE(scratch
                    ->exec("ALTER TABLE unit_occurrences DROP COLUMN period_label; "
                           "DELETE FROM schema_migrations WHERE version = 10")
                    .ok());
    auto reopened = open_register(scratch->db());
    ASSERT_TRUE(reopened.ok()) << reopened.error().describe();
    repo = std::move(*reopened);
    EXPECT_EQ(labels(), written);
}

// A savepoint released inside a transaction keeps its search index entries
// and status deltas when a later sibling fails (ingest_batch: one document
// of a batch is bad, the others stay whole).
TEST_P(RepositorySuite, ReleasedSavepointKeepsItsPendingWritesWhenASiblingFails) {
    ASSERT_TRUE(repo->save_unit(unit("d", "Huyện")).ok());
    ASSERT_TRUE(repo->save_unit(unit("a", "Xã a", "d")).ok());
    const auto overdue_task = [] {
        domain::Task t;
        t.action = "Báo cáo";
        t.state = domain::TaskState::active;
        t.assigned_on = parse_iso("2024-01-01");
        t.assignments = {{UnitId{"a"}, "UBND xã", read::Role::lead}};
        return t;
    };
    auto outer = repo->transaction([&]() -> Result<void> {
        auto kept = repo->transaction([&]() -> Result<void> {
            DONDOC_TRY(repo->insert_document(document("981/UBND", "h1")));
            return repo->insert_task(overdue_task(), {{TaskId{}, *parse_iso("2024-03-01"), ""}})
                           .ok()
                       ? Result<void>()
                       : make_error(ErrorCode::io_error, "insert");
        });
        EXPECT_TRUE(kept.ok());
        auto dropped = repo->transaction([&]() -> Result<void> {
            DONDOC_TRY(repo->insert_document(document("982/UBND", "h2")));
            DONDOC_TRY(
                repo->insert_task(overdue_task(), {{TaskId{}, *parse_iso("2024-03-01"), ""}}));
            return make_error(ErrorCode::invalid_input, "the second document is bad");
        });
        EXPECT_FALSE(dropped.ok());
        return {};
    });
    ASSERT_TRUE(outer.ok());
    EXPECT_EQ(repo->search_documents("981", 10)->size(), 1u);
    EXPECT_EQ(repo->search_documents("982", 10)->size(), 0u);
    auto counts = repo->status_counts(StatusCountQuery{*parse_iso("2024-04-01"), {}, {}, {}});
    ASSERT_TRUE(counts.ok());
    ASSERT_EQ(counts->size(), 1u);
    EXPECT_EQ(counts->front().overdue, 1u);
}

// A register written by schema 1 (one row per assignment, the search index
// holding the text) opens under schema 2 with nothing lost.
TEST(SqliteRegister, UpgradesAVersionOneRegister) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("dondoc-store-v1-" + std::to_string(::getpid()) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    {
        auto db = sqlite::open(path.string());
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE((*db)->exec(k_migrations[0].sql).ok());
        ASSERT_TRUE((*db)
                        ->exec(R"SQL(
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (datetime('now')));
INSERT INTO schema_migrations(version, description) VALUES (1, 'v1');
INSERT INTO units(id, name, kind) VALUES ('d', 'Huyện Sơn Tây', 'district');
INSERT INTO units(id, name, kind, parent_id) VALUES ('a', 'Xã Sơn Dung', 'commune', 'd');
INSERT INTO units(id, name, kind, parent_id) VALUES ('b', 'Xã Sơn Long', 'commune', 'd');
INSERT INTO documents(id, notation, notation_key, year, date, type_code, issuer_name, subject,
  direction, source_name, source_hash, record_json, text)
  VALUES (1, '981/UBND', '981ubnd', 2023, '2023-05-26', 'CV', 'UBND huyện Sơn Tây',
  'triển khai Nghị quyết 53', 'incoming', 'seed_000.txt', 'h', '{}', 'Nghị quyết số 53/NQ-CP');
INSERT INTO documents_fts(rowid, body) VALUES (1, '981/ubnd cv ubnd huyen son tay trien khai nghi quyet 53 nghi quyet so 53/nq-cp');
INSERT INTO tasks(id, document_id, clause, action, evidence, deadlines_json, state, assigned_on)
  VALUES (1, 1, '1', 'Báo cáo', '1. Báo cáo', '[]', 'active', '2023-05-26');
INSERT INTO task_assignments VALUES (1, 0, 'a', 'UBND các xã', 'lead');
INSERT INTO task_assignments VALUES (1, 1, 'b', 'UBND các xã', 'lead');
INSERT INTO task_assignments VALUES (1, 2, NULL, 'Hội Nông dân', 'coordinate');
INSERT INTO occurrences VALUES (1, '2023-06-30', '');
)SQL")
                        .ok());
    }
    {
        auto opened = open_sqlite(path.string());
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        auto& r = **opened;
        auto t = r.task(TaskId{1});
        ASSERT_TRUE(t.ok());
        ASSERT_EQ(t->assignments.size(), 3u);
        EXPECT_EQ(t->assignments[0].unit->value, "a");
        EXPECT_EQ(t->assignments[1].unit->value, "b");
        EXPECT_EQ(t->assignments[1].mention, "UBND các xã");
        EXPECT_FALSE(t->assignments[2].unit.has_value());
        EXPECT_EQ(t->assignments[2].mention, "Hội Nông dân");
        auto found = r.search_documents("nghi quyet 53", 5);
        ASSERT_TRUE(found.ok());
        ASSERT_EQ(found->size(), 1u);
        EXPECT_EQ(found->front().notation, "981/UBND");
        auto counts = r.status_counts(StatusCountQuery{*parse_iso("2023-07-01"), {}, {}, {}});
        ASSERT_TRUE(counts.ok());
        ASSERT_EQ(counts->size(), 2u);
        EXPECT_EQ(counts->front().overdue, 1u);
        auto overdue = r.overdue_tasks({UnitId{"b"}}, *parse_iso("2023-07-01"));
        ASSERT_TRUE(overdue.ok());
        EXPECT_EQ(overdue->size(), 1u);
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

// A task's one plain date deadline (as an import makes it: the date shown
// dd/mm/yyyy, inclusive) is stored as its ISO date; any other deadline list
// as JSON; both read back exactly, written one by one or in bulk, and a
// plain date stored as JSON before migration 9 still reads.
TEST_P(RepositorySuite, PlainDateDeadlinesAreStoredCompactAndReadBackExactly) {
    const auto on = [](int y, int m, int d) { return read::Date{y, m, d}; };
    read::Deadline plain;
    plain.kind = read::DeadlineKind::date;
    plain.text = "01/05/2023";
    plain.date = on(2023, 5, 1);
    read::Deadline before = plain;  // "trước ngày": exclusive, as printed
    before.text = "trước ngày 01/05/2023";
    before.inclusive = false;
    read::Deadline printed = plain;  // the phrase of a document, not the bare date
    printed.text = "ngày 1/5/2023";
    read::Deadline quarterly;
    quarterly.kind = read::DeadlineKind::quarterly;
    quarterly.text = "trước ngày 20 tháng cuối quý";
    quarterly.day = 20;
    read::Deadline odd_year = plain;  // not four digits: JSON
    odd_year.date = on(99, 5, 1);
    odd_year.text = "01/05/0099";
    const std::vector<std::vector<read::Deadline>> lists = {
        {plain}, {before}, {printed}, {plain, quarterly}, {}, {quarterly}, {odd_year}};
    const auto task_with = [](const std::vector<read::Deadline>& deadlines, std::size_t i) {
        domain::Task t;
        t.action = "Nhiệm vụ " + std::to_string(i);
        t.state = domain::TaskState::active;
        t.deadlines = deadlines;
        return t;
    };
    std::vector<TaskId> ids;
    std::vector<TaskHistory> batch;
    for (std::size_t i = 0; i < lists.size(); ++i) {
        auto id = repo->insert_task(task_with(lists[i], i), {});
        ASSERT_TRUE(id.ok()) << id.error().describe();
        ids.push_back(*id);
        batch.push_back({{task_with(lists[i], i), {}, {}, {}}, {}});
    }
    auto bulk = repo->insert_task_histories(batch);
    ASSERT_TRUE(bulk.ok()) << bulk.error().describe();
    ids.insert(ids.end(), bulk->begin(), bulk->end());
    for (std::size_t k = 0; k < ids.size(); ++k) {
        auto t = repo->task(ids[k]);
        ASSERT_TRUE(t.ok()) << t.error().describe();
        EXPECT_TRUE(t->deadlines == lists[k % lists.size()]) << "list " << k % lists.size();
    }
    if (GetParam() != Backend::sqlite) return;
    auto db = sqlite::open(scratch->db());
    ASSERT_TRUE(db.ok());
    auto st = (*db)->prepare("SELECT deadlines_json FROM tasks WHERE id = ?");
    ASSERT_TRUE(st.ok());
    for (std::size_t k = 0; k < ids.size(); ++k) {
        st->reset();
        st->bind(1, ids[k].value);
        ASSERT_TRUE(*st->step());
        const std::string stored = st->text(0);
        if (k % lists.size() == 0)
            EXPECT_EQ(stored, "2023-05-01");
        else
            EXPECT_EQ(stored.front(), '[') << stored;
    }
    // A plain date written as JSON (by a binary before migration 9) reads the same.
    ASSERT_TRUE((*db)
                    ->exec("UPDATE tasks SET deadlines_json = '[{\"kind\":\"date\",\"text\":"
                           "\"01/05/2023\",\"date\":\"2023-05-01\",\"inclusive\":true}]' "
                           "WHERE id = " +
                           std::to_string(ids.front().value))
                    .ok());
    auto old = repo->task(ids.front());
    ASSERT_TRUE(old.ok());
    EXPECT_TRUE(old->deadlines == lists.front());
}

// A unit set made inside a transaction that is rolled back is gone; a later
// task naming the same units gets a set that exists.
// What falls due in a window: every occurrence and approved extension due in
// it comes back with its day, in order; asked for reports, exactly those of
// recurring tasks or of tasks whose product is a report.
TEST_P(RepositorySuite, DueCandidatesHoldEverythingDueInTheWindow) {
    ASSERT_TRUE(repo->save_unit(unit("x", "Xã")).ok());
    std::mt19937 random(5);
    const auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const domain::CivilDate start = *parse_iso("2024-03-01");
    std::set<std::pair<std::string, std::int64_t>> due_rows;     // (day, task)
    std::set<std::pair<std::string, std::int64_t>> report_rows;  // the same, reports only
    for (int i = 0; i < 150; ++i) {
        domain::Task t;
        t.action = "Nhiệm vụ " + std::to_string(i);
        t.state = domain::TaskState::active;
        t.assignments.push_back({UnitId{"x"}, "UBND xã", read::Role::lead});
        const int kind = pick(4);
        if (kind == 1) t.product = "Báo cáo kết quả";
        if (kind == 2) t.product = "BÁO CÁO TỔNG HỢP";
        if (kind == 3) t.product = "Kế hoạch";
        const bool recurring = pick(3) == 0;
        std::vector<domain::TaskOccurrence> occurrences;
        for (int o = 0, n = recurring ? 2 + pick(3) : 1; o < n; ++o)
            occurrences.push_back({TaskId{}, domain::plus_days(start, pick(90)),
                                   recurring ? "Kỳ " + std::to_string(o + 1) : ""});
        auto id = repo->insert_task(t, occurrences);
        ASSERT_TRUE(id.ok()) << id.error().describe();
        const bool report = recurring || kind == 1 || kind == 2;
        std::set<std::string> days;
        for (const auto& o : occurrences) days.insert(domain::iso(o.due));
        if (pick(4) == 0) {
            domain::Extension extension;
            extension.task = *id;
            extension.requested_on = domain::plus_days(start, pick(60));
            extension.new_due = domain::plus_days(extension.requested_on, 15);
            auto extension_id = repo->add_extension(extension);
            ASSERT_TRUE(extension_id.ok());
            const bool approved = pick(2) == 0;
            ASSERT_TRUE(repo->decide_extension(*extension_id,
                                               approved ? domain::ExtensionDecision::approved
                                                        : domain::ExtensionDecision::rejected,
                                               extension.requested_on)
                            .ok());
            if (approved) days.insert(domain::iso(extension.new_due));
        }
        for (const auto& d : days) {
            due_rows.insert({d, id->value});
            if (report) report_rows.insert({d, id->value});
        }
    }
    for (int w = 0; w < 12; ++w) {
        const domain::CivilDate from = domain::plus_days(start, pick(100) - 5);
        const domain::CivilDate to = domain::plus_days(from, pick(30));
        for (const bool reports_only : {false, true}) {
            auto got = repo->due_candidates(from, to, reports_only);
            ASSERT_TRUE(got.ok()) << got.error().describe();
            std::set<std::pair<std::string, std::int64_t>> want;
            for (const auto& row : reports_only ? report_rows : due_rows)
                if (row.first >= domain::iso(from) && row.first <= domain::iso(to))
                    want.insert(row);
            std::set<std::pair<std::string, std::int64_t>> have;
            for (std::size_t i = 0; i < got->size(); ++i) {
                const auto& c = (*got)[i];
                have.insert({domain::iso(c.due), c.task.value});
                if (i > 0) {
                    const auto& before = (*got)[i - 1];
                    EXPECT_TRUE(before.due < c.due ||
                                (before.due == c.due && before.task.value <= c.task.value))
                        << "by day, then task";
                }
            }
            EXPECT_EQ(have, want) << domain::iso(from) << ".." << domain::iso(to)
                                  << (reports_only ? " reports" : "");
        }
    }
}

TEST_P(RepositorySuite, UnitSetsOfARolledBackTransactionAreNotReused) {
    ASSERT_TRUE(repo->save_unit(unit("d", "Huyện")).ok());
    ASSERT_TRUE(repo->save_unit(unit("a", "Xã A", "d")).ok());
    ASSERT_TRUE(repo->save_unit(unit("b", "Xã B", "d")).ok());
    domain::Task t;
    t.action = "Báo cáo";
    t.state = domain::TaskState::active;
    t.assignments = {{UnitId{"a"}, "UBND các xã", read::Role::perform},
                     {UnitId{"b"}, "UBND các xã", read::Role::perform}};
    for (int nested = 0; nested < 2; ++nested) {
        auto failed = repo->transaction([&]() -> Result<void> {
            const auto inner = [&]() -> Result<void> {
                auto id = repo->insert_task(t, {});
                if (!id) return id.error();
                return make_error(ErrorCode::invalid_input, "stop");
            };
            if (nested == 0) return inner();
            auto undone = repo->transaction(inner);  // a savepoint undone, the outer kept
            EXPECT_FALSE(undone.ok());
            return {};
        });
        EXPECT_EQ(failed.ok(), nested == 1);
        auto id = repo->insert_task(t, {});
        ASSERT_TRUE(id.ok()) << id.error().describe();
        auto back = repo->task(*id);
        ASSERT_TRUE(back.ok());
        ASSERT_EQ(back->assignments.size(), 2u);
        EXPECT_EQ(back->assignments[1].unit->value, "b");
        // Only the committed tasks count: the undone one's status deltas went with it.
        auto counts = repo->status_counts(StatusCountQuery{*parse_iso("2024-01-01"), {}, {}, {}});
        ASSERT_TRUE(counts.ok());
        ASSERT_EQ(counts->size(), 2u);
        EXPECT_EQ(counts->front().no_deadline, static_cast<std::size_t>(nested + 1));
    }
}

// Two connections to one file, as two server loops or two processes have:
// each one's cached directory learns of the other's changes by the version,
// and a read snapshot sees one state of the register throughout.
TEST_P(RepositorySuite, DirectoryVersionAndReadSnapshotsAcrossConnections) {
    auto writer = open_register(scratch->db());
    auto reader = open_register(scratch->db());
    ASSERT_TRUE(writer.ok() && reader.ok());
    Repository& a = **writer;
    Repository& b = **reader;
    const auto version = [&] { return *b.directory_version(); };
    const std::int64_t start = version();
    ASSERT_TRUE(a.save_unit(unit("530", "Huyện Sơn Tây")).ok());
    const std::int64_t after_unit = version();
    EXPECT_GT(after_unit, start);
    auto renamed = unit("530", "Huyện Sơn Tây");
    renamed.aliases = {"UBND huyện Sơn Tây"};
    ASSERT_TRUE(a.save_unit(renamed).ok());
    const std::int64_t after_alias = version();
    EXPECT_GT(after_alias, after_unit);
    ASSERT_TRUE(a.save_mapping("phong tai chinh", UnitId{"530"}, {UnitId{"530"}}).ok());
    EXPECT_GT(version(), after_alias);
    // Tasks and documents are not the directory: the version stays.
    const std::int64_t before_document = version();
    ASSERT_TRUE(a.insert_document(document("981/UBND", "h1")).ok());
    EXPECT_EQ(version(), before_document);

    // Inside b's snapshot, a's new document and unit are not seen; after it, they are.
    auto snapshot = b.read_snapshot([&]() -> Result<void> {
        const auto documents = b.counts()->documents;
        const auto units = b.units()->size();
        EXPECT_TRUE(a.insert_document(document("982/UBND", "h2")).ok());
        EXPECT_TRUE(a.save_unit(unit("21391", "Xã Sơn Dung", "530")).ok());
        EXPECT_EQ(b.counts()->documents, documents);
        EXPECT_EQ(b.units()->size(), units);
        EXPECT_EQ(*b.directory_version(), version());
        return {};
    });
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().describe();
    EXPECT_EQ(b.counts()->documents, 2u);
    EXPECT_EQ(b.units()->size(), 2u);
    // A write inside a read snapshot is a bug, refused loudly.
    EXPECT_THROW((void)b.read_snapshot([&]() -> Result<void> {
        return b.transaction([] { return Result<void>(); });
    }),
                 std::logic_error);
    writer->reset();
    reader->reset();
}

namespace enforcement_test {

// Units 530 (district) → 530-nv, 530-tckh; task A led by 530-tckh with
// 530-nv coordinating; task B performed by 530-nv.
struct Ledger {
    TaskId a;
    TaskId b;
};

Ledger ledger_register(Repository& repo) {
    EXPECT_TRUE(repo.save_unit(unit("530", "Huyện Sơn Tây")).ok());
    EXPECT_TRUE(repo.save_unit(unit("530-nv", "Phòng Nội vụ", "530")).ok());
    EXPECT_TRUE(repo.save_unit(unit("530-tckh", "Phòng Tài chính - Kế hoạch", "530")).ok());
    domain::Task a;
    a.action = "lập dự toán";
    a.state = domain::TaskState::active;
    a.assignments = {{UnitId{"530-tckh"}, "Phòng TC-KH", read::Role::lead},
                     {UnitId{"530-nv"}, "Phòng Nội vụ", read::Role::coordinate}};
    domain::Task b;
    b.action = "rà soát biên chế";
    b.state = domain::TaskState::active;
    b.assignments = {{UnitId{"530-nv"}, "Phòng Nội vụ", read::Role::perform}};
    auto ia = repo.insert_task(a, {{TaskId{}, *parse_iso("2024-03-31"), ""}});
    auto ib = repo.insert_task(b, {{TaskId{}, *parse_iso("2024-04-30"), ""}});
    EXPECT_TRUE(ia.ok() && ib.ok());
    return {ia.ok() ? *ia : TaskId{}, ib.ok() ? *ib : TaskId{}};
}

domain::EnforcementAct act(domain::EnforcementKind kind, const std::string& on) {
    domain::EnforcementAct x;
    x.kind = kind;
    x.on = *parse_iso(on);
    x.by = UnitId{"530"};
    x.recorded_by = "cli:test";
    x.recorded_at = 1720000000;
    return x;
}

std::size_t count_of(const std::vector<UnitEnforcementCounts>& counts, const std::string& unit,
                     domain::EnforcementKind kind) {
    for (const auto& c : counts) {
        if (c.unit.value == unit) return c.counts.of(kind);
    }
    return 0;
}

}  // namespace enforcement_test

TEST_P(RepositorySuite, EnforcementActsCountOncePerUnitNamedOrThroughATask) {
    using domain::EnforcementKind;
    using namespace enforcement_test;
    const Ledger l = ledger_register(*repo);
    // An urging letter naming 530-tckh about both tasks: 530-tckh once (named
    // and leading A), 530-nv once (performing B; coordinating A does not count).
    auto urge = act(EnforcementKind::urging, "2024-05-10");
    urge.units = {UnitId{"530-tckh"}};
    urge.tasks = {l.a, l.b};
    urge.document_text = "Công văn đôn đốc (chưa vào sổ)";
    auto urged = repo->add_enforcement(urge);
    ASSERT_TRUE(urged.ok()) << urged.error().describe();
    // A reminder about task A only, in the next quarter; a criticism naming the district.
    auto remind = act(EnforcementKind::reminder, "2024-07-02");
    remind.tasks = {l.a};
    ASSERT_TRUE(repo->add_enforcement(remind).ok());
    auto criticise = act(EnforcementKind::criticism, "2024-06-30");
    criticise.units = {UnitId{"530"}, UnitId{"530-nv"}};
    criticise.number = "15/TB-UBND";
    ASSERT_TRUE(repo->add_enforcement(criticise).ok());

    auto read = repo->enforcement(*urged);
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_EQ(read->kind, EnforcementKind::urging);
    EXPECT_EQ(read->number, "");
    EXPECT_EQ(read->on, *parse_iso("2024-05-10"));
    EXPECT_EQ(read->by, UnitId{"530"});
    EXPECT_EQ(read->document_text, "Công văn đôn đốc (chưa vào sổ)");
    EXPECT_EQ(read->units, (std::vector<UnitId>{UnitId{"530-tckh"}}));
    EXPECT_EQ(read->tasks, (std::vector<TaskId>{l.a, l.b}));
    EXPECT_EQ(read->concerned, (std::vector<UnitId>{UnitId{"530-tckh"}, UnitId{"530-nv"}}));
    EXPECT_EQ(read->recorded_by, "cli:test");

    EnforcementFilter q2;
    q2.from = parse_iso("2024-04-01");
    q2.to = parse_iso("2024-06-30");
    auto counts = repo->enforcement_counts(q2);
    ASSERT_TRUE(counts.ok()) << counts.error().describe();
    EXPECT_EQ(count_of(*counts, "530-tckh", EnforcementKind::urging), 1u);
    EXPECT_EQ(count_of(*counts, "530-nv", EnforcementKind::urging), 1u);
    EXPECT_EQ(count_of(*counts, "530-nv", EnforcementKind::criticism), 1u);
    EXPECT_EQ(count_of(*counts, "530", EnforcementKind::criticism), 1u);
    EXPECT_EQ(count_of(*counts, "530-tckh", EnforcementKind::reminder), 0u);  // in Q3
    ASSERT_EQ(counts->size(), 3u);

    EnforcementFilter year;
    year.from = parse_iso("2024-01-01");
    year.to = parse_iso("2024-12-31");
    year.units = {UnitId{"530-tckh"}};
    auto tckh = repo->enforcement_counts(year);
    ASSERT_TRUE(tckh.ok());
    ASSERT_EQ(tckh->size(), 1u);
    EXPECT_EQ(tckh->front().counts.total(), 2u);
    EXPECT_EQ(tckh->front().counts.of(EnforcementKind::reminder), 1u);

    // Lists: by unit (named or through a task), kind and window, newest first.
    EnforcementFilter of_nv;
    of_nv.units = {UnitId{"530-nv"}};
    auto listed = repo->enforcement_acts(of_nv);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ(listed->at(0).kind, EnforcementKind::criticism);
    EXPECT_EQ(listed->at(0).number, "15/TB-UBND");
    EXPECT_EQ(listed->at(1).id, *urged);
    EnforcementFilter reminders;
    reminders.kind = EnforcementKind::reminder;
    auto only = repo->enforcement_acts(reminders);
    ASSERT_TRUE(only.ok());
    ASSERT_EQ(only->size(), 1u);
    EXPECT_EQ(only->front().concerned, (std::vector<UnitId>{UnitId{"530-tckh"}}));
    EXPECT_TRUE(only->front().units.empty());
    auto all = repo->enforcement_acts({});
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 3u);
}

TEST_P(RepositorySuite, EnforcementRefusesUnknownRecordsAndTakesTheNumberLater) {
    using domain::EnforcementKind;
    using namespace enforcement_test;
    const Ledger l = ledger_register(*repo);
    auto bad_unit = act(EnforcementKind::review, "2024-05-10");
    bad_unit.units = {UnitId{"530-tckh"}, UnitId{"999-x"}};
    auto refused = repo->add_enforcement(bad_unit);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::not_found);
    EXPECT_NE(refused.error().message.find("999-x"), std::string::npos);
    auto bad_task = act(EnforcementKind::review, "2024-05-10");
    bad_task.tasks = {l.a, TaskId{l.b.value + 100}};
    refused = repo->add_enforcement(bad_task);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::not_found);
    EXPECT_NE(refused.error().message.find(std::to_string(l.b.value + 100)), std::string::npos);
    auto bad_document = act(EnforcementKind::review, "2024-05-10");
    bad_document.document = DocumentId{4242};
    EXPECT_EQ(repo->add_enforcement(bad_document).error().code, ErrorCode::not_found);
    // Nothing was half-written.
    auto none = repo->enforcement_acts({});
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());

    // A draft recorded before signature, numbered and re-dated once signed.
    auto draft = act(EnforcementKind::urging, "2024-07-01");
    draft.units = {UnitId{"530-nv"}};
    auto id = repo->add_enforcement(draft);
    ASSERT_TRUE(id.ok()) << id.error().describe();
    auto signed_act = *repo->enforcement(*id);
    signed_act.number = "215/UBND-VP";
    signed_act.on = *parse_iso("2024-07-03");
    signed_act.note = "ký ngày 03/7";
    signed_act.units = {};  // not what an edit changes
    ASSERT_TRUE(repo->update_enforcement(signed_act).ok());
    auto back = repo->enforcement(*id);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->number, "215/UBND-VP");
    EXPECT_EQ(back->on, *parse_iso("2024-07-03"));
    EXPECT_EQ(back->note, "ký ngày 03/7");
    EXPECT_EQ(back->units, (std::vector<UnitId>{UnitId{"530-nv"}}));
    signed_act.id = *id + 1;
    EXPECT_EQ(repo->update_enforcement(signed_act).error().code, ErrorCode::not_found);
    EXPECT_EQ(repo->enforcement(*id + 1).error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace dondoc::store
