// CSV as offices have it: quoting, line ends, a byte order mark, semicolons,
// errors that name the place, and the limits.
#include "text/csv.h"

#include <gtest/gtest.h>

namespace dondoc::text {
namespace {

TEST(CsvTest, ReadsQuotedFieldsEscapesAndLineEnds) {
    const std::string csv =
        "\xEF\xBB\xBF"
        "a,b,c\r\n"
        "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
        "\n"
        "2,\"two\nlines\",\n"
        "3,,last";
    auto t = read_csv(csv, "t.csv");
    ASSERT_TRUE(t.ok()) << t.error().describe();
    EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b", "c"}));
    ASSERT_EQ(t->records.size(), 3U);
    EXPECT_EQ(t->records[0].cells, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
    EXPECT_EQ(t->records[0].line, 2U);
    EXPECT_EQ(t->records[1].cells, (std::vector<std::string>{"2", "two\nlines", ""}));
    EXPECT_EQ(t->records[1].line, 4U);
    EXPECT_EQ(t->records[2].line, 6U);
    EXPECT_EQ(t->records[2].cells, (std::vector<std::string>{"3", "", "last"}));
    EXPECT_EQ(t->records[2].columns, (std::vector<std::size_t>{1, 3, 4}));
    EXPECT_EQ(t->column("c"), 2U);
    EXPECT_EQ(t->column("d"), std::nullopt);
}

struct CsvErrorCase {
    std::string csv;
    std::string message_part;
    std::string where;
};

TEST(CsvTest, ErrorsNameTheLineAndColumn) {
    const std::vector<CsvErrorCase> cases{
        {"a,b\n1,\"open\n2,3\n", "not closed", "e.csv line 2, column 3"},
        {"a,b\n1,x\"y\n", "quote inside an unquoted field", "e.csv line 2, column 4"},
        {"a,b\nĐà,\"Nẵng\"x\n", "after the closing quote", "e.csv line 2, column 10"},
        {"a,b\n1,2\n1,2,3\n", "3 fields, the header 2", "e.csv line 3, column 5"},
        {"a,b,c\n1,2\n", "2 fields, the header 3", "e.csv line 2, column 4"},
        {"a,,c\n", "no name", "e.csv line 1, column 3"},
        {"a,b,a\n", "appears twice", "e.csv line 1, column 5"},
        {"\n\n", "no header line", "e.csv"},
    };
    for (const auto& c : cases) {
        auto t = read_csv(c.csv, "e.csv");
        ASSERT_FALSE(t.ok()) << c.csv;
        EXPECT_EQ(t.error().code, ErrorCode::invalid_input);
        EXPECT_NE(t.error().message.find(c.message_part), std::string::npos)
            << t.error().describe();
        EXPECT_EQ(t.error().where, c.where) << c.csv;
    }
}

TEST(CsvTest, RejectsInvalidUtf8AndInputBeyondTheLimits) {
    auto bad = read_csv("a,b\n1,\xC3\x28\n", "u.csv");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().where.rfind("u.csv, byte ", 0), 0U) << bad.error().where;

    std::string wide;
    for (std::size_t i = 0; i <= k_max_csv_columns; ++i)
        wide += (i ? ",c" : "c") + std::to_string(i);
    auto too_wide = read_csv(wide, "w.csv");
    ASSERT_FALSE(too_wide.ok());
    EXPECT_NE(too_wide.error().message.find("more than 64 fields"), std::string::npos);
    EXPECT_EQ(too_wide.error().where.rfind("w.csv line 1, column ", 0), 0U);

    const std::string huge(k_max_csv_bytes + 1, 'a');
    auto too_big = read_csv(huge, "h.csv");
    ASSERT_FALSE(too_big.ok());
    EXPECT_NE(too_big.error().message.find("larger than 16 MiB"), std::string::npos);
}

// ------------------------------------------------------------------ import

TEST(CsvTest, SemicolonsFromExcelAreRecognized) {
    auto t = read_csv("STT;Nội dung;Thời hạn\n1;\"Báo cáo; tổng hợp\";31/12/2024\n", "s.csv");
    ASSERT_TRUE(t.ok()) << t.error().describe();
    EXPECT_EQ(t->header, (std::vector<std::string>{"STT", "Nội dung", "Thời hạn"}));
    ASSERT_EQ(t->records.size(), 1u);
    EXPECT_EQ(t->records[0].cells[1], "Báo cáo; tổng hợp");
    auto commas = read_csv("a,b;c\n1,2;3\n", "c.csv");
    ASSERT_TRUE(commas.ok());
    EXPECT_EQ(commas->header.size(), 2u);
    CsvOptions limit;
    limit.max_bytes = 8;
    auto big = read_csv("a,b\n1,2\n3,4\n", "b.csv", limit);
    ASSERT_FALSE(big.ok());
    EXPECT_EQ(big.error().where, "b.csv");
}

}  // namespace
}  // namespace dondoc::text
