// The register end to end on real inputs: the Quảng Ngãi directory and the
// five seed directives, in an SQLite register.
#include "service/register_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "domain/civil_date.h"
#include "support/scratch_register.h"

namespace dondoc::service {
namespace {

using domain::parse_iso;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string seed(int n) {
    return slurp(std::string(DONDOC_TEST_DATA) + "/read/seeds/seed_00" + std::to_string(n) +
                 ".txt");
}

CivilDate d(const char* iso_text) {
    return *parse_iso(iso_text);
}

class Register : public ::testing::TestWithParam<dondoc::testing::Backend> {
  protected:
    void SetUp() override {
        scratch = std::make_unique<dondoc::testing::ScratchRegister>(GetParam());
        if (!scratch->available()) GTEST_SKIP() << "no PostgreSQL cluster (DONDOC_TEST_PG_HOST)";
        auto opened = store::open_register(scratch->db());
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        repo = std::move(*opened);
        service = std::make_unique<RegisterService>(*repo, domain::WorkingCalendar::vietnam());
        const std::string units = std::string(DONDOC_PROJECT_DATA) + "/quang-ngai/";
        auto n = service->import_demo_units(slurp(units + "units_2024.csv"),
                                            slurp(units + "units_2025.csv"));
        ASSERT_TRUE(n.ok()) << n.error().describe();
    }

    IngestResult ingest(int n, bool confirm = true) {
        IngestOptions options;
        options.confirm = confirm;
        auto result = service->ingest(seed(n), "seed_00" + std::to_string(n) + ".txt", options);
        EXPECT_TRUE(result.ok()) << result.error().describe();
        return result.ok() ? *result : IngestResult{};
    }

    // The generated province's 200 units (tests/data/import).
    [[nodiscard]] bool import_generated_units() {
        const std::string file = std::string(DONDOC_TEST_DATA) + "/import/units-200.csv";
        return service->import_units(slurp(file), "units-200.csv").ok();
    }

    // The first `rows` tasks of the generated province's tasks-10000.csv.
    static std::string generated_tasks(int rows) {
        const std::string sheet = slurp(std::string(DONDOC_TEST_DATA) + "/import/tasks-10000.csv");
        std::size_t end = 0;
        for (int line = 0; line <= rows; ++line) end = sheet.find('\n', end) + 1;
        return sheet.substr(0, end);
    }

    // A task sheet applied; how many tasks it created (0 on an error).
    std::size_t apply_sheet(const std::string& sheet, const std::string& name) {
        ImportOptions apply;
        apply.apply = true;
        auto imported = service->import_tasks(sheet, name, apply);
        EXPECT_TRUE(imported.ok()) << imported.error().describe();
        return imported.ok() ? imported->created : 0;
    }

    // Every page of the query's list in id order (both directions, at each
    // offset, `limit` a page) against the slice of the whole list worked
    // out from the events: the total, and each item's task, status, due,
    // period, action, assignments and notation. The items of the list that
    // were compared are added to `compared`.
    void expect_pages_are_slices(const TaskQuery& query, std::size_t limit,
                                 std::initializer_list<std::size_t> offsets,
                                 std::vector<TaskView>& compared) {
        auto all = service->tasks(query);
        ASSERT_TRUE(all.ok()) << all.error().describe();
        const std::string name =
            (query.unit ? query.unit->value : std::string("all")) + " " + domain::iso(query.as_of);
        for (const bool descending : {false, true}) {
            std::vector<TaskView> expected = *all;
            if (descending) std::reverse(expected.begin(), expected.end());
            for (const std::size_t offset : offsets) {
                TaskPageQuery page;
                page.query = query;
                page.descending = descending;
                page.limit = limit;
                page.offset = offset;
                auto got = service->task_page(page);
                ASSERT_TRUE(got.ok()) << got.error().describe();
                const std::string where =
                    name + (descending ? " desc" : " asc") + " offset " + std::to_string(offset);
                EXPECT_EQ(got->total, expected.size()) << where;
                const std::size_t from = std::min(offset, expected.size());
                ASSERT_EQ(got->items.size(), std::min(limit, expected.size() - from)) << where;
                for (std::size_t i = 0; i < got->items.size(); ++i) {
                    const TaskView& want = expected[offset + i];
                    EXPECT_EQ(got->items[i].task.id, want.task.id) << where;
                    EXPECT_EQ(got->items[i].status, want.status) << where;
                    EXPECT_EQ(got->items[i].due, want.due) << where;
                    EXPECT_EQ(got->items[i].period_label, want.period_label) << where;
                    EXPECT_EQ(got->items[i].task.action, want.task.action) << where;
                    EXPECT_EQ(got->items[i].task.assignments.size(), want.task.assignments.size())
                        << where;
                    EXPECT_EQ(got->items[i].document_notation, want.document_notation) << where;
                    compared.push_back(want);
                }
            }
        }
    }

