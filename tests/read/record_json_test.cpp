// Deadlines as the register stores them (deadlines_to_json) and read back
// (deadlines_from_json): every deadline the reader finds in the golden
// documents comes back as written; stored text of another shape (keys twice,
// other types, keys the reader does not know, nesting) is read as a JSON
// tree reads it, and what cannot be a deadline is a corruption error.
#include "read/record_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "read/reader.h"

namespace dondoc::read {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(DeadlinesJson, EveryDeadlineOfTheGoldenDocumentsComesBackAsWritten) {
    std::size_t deadlines = 0;
    std::set<DeadlineKind> kinds;
    for (const char* dir : {"read/seeds", "read/docs"}) {
        for (const auto& entry : fs::directory_iterator(fs::path(DONDOC_TEST_DATA) / dir)) {
            if (entry.path().extension() != ".txt") continue;
            auto record = read_document(slurp(entry.path()));
            ASSERT_TRUE(record.ok()) << entry.path();
            for (const auto& task : record->tasks) {
                const std::string stored = deadlines_to_json(task.deadlines);
                auto back = deadlines_from_json(stored);
                ASSERT_TRUE(back.ok()) << stored;
                EXPECT_EQ(deadlines_to_json(*back), stored) << entry.path();
                ASSERT_EQ(back->size(), task.deadlines.size());
                for (std::size_t i = 0; i < back->size(); ++i) {
                    EXPECT_EQ((*back)[i].inclusive, task.deadlines[i].inclusive) << stored;
                    EXPECT_EQ((*back)[i].date.has_value(), task.deadlines[i].date.has_value());
                    kinds.insert((*back)[i].kind);
                }
                deadlines += back->size();
            }
        }
    }
    EXPECT_GT(deadlines, 20u);
    EXPECT_GE(kinds.size(), 4u);  // dates, recurring ones, ongoing ones…
}

TEST(DeadlinesJson, OtherShapesAreReadAsATreeReadsThem) {
    // A key twice: the last one counts.
    auto twice = deadlines_from_json(
        R"([{"kind":"date","date":"2024-01-02","inclusive":false,"date":"2024-03-04"}])");
    ASSERT_TRUE(twice.ok());
    ASSERT_EQ(twice->size(), 1u);
    ASSERT_TRUE(twice->front().date);
    EXPECT_EQ(twice->front().date->month, 3);
    EXPECT_FALSE(twice->front().inclusive);
    // Numbers where whole numbers are expected, true for one, keys unknown
    // (nested too), "week": "last", a period's year.
    auto loose = deadlines_from_json(
        R"([{"kind":"monthly","day":5.0,"weekday":true,"week":"last","x":{"y":[1]}},)"
        R"({"kind":"period","year":2025,"half":2,"text":"6 tháng cuối năm","z":1.5}])");
    ASSERT_TRUE(loose.ok()) << loose.error().describe();
    ASSERT_EQ(loose->size(), 2u);
    EXPECT_EQ((*loose)[0].kind, DeadlineKind::monthly);
    EXPECT_EQ((*loose)[0].day, 5);
    EXPECT_EQ((*loose)[0].weekday, 1);
    EXPECT_EQ((*loose)[0].week, -1);
    EXPECT_EQ((*loose)[1].year, 2025);
    EXPECT_EQ((*loose)[1].half, 2);
    EXPECT_EQ((*loose)[1].text, "6 tháng cuối năm");
    // A year is a period's only.
    auto year = deadlines_from_json(R"([{"kind":"yearly","year":2025,"month":6,"day":30}])");
    ASSERT_TRUE(year.ok());
    EXPECT_FALSE(year->front().year);
    EXPECT_EQ(year->front().month, 6);
    EXPECT_TRUE(deadlines_from_json("[]").ok());
    EXPECT_TRUE(deadlines_from_json(" [ ] ").value().empty());
}

TEST(DeadlinesJson, WhatCannotBeADeadlineIsCorruption) {
    for (const char* text : {
             "",
             "{}",
             "null",
             "[]x",
             "[[]]",
             "[1]",
             R"([{"text":"no kind"}])",
             R"([{"kind":"someday"}])",
             R"([{"kind":7}])",
             R"([{"kind":"date","text":null}])",
             R"([{"kind":"date","inclusive":null}])",
             R"([{"kind":"date","inclusive":"yes"}])",
             R"([{"kind":"monthly","day":"5"}])",
             R"([{"kind":"date","date":"abcd-ef-gh"}])",
             R"([{"kind":"date","date":20240102}])",
         }) {
        auto got = deadlines_from_json(text);
        ASSERT_FALSE(got.ok()) << text;
        EXPECT_EQ(got.error().code, ErrorCode::corruption) << text;
    }
}

}  // namespace
}  // namespace dondoc::read
