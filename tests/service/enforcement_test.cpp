// The enforcement ledger on the Quảng Ngãi register with the five seed
// directives: an urging dispatch drafted for two late departments and
// recorded, a reminder and a criticism beside it; the scorecard of a
// period counts each act once per unit concerned (named or through a
// task), in its table, its XLSX and its DOCX report; errors name what is
// wrong; a draft's act takes its number once signed.
#include "service/enforcement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/civil_date.h"
#include "read/source.h"
#include "read/xlsx.h"
#include "service/drafts.h"
#include "service/sheets.h"

namespace dondoc::service {
namespace {

using domain::EnforcementKind;
using domain::parse_iso;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const domain::UnitId k_planning{"51-so-ke-hoach-va-dau-tu"};
const domain::UnitId k_home_affairs{"51-so-noi-vu"};

class EnforcementTest : public ::testing::Test {
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
        ledger = std::make_unique<EnforcementLedger>(*service, *repo);
    }

    static const ScoreRow* row_of(const Scorecard& card, const domain::UnitId& unit) {
        for (const auto& r : card.rows) {
            if (r.unit == unit) return &r;
        }
        return nullptr;
    }

    std::unique_ptr<store::Repository> repo;
    std::unique_ptr<RegisterService> service;
    std::unique_ptr<EnforcementLedger> ledger;
};

TEST_F(EnforcementTest, UrgingDraftRecordedAndCountedOnTheScorecard) {
    const CivilDate as_of = *parse_iso("2024-07-01");
    Drafts drafts(*service, *repo);
    auto draft = drafts.urging_draft({{k_planning, k_home_affairs}, std::nullopt, as_of});
    ASSERT_TRUE(draft.ok()) << draft.error().describe();
    ASSERT_FALSE(draft->tasks.empty());
    EXPECT_EQ(draft->issuer.value, "51");

    NewEnforcement urge;
    urge.kind = EnforcementKind::urging;
    urge.on = as_of;
    urge.by = draft->issuer;
    urge.units = {k_planning, k_home_affairs};
    urge.tasks = draft->tasks;
    auto urged = ledger->record(urge, "cli:test", 1719800000);
    ASSERT_TRUE(urged.ok()) << urged.error().describe();
    EXPECT_EQ(urged->number, "");
    auto listed_tasks = draft->tasks;  // the ledger keeps them by id
    std::sort(listed_tasks.begin(), listed_tasks.end());
    EXPECT_EQ(urged->tasks, listed_tasks);
    // A reminder to the planning department in the first quarter, and a
    // criticism of Sơn Tây's finance office in the third (after the as-of date).
    NewEnforcement remind;
    remind.kind = EnforcementKind::reminder;
    remind.on = *parse_iso("2024-02-15");
    remind.units = {k_planning};
    remind.number = "12/UBND-TH";
    ASSERT_TRUE(ledger->record(remind, "cli:test", 1708000000).ok());
    NewEnforcement criticise;
    criticise.kind = EnforcementKind::criticism;
    criticise.on = *parse_iso("2024-08-05");
    criticise.units = {domain::UnitId{"530-tckh"}};
    ASSERT_TRUE(ledger->record(criticise, "cli:test", 1722800000).ok());

    const auto year = domain::parse_report_period("2024");
    auto card = scorecard(*service, *year, as_of, std::nullopt);
    ASSERT_TRUE(card.ok()) << card.error().describe();
    const ScoreRow* planning = row_of(*card, k_planning);
    ASSERT_NE(planning, nullptr);
    EXPECT_EQ(planning->enforcement.of(EnforcementKind::urging), 1u);
    EXPECT_EQ(planning->enforcement.of(EnforcementKind::reminder), 1u);
    const ScoreRow* home = row_of(*card, k_home_affairs);
    ASSERT_NE(home, nullptr);
    EXPECT_EQ(home->enforcement.of(EnforcementKind::urging), 1u);
    EXPECT_EQ(home->enforcement.total(), 1u);
    // Dated after the as-of date: not counted yet.
    EXPECT_EQ(row_of(*card, domain::UnitId{"530-tckh"}) == nullptr
                  ? 0u
                  : row_of(*card, domain::UnitId{"530-tckh"})->enforcement.total(),
              0u);
    std::size_t urgings = 0;
    for (const auto& r : card->rows) urgings += r.enforcement.of(EnforcementKind::urging);
    EXPECT_EQ(card->totals.enforcement.of(EnforcementKind::urging), urgings);
    EXPECT_GE(urgings, 2u);  // each department named, and any other lead of the tasks
    EXPECT_EQ(card->totals.enforcement.of(EnforcementKind::reminder), 1u);

    // The third quarter, counted at its end: the urging of 01/07 and the
    // criticism; not the reminder of the first.
    auto q3 = scorecard(*service, *domain::parse_report_period("2024-Q3"), *parse_iso("2024-09-30"),
                        std::nullopt);
    ASSERT_TRUE(q3.ok());
    EXPECT_EQ(q3->totals.enforcement.of(EnforcementKind::urging), urgings);
    EXPECT_EQ(q3->totals.enforcement.of(EnforcementKind::criticism), 1u);
    EXPECT_EQ(q3->totals.enforcement.of(EnforcementKind::reminder), 0u);
    ASSERT_NE(row_of(*q3, domain::UnitId{"530-tckh"}), nullptr);
    EXPECT_EQ(row_of(*q3, domain::UnitId{"530-tckh"})->enforcement.of(EnforcementKind::criticism),
              1u);

    // The XLSX: four more columns, read back.
    auto xlsx = scorecard_xlsx(*card);
    ASSERT_TRUE(xlsx.ok()) << xlsx.error().describe();
    auto table = read::read_xlsx_sheet(*xlsx, "kq.xlsx");
    ASSERT_TRUE(table.ok()) << table.error().describe();
    EXPECT_EQ(table->header.at(10), "Nhắc nhở");
    EXPECT_EQ(table->header.at(11), "Đôn đốc");
    EXPECT_EQ(table->header.at(12), "Phê bình");
    EXPECT_EQ(table->header.at(13), "Kiểm điểm");
    ASSERT_EQ(table->records.size(), card->rows.size() + 1);
    for (std::size_t i = 0; i < card->rows.size(); ++i) {
        const auto& cells = table->records[i].cells;
        EXPECT_EQ(cells.at(10),
                  std::to_string(card->rows[i].enforcement.of(EnforcementKind::reminder)));
        EXPECT_EQ(cells.at(11),
                  std::to_string(card->rows[i].enforcement.of(EnforcementKind::urging)));
    }
    EXPECT_EQ(table->records.back().cells.at(11), std::to_string(urgings));

    // The DOCX report: a sentence with the totals and a table per unit.
    auto docx = drafts.period_report({*year, as_of, std::nullopt, std::nullopt});
    ASSERT_TRUE(docx.ok()) << docx.error().describe();
    auto text = read::to_text(*docx);
    ASSERT_TRUE(text.ok());
    EXPECT_NE(text->text.find("nhắc nhở 1 lượt; đôn đốc " + std::to_string(urgings) + " lượt"),
              std::string::npos)
        << text->text;
    EXPECT_NE(text->text.find("Các biện pháp đôn đốc trong kỳ theo đơn vị"), std::string::npos);
    EXPECT_NE(text->text.find("Sở Kế hoạch và Đầu tư"), std::string::npos);
}

TEST_F(EnforcementTest, RecordErrorsNameWhatIsWrong) {
    NewEnforcement act;
    act.kind = EnforcementKind::review;
    act.on = *parse_iso("2024-05-10");
    auto empty = ledger->record(act, "cli:test", 0);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::invalid_input);

