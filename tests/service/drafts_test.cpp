// The drafts an office sends, made from the Quảng Ngãi register with the
// five seed directives, then read back as a received document would be:
// the DOCX through read/source.h and the reader gives the issuer, the
// summary, the recipients and the cited directive; the tables carry the
// overdue tasks and the scorecard; LibreOffice renders a draft to PDF.
#include "service/drafts.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/civil_date.h"
#include "libreoffice.h"
#include "read/reader.h"
#include "read/source.h"
#include "service/sheets.h"

namespace dondoc::service {
namespace {

using domain::parse_iso;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class DraftsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto opened = store::open_sqlite(":memory:");
        ASSERT_TRUE(opened.ok());
        repo = std::move(*opened);
        service = std::make_unique<RegisterService>(*repo, domain::WorkingCalendar::vietnam());
        const std::string units = std::string(DONDOC_PROJECT_DATA) + "/quang-ngai/";
        ASSERT_TRUE(service
                        ->import_demo_units(slurp(units + "units_2024.csv"),
                                            slurp(units + "units_2025.csv"))
                        .ok());
        IngestOptions confirm;
        confirm.confirm = true;
        for (int n = 0; n < 5; ++n) {
            const std::string name = "seed_00" + std::to_string(n) + ".txt";
            auto r = service->ingest(slurp(std::string(DONDOC_TEST_DATA) + "/read/seeds/" + name),
                                     name, confirm);
            ASSERT_TRUE(r.ok()) << r.error().describe();
        }
        drafts = std::make_unique<Drafts>(*service, *repo);
    }

    // The draft as the reader sees a received file.
    static read::Record read_back(const std::string& docx, std::string* text_out = nullptr) {
        auto text = read::to_text(docx);
        EXPECT_TRUE(text.ok()) << (text.ok() ? "" : text.error().describe());
        if (!text) return {};
        EXPECT_EQ(text->format, read::SourceFormat::docx);
        if (text_out != nullptr) *text_out = text->text;
        auto record = read::read_document(text->text);
        EXPECT_TRUE(record.ok());
        return record.ok() ? *record : read::Record{};
    }

    std::unique_ptr<store::Repository> repo;
    std::unique_ptr<RegisterService> service;
    std::unique_ptr<Drafts> drafts;
};

const domain::UnitId k_planning{"51-so-ke-hoach-va-dau-tu"};
const domain::UnitId k_home_affairs{"51-so-noi-vu"};

TEST_F(DraftsTest, UrgingDispatchListsTheOverdueTasksWithProgress) {
    const CivilDate as_of = *parse_iso("2024-07-01");
    TaskQuery query;
    query.unit = k_planning;
    query.status = domain::TaskStatus::overdue;
    query.as_of = as_of;
    auto overdue = service->tasks(query);
    ASSERT_TRUE(overdue.ok());
    ASSERT_FALSE(overdue->empty());
    const TaskView& late = overdue->front();
    ASSERT_TRUE(
        service->progress(late.task.id, *parse_iso("2024-06-20"), "Đã lập dự thảo kế hoạch", 60)
            .ok());

    auto docx = drafts->urging_dispatch({{k_planning, k_home_affairs}, std::nullopt, as_of});
    ASSERT_TRUE(docx.ok()) << docx.error().describe();
    std::string text;
    const read::Record record = read_back(*docx, &text);
    // The two departments share their parent: the provincial people's committee writes.
    EXPECT_EQ(record.issuer.name.value_or(""), "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI");
    ASSERT_TRUE(record.subject.has_value());
    EXPECT_NE(record.subject->find("đôn đốc thực hiện các nhiệm vụ quá hạn"), std::string::npos);
    ASSERT_EQ(record.recipients.size(), 2u);
    EXPECT_NE(record.recipients[0].find("Sở Kế hoạch và Đầu tư"), std::string::npos);
    EXPECT_NE(record.recipients[1].find("Sở Nội vụ"), std::string::npos);
    EXPECT_EQ(record.date.year.value_or(0), 2024);
    // The table: each overdue task with its lead, deadline and latest progress.
    EXPECT_NE(text.find("01/07/2024"), std::string::npos);
    EXPECT_NE(text.find(late.task.action.substr(0, 40)), std::string::npos);
    EXPECT_NE(text.find("20/06/2024: Đã lập dự thảo kế hoạch (60%)"), std::string::npos);
    EXPECT_NE(text.find(domain::vietnamese(*late.due)), std::string::npos);
    EXPECT_NE(text.find("Chưa báo cáo tiến độ"), std::string::npos);

    // Nothing overdue: no letter to send.
    auto none = drafts->urging_dispatch({{k_planning}, std::nullopt, *parse_iso("2020-01-01")});
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::not_found);
}