    std::set<std::string> units_of(TaskId id, read::Role role) {
        std::set<std::string> out;
        const auto task = repo->task(id);
        for (const auto& a : task->assignments) {
            if (a.role == role && a.unit) out.insert(a.unit->value);
        }
        return out;
    }

    void TearDown() override {
        service.reset();

        repo.reset();

        scratch.reset();
    }

    std::unique_ptr<dondoc::testing::ScratchRegister> scratch;

    std::unique_ptr<store::Repository> repo;
    std::unique_ptr<RegisterService> service;
};

INSTANTIATE_TEST_SUITE_P(Backends, Register, ::testing::ValuesIn(dondoc::testing::all_backends()),
                         [](const auto& test) {
                             return dondoc::testing::backend_name(test.param);
                         });

TEST_P(Register, SeedTasksGoToTheRightUnitsWithGroupsExpanded) {
    const auto r = ingest(0);
    ASSERT_EQ(r.tasks.size(), 2u);
    // "UBND các xã" from UBND huyện Sơn Tây: its nine communes; "Các phòng, ban …
    // trực thuộc UBND huyện": its offices.
    const auto performers = units_of(r.tasks[0], read::Role::perform);
    for (const char* commune :
         {"21331", "21334", "21335", "21337", "21338", "21340", "21341", "21343", "21346"}) {
        EXPECT_TRUE(performers.contains(commune)) << commune;
    }
    EXPECT_TRUE(performers.contains("530-tckh"));
    EXPECT_TRUE(performers.contains("530-nv"));
    EXPECT_FALSE(performers.contains("21211"));  // a commune of another district
    EXPECT_EQ(units_of(r.tasks[1], read::Role::lead), std::set<std::string>{"530-tckh"});
    // What no unit stands for stays visible.
    EXPECT_NE(std::find(r.unresolved.begin(), r.unresolved.end(), "các hội, đoàn thể huyện"),
              r.unresolved.end());

    const auto province = ingest(4);
    ASSERT_EQ(province.tasks.size(), 5u);
    EXPECT_EQ(units_of(province.tasks[4], read::Role::lead).size(), 1u);  // Sở Kế hoạch và Đầu tư
    const auto districts =
        units_of(province.tasks[2], read::Role::perform);  // "UBND các huyện, thị xã, thành phố"
    EXPECT_TRUE(districts.contains("530"));
    EXPECT_TRUE(districts.contains("522"));
    EXPECT_EQ(districts.size(), 13u);
}

// A page loaded from the repository (id order, no status filter) is the
// same slice, with the same total, as the whole list worked out and cut.
TEST_P(Register, TaskPagesEqualSlicesOfTheWholeList) {
    for (int n = 0; n < 5; ++n) ingest(n);
    std::vector<TaskView> compared;
    for (const auto& unit : std::vector<std::optional<UnitId>>{
             std::nullopt, UnitId{"530"}, UnitId{"530-tckh"}, UnitId{"21211"}}) {
        TaskQuery query;
        query.as_of = *domain::parse_iso("2024-07-01");
        query.unit = unit;
        expect_pages_are_slices(query, 4, {0, 1, 3, 7, 1000}, compared);
    }
    EXPECT_FALSE(compared.empty());
}

// A unit's page in id order comes from the occurrence index: the count and
// the statuses from the units' timelines, only the page's task rows and
// labels read. With extensions, reviewed reports, a task whose status needs
// its events (two approved extensions) and the recurring reports of seed 2,
// every page equals the slice of the list worked out from the events, the
// due date in force and the period's label included.
TEST_P(Register, UnitPagesFromTheOccurrenceIndexEqualTheListFromTheEvents) {
    std::vector<TaskId> ids;
    for (int n = 0; n < 5; ++n) {
        const auto r = ingest(n);
        ids.insert(ids.end(), r.tasks.begin(), r.tasks.end());
    }
    ASSERT_GE(ids.size(), 8u);
    const auto approve = [&](TaskId id, const char* asked, const char* to, const char* decided) {
        ASSERT_TRUE(service->request_extension(id, d(asked), d(to), "Chờ số liệu").ok());
        ASSERT_TRUE(
            service->decide_extension(id, domain::ExtensionDecision::approved, d(decided)).ok());
    };
    const auto report = [&](TaskId id, const char* on, domain::ReviewOutcome outcome,
                            const char* reviewed) {
        ASSERT_TRUE(service->report_done(id, d(on), "Đã thực hiện").ok());
        ASSERT_TRUE(service->review(id, outcome, d(reviewed), "").ok());
    };
    approve(ids[0], "2020-12-20", "2021-01-15", "2020-12-24");
    approve(ids[1], "2020-12-01", "2021-02-01", "2020-12-02");  // two: the events decide
    approve(ids[1], "2021-01-20", "2021-03-01", "2021-01-25");
    report(ids[2], "2020-12-15", domain::ReviewOutcome::confirmed, "2020-12-16");
    report(ids[3], "2020-12-15", domain::ReviewOutcome::returned, "2020-12-16");
    report(ids[5], "2023-06-15", domain::ReviewOutcome::confirmed, "2023-06-16");
    report(ids[6], "2025-01-10", domain::ReviewOutcome::confirmed, "2025-01-20");
    std::set<std::string> units{"530", "522"};
    for (const TaskId id : ids) {
        const auto task = repo->task(id);
        ASSERT_TRUE(task.ok());
        for (const auto& a : task->assignments)
            if (a.unit) units.insert(a.unit->value);
    }
    std::vector<TaskView> compared;
    for (const char* as_of : {"2020-12-28", "2021-01-30", "2023-07-01", "2024-07-01"}) {
        for (const auto& unit : units) {
            TaskQuery query;
            query.as_of = d(as_of);
            query.unit = UnitId{unit};
            expect_pages_are_slices(query, 3, {0, 2, 5}, compared);
        }
    }
    std::set<std::string> labels;
    for (const auto& view : compared) labels.insert(view.period_label);
    EXPECT_GT(compared.size(), 500u);
    EXPECT_TRUE(labels.contains("6 tháng đầu năm 2023") || labels.contains("năm 2023"));
}

// Pages in the other orders, and of one status, are worked out a batch of
// tasks at a time keeping only what can be on the page: on tasks of the
// generated province they equal the slices of the whole list sorted the same
// way (by the key, then by id), past what one batch holds.
TEST_P(Register, SortedAndFilteredPagesEqualSlicesOfTheSortedList) {
    ASSERT_TRUE(import_generated_units());
    // Its first 2,500 tasks: twice a batch and more.
    ASSERT_EQ(apply_sheet(generated_tasks(2500), "tasks-2500.csv"), 2500u);
    const auto key_less = [](TaskSort sort, const TaskView& a, const TaskView& b) {
        if (sort == TaskSort::due && a.due != b.due) {
            if (!a.due || !b.due) return a.due.has_value();  // no deadline last
            return *a.due < *b.due;
        }
        if (sort == TaskSort::status && a.status != b.status) return a.status < b.status;
        return a.task.id < b.task.id;
    };
    struct Case {
        std::optional<UnitId> unit;
        std::optional<domain::TaskStatus> status;
        TaskSort sort;
        bool descending;
        std::size_t offset;
    };
    const auto overdue = domain::TaskStatus::overdue;
    // The whole register's list is long enough for the page to be trimmed
    // many times over, and deep enough for an offset past a batch.
    const std::vector<Case> cases = {
        {std::nullopt, std::nullopt, TaskSort::due, false, 0},
        {std::nullopt, std::nullopt, TaskSort::due, false, 345},
        {std::nullopt, std::nullopt, TaskSort::due, true, 345},
        {std::nullopt, std::nullopt, TaskSort::status, false, 0},
        {std::nullopt, std::nullopt, TaskSort::status, true, 3000},
        {std::nullopt, overdue, TaskSort::due, false, 0},
        {std::nullopt, overdue, TaskSort::due, true, 30},
        {UnitId{"dv-002"}, std::nullopt, TaskSort::due, false, 3},
        {UnitId{"dv-002"}, overdue, TaskSort::due, true, 0},
    };
    for (const Case& c : cases) {
        TaskQuery query;
        query.as_of = d("2024-07-01");
        query.unit = c.unit;
        query.status = c.status;
        auto all = service->tasks(query);
        ASSERT_TRUE(all.ok()) << all.error().describe();
        ASSERT_FALSE(all->empty());
        std::vector<TaskView> expected = *all;
        std::sort(expected.begin(), expected.end(), [&](const TaskView& a, const TaskView& b) {
            return c.descending ? key_less(c.sort, b, a) : key_less(c.sort, a, b);
        });
        TaskPageQuery page;
        page.query = query;
        page.sort = c.sort;
        page.descending = c.descending;
        page.limit = 7;
        page.offset = c.offset;
        auto got = service->task_page(page);
        ASSERT_TRUE(got.ok()) << got.error().describe();
        const std::string where =
            (c.unit ? c.unit->value : std::string("all")) + (c.status ? " overdue" : "") +
            (c.sort == TaskSort::due ? " by due" : " by status") +
            (c.descending ? " desc" : " asc") + " offset " + std::to_string(c.offset);
        EXPECT_EQ(got->total, expected.size()) << where;
        const std::size_t shown =
            std::min<std::size_t>(7, expected.size() - std::min(c.offset, expected.size()));
        ASSERT_EQ(got->items.size(), shown) << where;
        for (std::size_t i = 0; i < shown; ++i) {
            EXPECT_EQ(got->items[i].task.id, expected[c.offset + i].task.id) << where;
            EXPECT_EQ(got->items[i].status, expected[c.offset + i].status) << where;
            EXPECT_EQ(got->items[i].due, expected[c.offset + i].due) << where;
        }
    }
}

// What falls due in a window (the dashboard's coming week) stops reading
// once no task left can come sooner; on tasks of the generated province,
// several of them due on the same days, it is the first of the whole list of
// open tasks due in the window, by day then id, however the limit cuts a day.
TEST_P(Register, WhatFallsDueIsTheSoonestOpenTasksOfTheWindow) {
    ASSERT_TRUE(import_generated_units());
    ASSERT_EQ(apply_sheet(generated_tasks(2500), "tasks-2500.csv"), 2500u);
    const auto open = [](domain::TaskStatus s) {
        return s == domain::TaskStatus::in_progress || s == domain::TaskStatus::due_soon ||
               s == domain::TaskStatus::overdue;
    };
    std::size_t cut_within_a_day = 0;
    for (const char* as_of : {"2023-03-01", "2023-06-12", "2024-07-01", "2024-11-18"}) {
        for (const int days : {7, 31}) {
            for (const std::optional<UnitId>& unit :
                 std::vector<std::optional<UnitId>>{std::nullopt, UnitId{"dv-002"}}) {
                TaskQuery query;
                query.as_of = d(as_of);
                query.unit = unit;
                auto all = service->tasks(query);
                ASSERT_TRUE(all.ok()) << all.error().describe();
                const CivilDate to = domain::plus_days(query.as_of, days - 1);
                std::vector<TaskView> expected;
                for (const auto& v : *all)
                    if (open(v.status) && v.due && *v.due >= query.as_of && *v.due <= to)
                        expected.push_back(v);
                std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
                    return *a.due != *b.due ? *a.due < *b.due : a.task.id < b.task.id;
                });
                for (const std::size_t limit : {1, 2, 3, 10}) {
                    DueQuery due;
                    due.query = query;
                    due.from = query.as_of;
                    due.to = to;
                    due.limit = limit;
                    auto got = service->falling_due(due);
                    ASSERT_TRUE(got.ok()) << got.error().describe();
                    const std::string where = std::string(as_of) + " +" + std::to_string(days) +
                                              (unit ? " " + unit->value : std::string(" all")) +
                                              " limit " + std::to_string(limit);
                    ASSERT_EQ(got->size(), std::min(limit, expected.size())) << where;
                    for (std::size_t i = 0; i < got->size(); ++i) {
                        EXPECT_EQ((*got)[i].task.id, expected[i].task.id) << where;
                        EXPECT_EQ((*got)[i].due, expected[i].due) << where;
                    }
                    if (expected.size() > limit && expected[limit - 1].due == expected[limit].due)
                        ++cut_within_a_day;
                }
            }
        }
    }
    // The cases that matter were met: a limit falling among tasks of one day.
    EXPECT_GT(cut_within_a_day, 3u);
}

