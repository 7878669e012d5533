// The XLSX writer, read back with the project's own reader (read/xlsx.h):
// text stays text (never a formula), dates are serial numbers with a date
// format, the header row is frozen and filtered.
#include "write/xlsx.h"

#include <gtest/gtest.h>

#include "read/ooxml.h"
#include "read/xlsx.h"

namespace dondoc::write {
namespace {

Sheet sample() {
    Sheet s;
    s.name = "Sổ theo dõi";
    s.columns = {{"Mã", 8},
                 {"Nội dung", 40},
                 {"Thời hạn", 12, ColumnKind::date},
                 {"Số", 8, ColumnKind::number},
                 {"Tỷ lệ", 8, ColumnKind::percent}};
    s.rows = {{std::string("1"), std::string("=HYPERLINK(\"http://x.invalid\",\"Bấm\")"),
               Day{2024, 7, 1}, 3.0, 0.75},
              {std::string("2"), std::string("@SUM(A1:A2)"), Cell{}, 0.0, 0.0}};
    s.totals = {Cell{}, std::string("Tổng cộng"), Cell{}, 3.0, 0.375};
    return s;
}

std::string part(const std::string& xlsx, const char* name) {
    auto archive = read::detail::OoxmlArchive::open(xlsx, read::SourceLimits{}, "XLSX");
    EXPECT_TRUE(archive.ok());
    if (!archive) return {};
    auto bytes = archive->read(name);
    EXPECT_TRUE(bytes.ok() && bytes->has_value()) << name;
    return bytes.ok() && *bytes ? **bytes : std::string();
}

TEST(Xlsx, CellsReadBackAsWritten) {
    auto bytes = xlsx_bytes({sample()});
    ASSERT_TRUE(bytes.ok()) << bytes.error().describe();
    auto table = read::read_xlsx_sheet(*bytes, "x.xlsx");
    ASSERT_TRUE(table.ok()) << table.error().describe();
    EXPECT_EQ(table->header,
              (std::vector<std::string>{"Mã", "Nội dung", "Thời hạn", "Số", "Tỷ lệ"}));
    ASSERT_EQ(table->records.size(), 3u);
    const auto& first = table->records[0].cells;
    EXPECT_EQ(first[1], "=HYPERLINK(\"http://x.invalid\",\"Bấm\")");
    EXPECT_EQ(first[2], "45474");  // 01/07/2024 as Excel counts days
    EXPECT_EQ(first[3], "3");
    EXPECT_EQ(first[4], "0.75");
    EXPECT_EQ(table->records[1].cells[1], "@SUM(A1:A2)");
    EXPECT_EQ(table->records[2].cells[1], "Tổng cộng");
}

TEST(Xlsx, NoFormulaAFrozenFilteredHeaderAndADateFormat) {
    auto bytes = xlsx_bytes({sample()});
    ASSERT_TRUE(bytes.ok());
    const std::string sheet = part(*bytes, "xl/worksheets/sheet1.xml");
    EXPECT_EQ(sheet.find("<f>"), std::string::npos);
    EXPECT_NE(sheet.find("<autoFilter ref=\"A1:E3\""), std::string::npos) << sheet;
    EXPECT_NE(sheet.find("ySplit=\"1\""), std::string::npos);
    EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
    const std::string styles = part(*bytes, "xl/styles.xml");
    EXPECT_NE(styles.find("dd/mm/yyyy"), std::string::npos);
}

TEST(Xlsx, TitleLinesPushTheHeaderDown) {
    Sheet s = sample();
    s.title = {"KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ II NĂM 2024", "số liệu đến ngày 30/06/2024"};
    auto bytes = xlsx_bytes({s});
    ASSERT_TRUE(bytes.ok());
    const std::string sheet = part(*bytes, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("ySplit=\"4\""),
              std::string::npos);  // two titles, a blank line, the header
    EXPECT_NE(sheet.find("<autoFilter ref=\"A4:E6\""), std::string::npos);
}

TEST(Xlsx, BadSheetsAreRefused) {
    Sheet s = sample();
    s.name = "Quý [II]";
    auto bad_name = xlsx_bytes({s});
    ASSERT_FALSE(bad_name.ok());
    EXPECT_EQ(bad_name.error().code, ErrorCode::invalid_input);
    s = sample();
    s.rows.push_back({Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, std::string("thừa")});
    auto too_wide = xlsx_bytes({s});
    ASSERT_FALSE(too_wide.ok());
    EXPECT_EQ(too_wide.error().code, ErrorCode::invalid_input);
    EXPECT_FALSE(xlsx_bytes({}).ok());
}

}  // namespace
}  // namespace dondoc::write
