// Golden records: every document under tests/data/read/{seeds,docs} must
// read to exactly its hand-written .expected.json. Warnings are compared by
// their field name (the text before ':'), as the golden files' notes say.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "read/reader.h"
#include "read/record_json.h"

namespace dondoc::read {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> warning_fields(const Json& warnings) {
    std::vector<std::string> out;
    for (const auto& w : warnings) {
        const std::string s = w.get<std::string>();
        out.push_back(s.substr(0, s.find(':')));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<fs::path> golden_inputs() {
    std::vector<fs::path> out;
    for (const char* dir : {"read/seeds", "read/docs"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(DONDOC_TEST_DATA) / dir)) {
            if (entry.path().extension() == ".txt") out.push_back(entry.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

class Golden : public ::testing::TestWithParam<fs::path> {};

TEST_P(Golden, RecordMatchesExpected) {
    const fs::path input = GetParam();
    fs::path expected_path = input;
    expected_path.replace_extension(".expected.json");
    ASSERT_TRUE(fs::exists(expected_path)) << expected_path;
    auto record = read_document(slurp(input));
    ASSERT_TRUE(record.ok()) << record.error().describe();
    Json actual = Json::parse(to_json(*record));
    Json expected = Json::parse(slurp(expected_path));
    EXPECT_EQ(warning_fields(actual["warnings"]), warning_fields(expected["warnings"]))
        << "actual warnings: " << actual["warnings"].dump();
    actual.erase("warnings");
    expected.erase("warnings");
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        if (it.key() == "tasks" || it.key() == "references") continue;
        EXPECT_EQ(actual[it.key()], it.value()) << "field " << it.key();
    }
    const auto& expected_refs = expected["references"];
    const auto& actual_refs = actual["references"];
    EXPECT_EQ(actual_refs.size(), expected_refs.size()) << actual_refs.dump(2);
    for (std::size_t i = 0; i < std::min(actual_refs.size(), expected_refs.size()); ++i) {
        EXPECT_EQ(actual_refs[i], expected_refs[i]) << "reference " << i;
    }
    const auto& expected_tasks = expected["tasks"];
    const auto& actual_tasks = actual["tasks"];
    EXPECT_EQ(actual_tasks.size(), expected_tasks.size()) << actual_tasks.dump(2);
    for (std::size_t i = 0; i < std::min(actual_tasks.size(), expected_tasks.size()); ++i) {
        for (auto it = expected_tasks[i].begin(); it != expected_tasks[i].end(); ++it) {
            EXPECT_EQ(actual_tasks[i][it.key()], it.value())
                << "task " << i << " field " << it.key();
        }
    }
}

std::string test_name(const ::testing::TestParamInfo<fs::path>& info) {
    std::string name =
        info.param.parent_path().filename().string() + "_" + info.param.stem().string();
    for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(Documents, Golden, ::testing::ValuesIn(golden_inputs()), test_name);

}  // namespace
}  // namespace dondoc::read