// A task read through its first deadline may be due later, on the day an
// extension gave it, beside a task of a lower id not read yet: the reading
// goes on to that task, which comes first.
TEST_P(Register, WhatFallsDueOnAnExtendedDayComesInIdOrder) {
    ASSERT_TRUE(import_generated_units());
    const std::string sheet =
        "unit,task_id,title,assignee_unit,start,due,status,done_ratio,closed_on\n"
        "dv-001,b,Báo cáo B,dv-001,2024-06-01,2024-07-10,New,0,\n"
        "dv-001,a,Báo cáo A,dv-001,2024-06-01,2024-07-02,New,0,\n"
        "dv-001,x,Báo cáo X,dv-001,2024-06-01,2024-07-03,Closed,100,2024-06-20T09:00:00Z\n"
        "dv-001,y,Báo cáo Y,dv-001,2024-06-01,2024-07-04,Closed,100,2024-06-20T09:00:00Z\n";
    ASSERT_EQ(apply_sheet(sheet, "four.csv"), 4u);
    TaskQuery query;
    query.as_of = d("2024-07-01");
    auto all = service->tasks(query);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 4u);
    const TaskId b = (*all)[0].task.id;
    const TaskId a = (*all)[1].task.id;
    ASSERT_LT(b, a);
    ASSERT_TRUE(
        service->request_extension(a, d("2024-06-28"), d("2024-07-10"), "thêm thời gian").ok());
    ASSERT_TRUE(
        service->decide_extension(a, domain::ExtensionDecision::approved, d("2024-06-29")).ok());
    DueQuery due;
    due.query = query;
    due.from = query.as_of;
    due.to = d("2024-07-31");
    for (const std::size_t limit : {1, 2}) {
        due.limit = limit;
        auto got = service->falling_due(due);
        ASSERT_TRUE(got.ok());
        ASSERT_EQ(got->size(), limit);
        EXPECT_EQ((*got)[0].task.id, b) << "limit " << limit;
        EXPECT_EQ((*got)[0].due, d("2024-07-10"));
        if (limit == 2) {
            EXPECT_EQ((*got)[1].task.id, a);
        }
    }
}

