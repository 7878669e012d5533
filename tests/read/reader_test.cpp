// The reader's contract beyond the golden files: errors, limits, warnings,
// and input variants that must read the same.
#include "read/reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "read/record_json.h"

namespace dondoc::read {
namespace {

std::string seed(int n) {
    std::ifstream in(
        std::string(DONDOC_TEST_DATA) + "/read/seeds/seed_00" + std::to_string(n) + ".txt",
        std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool has_warning(const Record& r, std::string_view field) {
    for (const auto& w : r.warnings) {
        if (w.rfind(std::string(field) + ":", 0) == 0) return true;
    }
    return false;
}

TEST(Reader, InvalidUtf8IsAnErrorNamingTheByte) {
    std::string text = seed(0);
    text[100] = '\xFF';
    auto record = read_document(text);
    ASSERT_FALSE(record.ok());
    EXPECT_EQ(record.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(record.error().where, "byte 100");
}

TEST(Reader, RefusesDocumentsOverTheSizeLimit) {
    ReadLimits limits;
    limits.max_bytes = 1000;
    auto record = read_document(seed(0), limits);
    ASSERT_FALSE(record.ok());
    EXPECT_NE(record.error().message.find("larger than the limit"), std::string::npos);
    EXPECT_TRUE(read_document(seed(0).substr(0, 900), limits).ok());
}

TEST(Reader, CutsLongListsWithAWarning) {
    ReadLimits limits;
    limits.max_tasks = 1;
    limits.max_references = 1;
    limits.max_recipients = 2;
    limits.max_distribution = 2;
    auto record = read_document(seed(0), limits);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->tasks.size(), 1u);
    EXPECT_EQ(record->references.size(), 1u);
    EXPECT_EQ(record->recipients.size(), 2u);
    EXPECT_EQ(record->distribution.size(), 2u);
    EXPECT_TRUE(has_warning(*record, "tasks"));
    EXPECT_TRUE(has_warning(*record, "references"));
    EXPECT_TRUE(has_warning(*record, "recipients"));
    EXPECT_TRUE(has_warning(*record, "distribution"));
}

TEST(Reader, EmptyAndHeaderlessInputStillYieldRecords) {
    auto empty = read_document("");
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(has_warning(*empty, "number"));
    EXPECT_TRUE(has_warning(*empty, "date"));
    EXPECT_TRUE(has_warning(*empty, "issuer"));
    EXPECT_TRUE(empty->tasks.empty());

    auto body_only = read_document(
        "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát kinh phí; báo cáo UBND tỉnh "
        "trước ngày 15/3/2024.\n");
    ASSERT_TRUE(body_only.ok());
    ASSERT_EQ(body_only->tasks.size(), 1u);
    EXPECT_EQ(body_only->tasks[0].assignees[0].name, "Sở Tài chính");
    EXPECT_EQ(body_only->tasks[0].assignees[0].role, Role::lead);
    EXPECT_EQ(body_only->tasks[0].report_to, "UBND tỉnh");
    EXPECT_TRUE(has_warning(*body_only, "header"));
}

TEST(Reader, LineEndsAndNormalizationFormsReadTheSame) {
    const std::string lf = seed(4);
    std::string crlf;
    std::string cr;
    for (char c : lf) {
        if (c == '\n') {
            crlf += "\r\n";
            cr += "\r";
        } else {
            crlf += c;
            cr += c;
        }
    }
    const std::string expected = to_json(*read_document(lf));
    EXPECT_EQ(to_json(*read_document(crlf)), expected);
    EXPECT_EQ(to_json(*read_document(cr)), expected);
    EXPECT_EQ(to_json(*read_document("\xEF\xBB\xBF" + lf)), expected);
}

TEST(Reader, HeaderAsOneTableRowPerLine) {
    const std::string text =
        "| **ỦY BAN NHÂN DÂN** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n"
        "|---|---|\n"
        "| **HUYỆN BÌNH SƠN** | **Độc lập - Tự do - Hạnh phúc** |\n"
        "| Số: 215/UBND-VP | Bình Sơn, ngày 04 tháng 3 năm 2024 |\n"
        "| V/v báo cáo kết quả thực hiện | |\n"
        "\n"
        "Kính gửi: UBND các xã, thị trấn.\n"
        "\n"
        "Đề nghị UBND các xã, thị trấn báo cáo kết quả về UBND huyện (qua Văn phòng HĐND và UBND "
        "huyện) "
        "trước ngày 10/3/2024./.\n"
        "\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn An\n";
    auto record = read_document(text);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->issuer.name, "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN");
    EXPECT_EQ(record->notation, "215/UBND-VP");
    EXPECT_EQ(record->place, "Bình Sơn");
    EXPECT_EQ(record->date, (PartialDate{2024, 3, 4}));
    EXPECT_EQ(record->subject, "báo cáo kết quả thực hiện");
    ASSERT_EQ(record->recipients.size(), 1u);
    EXPECT_EQ(record->recipients[0], "UBND các xã, thị trấn");
    ASSERT_EQ(record->tasks.size(), 1u);
    EXPECT_EQ(record->tasks[0].report_to, "UBND huyện");
    EXPECT_EQ(record->tasks[0].report_via, "Văn phòng HĐND và UBND huyện");
    ASSERT_EQ(record->tasks[0].deadlines.size(), 1u);
    EXPECT_EQ(record->tasks[0].deadlines[0].date, (Date{2024, 3, 10}));
    EXPECT_EQ(record->signer.authority, Authority::kt);
    EXPECT_EQ(record->signer.title, "PHÓ CHỦ TỊCH");
    EXPECT_EQ(record->signer.name, "Lê Văn An");
}

// The motto typed (or read by OCR) with em dashes is still the motto, not
// the first line of the body: the header after it is read.
TEST(Reader, MottoWithEmDashes) {
    const std::string text =
        "ỦY BAN NHÂN DÂN\nHUYỆN BÌNH SƠN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập — Tự do — Hạnh phúc\n\nSố: 215/UBND-VP\n\n"
        "Bình Sơn, ngày 04 tháng 3 năm 2024\n\nV/v báo cáo kết quả thực hiện\n\n"
        "Kính gửi: UBND các xã, thị trấn.\n\n"
        "Đề nghị UBND các xã, thị trấn báo cáo kết quả trước ngày 10/3/2024./.\n";
    auto record = read_document(text);
    ASSERT_TRUE(record.ok());
    EXPECT_EQ(record->issuer.name, "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN");
    EXPECT_EQ(record->notation, "215/UBND-VP");
    EXPECT_EQ(record->place, "Bình Sơn");
    EXPECT_EQ(record->date, (PartialDate{2024, 3, 4}));
    EXPECT_EQ(record->subject, "báo cáo kết quả thực hiện");
    ASSERT_EQ(record->recipients.size(), 1u);
}

TEST(Reader, HostileShapesFinish) {
    // Deep numbering, endless bullets, unclosed markup, a huge single line.
    std::string text = "Số: 1/UBND\n";
    for (int i = 0; i < 5000; ++i)
        text += "- UBND các xã, phường, thị trấn, " + std::string(40, '*') + "\n";
    text += std::string(200000, '(') + "\n";
    text += "| " + std::string(50000, '|') + "\n";
    auto record = read_document(text);
    ASSERT_TRUE(record.ok());
    EXPECT_LE(record->tasks.size(), ReadLimits{}.max_tasks);
}

}  // namespace
}  // namespace dondoc::read
