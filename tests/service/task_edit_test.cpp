// Correcting a proposed task before it is confirmed, on seed 000 in an
// SQLite register with the Quảng Ngãi units.
#include "service/task_edit.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/civil_date.h"
#include "service/register_service.h"

namespace dondoc::service {
namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class TaskEditTest : public ::testing::Test {
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
        auto r = service->ingest(slurp(std::string(DONDOC_TEST_DATA) + "/read/seeds/seed_000.txt"),
                                 "seed_000.txt", IngestOptions{});
        ASSERT_TRUE(r.ok()) << r.error().describe();
        ingested = *r;
    }

    // The seed's task with an unresolved mention, and that mention.
    std::pair<domain::TaskId, std::string> unresolved() {
        for (const auto& id : ingested.tasks) {
            auto t = repo->task(id);
            for (const auto& a : t->assignments)
                if (!a.unit) return {id, a.mention};
        }
        ADD_FAILURE() << "seed 000 has no unresolved mention";
        return {};
    }

    std::unique_ptr<store::Repository> repo;
    std::unique_ptr<RegisterService> service;
    IngestResult ingested;
};

TEST_F(TaskEditTest, AnUnresolvedNameBecomesUnitsWithItsRole) {
    const auto picked = unresolved();
    const domain::TaskId id = picked.first;
    const std::string mention = picked.second;
    const auto before = *repo->task(id);
    const auto original = std::find_if(before.assignments.begin(), before.assignments.end(),
                                       [&](const auto& b) { return b.mention == mention; });
    auto count = [](const domain::Task& t, const std::string& unit) {
        return std::count_if(t.assignments.begin(), t.assignments.end(),
                             [&](const auto& a) { return a.unit && a.unit->value == unit; });
    };
    ASSERT_EQ(count(before, "530-tckh"), 1);  // already assigned through another name
    TaskEdit edit;
    edit.mention = mention;
    edit.units = {domain::UnitId{"524-nv"}, domain::UnitId{"530-tckh"}, domain::UnitId{"524-nv"}};
    auto edited = edit_proposed_task(*repo, id, edit);
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    std::vector<std::string> units;
    for (const auto& a : edited->assignments) {
        if (a.mention != mention) continue;
        ASSERT_TRUE(a.unit);
        units.push_back(a.unit->value);
        EXPECT_EQ(a.role, original->role);
    }
    // Each unit once: 524-nv new, 530-tckh kept where it was.
    EXPECT_EQ(units, (std::vector<std::string>{"524-nv"}));
    EXPECT_EQ(count(*edited, "524-nv"), 1);
    EXPECT_EQ(count(*edited, "530-tckh"), 1);
    EXPECT_EQ(edited->assignments.size(), before.assignments.size());
    EXPECT_EQ(edited->version, before.version + 1);
    EXPECT_EQ(edited->state, domain::TaskState::proposed);
}

TEST_F(TaskEditTest, WordingChangesAndBadEditsAreRefusedWithoutChange) {
    // Phòng Nội vụ merged before the seed's date (26/05/2023), for the last case.
    ASSERT_TRUE(service
                    ->merge_unit(domain::UnitId{"530-nv"}, domain::UnitId{"530-tckh"},
                                 *domain::parse_iso("2023-01-01"))
                    .ok());
    const auto picked = unresolved();
    const domain::TaskId id = picked.first;
    const std::string mention = picked.second;
    TaskEdit reword;
    reword.action = "Tổng hợp báo cáo kết quả thực hiện Nghị quyết 53/NQ-CP";
    ASSERT_TRUE(edit_proposed_task(*repo, id, reword).ok());
    const auto before = *repo->task(id);
    EXPECT_EQ(before.action, *reword.action);

    TaskEdit blank;
    blank.action = " \n ";
    EXPECT_EQ(edit_proposed_task(*repo, id, blank).error().code, ErrorCode::invalid_input);
    TaskEdit too_long;
    too_long.action = std::string(5000, 'a');
    EXPECT_EQ(edit_proposed_task(*repo, id, too_long).error().code, ErrorCode::invalid_input);
    TaskEdit no_units;
    no_units.mention = mention;
    EXPECT_EQ(edit_proposed_task(*repo, id, no_units).error().code, ErrorCode::invalid_input);
    TaskEdit unknown_unit;
    unknown_unit.mention = mention;
    unknown_unit.units = {domain::UnitId{"khong-co"}};
    EXPECT_EQ(edit_proposed_task(*repo, id, unknown_unit).error().code, ErrorCode::invalid_input);
    TaskEdit unknown_mention;
    unknown_mention.mention = "không có tên này";
    unknown_mention.units = {domain::UnitId{"530-tckh"}};
    EXPECT_EQ(edit_proposed_task(*repo, id, unknown_mention).error().code, ErrorCode::not_found);
    // A unit that had ceased before the task was assigned.
    TaskEdit to_ceased;
    to_ceased.mention = mention;
    to_ceased.units = {domain::UnitId{"530-nv"}};
    EXPECT_EQ(edit_proposed_task(*repo, id, to_ceased).error().code, ErrorCode::invalid_input);
    EXPECT_EQ(edit_proposed_task(*repo, domain::TaskId{9999}, reword).error().code,
              ErrorCode::not_found);

    const auto after = *repo->task(id);
    EXPECT_EQ(after.version, before.version);
    EXPECT_EQ(after.assignments.size(), before.assignments.size());
}

TEST_F(TaskEditTest, AConfirmedTaskIsNotEditedThisWay) {
    const domain::TaskId id = unresolved().first;
    ASSERT_TRUE(service->confirm_task(id).ok());
    TaskEdit reword;
    reword.action = "Sửa sau khi xác nhận";
    EXPECT_EQ(edit_proposed_task(*repo, id, reword).error().code, ErrorCode::conflict);
    EXPECT_NE(repo->task(id)->action, *reword.action);
}

}  // namespace
}  // namespace dondoc::service
