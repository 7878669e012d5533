// `dondoc parse` as a user runs it: files, standard input, errors, exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"

namespace dondoc::cli {
namespace {

struct CommandRun {
    int code;
    std::string out;
    std::string err;
};

CommandRun dondoc(std::vector<std::string> args, const std::string& input = "") {
    std::istringstream in(input);
    std::ostringstream out;
    std::ostringstream err;
    const int code = run(args, Io{in, out, err});
    return CommandRun{code, out.str(), err.str()};
}

const std::string k_seeds = std::string(DONDOC_TEST_DATA) + "/read/seeds/";

TEST(ParseCommand, JsonLinesOneRecordPerFile) {
    const CommandRun r =
        dondoc({"parse", k_seeds + "seed_000.txt", k_seeds + "seed_004.txt", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    std::vector<nlohmann::json> records;
    while (std::getline(lines, line)) records.push_back(nlohmann::json::parse(line));
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0]["format"], "dondoc.record/1");
    EXPECT_EQ(records[0]["notation"], "981/UBND");
    EXPECT_EQ(records[1]["notation"], "6321/UBND-TH");
}

TEST(ParseCommand, PrettyJsonAndStandardInput) {
    const CommandRun r = dondoc({"parse", "-", "--json", "--pretty"},
                                "Số: 12-KH/HU\n\nKẾ HOẠCH\nPhòng, chống thiên tai\n");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto record = nlohmann::json::parse(r.out);
    EXPECT_EQ(record["family"], "party");
    EXPECT_EQ(record["type"]["code"], "KH");
    EXPECT_NE(r.out.find("\n  \"family\""), std::string::npos);
}

TEST(ParseCommand, VietnameseSummaryByDefault) {
    const CommandRun r = dondoc({"parse", k_seeds + "seed_002.txt"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("Số, ký hiệu: /SNV-XDCQ"), std::string::npos);
    EXPECT_NE(r.out.find("Người ký: KT. GIÁM ĐỐC — PHÓ GIÁM ĐỐC — Hà Văn Tính"), std::string::npos);
    EXPECT_NE(r.out.find("Cảnh báo: number: left blank"), std::string::npos);
}

TEST(ParseCommand, MissingFileIsNamedAndOthersStillRead) {
    const CommandRun r = dondoc({"parse", "/no/such/file.txt", k_seeds + "seed_000.txt", "--json"});
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("/no/such/file.txt"), std::string::npos);
    EXPECT_NE(r.out.find("981/UBND"), std::string::npos);
}

TEST(ParseCommand, BadUtf8NamesFileAndByte) {
    const CommandRun r = dondoc({"parse", "-"}, "Số: 1/UBND\n\xC3(");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.err.find("<stdin>"), std::string::npos);
    EXPECT_NE(r.err.find("byte 13"), std::string::npos);
}

TEST(ParseCommand, UsageErrors) {
    EXPECT_EQ(dondoc({"parse"}).code, 2);
    EXPECT_EQ(dondoc({"parse", "--bogus", "x"}).code, 2);
    EXPECT_EQ(dondoc({"frobnicate"}).code, 2);
    EXPECT_EQ(dondoc({}).code, 2);
    const CommandRun help = dondoc({"help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("parse"), std::string::npos);
}

}  // namespace
}  // namespace dondoc::cli