// The draft passing the province's 6321/UBND-TH down from Huyện Sơn Tây:
// read back, it cites 6321 as the document it implements.
TEST_F(DraftsTest, ImplementingDispatchPassesADirectiveDown) {
    ImplementRequest request;
    request.document = "6321/UBND-TH";
    request.issuer = domain::UnitId{"530"};
    request.on = *parse_iso("2020-12-20");
    auto docx = drafts->implementing_dispatch(request);
    ASSERT_TRUE(docx.ok()) << docx.error().describe();
    std::string text;
    const read::Record record = read_back(*docx, &text);
    EXPECT_EQ(record.issuer.name.value_or(""), "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY");
    ASSERT_TRUE(record.subject.has_value());
    EXPECT_NE(record.subject->find("triển khai thực hiện Công văn số 6321/UBND-TH"),
              std::string::npos);
    // Sent to the district's offices and its communes, as groups.
    ASSERT_EQ(record.recipients.size(), 2u);
    EXPECT_NE(record.recipients[0].find("Các phòng, ban"), std::string::npos);
    EXPECT_NE(record.recipients[1].find("UBND các xã"), std::string::npos);
    bool cites = false;
    for (const auto& ref : record.references) {
        if (ref.notation.value_or("") == "6321/UBND-TH") cites = true;
    }
    EXPECT_TRUE(cites);
    // Each of the directive's tasks for the district, with its deadline.
    EXPECT_NE(text.find("Khẩn trương báo cáo UBND tỉnh"), std::string::npos);
    EXPECT_NE(text.find("Thời hạn:"), std::string::npos);
    EXPECT_GE(record.tasks.size(), 1u);

    request.document = "999/KHONG-CO";
    auto missing = drafts->implementing_dispatch(request);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

// The periodic report of a year: its table's totals are the scorecard's.
// One conversion for the DOCX kind: LibreOffice renders it to PDF.
TEST_F(DraftsTest, PeriodReportCarriesTheScorecardAndRenders) {
    const auto period = domain::parse_report_period("2020");
    ASSERT_TRUE(period.has_value());
    const CivilDate as_of = *parse_iso("2020-12-31");
    auto card = scorecard(*service, *period, as_of, std::nullopt);
    ASSERT_TRUE(card.ok());
    ASSERT_GT(card->totals.assigned, 0u);
    auto docx = drafts->period_report({*period, as_of, std::nullopt, std::nullopt});
    ASSERT_TRUE(docx.ok()) << docx.error().describe();
    std::string text;
    const read::Record record = read_back(*docx, &text);
    EXPECT_EQ(record.issuer.name.value_or(""), "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI");
    EXPECT_EQ(record.type.code, "BC");
    EXPECT_NE(text.find("Kết quả thực hiện nhiệm vụ được giao năm 2020"), std::string::npos);
    const ScoreRow& t = card->totals;
    const std::string summary =
        "Tổng số nhiệm vụ có thời hạn trong kỳ: " + std::to_string(t.assigned - t.no_deadline) +
        " nhiệm vụ";
    EXPECT_NE(text.find(summary), std::string::npos) << text;
    EXPECT_NE(text.find("quá hạn chưa hoàn thành " + std::to_string(t.overdue) + " nhiệm vụ"),
              std::string::npos);
    EXPECT_NE(text.find("Tổng cộng"), std::string::npos);

    auto pdf = testing::libreoffice_pdf(*docx, "docx");
    ASSERT_TRUE(pdf.ok()) << pdf.error().describe();
    auto rendered = read::to_text(*pdf);
    ASSERT_TRUE(rendered.ok()) << rendered.error().describe();
    EXPECT_EQ(rendered->format, read::SourceFormat::pdf);
    EXPECT_NE(rendered->text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
    EXPECT_NE(rendered->text.find("BÁO CÁO"), std::string::npos);
}

}  // namespace
}  // namespace dondoc::service
