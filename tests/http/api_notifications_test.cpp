// The reminders in the app through the API: each person sees their own,
// newest first with the unread count, and marks them read; nobody reads or
// marks another's.
#include <set>

#include "api_fixture.h"
#include "domain/civil_date.h"
#include "service/reminders.h"

namespace dondoc::http::testing {
namespace {

std::set<std::int64_t> task_ids(const Json& items, const char* key) {
    std::set<std::int64_t> out;
    for (const auto& i : items) out.insert(i[key].get<std::int64_t>());
    return out;
}

TEST_F(ApiTest, NotificationsAreEachPersonsOwnAndAreMarkedRead) {
    const auto leader = login("leader");  // unit 530: the half-year reports of seed 002
    const auto nv524 = login("nv524");
    auto empty = call(leader, "GET", "/api/notifications");
    ASSERT_EQ(empty.status, 200) << empty.reply.body;
    EXPECT_EQ(empty.body["unread"], 0);
    EXPECT_TRUE(empty.body["items"].empty());

    // The reminder run of a day when the seeds' tasks are late.
    service::Reminders reminders(*m_repository, *m_accounts, domain::WorkingCalendar::vietnam(),
                                 [] { return std::chrono::system_clock::now(); });
    const auto run = reminders.record(*domain::parse_iso("2025-06-30"), 3);
    ASSERT_TRUE(run.ok()) << run.error().describe();
    ASSERT_GT(run->recorded(), 0U);

    auto mine = call(leader, "GET", "/api/notifications");
    ASSERT_EQ(mine.status, 200);
    const auto problems =
        schema_problems(mine.body, openapi()["paths"]["/api/notifications"]["get"]["responses"]
                                            ["200"]["content"]["application/json"]["schema"]);
    EXPECT_TRUE(problems.empty()) << problems.front();
    const auto& items = mine.body["items"];
    ASSERT_FALSE(items.empty());
    EXPECT_EQ(mine.body["unread"], static_cast<std::int64_t>(items.size()));
    EXPECT_EQ(items[0]["kind"], "overdue");
    EXPECT_EQ(items[0]["label"], "Quá hạn");
    EXPECT_EQ(items[0]["unit"], "530");
    EXPECT_EQ(items.size(), 5U);  // 2023 H1 and year, 2024 H1 and year, 2025 H1
    EXPECT_GT(items[0]["id"].get<std::int64_t>(),
              items[items.size() - 1]["id"].get<std::int64_t>());
    // Only tasks the person's unit answers for, and tasks they may open.
    const auto visible = call(leader, "GET", "/api/tasks?as_of=2025-06-30&limit=200");
    const auto open = task_ids(visible.body["items"], "id");
    for (const auto id : task_ids(items, "task")) EXPECT_TRUE(open.contains(id)) << id;
    EXPECT_TRUE(call(nv524, "GET", "/api/notifications").body["items"].empty());

    // One read; another person cannot mark it (404, as if it did not exist).
    const auto first = items[0]["id"].get<std::int64_t>();
    const auto target = "/api/notifications/" + std::to_string(first) + "/read";
    EXPECT_EQ(call(nv524, "POST", target).status, 404);
    EXPECT_EQ(call(leader, "POST", target).status, 200);
    auto after = call(leader, "GET", "/api/notifications");
    EXPECT_EQ(after.body["unread"], static_cast<std::int64_t>(items.size()) - 1);
    EXPECT_EQ(after.body["items"][0]["read"], true);
    EXPECT_EQ(call(leader, "POST", "/api/notifications/999999/read").status, 404);
    EXPECT_EQ(call(leader, "POST", "/api/notifications/read-all").status, 200);
    EXPECT_EQ(call(leader, "GET", "/api/notifications").body["unread"], 0);
    EXPECT_EQ(call(leader, "GET", "/api/notifications?limit=1").body["items"].size(), 1U);
    // The same run again adds nothing.
    ASSERT_EQ(reminders.record(*domain::parse_iso("2025-06-30"), 3)->recorded(), 0U);
    EXPECT_EQ(call(leader, "GET", "/api/notifications").body["unread"], 0);
}

TEST_F(ApiTest, AdminSetsAndRemovesAnEmailAddress) {
    const auto admin = login("admin");
    auto made = call(admin, "POST", "/api/users",
                     Json{{"login", "hoa.nt"},
                          {"password", "mat-khau-hoa.nt"},
                          {"role", "unit_officer"},
                          {"unit", "530-tckh"},
                          {"email", "hoa.nt@sontay.quangngai.gov.vn"}});
    ASSERT_EQ(made.status, 201) << made.reply.body;
    EXPECT_EQ(made.body["email"], "hoa.nt@sontay.quangngai.gov.vn");
    auto bad = call(admin, "PATCH", "/api/users/hoa.nt", Json{{"email", "hoa at sontay"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body["error"]["field"], "email");
    auto changed = call(admin, "PATCH", "/api/users/hoa.nt", Json{{"email", "hoa@stc.vn"}});
    EXPECT_EQ(changed.body["email"], "hoa@stc.vn");
    auto removed = call(admin, "PATCH", "/api/users/hoa.nt", Json{{"email", nullptr}});
    EXPECT_TRUE(removed.body["email"].is_null());
    EXPECT_EQ(call(admin, "GET", "/api/audit?limit=1").body[0]["before"]["email"], "hoa@stc.vn");
}

}  // namespace
}  // namespace dondoc::http::testing
