// Bringing another register in: the generated province's 200 units and
// 10,000 tasks give exactly the counts its expected file lists; bad sheets
// are refused whole with the row, column and reason.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/civil_date.h"
#include "service/register_service.h"
#include "support/scratch_register.h"
#include "text/csv.h"

namespace dondoc::service {
namespace {

using Counts = std::map<std::string, std::size_t>;

using domain::parse_iso;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string k_data = std::string(DONDOC_TEST_DATA) + "/import/";

class TaskImport : public ::testing::TestWithParam<dondoc::testing::Backend> {
  protected:
    void SetUp() override {
        scratch = std::make_unique<dondoc::testing::ScratchRegister>(GetParam());
        if (!scratch->available()) GTEST_SKIP() << "no PostgreSQL cluster (DONDOC_TEST_PG_HOST)";
        auto opened = store::open_register(scratch->db());
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        repo = std::move(*opened);
        service = std::make_unique<RegisterService>(*repo, domain::WorkingCalendar::vietnam());
        auto units = service->import_units(slurp(k_data + "units-200.csv"), "units-200.csv");
        ASSERT_TRUE(units.ok()) << units.error().describe();
        ASSERT_EQ(*units, 200u);
    }

    ImportReport import(const std::string& csv, bool apply, ImportOptions options = {}) {
        options.apply = apply;
        auto report = service->import_tasks(csv, "tasks.csv", options);
        EXPECT_TRUE(report.ok()) << report.error().describe();
        return report.ok() ? *report : ImportReport{};
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

INSTANTIATE_TEST_SUITE_P(Backends, TaskImport, ::testing::ValuesIn(dondoc::testing::all_backends()),
                         [](const auto& test) {
                             return dondoc::testing::backend_name(test.param);
                         });

// The 10,000-task sheets: on SQLite only, where they take seconds (on
// PostgreSQL every row is several round trips; the same code is covered by
// the smaller sheets below, and the scale by bench/register_bench).
class TaskImportAtScale : public TaskImport {};
INSTANTIATE_TEST_SUITE_P(Sqlite, TaskImportAtScale,
                         ::testing::Values(dondoc::testing::Backend::sqlite), [](const auto& test) {
                             return dondoc::testing::backend_name(test.param);
                         });

TEST_P(TaskImportAtScale, GeneratedProvinceGivesTheExpectedCounts) {
    const auto expected = nlohmann::json::parse(slurp(k_data + "expected-10000.json"));
    const std::string csv = slurp(k_data + "tasks-10000.csv");

    const ImportReport dry = import(csv, false);
    EXPECT_EQ(dry.rows, 10000u);
    EXPECT_EQ(dry.created, 10000u);
    EXPECT_FALSE(dry.applied);
    EXPECT_TRUE(dry.problems.empty());
    EXPECT_EQ(repo->counts()->tasks, 0u);  // a dry run writes nothing

    const ImportReport applied = import(csv, true);
    ASSERT_TRUE(applied.applied);
    EXPECT_EQ(applied.created, 10000u);
    EXPECT_TRUE(applied.unresolved.empty());
    std::map<std::string, std::size_t> by_status(applied.by_status.begin(),
                                                 applied.by_status.end());
    EXPECT_EQ(by_status, expected["by_status"].get<Counts>());

    // Open: not done, not cancelled, whatever happened since. Overdue (the
    // file's rule): open now, and due before 01/07/2024.
    const auto cut = *parse_iso(expected["as_of"].get<std::string>());
    TaskQuery all;
    all.as_of = *parse_iso("2100-01-01");
    auto tasks = service->tasks(all);
    ASSERT_TRUE(tasks.ok());
    std::size_t open = 0;
    std::map<std::string, std::size_t> overdue_by_unit;
    std::map<std::string, std::size_t> overdue_by_assignee;
    std::map<std::string, std::size_t> tasks_by_unit;
    std::size_t overdue = 0;
    for (const auto& v : *tasks) {
        ++tasks_by_unit[v.task.assigned_by->value];
        const bool done = v.status == domain::TaskStatus::done_on_time ||
                          v.status == domain::TaskStatus::done_late;
        if (done) continue;
        ++open;
        if (v.due && *v.due < cut) {
            ++overdue;
            ++overdue_by_unit[v.task.assigned_by->value];
            ++overdue_by_assignee[v.task.assignments.front().unit->value];
        }
    }
    // Cancelled tasks are not listed as being tracked, but they are kept.
    std::size_t cancelled = 0;
    store::TaskFilter cancelled_filter;
    cancelled_filter.state = domain::TaskState::cancelled;
    auto cancelled_tasks = repo->tasks(cancelled_filter);
    ASSERT_TRUE(cancelled_tasks.ok());
    for (const auto& t : *cancelled_tasks) {
        ++cancelled;
        ++tasks_by_unit[t.assigned_by->value];
    }
    EXPECT_EQ(cancelled, expected["by_status"]["Rejected"].get<std::size_t>());
    EXPECT_EQ(open, expected["open"].get<std::size_t>());
    EXPECT_EQ(overdue, expected["overdue_total"].get<std::size_t>());
    EXPECT_EQ(overdue_by_unit, expected["overdue_by_unit"].get<Counts>());
    EXPECT_EQ(overdue_by_assignee, expected["overdue_by_assignee"].get<Counts>());
    EXPECT_EQ(tasks_by_unit, expected["tasks_by_unit"].get<Counts>());

    // The scoreboard agrees per assignee: overdue now among tasks due before the cut.
    ScoreQuery window;
    window.as_of = *parse_iso("2100-01-01");
    window.to = domain::plus_days(cut, -1);
    auto board = service->scoreboard(window);
    ASSERT_TRUE(board.ok());
    std::map<std::string, std::size_t> board_overdue;
    for (const auto& row : *board) {
        if (row.overdue > 0) board_overdue[row.unit.value] = row.overdue;
    }
    EXPECT_EQ(board_overdue, overdue_by_assignee);

    // The same file again changes nothing.
    const ImportReport again = import(csv, true);
    EXPECT_EQ(again.created, 0u);
    EXPECT_EQ(again.unchanged, 10000u);
    EXPECT_EQ(repo->counts()->tasks, 10000u);
}

// Exported and imported into another register, the sheet gives the same
// register: the same tasks, statuses and counts.
TEST_P(TaskImportAtScale, ExportRoundTrips) {
    ASSERT_TRUE(import(slurp(k_data + "tasks-10000.csv"), true).applied);
    auto sheet = service->export_tasks_csv(*parse_iso("2024-07-01"));
    ASSERT_TRUE(sheet.ok()) << sheet.error().describe();

    auto other_repo = store::open_sqlite(":memory:");
    ASSERT_TRUE(other_repo.ok());
    RegisterService other(**other_repo, domain::WorkingCalendar::vietnam());
    ASSERT_TRUE(other.import_units(slurp(k_data + "units-200.csv"), "units-200.csv").ok());
    ImportOptions apply;
    apply.apply = true;
    auto back = other.import_tasks(*sheet, "export.csv", apply);
    ASSERT_TRUE(back.ok()) << back.error().describe();
    ASSERT_TRUE(back->problems.empty())
        << back->problems.front().line << " " << back->problems.front().message;
    EXPECT_EQ(back->created, 10000u);
    ASSERT_EQ(back->ignored_columns.size(), 1u);  // the status as of the date, for people
    for (const CivilDate as_of : {*parse_iso("2024-07-01"), *parse_iso("2100-01-01")}) {
        auto a = service->scoreboard(ScoreQuery{as_of, {}, {}, {}});
        auto b = other.scoreboard(ScoreQuery{as_of, {}, {}, {}});
        ASSERT_TRUE(a.ok() && b.ok());
        ASSERT_EQ(a->size(), b->size());
        for (std::size_t i = 0; i < a->size(); ++i) {
            EXPECT_EQ((*a)[i].unit, (*b)[i].unit);
            EXPECT_EQ((*a)[i].done_on_time, (*b)[i].done_on_time);
            EXPECT_EQ((*a)[i].done_late, (*b)[i].done_late);
            EXPECT_EQ((*a)[i].overdue, (*b)[i].overdue);
            EXPECT_EQ((*a)[i].in_progress, (*b)[i].in_progress);
        }
    }
}

// A cell a spreadsheet would run as a formula is exported as text, and
// comes back as it was.
TEST_P(TaskImport, FormulaCellsAreExportedAsText) {
    const std::string title = "=HYPERLINK(\"http://x.invalid\",\"Bấm vào đây\")";
    std::string csv = "task_id,title,assignee_unit,due,status\n1,";
    text::append_csv_field(csv, title);
    csv += ",dv-002,2024-03-01,New\n";
    ASSERT_TRUE(import(csv, true).applied);
    auto sheet = service->export_tasks_csv(*parse_iso("2024-07-01"));
    ASSERT_TRUE(sheet.ok());
    EXPECT_EQ(sheet->find(",=HYPERLINK"), std::string::npos);
    EXPECT_EQ(sheet->find(",\"=HYPERLINK"), std::string::npos);
    EXPECT_NE(sheet->find("'=HYPERLINK"), std::string::npos);
    auto table = text::read_csv(*sheet, "export.csv");
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->records.at(0).cells.at(2), title);
}

// The register as an office keeps it in Excel (scripts/make-import-fixtures):
// a notes sheet first, the tasks on the sheet named "Sổ theo dõi", shared,
// rich-text and inline strings, dates as serial numbers.
TEST_P(TaskImport, ExcelWorkbookBySheet) {
    const std::string xlsx = slurp(k_data + "so_theo_doi.xlsx");
    ASSERT_FALSE(xlsx.empty());
    auto first = service->import_tasks(xlsx, "so_theo_doi.xlsx", {});
    ASSERT_FALSE(first.ok());  // the first sheet holds notes: no task columns
    EXPECT_NE(first.error().message.find("Nội dung"), std::string::npos);
    ImportOptions missing;
    missing.sheet = "Không có";
    auto no_sheet = service->import_tasks(xlsx, "so_theo_doi.xlsx", missing);
    ASSERT_FALSE(no_sheet.ok());
    EXPECT_NE(no_sheet.error().message.find("Khác, Sổ theo dõi"), std::string::npos);

    ImportOptions options;
    options.sheet = "Sổ theo dõi";
    const ImportReport r = import(xlsx, true, options);
    ASSERT_TRUE(r.problems.empty()) << r.problems.front().message;
    EXPECT_EQ(r.created, 3u);
    TaskQuery query;
    query.as_of = *parse_iso("2024-07-10");
    auto tasks = service->tasks(query);
    ASSERT_TRUE(tasks.ok());
    ASSERT_EQ(tasks->size(), 2u);
    EXPECT_EQ((*tasks)[0].task.action, "Xây dựng kế hoạch");
    EXPECT_EQ((*tasks)[0].task.evidence, "");  // no source sentence: the content is stored once
    EXPECT_EQ((*tasks)[0].status, domain::TaskStatus::done_on_time);
    EXPECT_EQ((*tasks)[0].due, parse_iso("2024-03-31"));
    EXPECT_EQ((*tasks)[1].task.action, "Báo cáo kết quả");  // two rich-text runs
    EXPECT_EQ((*tasks)[1].status, domain::TaskStatus::overdue);

    // A cut-off workbook is refused, naming what is wrong.
    auto truncated = service->import_tasks(xlsx.substr(0, xlsx.size() / 2), "cut.xlsx", options);
    ASSERT_FALSE(truncated.ok());
    EXPECT_EQ(truncated.error().code, ErrorCode::invalid_input);
    EXPECT_NE(truncated.error().message.find("XLSX"), std::string::npos);
}

TEST_P(TaskImport, VietnameseSheetWithSemicolonsAndExcelDates) {
    // STT;Nội dung;Cơ quan chủ trì;Cơ quan phối hợp;Thời hạn;Tình trạng;Ngày hoàn thành
    const std::string csv =
        "\xEF\xBB\xBFSTT;Nội dung;Cơ quan chủ trì;Cơ quan phối hợp;Thời hạn;Tình trạng;Ngày "
        "hoàn thành\n"
        "1;Xây dựng kế hoạch;Sở Nội vụ;Sở Tư pháp;31/03/2024;Hoàn thành;25/03/2024\n"
        "2;Báo cáo kết quả;Sở Tư pháp;;45474;Đang thực hiện;\n"
        "3;Rà soát thủ tục;Sở Nội vụ;;2024-12-31;Đã hủy;\n";
    const ImportReport r = import(csv, true);
    ASSERT_TRUE(r.problems.empty()) << r.problems.front().message;
    EXPECT_EQ(r.created, 3u);
    TaskQuery query;
    query.as_of = *parse_iso("2024-07-10");
    auto tasks = service->tasks(query);
    ASSERT_TRUE(tasks.ok());
    ASSERT_EQ(tasks->size(), 2u);  // the cancelled one is not tracked
    EXPECT_EQ((*tasks)[0].status, domain::TaskStatus::done_on_time);
    EXPECT_EQ((*tasks)[0].task.assignments.size(), 2u);
    EXPECT_EQ((*tasks)[0].task.assignments[1].role, read::Role::coordinate);
    EXPECT_EQ((*tasks)[1].due, parse_iso("2024-07-01"));  // Excel serial 45474
    EXPECT_EQ((*tasks)[1].status, domain::TaskStatus::overdue);
}

TEST_P(TaskImport, BadRowsAreNamedAndNothingIsImported) {
    const std::string csv =
        "task_id,title,assignee_unit,start,due,status\n"
        "1,Việc một,dv-002,2024-01-01,2024-02-30,New\n"      // impossible date
        "2,Việc hai,dv-002,2024-01-01,2024-03-01,Pending\n"  // unknown status
        "2,Việc ba,dv-003,2024-01-01,2024-03-01,New\n"       // a duplicate id
        "4,,dv-003,2024-01-01,2024-03-01,New\n"              // no content
        "5,Việc năm,dv-003,2024-01-01,2024-03-01,Closed\n";
    const ImportReport r = import(csv, true);
    EXPECT_FALSE(r.applied);
    EXPECT_EQ(r.created, 0u);
    EXPECT_EQ(repo->counts()->tasks, 0u);
    ASSERT_EQ(r.problems.size(), 4u);
    EXPECT_EQ(r.problems[0].line, 2u);
    EXPECT_EQ(r.problems[0].column, "due");
    EXPECT_NE(r.problems[0].message.find("2024-02-30"), std::string::npos);
    EXPECT_EQ(r.problems[1].line, 3u);
    EXPECT_EQ(r.problems[1].column, "status");
    EXPECT_EQ(r.problems[2].line, 4u);
    EXPECT_EQ(r.problems[2].column, "task_id");
    EXPECT_EQ(r.problems[3].line, 5u);
    EXPECT_EQ(r.problems[3].column, "title");

    // A foreign status word mapped by the user is taken.
    ImportOptions mapped;
    mapped.statuses["Pending"] = ImportedState::open;
    const ImportReport fixed =
        import("task_id,title,assignee_unit,due,status\n2,Việc hai,dv-002,2024-03-01,Pending\n",
               true, mapped);
    EXPECT_TRUE(fixed.applied);
    EXPECT_EQ(repo->counts()->tasks, 1u);
}

// An applied import writes the rows checked so far while it checks the
// next: a bad row far into the sheet, after thousands were written, still
// leaves nothing (rolled back), and the sheet fixed goes in whole.
TEST_P(TaskImport, ABadRowAfterThousandsWrittenLeavesNothing) {
    std::istringstream whole(slurp(k_data + "tasks-10000.csv"));
    std::string csv;
    std::string line;
    std::size_t lines = 0;
    for (; lines < 9001 && std::getline(whole, line); ++lines) {
        csv += line;
        csv += '\n';
    }
    ASSERT_EQ(lines, 9001u);  // the header and 9,000 rows
    const std::string good_date = ",2025-06-20,2025-06-27,";
    const std::size_t row_5500 = csv.find("\ndv-186,5500,");  // line 5,501 of the file
    ASSERT_NE(row_5500, std::string::npos);
    const std::size_t date = csv.find(good_date, row_5500);
    ASSERT_NE(date, std::string::npos);
    std::string bad = csv;
    bad.replace(date, good_date.size(), ",2025-06-20,2025-02-30,");
    const std::size_t last_row = bad.rfind('\n', bad.size() - 2);
    bad.insert(last_row + 1,
               "dv-002,9001,Việc không có hạn đúng,dv-002,2024-01-01,31/13/2024,New,,\n");

    const ImportReport refused = import(bad, true);
    EXPECT_FALSE(refused.applied);
    EXPECT_EQ(refused.created, 0u);
    EXPECT_EQ(refused.rows, 9001u);
    // The bad date, and with it the reported task's completion date.
    ASSERT_EQ(refused.problems.size(), 3u);
    EXPECT_EQ(refused.problems[0].line, 5501u);
    EXPECT_NE(refused.problems[0].message.find("2025-02-30"), std::string::npos);
    EXPECT_EQ(refused.problems[1].line, 5501u);
    EXPECT_EQ(refused.problems[1].column, "closed_on");
    EXPECT_EQ(refused.problems[2].line, 9001u);
    EXPECT_EQ(repo->counts()->tasks, 0u);
    ScoreQuery all;
    all.as_of = *parse_iso("2100-01-01");
    auto board = service->scoreboard(all);
    ASSERT_TRUE(board.ok()) << board.error().describe();
    for (const auto& row : *board) {
        EXPECT_EQ(row.done_on_time + row.done_late + row.in_progress + row.overdue, 0u)
            << row.unit.value;
    }

    const ImportReport applied = import(csv, true);
    EXPECT_TRUE(applied.applied);
    EXPECT_EQ(applied.created, 9000u);
    EXPECT_TRUE(applied.problems.empty());
    EXPECT_EQ(repo->counts()->tasks, 9000u);
    // Into a register with imported tasks, the rows are looked up first.
    const ImportReport again = import(bad.substr(0, last_row + 1) + csv.substr(last_row + 1), true);
    EXPECT_FALSE(again.applied);
    EXPECT_EQ(again.unchanged, 8999u);  // the bad row is not counted
    EXPECT_EQ(repo->counts()->tasks, 9000u);
}

// A sheet with its header and no row: applied, nothing created, in a new
// register and in one with imported tasks.
TEST_P(TaskImport, AnEmptySheetIsAppliedAndCreatesNothing) {
    const std::string header = "task_id,title,assignee_unit,due,status\n";
    for (int pass = 0; pass < 2; ++pass) {
        const ImportReport empty = import(header, true);
        EXPECT_TRUE(empty.applied);
        EXPECT_EQ(empty.rows, 0u);
        EXPECT_EQ(empty.created, 0u);
        EXPECT_TRUE(empty.problems.empty());
        if (pass == 0) {
            ASSERT_TRUE(import(header + "1,Việc một,dv-002,2024-03-01,New\n", true).applied);
        }
    }
    EXPECT_EQ(repo->counts()->tasks, 1u);
}

TEST_P(TaskImport, MissingColumnsAreRefusedWithTheirVietnameseName) {
    auto r = service->import_tasks("task_id,title,due\n1,Việc,2024-01-01\n", "t.csv", {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
    EXPECT_NE(r.error().message.find("Cơ quan chủ trì"), std::string::npos);
    EXPECT_EQ(r.error().where, "t.csv line 1, column 1");
    ImportOptions wrong;
    wrong.columns["Người làm"] = "assignee";
    auto bad_map = service->import_tasks("title,Người làm\nViệc,dv-002\n", "t.csv", wrong);
    ASSERT_FALSE(bad_map.ok());
    ImportOptions right;
    right.columns["Người làm"] = "lead";
    auto good = service->import_tasks("title,Người làm\nViệc,dv-002\n", "t.csv", right);
    ASSERT_TRUE(good.ok());
    EXPECT_TRUE(good->problems.empty());
}

}  // namespace
}  // namespace dondoc::service