// A unit's overdue tasks, listed whole, can be more than one statement may
// bind as parameters (PostgreSQL takes 65,535): they are read a slice at a
// time, which keeps their order and the list's limit. 11,000 tasks of one
// unit between as many of another (ids apart: not one range).
TEST_P(Register, AUnitsLongOverdueListIsReadInSlices) {
    ASSERT_TRUE(import_generated_units());
    std::string sheet = "unit,task_id,title,assignee_unit,start,due,status,done_ratio,closed_on\n";
    constexpr int k_tasks = 11000;
    for (int i = 0; i < 2 * k_tasks; ++i) {
        sheet += "dv-001,t";
        sheet += std::to_string(i);
        sheet += i % 2 == 0 ? ",Báo cáo số liệu,dv-002," : ",Báo cáo số liệu,dv-003,";
        sheet += "2024-01-02,2024-03-01,New,0,\n";
    }
    ASSERT_EQ(apply_sheet(sheet, "many.csv"), static_cast<std::size_t>(2 * k_tasks));
    TaskQuery query;
    query.as_of = d("2024-07-01");
    query.unit = UnitId{"dv-002"};
    query.status = domain::TaskStatus::overdue;
    auto all = service->tasks(query);
    ASSERT_TRUE(all.ok()) << all.error().describe();
    ASSERT_EQ(all->size(), static_cast<std::size_t>(k_tasks));
    for (std::size_t i = 1; i < all->size(); ++i)
        ASSERT_EQ((*all)[i].task.id.value, (*all)[i - 1].task.id.value + 2) << i;
    query.limit = 7001;  // past a slice
    auto some = service->tasks(query);
    ASSERT_TRUE(some.ok());
    ASSERT_EQ(some->size(), 7001u);
    EXPECT_EQ(some->back().task.id, (*all)[7000].task.id);
}

