// The register as XLSX: the task register round-trips through `tasks
// import` (the generated province's 10,000 tasks), a formula-like title
// stays text, the scorecard's numbers read back as computed, and
// LibreOffice opens a sheet without error.
#include "service/sheets.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/civil_date.h"
#include "libreoffice.h"
#include "read/source.h"
#include "read/xlsx.h"
#include "text/csv.h"

namespace dondoc::service {
namespace {

using domain::parse_iso;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string k_data = std::string(DONDOC_TEST_DATA) + "/import/";

class Sheets : public ::testing::Test {
  protected:
    void SetUp() override {
        auto opened = store::open_sqlite(":memory:");
        ASSERT_TRUE(opened.ok());
        repo = std::move(*opened);
        service = std::make_unique<RegisterService>(*repo, domain::WorkingCalendar::vietnam());
        ASSERT_TRUE(service->import_units(slurp(k_data + "units-200.csv"), "units-200.csv").ok());
    }

    void import(const std::string& bytes, const std::string& name) {
        ImportOptions options;
        options.apply = true;
        auto report = service->import_tasks(bytes, name, options);
        ASSERT_TRUE(report.ok()) << report.error().describe();
        ASSERT_TRUE(report->applied);
    }

    std::unique_ptr<store::Repository> repo;
    std::unique_ptr<RegisterService> service;
};

TEST_F(Sheets, RegisterRoundTripsThroughXlsx) {
    import(slurp(k_data + "tasks-10000.csv"), "tasks-10000.csv");
    const CivilDate as_of = *parse_iso("2024-07-01");
    auto xlsx = register_xlsx(*service, as_of);
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().describe();

    auto other_repo = store::open_sqlite(":memory:");
    ASSERT_TRUE(other_repo.ok());
    RegisterService other(**other_repo, domain::WorkingCalendar::vietnam());
    ASSERT_TRUE(other.import_units(slurp(k_data + "units-200.csv"), "units-200.csv").ok());
    ImportOptions apply;
    apply.apply = true;
    auto back = other.import_tasks(*xlsx, "so-theo-doi.xlsx", apply);
    ASSERT_TRUE(back.ok()) << back.error().describe();
    ASSERT_TRUE(back->problems.empty())
        << back->problems.front().line << " " << back->problems.front().column << " "
        << back->problems.front().message;
    EXPECT_EQ(back->created, 10000u);
    ASSERT_EQ(back->ignored_columns.size(), 1u);  // the status as of the date, for people
    // The same tasks: the two registers export the same sheet, row for row.
    auto a = service->export_tasks_csv(as_of);
    auto b = other.export_tasks_csv(as_of);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b);
    // And the same counts as of any date.
    for (const CivilDate when : {as_of, *parse_iso("2100-01-01")}) {
        auto x = service->scoreboard(ScoreQuery{when, {}, {}, {}});
        auto y = other.scoreboard(ScoreQuery{when, {}, {}, {}});
        ASSERT_TRUE(x.ok() && y.ok());
        ASSERT_EQ(x->size(), y->size());
        for (std::size_t i = 0; i < x->size(); ++i) {
            EXPECT_EQ((*x)[i].unit, (*y)[i].unit);
            EXPECT_EQ((*x)[i].done_on_time, (*y)[i].done_on_time);
            EXPECT_EQ((*x)[i].done_late, (*y)[i].done_late);
            EXPECT_EQ((*x)[i].in_progress, (*y)[i].in_progress);
            EXPECT_EQ((*x)[i].overdue, (*y)[i].overdue);
        }
    }
}

TEST_F(Sheets, DatesAreDatesAndFormulasAreText) {
    const std::string title = "=HYPERLINK(\"http://x.invalid\",\"Bấm vào đây\")";
    std::string csv = "task_id,title,assignee_unit,start,due,status\n1,";
    text::append_csv_field(csv, title);
    csv += ",dv-002,2024-01-15,2024-03-01,New\n";
    import(csv, "tasks.csv");
    auto xlsx = register_xlsx(*service, *parse_iso("2024-07-01"));
    ASSERT_TRUE(xlsx.ok());
    auto table = read::read_xlsx_sheet(*xlsx, "x.xlsx", std::string(k_register_sheet));
    ASSERT_TRUE(table.ok()) << table.error().describe();
    ASSERT_EQ(table->records.size(), 1u);
    const auto& row = table->records[0].cells;
    EXPECT_EQ(row.at(2), title);
    EXPECT_EQ(row.at(6), "45306");  // 15/01/2024, a date serial, not text
    EXPECT_EQ(row.at(7), "45352");  // 01/03/2024
    EXPECT_EQ(row.at(11), "Quá hạn chưa hoàn thành");
}

TEST_F(Sheets, ScorecardNumbersReadBack) {
    import(slurp(k_data + "tasks-10000.csv"), "tasks-10000.csv");
    const auto period = domain::parse_report_period("2024-Q2");
    ASSERT_TRUE(period.has_value());
    auto card = scorecard(*service, *period, *parse_iso("2024-07-01"), std::nullopt);
    ASSERT_TRUE(card.ok()) << card.error().describe();
    ASSERT_FALSE(card->rows.empty());
    std::size_t sum = 0;
    for (const auto& r : card->rows) sum += r.assigned;
    EXPECT_EQ(card->totals.assigned, sum);
    EXPECT_GT(card->totals.overdue, 0u);

    auto xlsx = scorecard_xlsx(*card);
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().describe();
    auto table = read::read_xlsx_sheet(*xlsx, "kq.xlsx");
    ASSERT_TRUE(table.ok()) << table.error().describe();
    // The header is row 1 (the title is the printed page's); the rows, then the totals.
    EXPECT_EQ(table->header.at(2), "Đơn vị");
    EXPECT_EQ(table->header.at(9), "Tỷ lệ hoàn thành");
    ASSERT_EQ(table->records.size(), card->rows.size() + 1);
    for (std::size_t i = 0; i < card->rows.size(); ++i) {
        const auto& cells = table->records[i].cells;
        const ScoreRow& r = card->rows[i];
        EXPECT_EQ(cells.at(1), r.unit.value);
        EXPECT_EQ(cells.at(3), std::to_string(r.assigned));
        EXPECT_EQ(cells.at(4), std::to_string(r.done_on_time));
        EXPECT_EQ(cells.at(5), std::to_string(r.done_late));
        EXPECT_EQ(cells.at(6), std::to_string(r.in_progress));
        EXPECT_EQ(cells.at(7), std::to_string(r.overdue));
        EXPECT_NEAR(std::stod(cells.at(9)), r.completion_rate(), 1e-9);
    }
    const auto& totals = table->records.back().cells;
    EXPECT_EQ(totals.at(2), "Tổng cộng");
    EXPECT_EQ(totals.at(3), std::to_string(card->totals.assigned));
    EXPECT_EQ(totals.at(7), std::to_string(card->totals.overdue));
}

// One conversion for the XLSX kind: LibreOffice Calc opens a unit's task
// list and prints it (the PDF's text has the header and a task).
TEST_F(Sheets, LibreOfficeOpensATaskList) {
    import(slurp(k_data + "tasks-10000.csv"), "tasks-10000.csv");
    TaskQuery query;
    query.unit = domain::UnitId{"dv-002"};
    query.as_of = *parse_iso("2024-07-01");
    auto views = service->tasks(query);
    ASSERT_TRUE(views.ok());
    ASSERT_FALSE(views->empty());
    auto xlsx = task_list_xlsx(*service, query);
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().describe();
    auto pdf = testing::libreoffice_pdf(*xlsx, "xlsx");
    ASSERT_TRUE(pdf.ok()) << pdf.error().describe();
    auto text = read::to_text(*pdf);
    ASSERT_TRUE(text.ok()) << text.error().describe();
    EXPECT_NE(text->text.find("DANH SÁCH NHIỆM VỤ"), std::string::npos);
    EXPECT_NE(text->text.find("Cơ quan chủ trì"), std::string::npos);
}

}  // namespace
}  // namespace dondoc::service
