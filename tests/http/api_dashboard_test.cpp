// The routes the web UI adds (api_dashboard.cpp): the dashboard's summary,
// checked against the task list and scoreboard it condenses, for a province
// tracker and a unit officer; and a document's text.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "api_fixture.h"
#include "domain/civil_date.h"

namespace dondoc::http::testing {
namespace {

Json response_schema(const Json& doc, const std::string& path) {
    return doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
}

class DashboardTest : public ApiTest {
  protected:
    // Every page of /api/tasks for this query.
    Json all_tasks(const Credentials& who, const std::string& query) {
        auto r = call(who, "GET", "/api/tasks?limit=500&" + query);
        EXPECT_EQ(r.status, 200) << r.reply.body;
        EXPECT_LE(r.body["total"].get<std::size_t>(), 500U);
        return r.body["items"];
    }
};

TEST_F(DashboardTest, SummaryMatchesTheTaskListsItCondenses) {
    const auto tracker = login("tracker");
    const Json doc = openapi();
    for (const std::string as_of : {"2020-12-20", "2023-07-01", "2024-07-01"}) {
        auto d = call(tracker, "GET", "/api/dashboard?as_of=" + as_of);
        ASSERT_EQ(d.status, 200) << d.reply.body;
        const auto problems = schema_problems(d.body, response_schema(doc, "/api/dashboard"));
        EXPECT_TRUE(problems.empty()) << problems.front();
        EXPECT_EQ(d.body["as_of"], as_of);

        // Counts by status: the scoreboard's, summed over the caller's units
        // (each occurrence once for each unit that leads or performs it).
        auto board = call(tracker, "GET", "/api/scoreboard?as_of=" + as_of);
        ASSERT_EQ(board.status, 200) << board.reply.body;
        std::map<std::string, std::int64_t> expected_counts;
        std::int64_t assigned = 0;
        for (const auto& row : board.body) {
            for (const std::string s :
                 {"done_on_time", "done_late", "in_progress", "overdue", "no_deadline"})
                expected_counts[s] += row[s].get<std::int64_t>();
            assigned += row["assigned"].get<std::int64_t>();
        }
        std::int64_t sum = 0;
        for (const auto& b : d.body["by_status"]) {
            const std::string s = b["status"];
            EXPECT_EQ(b["count"].get<std::int64_t>(), expected_counts[s]) << as_of << " " << s;
            sum += b["count"].get<std::int64_t>();
        }
        EXPECT_EQ(d.body["by_status"].size(), 5U);
        EXPECT_EQ(sum, d.body["total"].get<std::int64_t>());
        EXPECT_EQ(sum, assigned);
        if (as_of == "2024-07-01") {
            EXPECT_GT(expected_counts["overdue"], 0);
        }

        // Overdue by unit: the scoreboard's units with overdue tasks, worst
        // first, at most ten.
        std::vector<std::pair<std::string, std::int64_t>> late;
        for (const auto& row : board.body)
            if (row["overdue"].get<std::int64_t>() > 0)
                late.emplace_back(row["unit"].get<std::string>(),
                                  row["overdue"].get<std::int64_t>());
        ASSERT_EQ(d.body["overdue_by_unit"].size(), std::min<std::size_t>(late.size(), 10));
        std::int64_t previous = INT64_MAX;
        for (std::size_t i = 0; i < d.body["overdue_by_unit"].size(); ++i) {
            const auto& row = d.body["overdue_by_unit"][i];
            EXPECT_EQ(row["unit"], late[i].first);
            const auto n = row["overdue"].get<std::int64_t>();
            EXPECT_EQ(n, late[i].second) << row.dump();
            EXPECT_LE(n, previous) << "worst first";
            EXPECT_FALSE(row["name"].get<std::string>().empty());
            previous = n;
        }

        // Due this week and reports due this month: exactly what the whole
        // task list gives, worked out task by task, soonest first.
        const auto from = *domain::parse_iso(as_of);
        const std::string week_end = domain::iso(domain::plus_days(from, 6));
        const std::string month = as_of.substr(0, 7);
        std::vector<std::pair<std::string, std::int64_t>> week;
        std::vector<std::pair<std::string, std::int64_t>> reports;
        for (const auto& t : all_tasks(tracker, "as_of=" + as_of)) {
            const std::string status = t["status"];
            if (!t["due"].is_string() ||
                (status != "in_progress" && status != "due_soon" && status != "overdue"))
                continue;
            const std::string due = t["due"];
            if (due >= as_of && due <= week_end)
                week.emplace_back(due, t["id"].get<std::int64_t>());
            const bool report =
                !t["period"].get<std::string>().empty() ||
                (t["product"].is_string() &&
                 (t["product"].get<std::string>().find("áo cáo") != std::string::npos ||
                  t["product"].get<std::string>().find("ÁO CÁO") != std::string::npos));
            if (report && due.substr(0, 7) == month)
                reports.emplace_back(due, t["id"].get<std::int64_t>());
        }
        const auto expect_list = [&](const Json& listed,
                                     std::vector<std::pair<std::string, std::int64_t>> want,
                                     const std::string& what) {
            std::sort(want.begin(), want.end());
            if (want.size() > 10) want.resize(10);
            std::vector<std::pair<std::string, std::int64_t>> got;
            for (const auto& t : listed)
                got.emplace_back(t["due"].get<std::string>(), t["id"].get<std::int64_t>());
            EXPECT_EQ(got, want) << what << " as of " << as_of;
        };
        expect_list(d.body["due_this_week"], week, "due this week");
        expect_list(d.body["reports_due"], reports, "reports due");

        // Recent documents: registered ones only, never placeholders.
        EXPECT_FALSE(d.body["recent_documents"].empty());
        for (const auto& r : d.body["recent_documents"]) {
            EXPECT_FALSE(r["placeholder"].get<bool>());
            if (r["date"].is_string()) {
                EXPECT_LE(r["date"].get<std::string>(), as_of);
            }
        }
    }
}

TEST_F(DashboardTest, TheWeekAheadListsATaskDueInIt) {
    const auto tracker = login("tracker");
    // The first task with a due date, seen from three days before it.
    std::optional<Json> task;
    for (const auto& t : all_tasks(tracker, "sort=due&as_of=2020-01-01"))
        if (t["due"].is_string()) {
            task = t;
            break;
        }
    ASSERT_TRUE(task);
    const auto due = *domain::parse_iso((*task)["due"].get<std::string>());
    const std::string as_of = domain::iso(domain::plus_days(due, -3));
    auto d = call(tracker, "GET", "/api/dashboard?as_of=" + as_of);
    ASSERT_EQ(d.status, 200);
    bool listed = false;
    for (const auto& t : d.body["due_this_week"]) listed = listed || t["id"] == (*task)["id"];
    EXPECT_TRUE(listed) << (*task).dump() << " not in " << d.body["due_this_week"].dump();
}

TEST_F(DashboardTest, AUnitOfficerSeesTheirUnitOnly) {
    const auto officer = login("tckh");
    auto mine = call(officer, "GET", "/api/dashboard?as_of=2024-07-01");
    ASSERT_EQ(mine.status, 200);
    std::int64_t assigned = 0;
    for (const auto& row : call(officer, "GET", "/api/scoreboard?as_of=2024-07-01").body)
        assigned += row["assigned"].get<std::int64_t>();
    EXPECT_EQ(mine.body["total"].get<std::int64_t>(), assigned);
    EXPECT_GT(assigned, 0);
    const auto everyone =
        call(login("tracker"), "GET", "/api/dashboard?as_of=2024-07-01").body["total"];
    EXPECT_LT(mine.body["total"].get<std::int64_t>(), everyone.get<std::int64_t>());
    for (const auto& row : mine.body["overdue_by_unit"]) EXPECT_EQ(row["unit"], "530-tckh");
    EXPECT_EQ(call(officer, "GET", "/api/dashboard?unit=524-nv").status, 403);
    EXPECT_EQ(call(officer, "GET", "/api/dashboard?as_of=31-31-2024").status, 400);
    EXPECT_EQ(call_raw("GET", "/api/dashboard", "", {}).status, 401);
}

TEST_F(DashboardTest, ADocumentsTextIsServedForTheReviewScreen) {
    const auto officer = login("tckh");
    auto r = call(officer, "GET", "/api/documents/981%2FUBND/text");
    ASSERT_EQ(r.status, 200) << r.reply.body;
    const auto problems =
        schema_problems(r.body, response_schema(openapi(), "/api/documents/{notation}/text"));
    EXPECT_TRUE(problems.empty()) << problems.front();
    EXPECT_EQ(r.body["notation"], "981/UBND");
    const std::string text = r.body["text"];
    EXPECT_NE(text.find("Nghị quyết số 53/NQ-CP"), std::string::npos);
    EXPECT_NE(text.find("Nguyễn Ngọc Trân"), std::string::npos);
    EXPECT_EQ(call(officer, "GET", "/api/documents/999%2FKHONG-CO/text").status, 404);
    EXPECT_EQ(call_raw("GET", "/api/documents/981%2FUBND/text", "", {}).status, 401);
}

TEST_F(DashboardTest, AClerkCorrectsAProposedTaskThenConfirmsIt) {
    const auto tracker = login("tracker");
    auto h = tracker.headers();
    h["Content-Type"] = "text/plain; charset=utf-8";
    auto up = call_raw("POST", "/api/documents?name=seed_004.txt", seed(4), h);
    ASSERT_EQ(up.status, 201) << up.reply.body;
    // A proposed task with a name no unit matched.
    std::optional<Json> task;
    std::string mention;
    for (const auto& t : up.body["tasks"])
        for (const auto& a : t["assignments"])
            if (a["unit"].is_null() && !task) {
                task = t;
                mention = a["mention"];
            }
    ASSERT_TRUE(task) << up.body.dump();
    const std::string path = "/api/tasks/" + std::to_string((*task)["id"].get<std::int64_t>());

    auto edited = call(tracker, "POST", path + "/edit",
                       Json{{"mention", mention}, {"units", {"51-so-noi-vu", "51-so-tai-chinh"}}});
    ASSERT_EQ(edited.status, 200) << edited.reply.body;
    std::set<std::string> units;
    for (const auto& a : edited.body["assignments"]) {
        EXPECT_NE(a["mention"] == mention && a["unit"].is_null(), true) << a.dump();
        if (a["mention"] == mention) units.insert(a["unit"].get<std::string>());
    }
    EXPECT_EQ(units, (std::set<std::string>{"51-so-noi-vu", "51-so-tai-chinh"}));
    auto reworded = call(tracker, "POST", path + "/edit", Json{{"action", "Báo cáo UBND tỉnh"}});
    ASSERT_EQ(reworded.status, 200) << reworded.reply.body;
    EXPECT_EQ(reworded.body["action"], "Báo cáo UBND tỉnh");
    EXPECT_GT(reworded.body["version"].get<int>(), (*task)["version"].get<int>());

    // Refused: nothing to change, a blank text, an unknown mention or unit,
    // a unit officer; then, once confirmed, any edit.
    EXPECT_EQ(call(tracker, "POST", path + "/edit", Json::object()).status, 400);
    EXPECT_EQ(call(tracker, "POST", path + "/edit", Json{{"action", "  "}}).status, 400);
    EXPECT_EQ(call(tracker, "POST", path + "/edit", Json{{"units", {"51-so-noi-vu"}}}).status, 400);
    EXPECT_EQ(call(tracker, "POST", path + "/edit",
                   Json{{"mention", "không có tên này"}, {"units", {"51-so-noi-vu"}}})
                  .status,
              404);
    EXPECT_EQ(call(tracker, "POST", path + "/edit",
                   Json{{"mention", mention}, {"units", {"khong-co-don-vi"}}})
                  .status,
              400);
    EXPECT_EQ(call(login("tckh"), "POST", path + "/edit", Json{{"action", "x"}}).status, 403);
    ASSERT_EQ(call(tracker, "POST", path + "/confirm").status, 200);
    EXPECT_EQ(call(tracker, "POST", path + "/edit", Json{{"action", "Sửa sau"}}).status, 409);
    auto after = call(tracker, "GET", path);
    EXPECT_EQ(after.body["task"]["action"], "Báo cáo UBND tỉnh");
    auto audit = call(login("admin"), "GET", "/api/audit?limit=5");
    EXPECT_EQ(audit.body[1]["action"], "task.edit");
}

}  // namespace
}  // namespace dondoc::http::testing
