// The enforcement ledger through the API: recorded by trackers, leaders
// and admins for the units and tasks in their scope, listed to a unit
// officer when it concerns their unit (named or through a task), counted
// on the scorecard, edited once the letter is signed, and the urging
// dispatch drafted and recorded in one request. Refusals leave the ledger
// as it was.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api_fixture.h"
#include "read/source.h"

namespace dondoc::http::testing {
namespace {

constexpr const char* k_docx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

std::vector<std::int64_t> ids(const Json& acts) {
    std::vector<std::int64_t> out;
    for (const auto& a : acts) out.push_back(a["id"].get<std::int64_t>());
    return out;
}

const Json* row_of(const Json& rows, const std::string& unit) {
    for (const auto& r : rows) {
        if (r["unit"] == unit) return &r;
    }
    return nullptr;
}

TEST_F(ApiTest, EnforcementRecordedListedWithinScopeAndCounted) {
    const Json doc = openapi();
    const auto tracker = login("tracker");
    // Urging Sơn Tây's finance office by name, and task 7 (Sơn Tịnh's home affairs office).
    auto urged = call(tracker, "POST", "/api/enforcement",
                      Json{{"kind", "don-doc"},
                           {"date", "2024-06-20"},
                           {"by", "51"},
                           {"units", {"530-tckh"}},
                           {"tasks", {7}},
                           {"note", "Nhắc tiến độ quý II"}});
    ASSERT_EQ(urged.status, 201) << urged.reply.body;
    const auto& post_schema = doc["paths"]["/api/enforcement"]["post"]["responses"]["201"]
                                 ["content"]["application/json"]["schema"];
    const auto problems = schema_problems(urged.body, post_schema);
    EXPECT_TRUE(problems.empty()) << problems.front();
    EXPECT_EQ(urged.body["kind"], "urging");
    EXPECT_EQ(urged.body["number"], "");
    EXPECT_EQ(urged.body["recorded_by"], "tracker");
    // The unit named first, then those leading or performing task 7 (Sơn
    // Tịnh's offices and communes), each once.
    const Json concerned = urged.body["concerned"];
    ASSERT_GE(concerned.size(), 2u);
    EXPECT_EQ(concerned.front(), "530-tckh");
    EXPECT_NE(std::find(concerned.begin(), concerned.end(), "524-nv"), concerned.end());
    const std::set<std::string> distinct(concerned.begin(), concerned.end());
    EXPECT_EQ(distinct.size(), concerned.size());
    const std::int64_t first = urged.body["id"];
    auto criticised = call(tracker, "POST", "/api/enforcement",
                           Json{{"kind", "criticism"},
                                {"date", "2024-06-25"},
                                {"number", "45/TB-UBND"},
                                {"units", {"524-nv"}}});
    ASSERT_EQ(criticised.status, 201) << criticised.reply.body;
    const std::int64_t second = criticised.body["id"];

    // Each officer sees what concerns their unit; the tracker everything.
    auto all = call(tracker, "GET", "/api/enforcement?period=2024");
    ASSERT_EQ(all.status, 200) << all.reply.body;
    EXPECT_EQ(ids(all.body), (std::vector<std::int64_t>{second, first}));
    const auto& list_schema = doc["paths"]["/api/enforcement"]["get"]["responses"]["200"]["content"]
                                 ["application/json"]["schema"];
    EXPECT_TRUE(schema_problems(all.body, list_schema).empty());
    const auto tckh = login("tckh");
    auto own = call(tckh, "GET", "/api/enforcement");
    ASSERT_EQ(own.status, 200);
    EXPECT_EQ(ids(own.body), (std::vector<std::int64_t>{first}));
    EXPECT_EQ(call(tckh, "GET", "/api/enforcement/" + std::to_string(second)).status, 404);
    EXPECT_EQ(call(tckh, "GET", "/api/enforcement/" + std::to_string(first)).status, 200);
    EXPECT_EQ(call(tckh, "GET", "/api/enforcement?unit=524-nv").status, 403);
    auto nv = call(login("nv524"), "GET", "/api/enforcement?kind=urging");
    ASSERT_EQ(nv.status, 200);
    EXPECT_EQ(ids(nv.body), (std::vector<std::int64_t>{first}));  // through task 7
    auto q1 = call(tracker, "GET", "/api/enforcement?from=2024-01-01&to=2024-03-31");
    ASSERT_EQ(q1.status, 200);
    EXPECT_TRUE(q1.body.empty());

    // Counted on the scorecard and the scoreboard, once per unit.
    auto card = call(tracker, "GET", "/api/scorecard?period=2024-Q2&as_of=2024-06-30");
    ASSERT_EQ(card.status, 200) << card.reply.body;
    const auto& card_schema = doc["paths"]["/api/scorecard"]["get"]["responses"]["200"]["content"]
                                 ["application/json"]["schema"];
    const auto card_problems = schema_problems(card.body, card_schema);
    EXPECT_TRUE(card_problems.empty()) << card_problems.front();
    const Json* finance = row_of(card.body["rows"], "530-tckh");
    ASSERT_NE(finance, nullptr);
    EXPECT_EQ((*finance)["enforcement"]["urging"], 1);
    const Json* home = row_of(card.body["rows"], "524-nv");
    ASSERT_NE(home, nullptr);
    EXPECT_EQ((*home)["enforcement"],
              Json({{"reminder", 0}, {"urging", 1}, {"criticism", 1}, {"review", 0}}));
    EXPECT_EQ(card.body["totals"]["enforcement"]["urging"], concerned.size());
    // Before the acts' dates, nothing is counted yet.
    auto early = call(tracker, "GET", "/api/scorecard?period=2024-Q2&as_of=2024-06-01");
    ASSERT_EQ(early.status, 200);
    EXPECT_EQ(early.body["totals"]["enforcement"]["urging"], 0);
    auto board =
        call(tracker, "GET", "/api/scoreboard?as_of=2024-07-01&from=2024-04-01&to=2024-06-30");
    ASSERT_EQ(board.status, 200);
    const Json* board_home = row_of(board.body, "524-nv");
    ASSERT_NE(board_home, nullptr);
    EXPECT_EQ((*board_home)["enforcement"]["criticism"], 1);

    // The audit log has both, by the tracker.
    auto audit = call(login("admin"), "GET", "/api/audit?limit=5");
    ASSERT_EQ(audit.status, 200);
    std::size_t added = 0;
    for (const auto& e : audit.body) {
        if (e["action"] == "enforcement.add" && e["actor"] == "tracker") ++added;
    }
    EXPECT_EQ(added, 2u);
}

TEST_F(ApiTest, EnforcementRefusedOutsideRoleOrScopeLeavesTheLedgerUnchanged) {
    const auto leader = login("leader");  // huyện Sơn Tây (530)
    const auto admin = login("admin");
    auto own = call(leader, "POST", "/api/enforcement",
                    Json{{"kind", "remind"}, {"date", "2024-07-02"}, {"units", {"530-tckh"}}});
    ASSERT_EQ(own.status, 201) << own.reply.body;
    const std::int64_t id = own.body["id"];
    auto province = call(admin, "POST", "/api/enforcement",
                         Json{{"kind", "review"}, {"date", "2024-07-02"}, {"units", {"524-nv"}}});
    ASSERT_EQ(province.status, 201);
    const std::int64_t other = province.body["id"];
    const auto before = call(admin, "GET", "/api/enforcement");
    ASSERT_EQ(before.body.size(), 2u);

    // A unit officer records nothing; the leader nothing outside the district.
    const auto tckh = login("tckh");
    EXPECT_EQ(call(tckh, "POST", "/api/enforcement",
                   Json{{"kind", "urging"}, {"date", "2024-07-02"}, {"units", {"530-tckh"}}})
                  .status,
              403);
    EXPECT_EQ(call(leader, "POST", "/api/enforcement",
                   Json{{"kind", "urging"}, {"date", "2024-07-02"}, {"units", {"524-nv"}}})
                  .status,
              403);
    EXPECT_EQ(
        call(leader, "POST", "/api/enforcement",
             Json{{"kind", "urging"}, {"date", "2024-07-02"}, {"by", "51"}, {"units", {"530"}}})
            .status,
        403);
    auto foreign_task = call(leader, "POST", "/api/enforcement",
                             Json{{"kind", "urging"}, {"date", "2024-07-02"}, {"tasks", {7}}});
    EXPECT_EQ(foreign_task.status, 404);
    EXPECT_EQ(foreign_task.body["error"]["field"], "tasks");
    // Bad input: unknown kind, bad date, nothing concerned, unknown unit, unknown field.
    EXPECT_EQ(call(admin, "POST", "/api/enforcement",
                   Json{{"kind", "khien-trach"}, {"date", "2024-07-02"}, {"units", {"530"}}})
                  .status,
              400);
    EXPECT_EQ(call(admin, "POST", "/api/enforcement",
                   Json{{"kind", "urging"}, {"date", "2024-02-30"}, {"units", {"530"}}})
                  .status,
              400);
    EXPECT_EQ(
        call(admin, "POST", "/api/enforcement", Json{{"kind", "urging"}, {"date", "2024-07-02"}})
            .status,
        400);
    auto unknown = call(admin, "POST", "/api/enforcement",
                        Json{{"kind", "urging"}, {"date", "2024-07-02"}, {"units", {"999-x"}}});
    EXPECT_EQ(unknown.status, 404);
    EXPECT_NE(unknown.body["error"]["message"].get<std::string>().find("999-x"), std::string::npos);
    EXPECT_EQ(call(admin, "POST", "/api/enforcement",
                   Json{{"kind", "urging"}, {"date", "2024-07-02"}, {"units", {"530"}}, {"x", 1}})
                  .status,
              400);

    // Editing: the leader numbers their own act; not the province's, not as an officer.
    auto numbered = call(leader, "PATCH", "/api/enforcement/" + std::to_string(id),
                         Json{{"number", "15/UBND-VP"}, {"date", "2024-07-03"}});
    ASSERT_EQ(numbered.status, 200) << numbered.reply.body;
    EXPECT_EQ(numbered.body["number"], "15/UBND-VP");
    EXPECT_EQ(numbered.body["date"], "2024-07-03");
    auto noted = call(leader, "POST", "/api/enforcement/" + std::to_string(id),
                      Json{{"note", "đã gửi qua hệ thống"}});
    ASSERT_EQ(noted.status, 200);
    EXPECT_EQ(noted.body["number"], "15/UBND-VP");
    EXPECT_EQ(
        call(leader, "PATCH", "/api/enforcement/" + std::to_string(other), Json{{"number", "1/X"}})
            .status,
        404);
    EXPECT_EQ(call(tckh, "PATCH", "/api/enforcement/" + std::to_string(id), Json{{"number", "1/X"}})
                  .status,
              403);
    EXPECT_EQ(
        call(leader, "PATCH", "/api/enforcement/" + std::to_string(id), Json::object()).status,
        400);
    EXPECT_EQ(call(admin, "PATCH", "/api/enforcement/999", Json{{"number", "1/X"}}).status, 404);

    // The refusals changed nothing.
    auto after = call(admin, "GET", "/api/enforcement");
    ASSERT_EQ(after.body.size(), 2u);
    // The same two acts (the leader's now first: re-dated to 03/07).
    EXPECT_EQ(ids(after.body), (std::vector<std::int64_t>{id, other}));
    auto untouched = call(admin, "GET", "/api/enforcement/" + std::to_string(other));
    EXPECT_EQ(untouched.body["number"], "");
}

TEST_F(ApiTest, UrgingDispatchDraftedAndRecordedInOneRequest) {
    const auto leader = login("leader");
    auto draft = call(leader, "POST", "/api/drafts/urge",
                      Json{{"units", {"530"}}, {"as_of", "2024-07-01"}, {"record", true}});
    ASSERT_EQ(draft.status, 200) << draft.reply.body;
    EXPECT_EQ(draft.reply.header("content-type"), k_docx);
    EXPECT_EQ(draft.reply.header("content-disposition"),
              "attachment; filename=\"cv-don-doc-2024-07-01.docx\"");
    auto text = read::to_text(draft.reply.body);
    ASSERT_TRUE(text.ok()) << text.error().describe();
    EXPECT_NE(text->text.find("đôn đốc thực hiện các nhiệm vụ quá hạn"), std::string::npos);
    const std::string id = draft.reply.header("x-dondoc-enforcement");
    ASSERT_FALSE(id.empty());
    auto act = call(leader, "GET", "/api/enforcement/" + id);
    ASSERT_EQ(act.status, 200) << act.reply.body;
    EXPECT_EQ(act.body["kind"], "urging");
    EXPECT_EQ(act.body["date"], "2024-07-01");
    EXPECT_EQ(act.body["by"], "51");  // the parent of huyện Sơn Tây writes
    EXPECT_EQ(act.body["units"], Json::array({"530"}));
    EXPECT_FALSE(act.body["tasks"].empty());

    // Without record: a draft only. Outside the district, or as an officer: refused.
    auto only =
        call(leader, "POST", "/api/drafts/urge", Json{{"units", {"530"}}, {"as_of", "2024-07-01"}});
    ASSERT_EQ(only.status, 200);
    EXPECT_EQ(only.reply.header("x-dondoc-enforcement"), "");
    EXPECT_EQ(call(leader, "POST", "/api/drafts/urge",
                   Json{{"units", {"524"}}, {"as_of", "2024-07-01"}, {"record", true}})
                  .status,
              403);
    EXPECT_EQ(call(login("tckh"), "POST", "/api/drafts/urge",
                   Json{{"units", {"530-tckh"}}, {"record", true}})
                  .status,
              403);
    // Nothing overdue: no letter and nothing recorded.
    EXPECT_EQ(call(leader, "POST", "/api/drafts/urge",
                   Json{{"units", {"530"}}, {"as_of", "2020-01-01"}, {"record", true}})
                  .status,
              404);
    auto listed = call(leader, "GET", "/api/enforcement");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.size(), 1u);
}

}  // namespace
}  // namespace dondoc::http::testing
