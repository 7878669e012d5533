// The SQLite register: schema, round trips, transactions, versions, search.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "domain/civil_date.h"
#include "store/repository.h"

namespace dondoc::store {
namespace {

using domain::parse_iso;

domain::Unit unit(const std::string& id, const std::string& name,
                  std::optional<std::string> parent = {}) {
    domain::Unit u;
    u.id = UnitId{id};
    u.name = name;
    u.kind = parent ? domain::UnitKind::commune : domain::UnitKind::district;
    if (parent) u.parent = UnitId{*parent};
    return u;
}

domain::Document document(const std::string& notation, const std::string& hash) {
    domain::Document d;
    d.notation = notation;
    d.notation_key = notation;
    d.year = 2023;
    d.date = parse_iso("2023-05-26");
    d.type_code = "CV";
    d.issuer_name = "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY";
    d.subject = "triển khai thực hiện Nghị quyết số 53/NQ-CP";
    d.source_name = "seed_000.txt";
    d.source_hash = hash;
    d.record_json = "{}";
    d.text = "Nghị quyết số 53/NQ-CP ngày 14/4/2023 của Chính phủ";
    return d;
}

class SqliteRepository : public ::testing::Test {
  protected:
    void SetUp() override {
        auto opened = open_sqlite(":memory:");
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        repo = std::move(*opened);
    }
    std::unique_ptr<Repository> repo;
};

TEST_F(SqliteRepository, UnitsRoundTripWithAliasesAndSuccessors) {
    ASSERT_TRUE(repo->save_unit(unit("530", "Huyện Sơn Tây")).ok());
    auto commune = unit("21391", "Xã Sơn Dung", "530");
    commune.aliases = {"Sơn Dung"};
    ASSERT_TRUE(repo->save_unit(unit("21400", "Xã Sơn Tây mới", "530")).ok());
    commune.successors = {UnitId{"21400"}};
    commune.valid_to = parse_iso("2025-06-30");
    ASSERT_TRUE(repo->save_unit(commune).ok());
    auto units = repo->units();
    ASSERT_TRUE(units.ok());
    ASSERT_EQ(units->size(), 3u);
    const auto& read = units->back();
    EXPECT_EQ(read.id.value, "21391");
    EXPECT_EQ(read.aliases, std::vector<std::string>{"Sơn Dung"});
    ASSERT_EQ(read.successors.size(), 1u);
    EXPECT_EQ(read.successors[0].value, "21400");
    EXPECT_EQ(read.valid_to, parse_iso("2025-06-30"));
}

TEST_F(SqliteRepository, UnknownParentIsRefused) {
    auto saved = repo->save_unit(unit("99999", "Xã Không Có", "000"));
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.error().code, ErrorCode::conflict);
}

TEST_F(SqliteRepository, SearchIgnoresDiacritics) {
    ASSERT_TRUE(repo->insert_document(document("981/UBND", "h1")).ok());
    auto found = repo->search_documents("nghi quyet 53", 10);
    ASSERT_TRUE(found.ok()) << found.error().describe();
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ(found->front().notation, "981/UBND");
    EXPECT_TRUE(repo->search_documents("Nghị quyết 53/NQ-CP", 10)->size() == 1);
    EXPECT_TRUE(repo->search_documents("kế hoạch", 10)->empty());
    EXPECT_TRUE(repo->search_documents("\"; DROP TABLE documents; --", 10).ok());
}

TEST_F(SqliteRepository, SameHashIsOneDocument) {
    ASSERT_TRUE(repo->insert_document(document("981/UBND", "h1")).ok());
    auto twice = repo->insert_document(document("981/UBND", "h1"));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::conflict);
    EXPECT_EQ(repo->counts()->documents, 1u);
}

TEST_F(SqliteRepository, FailedTransactionLeavesNothing) {
    auto result = repo->transaction([&]() -> Result<void> {
        auto id = repo->insert_document(document("981/UBND", "h1"));
        if (!id) return id.error();
        return make_error(ErrorCode::invalid_input, "stop here");
    });
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(repo->counts()->documents, 0u);
    EXPECT_TRUE(repo->search_documents("nghi quyet", 10)->empty());
}

TEST_F(SqliteRepository, NestedTransactionUndoesOnlyItsOwnWrites) {
    auto outer = repo->transaction([&]() -> Result<void> {
        auto kept = repo->insert_document(document("981/UBND", "h1"));
        if (!kept) return kept.error();
        auto inner = repo->transaction([&]() -> Result<void> {
            auto dropped = repo->insert_document(document("982/UBND", "h2"));
            if (!dropped) return dropped.error();
            return make_error(ErrorCode::invalid_input, "the second document is bad");
        });
        EXPECT_FALSE(inner.ok());
        return repo->insert_document(document("983/UBND", "h3")).ok()
                   ? Result<void>()
                   : make_error(ErrorCode::io_error, "insert");
    });
    ASSERT_TRUE(outer.ok());
    EXPECT_EQ(repo->counts()->documents, 2u);
    EXPECT_TRUE(repo->document_by_hash("h2")->has_value() == false);
    EXPECT_EQ(repo->search_documents("982", 10)->size(), 0u);
}

TEST_F(SqliteRepository, TaskVersionsDetectConflicts) {
    auto doc = repo->insert_document(document("981/UBND", "h1"));
    ASSERT_TRUE(doc.ok());
    domain::Task t;
    t.document = *doc;
    t.clause = "2";
    t.action = "theo dõi, đôn đốc";
    t.assignments = {{std::nullopt, "Phòng Tài chính - Kế hoạch", read::Role::lead}};
    read::Deadline deadline;
    deadline.kind = read::DeadlineKind::date;
    deadline.text = "chậm nhất ngày 25/12/2020";
    deadline.date = read::Date{2020, 12, 25};
    t.deadlines = {deadline};
    auto id = repo->insert_task(t, {{TaskId{}, *parse_iso("2020-12-25"), ""}});
    ASSERT_TRUE(id.ok()) << id.error().describe();
    auto first = repo->task(*id);
    auto second = repo->task(*id);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->deadlines.size(), 1u);
    EXPECT_EQ(first->deadlines[0].date, (read::Date{2020, 12, 25}));
    first->state = domain::TaskState::active;
    ASSERT_TRUE(repo->update_task(*first).ok());
    second->action = "sửa khác";
    auto stale = repo->update_task(*second);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(stale.error().code, ErrorCode::conflict);
    EXPECT_EQ(repo->task(*id)->action, "theo dõi, đôn đốc");
    EXPECT_EQ(repo->task(*id)->state, domain::TaskState::active);
}

TEST_F(SqliteRepository, MigratesOnceAndRefusesNewerSchema) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("dondoc-store-test-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    {
        auto first = open_sqlite(path.string());
        ASSERT_TRUE(first.ok());
        ASSERT_TRUE((*first)->insert_document(document("981/UBND", "h1")).ok());
    }
    {
        auto again = open_sqlite(path.string());
        ASSERT_TRUE(again.ok());
        EXPECT_EQ((*again)->counts()->documents, 1u);
    }
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    auto not_a_db = std::filesystem::temp_directory_path() / "dondoc-not-a-db.txt";
    {
        std::ofstream out(not_a_db);
        out << "this is a text file, not a register\n";
    }
    auto bad = open_sqlite(not_a_db.string());
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::corruption);
    std::filesystem::remove(not_a_db);
}

}  // namespace
}  // namespace dondoc::store