// A page of a unit's overdue tasks (ids from the overdue index, statuses
// from the page's rows of the occurrence index, only the page's tasks read)
// is the same slice, with the same total, as the unit's overdue list worked
// out from every task's events and cut.
TEST_P(Register, OverduePagesEqualSlicesOfTheOverdueList) {
    for (int n = 0; n < 5; ++n) ingest(n);
    std::vector<TaskView> compared;
    for (const char* day : {"2023-09-01", "2024-07-01", "2026-01-05"}) {
        for (const auto& unit : {UnitId{"51"}, UnitId{"530"}, UnitId{"21211"}, UnitId{"522"}}) {
            TaskQuery query;
            query.as_of = *domain::parse_iso(day);
            query.unit = unit;
            query.status = domain::TaskStatus::overdue;
            expect_pages_are_slices(query, 3, {0, 1, 3, 1000}, compared);
        }
    }
    EXPECT_GT(compared.size(), 10u);
    for (const auto& v : compared) EXPECT_EQ(v.status, domain::TaskStatus::overdue);
}

TEST_P(Register, CascadeWithPlaceholders) {
    ingest(0);
    auto down = service->cascade("53/NQ-CP");
    ASSERT_TRUE(down.ok()) << down.error().describe();
    EXPECT_TRUE(down->downward.document.placeholder);
    ASSERT_EQ(down->downward.children.size(), 1u);
    const auto& province = down->downward.children[0];
    EXPECT_EQ(province.document.notation, "2319/UBND-KTTH");
    EXPECT_TRUE(province.document.placeholder);
    ASSERT_EQ(province.children.size(), 1u);
    EXPECT_EQ(province.children[0].document.notation, "981/UBND");

    auto up = service->cascade("981/UBND");
    ASSERT_TRUE(up.ok());
    ASSERT_EQ(up->upward.size(), 2u);
    EXPECT_EQ(up->upward[0].notation, "2319/UBND-KTTH");
    EXPECT_EQ(up->upward[1].notation, "53/NQ-CP");
}

TEST_P(Register, PlaceholderIsFilledWhenTheCitedDocumentArrives) {
    ingest(2);  // cites 01-CTr/TU ngày 27/11/2020 as a placeholder
    const auto before = repo->counts();
    const auto r = ingest(4);  // cites 01-CTr/TU again: the same placeholder
    EXPECT_EQ(repo->counts()->placeholders, before->placeholders + 2);  // 2186 and 5970 are new
    EXPECT_EQ(r.placeholders_created, 2u);
    auto cited = service->document_by_notation("01-CTr/TU");
    ASSERT_TRUE(cited.ok());
    EXPECT_TRUE(cited->placeholder);
    EXPECT_EQ(repo->citations_to(cited->id)->size(), 2u);
}

TEST_P(Register, SameFileTwiceChangesNothing) {
    ingest(0);
    const auto before = *repo->counts();
    const auto again = ingest(0);
    EXPECT_TRUE(again.already_registered);
    const auto after = *repo->counts();
    EXPECT_EQ(after.documents, before.documents);
    EXPECT_EQ(after.tasks, before.tasks);
    EXPECT_EQ(after.placeholders, before.placeholders);
}

TEST_P(Register, UnreadableFileLeavesNothingBehind) {
    const auto before = *repo->counts();
    auto bad = service->ingest(seed(0) + "\xFF", "broken.txt", {});
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().where.find("broken.txt"), std::string::npos);
    const auto after = *repo->counts();
    EXPECT_EQ(after.documents, before.documents);
    EXPECT_EQ(after.placeholders, before.placeholders);
}

