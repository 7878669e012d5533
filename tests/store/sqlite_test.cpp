// The SQLite driver's bulk insert (store/sqlite.cpp): rows entered many to
// a statement, the rest one by one at finish(), texts bound from buffers
// reused batch after batch; a broken key refuses the rows like an INSERT.
#include "store/sqlite.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dondoc::store {
namespace {

struct Row {
    std::int64_t id = 0;
    std::optional<std::string> name;
    std::optional<std::int64_t> size;
};

std::vector<Row> rows_of(sql::Connection& db) {
    std::vector<Row> rows;
    auto st = db.prepare("SELECT id, name, size FROM t ORDER BY id");
    EXPECT_TRUE(st.ok());
    EXPECT_TRUE(st->for_each_row([&] {
                      Row r;
                      r.id = st->integer(0);
                      r.name = st->optional_text(1);
                      if (!st->is_null(2)) r.size = st->integer(2);
                      rows.push_back(r);
                  }).ok());
    return rows;
}

// Row i's text: longer and shorter in turn (a buffer reused for a shorter
// one must not keep the end of the longer), none every third row.
std::optional<std::string> name_of(std::size_t i) {
    if (i % 3 == 0) return std::nullopt;
    std::string name = i % 2 == 0 ? "Sở Tài chính tỉnh Quảng Ngãi " : "x";
    name += std::to_string(i);
    return name;
}

std::unique_ptr<sql::Connection> table() {
    auto db = sqlite::open(":memory:");
    EXPECT_TRUE(db.ok());
    EXPECT_TRUE(
        (*db)->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, size INTEGER)").ok());
    return std::move(*db);
}

TEST(SqliteBulkInsert, EveryRowComesBackWhateverTheBatchItEndsIn) {
    for (const std::size_t n : {std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{65},
                                std::size_t{64 * 3 + 5}}) {
        auto db = table();
        auto out = db->bulk_insert("t", {"id", "name", "size"});
        ASSERT_TRUE(out.ok());
        for (std::size_t i = 0; i < n; ++i) {
            (*out)->integer(static_cast<std::int64_t>(i) + 1);
            (*out)->optional_text(name_of(i));
            (*out)->optional_integer(i % 5 == 0 ? std::nullopt
                                                : std::optional<std::int64_t>(i * 7));
            ASSERT_TRUE((*out)->end_row().ok());
        }
        ASSERT_TRUE((*out)->finish().ok());
        const auto rows = rows_of(*db);
        ASSERT_EQ(rows.size(), n) << n << " rows";
        for (std::size_t i = 0; i < n; ++i) {
            EXPECT_EQ(rows[i].id, static_cast<std::int64_t>(i) + 1);
            EXPECT_EQ(rows[i].name, name_of(i)) << i;
            EXPECT_EQ(rows[i].size, i % 5 == 0 ? std::nullopt : std::optional<std::int64_t>(i * 7))
                << i;
        }
    }
}

// A key twice, inside a full batch or among the rows left for finish():
// a conflict, as from a plain INSERT.
TEST(SqliteBulkInsert, ADuplicateKeyIsAConflict) {
    for (const std::size_t duplicate_at : {std::size_t{40}, std::size_t{100}}) {
        auto db = table();
        auto out = db->bulk_insert("t", {"id", "name", "size"});
        ASSERT_TRUE(out.ok());
        Result<void> entered;
        for (std::size_t i = 0; i < 110 && entered.ok(); ++i) {
            (*out)->integer(i == duplicate_at ? 1 : static_cast<std::int64_t>(i) + 1);
            (*out)->text("a");
            (*out)->integer(0);
            entered = (*out)->end_row();
        }
        if (entered.ok()) entered = (*out)->finish();
        ASSERT_FALSE(entered.ok()) << "duplicate at " << duplicate_at;
        EXPECT_EQ(entered.error().code, ErrorCode::conflict);
    }
}

}  // namespace
}  // namespace dondoc::store