    act.units = {k_planning, domain::UnitId{"51-so-khong-co"}};
    auto unknown_unit = ledger->record(act, "cli:test", 0);
    ASSERT_FALSE(unknown_unit.ok());
    EXPECT_EQ(unknown_unit.error().code, ErrorCode::not_found);
    EXPECT_NE(unknown_unit.error().message.find("51-so-khong-co"), std::string::npos);

    act.units = {k_planning};
    act.tasks = {domain::TaskId{987654}};
    auto unknown_task = ledger->record(act, "cli:test", 0);
    ASSERT_FALSE(unknown_task.ok());
    EXPECT_EQ(unknown_task.error().code, ErrorCode::not_found);
    EXPECT_NE(unknown_task.error().message.find("987654"), std::string::npos);

    act.tasks = {};
    act.document = "987654";
    auto unknown_document = ledger->record(act, "cli:test", 0);
    ASSERT_FALSE(unknown_document.ok());
    EXPECT_EQ(unknown_document.error().code, ErrorCode::not_found);
    EXPECT_EQ(unknown_document.error().where, "document");
    auto none = ledger->list({});
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());

    // A registered document by its notation; an unregistered one kept as typed.
    act.document = "6321/UBND-TH";
    auto registered = ledger->record(act, "cli:test", 0);
    ASSERT_TRUE(registered.ok()) << registered.error().describe();
    ASSERT_TRUE(registered->document.has_value());
    EXPECT_EQ(registered->document_text, "6321/UBND-TH");
    act.document = "88/TB-UBND";
    auto typed = ledger->record(act, "cli:test", 0);
    ASSERT_TRUE(typed.ok());
    EXPECT_FALSE(typed->document.has_value());
    EXPECT_EQ(typed->document_text, "88/TB-UBND");
}