TEST_P(Register, BatchKeepsGoodFilesAndDropsTheBadOneWhole) {
    const std::vector<RegisterService::SourceFile> files{
        {"seed_000.txt", seed(0)}, {"broken.txt", seed(3) + "\xFF"}, {"seed_004.txt", seed(4)}};
    const auto results = service->ingest_batch(files, {});
    ASSERT_EQ(results.size(), 3u);
    EXPECT_TRUE(results[0].ok());
    EXPECT_FALSE(results[1].ok());
    EXPECT_TRUE(results[2].ok());
    EXPECT_EQ(repo->counts()->documents, 2u);
    EXPECT_FALSE(
        service->document_by_notation("974/UBND-TTHC").ok());  // seed 003's citation left nothing
    EXPECT_EQ(repo->counts()->tasks, 7u);
}

TEST_P(Register, SearchWithoutDiacritics) {
    ingest(0);
    ingest(3);
    auto found = service->search("nghi quyet 53", 10);
    ASSERT_TRUE(found.ok());
    std::set<std::string> notations;
    for (const auto& doc : *found) notations.insert(doc.notation);
    EXPECT_TRUE(notations.contains("981/UBND"));  // its text cites the resolution
    EXPECT_TRUE(notations.contains("53/NQ-CP"));  // the placeholder the citation left
    auto cchc = service->search("cai cach hanh chinh", 10);
    ASSERT_TRUE(cchc.ok());
    ASSERT_EQ(cchc->size(), 1u);
    EXPECT_EQ(cchc->front().notation, "/UBND-TTHC");
}

TEST_P(Register, ProposedTasksWaitForConfirmation) {
    const auto r = ingest(4, /*confirm=*/false);
    TaskQuery query;
    query.as_of = d("2021-01-01");
    EXPECT_TRUE(service->tasks(query)->empty());
    query.include_proposed = true;
    EXPECT_EQ(service->tasks(query)->size(), 5u);
    ASSERT_EQ(*service->confirm_tasks(r.document), 5u);
    query.include_proposed = false;
    EXPECT_EQ(service->tasks(query)->size(), 5u);
}

TEST_P(Register, FixedDeadlinesAndTheirStatuses) {
    const auto r = ingest(4);
    const TaskId report_task = r.tasks[3];  // "báo cáo UBND tỉnh … chậm nhất trước ngày 22/12/2020"
    EXPECT_EQ(service->task(report_task, d("2020-12-15"))->status, domain::TaskStatus::in_progress);
    EXPECT_EQ(service->task(report_task, d("2020-12-18"))->status, domain::TaskStatus::due_soon);
    // "trước ngày 22/12": on the 22nd it is already late.
    EXPECT_EQ(service->task(report_task, d("2020-12-22"))->status, domain::TaskStatus::overdue);
    ASSERT_TRUE(service->report_done(report_task, d("2020-12-21"), "Đã gửi báo cáo").ok());
    EXPECT_EQ(service->task(report_task, d("2020-12-22"))->status,
              domain::TaskStatus::overdue);  // not confirmed yet
    ASSERT_TRUE(
        service->review(report_task, domain::ReviewOutcome::confirmed, d("2020-12-23"), "").ok());
    EXPECT_EQ(service->task(report_task, d("2020-12-22"))->status,
              domain::TaskStatus::overdue);  // the past stays
    EXPECT_EQ(service->task(report_task, d("2020-12-23"))->status,
              domain::TaskStatus::done_on_time);

    const TaskId plan_task = r.tasks[4];  // "trình UBND tỉnh chậm nhất ngày 25/12/2020"
    ASSERT_TRUE(service->report_done(plan_task, d("2020-12-28"), "Đã trình").ok());
    ASSERT_TRUE(
        service->review(plan_task, domain::ReviewOutcome::returned, d("2020-12-29"), "Chưa đạt")
            .ok());
    EXPECT_EQ(service->task(plan_task, d("2020-12-30"))->status, domain::TaskStatus::overdue);
    ASSERT_TRUE(service->report_done(plan_task, d("2021-01-05"), "Đã hoàn thiện").ok());
    ASSERT_TRUE(
        service->review(plan_task, domain::ReviewOutcome::confirmed, d("2021-01-06"), "").ok());
    EXPECT_EQ(service->task(plan_task, d("2021-01-10"))->status, domain::TaskStatus::done_late);
}

