// The files through the API: the register and task lists as XLSX, the
// scorecard of a period (JSON and XLSX), the DOCX drafts; each a download
// with its media type, read back with the project's readers; each limited
// to the caller's role and units.
#include <gtest/gtest.h>

#include "api_fixture.h"
#include "read/reader.h"
#include "read/source.h"
#include "read/xlsx.h"
#include "text/csv.h"

namespace dondoc::http::testing {
namespace {

constexpr const char* k_xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* k_docx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

void expect_download(const Call& r, const char* type, const std::string& name) {
    ASSERT_EQ(r.status, 200) << r.reply.body;
    EXPECT_EQ(r.reply.header("content-type"), type);
    EXPECT_EQ(r.reply.header("content-disposition"), "attachment; filename=\"" + name + "\"");
}

std::vector<std::string> column(const text::CsvTable& table, std::size_t index) {
    std::vector<std::string> out;
    for (const auto& r : table.records) out.push_back(r.cells.at(index));
    return out;
}

TEST_F(ApiTest, RegisterAndTaskListsAsXlsxWithinScope) {
    const auto admin = login("admin");
    auto all = call(admin, "GET", "/api/exports/tasks.xlsx?as_of=2024-07-01");
    expect_download(all, k_xlsx, "so-theo-doi-2024-07-01.xlsx");
    auto sheet = read::read_xlsx_sheet(all.reply.body, "tasks.xlsx");
    ASSERT_TRUE(sheet.ok()) << sheet.error().describe();
    auto listed = call(admin, "GET", "/api/tasks?limit=500");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(sheet->records.size(), listed.body["total"].get<std::size_t>());
    EXPECT_EQ(sheet->header.at(2), "Nội dung");

    // A unit officer: not the whole register, only their unit's list.
    const auto tckh = login("tckh");
    EXPECT_EQ(call(tckh, "GET", "/api/exports/tasks.xlsx").status, 403);
    auto own = call(tckh, "GET", "/api/exports/unit-tasks.xlsx?as_of=2024-07-01");
    expect_download(own, k_xlsx, "nhiem-vu-530-tckh-2024-07-01.xlsx");
    auto list = read::read_xlsx_sheet(own.reply.body, "own.xlsx");
    ASSERT_TRUE(list.ok()) << list.error().describe();
    EXPECT_EQ(column(*list, 0), (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(call(tckh, "GET", "/api/exports/unit-tasks.xlsx?unit=524-nv").status, 403);
}

// The register as CSV for Excel: a byte order mark, the same rows and
// columns as the XLSX, which import reads back.
TEST_F(ApiTest, RegisterAsCsvForExcel) {
    const auto admin = login("admin");
    auto csv = call(admin, "GET", "/api/exports/tasks.csv?as_of=2024-07-01");
    expect_download(csv, "text/csv; charset=utf-8", "so-theo-doi-2024-07-01.csv");
    ASSERT_EQ(csv.reply.body.rfind("\xEF\xBB\xBF", 0), 0u);
    auto table = text::read_csv(csv.reply.body, "tasks.csv");
    ASSERT_TRUE(table.ok()) << table.error().describe();
    auto xlsx = call(admin, "GET", "/api/exports/tasks.xlsx?as_of=2024-07-01");
    auto sheet = read::read_xlsx_sheet(xlsx.reply.body, "tasks.xlsx");
    ASSERT_TRUE(sheet.ok());
    EXPECT_EQ(table->header, sheet->header);
    EXPECT_EQ(table->records.size(), sheet->records.size());
    EXPECT_EQ(column(*table, 2), column(*sheet, 2));
    EXPECT_EQ(call(login("tckh"), "GET", "/api/exports/tasks.csv").status, 403);
}

TEST_F(ApiTest, ScorecardOfAPeriodAsJsonAndXlsx) {
    const auto tracker = login("tracker");
    auto card = call(tracker, "GET", "/api/scorecard?period=2023&as_of=2024-07-01");
    ASSERT_EQ(card.status, 200) << card.reply.body;
    EXPECT_EQ(card.body["from"], "2023-01-01");
    EXPECT_EQ(card.body["to"], "2023-12-31");
    EXPECT_EQ(card.body["label"], "năm 2023");
    std::size_t overdue = 0;
    for (const auto& r : card.body["rows"]) overdue += r["overdue"].get<std::size_t>();
    EXPECT_EQ(card.body["totals"]["overdue"].get<std::size_t>(), overdue);
    EXPECT_GT(overdue, 0u);

    auto xlsx = call(tracker, "GET", "/api/exports/scorecard.xlsx?period=2023&as_of=2024-07-01");
    expect_download(xlsx, k_xlsx, "ket-qua-2023.xlsx");
    auto sheet = read::read_xlsx_sheet(xlsx.reply.body, "kq.xlsx");
    ASSERT_TRUE(sheet.ok()) << sheet.error().describe();
    ASSERT_EQ(sheet->records.size(), card.body["rows"].size() + 1);
    EXPECT_EQ(sheet->records.back().cells.at(7), std::to_string(overdue));

    // A unit officer sees their own unit's row only.
    const auto tckh = login("tckh");
    auto own = call(tckh, "GET", "/api/scorecard?period=2023-H1&as_of=2024-07-01");
    ASSERT_EQ(own.status, 200);
    for (const auto& r : own.body["rows"]) EXPECT_EQ(r["unit"], "530-tckh");
    EXPECT_EQ(call(tckh, "GET", "/api/scorecard?period=2023&unit=51").status, 403);
    EXPECT_EQ(call(tckh, "GET", "/api/scorecard?period=2023-Q5").status, 400);
    EXPECT_EQ(call(tckh, "GET", "/api/scorecard").status, 400);
}

TEST_F(ApiTest, DraftsAreDocxForTheCallersUnits) {
    const auto leader = login("leader");
    auto urge = call(leader, "GET", "/api/drafts/urge.docx?units=530&as_of=2024-07-01");
    expect_download(urge, k_docx, "cv-don-doc-2024-07-01.docx");
    auto text = read::to_text(urge.reply.body);
    ASSERT_TRUE(text.ok()) << text.error().describe();
    auto record = read::read_document(text->text);
    ASSERT_TRUE(record.ok());
    ASSERT_TRUE(record->subject.has_value());
    EXPECT_NE(record->subject->find("đôn đốc"), std::string::npos);
    ASSERT_EQ(record->recipients.size(), 1u);
    EXPECT_NE(record->recipients[0].find("huyện Sơn Tây"), std::string::npos);
    // Outside the leader's district; and unit officers do not urge.
    EXPECT_EQ(call(leader, "GET", "/api/drafts/urge.docx?units=524").status, 403);
    EXPECT_EQ(call(login("tckh"), "GET", "/api/drafts/urge.docx?units=530-tckh").status, 403);

    // The leader's district passes a directive down: issued by UBND huyện Sơn Tây.
    auto implement =
        call(leader, "GET", "/api/drafts/implement.docx?document=%2FSNV-XDCQ&on=2023-03-01");
    expect_download(implement, k_docx, "cv-trien-khai-SNV-XDCQ.docx");
    auto itext = read::to_text(implement.reply.body);
    ASSERT_TRUE(itext.ok());
    auto irecord = read::read_document(itext->text);
    ASSERT_TRUE(irecord.ok());
    EXPECT_NE(irecord->issuer.name.value_or("").find("HUYỆN SƠN TÂY"), std::string::npos);
    EXPECT_EQ(call(leader, "GET", "/api/drafts/implement.docx?document=%2FSNV-XDCQ&as=524").status,
              403);

    auto report =
        call(login("tckh"), "GET", "/api/drafts/report.docx?period=2023&as_of=2024-07-01");
    expect_download(report, k_docx, "bao-cao-ket-qua-2023.docx");
}

TEST_F(ApiTest, FileRoutesAreDescribedWithTheirMediaTypes) {
    const Json doc = openapi();
    EXPECT_TRUE(
        doc["paths"]["/api/exports/tasks.xlsx"]["get"]["responses"]["200"]["content"].contains(
            k_xlsx));
    EXPECT_TRUE(
        doc["paths"]["/api/drafts/urge.docx"]["get"]["responses"]["200"]["content"].contains(
            k_docx));
    EXPECT_TRUE(doc["paths"]["/api/scorecard"]["get"]["responses"]["200"]["content"].contains(
        "application/json"));
}

}  // namespace
}  // namespace dondoc::http::testing