TEST_F(EnforcementTest, ListsBySubUnitsKindAndPeriodAndEditsTheNumber) {
    NewEnforcement district;
    district.kind = EnforcementKind::reminder;
    district.on = *parse_iso("2024-04-02");
    district.units = {domain::UnitId{"530-tckh"}};
    district.by = domain::UnitId{"530"};
    auto first = ledger->record(district, "cli:test", 0);
    ASSERT_TRUE(first.ok()) << first.error().describe();
    NewEnforcement province;
    province.kind = EnforcementKind::urging;
    province.on = *parse_iso("2024-07-01");
    province.units = {k_planning};
    auto second = ledger->record(province, "cli:test", 0);
    ASSERT_TRUE(second.ok());

    EnforcementQuery of_district;
    of_district.unit = domain::UnitId{"530"};  // its office through the sub-units
    auto listed = ledger->list(of_district);
    ASSERT_TRUE(listed.ok()) << listed.error().describe();
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().id, first->id);
    EnforcementQuery of_province;
    of_province.unit = domain::UnitId{"51"};
    listed = ledger->list(of_province);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2u);
    EXPECT_EQ(listed->front().id, second->id);  // newest first
    EnforcementQuery urging_in_q3;
    urging_in_q3.kind = EnforcementKind::urging;
    urging_in_q3.from = parse_iso("2024-07-01");
    urging_in_q3.to = parse_iso("2024-09-30");
    listed = ledger->list(urging_in_q3);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 1u);
    EnforcementQuery unknown;
    unknown.unit = domain::UnitId{"khong-co"};
    EXPECT_EQ(ledger->list(unknown).error().code, ErrorCode::not_found);

    EnforcementEdit signed_letter;
    signed_letter.number = "215/UBND-KT";
    signed_letter.on = parse_iso("2024-07-03");
    auto edited = ledger->edit(second->id, signed_letter);
    ASSERT_TRUE(edited.ok()) << edited.error().describe();
    EXPECT_EQ(edited->number, "215/UBND-KT");
    EXPECT_EQ(edited->on, *parse_iso("2024-07-03"));
    EXPECT_EQ(edited->units, second->units);
    const auto json = nlohmann::json::parse(enforcement_json(*edited));
    EXPECT_EQ(json["kind"], "urging");
    EXPECT_EQ(json["kind_label"], "Đôn đốc");
    EXPECT_EQ(json["number"], "215/UBND-KT");
    EXPECT_EQ(json["date"], "2024-07-03");
    EXPECT_EQ(json["units"], nlohmann::json::array({k_planning.value}));
    EXPECT_EQ(ledger->edit(second->id + 10, signed_letter).error().code, ErrorCode::not_found);

    EXPECT_EQ(domain::parse_enforcement_kind("nhac-nho"), EnforcementKind::reminder);
    EXPECT_EQ(domain::parse_enforcement_kind("URGE"), EnforcementKind::urging);
    EXPECT_EQ(domain::parse_enforcement_kind("phe_binh"), EnforcementKind::criticism);
    EXPECT_EQ(domain::parse_enforcement_kind("review"), EnforcementKind::review);
    EXPECT_FALSE(domain::parse_enforcement_kind("khien-trach").has_value());
}

}  // namespace
}  // namespace dondoc::service