TEST_P(Register, RecurringReportsOfSeed002) {
    const auto r = ingest(2);
    ASSERT_EQ(r.tasks.size(), 1u);
    const TaskId id = r.tasks[0];
    auto at = [&](const char* day) { return *service->task(id, d(day)); };
    EXPECT_EQ(at("2023-05-01").status, domain::TaskStatus::in_progress);
    EXPECT_EQ(at("2023-05-01").period_label, "6 tháng đầu năm 2023");
    EXPECT_EQ(at("2023-06-14").status, domain::TaskStatus::due_soon);
    EXPECT_EQ(at("2023-06-19").status, domain::TaskStatus::overdue);
    ASSERT_TRUE(service->report_done(id, d("2023-06-15"), "Báo cáo 6 tháng").ok());
    ASSERT_TRUE(service->review(id, domain::ReviewOutcome::confirmed, d("2023-06-16"), "").ok());
    // The first half is done on time; the task now waits for the year's report.
    const auto july = at("2023-07-01");
    EXPECT_EQ(july.status, domain::TaskStatus::in_progress);
    EXPECT_EQ(july.due, d("2023-12-16"));
    EXPECT_EQ(at("2023-12-18").status, domain::TaskStatus::overdue);
    // Each unit is scored once per occurrence in the window.
    ScoreQuery first_half{d("2023-07-01"), d("2023-01-01"), d("2023-06-30"), std::nullopt};
    auto rows = service->scoreboard(first_half);
    ASSERT_TRUE(rows.ok());
    ASSERT_FALSE(rows->empty());
    for (const auto& row : *rows) {
        EXPECT_EQ(row.assigned, 1u) << row.unit.value;
        EXPECT_EQ(row.done_on_time, 1u) << row.unit.value;
    }
    ScoreQuery year{d("2024-01-10"), d("2023-01-01"), d("2023-12-31"), std::nullopt};
    rows = service->scoreboard(year);
    ASSERT_TRUE(rows.ok());
    for (const auto& row : *rows) {
        EXPECT_EQ(row.assigned, 2u);
        EXPECT_EQ(row.done_on_time, 1u);
        EXPECT_EQ(row.overdue, 1u);
        EXPECT_DOUBLE_EQ(row.completion_rate(), 0.5);
    }
}

TEST_P(Register, ExtensionMovesTheDeadline) {
    const auto r = ingest(4);
    const TaskId id = r.tasks[4];  // due 25/12/2020
    ASSERT_TRUE(
        service->request_extension(id, d("2020-12-20"), d("2021-01-15"), "Chờ số liệu").ok());
    EXPECT_EQ(service->task(id, d("2020-12-28"))->status,
              domain::TaskStatus::overdue);  // not decided yet
    ASSERT_TRUE(
        service->decide_extension(id, domain::ExtensionDecision::approved, d("2020-12-24")).ok());
    EXPECT_EQ(service->task(id, d("2020-12-28"))->status, domain::TaskStatus::in_progress);
    EXPECT_EQ(service->task(id, d("2020-12-28"))->due, d("2021-01-15"));
}

TEST_P(Register, MergerMovesOpenTasksAndKeepsHistory) {
    const auto r = ingest(0);
    TaskQuery query;
    query.as_of = d("2025-08-01");
    query.unit = domain::UnitId{"21331"};
    ASSERT_EQ(service->tasks(query)->size(), 1u);
    // Two communes of Sơn Tây merge: 21331's open task moves to 21334.
    auto moved =
        service->merge_unit(domain::UnitId{"21331"}, domain::UnitId{"21334"}, d("2025-07-01"));
    ASSERT_TRUE(moved.ok()) << moved.error().describe();
    EXPECT_EQ(*moved, 1u);
    EXPECT_TRUE(service->tasks(query)->empty());
    query.unit = domain::UnitId{"21334"};
    EXPECT_EQ(service->tasks(query)->size(), 1u);
    const auto units = *service->units();
    const auto old = std::find_if(units.begin(), units.end(),
                                  [](const auto& u) { return u.id.value == "21331"; });
    ASSERT_NE(old, units.end());
    EXPECT_EQ(old->valid_to, d("2025-06-30"));
    EXPECT_NE(std::find(old->successors.begin(), old->successors.end(), domain::UnitId{"21334"}),
              old->successors.end());
    (void)r;
}

TEST_P(Register, ScoreboardCountsLeadAndPerformersNotCoordinators) {
    ingest(4);
    ScoreQuery query{d("2021-01-10"), std::nullopt, std::nullopt, std::nullopt};
    auto rows = service->scoreboard(query);
    ASSERT_TRUE(rows.ok());
    const auto skhdt = std::find_if(rows->begin(), rows->end(), [](const ScoreRow& r) {
        return r.unit_name.find("Kế hoạch và Đầu tư") != std::string::npos;
    });
    ASSERT_NE(skhdt, rows->end());
    // Lead of item 2, and one of the departments in three of item 1's four
    // bullets (the third is for the districts only).
    EXPECT_EQ(skhdt->assigned, 4u);
    EXPECT_EQ(skhdt->overdue, 2u);
}

// A commune's plan implementing the district's 981/UBND, which gave the
// communes one task: the plan's tasks become its sub-tasks and roll up.
TEST_P(Register, CommunePlanRollsUpIntoTheDistrictTask) {
    const auto district = ingest(0);
    ASSERT_EQ(district.tasks.size(), 2u);
    const TaskId communes_task = district.tasks[0];
    ASSERT_TRUE(units_of(communes_task, read::Role::perform).contains("21337"));  // Xã Sơn Tân
    IngestOptions options;
    options.confirm = true;
    auto plan =
        service->ingest(slurp(std::string(DONDOC_TEST_DATA) + "/register/xa_son_tan_kh_45.txt"),
                        "xa_son_tan_kh_45.txt", options);
    ASSERT_TRUE(plan.ok()) << plan.error().describe();
    ASSERT_EQ(plan->tasks.size(), 2u);
    ASSERT_TRUE(plan->parent_task.has_value());
    EXPECT_EQ(*plan->parent_task, communes_task);
    for (const auto& id : plan->tasks) EXPECT_EQ(repo->task(id)->parent, communes_task);

    // 5/7/2023: the briefing was due before 30/6 and is not reported; the
    // report is due 15/12.
    auto rollup = service->rollup(communes_task, d("2023-07-05"));
    ASSERT_TRUE(rollup.ok()) << rollup.error().describe();
    EXPECT_EQ(rollup->subtasks.size(), 2u);
    EXPECT_EQ(rollup->descendants, 2u);
    EXPECT_EQ(rollup->overdue, 1u);
    EXPECT_EQ(rollup->in_progress, 1u);

    ASSERT_TRUE(service->report_done(plan->tasks[0], d("2023-06-20"), "Đã quán triệt").ok());
    ASSERT_TRUE(
        service->review(plan->tasks[0], domain::ReviewOutcome::confirmed, d("2023-06-21"), "")
            .ok());
    rollup = service->rollup(communes_task, d("2023-07-05"));
    ASSERT_TRUE(rollup.ok());
    EXPECT_EQ(rollup->done_on_time, 1u);
    EXPECT_EQ(rollup->overdue, 0u);
    // As of before the report, the past is unchanged.
    rollup = service->rollup(communes_task, d("2023-06-19"));
    ASSERT_TRUE(rollup.ok());
    EXPECT_EQ(rollup->done_on_time, 0u);
    EXPECT_EQ(rollup->in_progress, 2u);

    // A cycle is refused and changes nothing.
    auto cycle = service->link_subtask(communes_task, plan->tasks[1]);
    ASSERT_FALSE(cycle.ok());
    EXPECT_EQ(cycle.error().code, ErrorCode::conflict);
    EXPECT_FALSE(repo->task(communes_task)->parent.has_value());
    // Linked by hand: the district's second task under the first.
    ASSERT_TRUE(service->link_subtask(district.tasks[1], communes_task).ok());
    rollup = service->rollup(communes_task, d("2023-07-05"));
    ASSERT_TRUE(rollup.ok());
    EXPECT_EQ(rollup->subtasks.size(), 3u);
}

// A document that implements only placeholders (981/UBND carries out
// 2319/UBND-KTTH, not registered) has no task to roll up into.
TEST_P(Register, NoParentWhenTheImplementedDocumentIsNotRegistered) {
    const auto plan = ingest(0);
    EXPECT_FALSE(plan.parent_task.has_value());  // 2319/UBND-KTTH is only a placeholder
}

// Received files go through read::to_text; the hash is of the file itself.
TEST(RegisterFiles, DocxAndPdfAreRegisteredLikeTheirText) {
    const std::string formats = std::string(DONDOC_TEST_DATA) + "/read/formats/";
    for (const char* name : {"seed_000.docx", "seed_000.pdf", "seed_000.vni.docx"}) {
        auto opened = store::open_sqlite(":memory:");
        ASSERT_TRUE(opened.ok());
        RegisterService service(**opened, domain::WorkingCalendar::vietnam());
        const std::string bytes = slurp(formats + name);
        auto first = service.ingest(bytes, name, IngestOptions{});
        ASSERT_TRUE(first.ok()) << name << ": " << first.error().describe();
        EXPECT_EQ(first->notation, "981/UBND") << name;
        EXPECT_EQ(first->tasks.size(), 2u) << name;
        const bool legacy = std::string(name).find("vni") != std::string::npos;
        EXPECT_EQ(first->warnings.size(), legacy ? 1u : 0u) << name;
        // The register keeps the text read from the file, so that search
        // and the text shown beside the record work on a DOCX or PDF too.
        auto doc = service.document_by_notation("981/UBND");
        ASSERT_TRUE(doc.ok());
        EXPECT_NE(doc->text.find("Phòng Tài chính - Kế hoạch"), std::string::npos) << name;
        EXPECT_EQ(doc->text.find("PK\x03\x04"), std::string::npos) << name;
        EXPECT_EQ(doc->text.rfind("%PDF", 0), std::string::npos) << name;
        auto found = service.search("nghi quyet 53", 10);
        ASSERT_TRUE(found.ok());
        EXPECT_TRUE(std::any_of(found->begin(), found->end(), [](const auto& d) {
            return d.notation == "981/UBND";
        })) << name;
        auto again = service.ingest(bytes, name, IngestOptions{});
        ASSERT_TRUE(again.ok());
        EXPECT_TRUE(again->already_registered) << name;
    }
}

}  // namespace
}  // namespace dondoc::service
