// The JSON API against a real server on a loopback port: every route, every
// role, and the requests that must fail (another unit's task, a forged CSRF
// request, expired and disabled accounts, bad JSON, oversized bodies,
// password guessing).
#include "http/api.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "api_fixture.h"

namespace dondoc::http::testing {
namespace {

std::string encode(const std::string& s) {
    std::string out;
    static constexpr char k_hex[] = "0123456789ABCDEF";
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
            out.push_back(static_cast<char>(c));
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
        }
    }
    return out;
}

std::set<std::int64_t> ids_of(const Json& items) {
    std::set<std::int64_t> out;
    for (const auto& t : items) out.insert(t["id"].get<std::int64_t>());
    return out;
}

// ---- the OpenAPI description and the router --------------------------------

TEST_F(ApiTest, OpenApiListsEveryRouteTheRouterKnowsAndNoOther) {
    const Json doc = openapi();
    EXPECT_EQ(doc["openapi"], "3.1.0");
    std::set<std::pair<std::string, std::string>> documented;
    for (const auto& [path, operations] : doc["paths"].items()) {
        for (const auto& [method, op] : operations.items()) {
            std::string upper = method;
            std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
            documented.insert({upper, path});
        }
    }
    std::set<std::pair<std::string, std::string>> routed;
    for (const auto& r : m_api->routes()) routed.insert({r.method, r.path});
    EXPECT_EQ(documented, routed);
    EXPECT_GE(routed.size(), 25U);

    // Each documented operation is reachable: without credentials it answers
    // 401 (or succeeds when public), never 404 or 405.
    for (const auto& [method, path] : documented) {
        std::string target = path;
        for (const auto& [from, to] :
             std::vector<std::pair<std::string, std::string>>{{"{id}", "1"},
                                                              {"{notation}", "981%2FUBND"},
                                                              {"{year}", "2025"},
                                                              {"{login}", "tckh"}}) {
            if (auto at = target.find(from); at != std::string::npos)
                target.replace(at, from.size(), to);
        }
        std::string lower = method;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        const bool open = !doc["paths"][path][lower].contains("security");
        auto reply = request(m_port, method, target, method == "GET" ? "" : "{}");
        if (open) {
            EXPECT_NE(reply.status, 404) << method << " " << target;
            EXPECT_NE(reply.status, 405) << method << " " << target;
        } else {
            EXPECT_EQ(reply.status, 401) << method << " " << target;
        }
    }
}

TEST_F(ApiTest, ResponsesMatchTheirDeclaredShapes) {
    const Json doc = openapi();
    const auto admin = login("admin");
    auto check = [&](const std::string& method, const std::string& path, const std::string& target,
                     const Json& body = nullptr) {
        auto r = call(admin, method, target, body);
        std::string m = method;
        std::transform(m.begin(), m.end(), m.begin(), ::tolower);
        const auto& responses = doc["paths"][path][m]["responses"];
        const std::string status = std::to_string(r.status);
        ASSERT_LT(r.status, 300) << method << " " << target << " → " << r.reply.body;
        ASSERT_TRUE(responses.contains(status)) << method << " " << target << " → " << r.status;
        const auto& schema = responses[status]["content"]["application/json"]["schema"];
        const auto problems = schema_problems(r.body, schema);
        EXPECT_TRUE(problems.empty()) << method << " " << target << ": " << problems.front();
    };
    check("GET", "/api/health", "/api/health");
    check("GET", "/api/me", "/api/me");
    check("GET", "/api/tasks", "/api/tasks", nullptr);
    check("GET", "/api/tasks", "/api/tasks?as_of=2024-07-01&sort=due&limit=5");
    check("GET", "/api/tasks/{id}", "/api/tasks/2?as_of=2024-07-01");
    check("GET", "/api/documents", "/api/documents");
    check("GET", "/api/documents", "/api/documents?q=nghi+quyet+53");
    check("GET", "/api/documents/{notation}", "/api/documents/981%2FUBND");
    check("GET", "/api/documents/{notation}/cascade", "/api/documents/981%2FUBND/cascade");
    check("GET", "/api/units", "/api/units");
    check("GET", "/api/units/tree", "/api/units/tree");
    check("GET", "/api/scoreboard", "/api/scoreboard?as_of=2024-07-01");
    check("GET", "/api/calendar/{year}", "/api/calendar/2025");
    check("GET", "/api/users", "/api/users");
    check("POST", "/api/tasks/{id}/progress", "/api/tasks/2/progress",
          Json{{"text", "Đang tổng hợp"}, {"percent", 40}, {"on", "2024-06-20"}});
    check("POST", "/api/tasks/{id}/extensions", "/api/tasks/2/extensions",
          Json{{"new_due", "2024-12-31"}, {"reason", "Chờ số liệu"}});
    check("GET", "/api/tasks/{id}", "/api/tasks/2");
    check("GET", "/api/audit", "/api/audit");
    // An upload of a real document.
    auto up = call_raw("POST", "/api/documents?name=seed_004.txt", seed(4), [&] {
        auto h = admin.headers();
        h["Content-Type"] = "text/plain; charset=utf-8";
        return h;
    }());
    ASSERT_EQ(up.status, 201) << up.reply.body;
    auto problems = schema_problems(up.body, doc["paths"]["/api/documents"]["post"]["responses"]
                                                ["201"]["content"]["application/json"]["schema"]);
    EXPECT_TRUE(problems.empty()) << problems.front();
    // Errors have the declared error shape.
    auto missing = call(admin, "GET", "/api/tasks/99999");
    EXPECT_EQ(missing.status, 404);
    problems = schema_problems(missing.body, doc["components"]["schemas"]["Error"]);
    EXPECT_TRUE(problems.empty()) << problems.front();
}

// ---- sign-in, sessions, CSRF, tokens ------------------------------------------------

TEST_F(ApiTest, LoginSetsHttpOnlyStrictCookiesAndLogoutEndsTheSession) {
    auto reply = request(m_port, "POST", "/api/login",
                         Json{{"login", "tckh"}, {"password", "mat-khau-tckh"}}.dump());
    ASSERT_EQ(reply.status, 200);
    const auto cookies = reply.all("set-cookie");
    ASSERT_EQ(cookies.size(), 2U);
    EXPECT_NE(cookies[0].find("dondoc_session="), std::string::npos);
    EXPECT_NE(cookies[0].find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookies[0].find("SameSite=Strict"), std::string::npos);
    EXPECT_NE(cookies[1].find("dondoc_csrf="), std::string::npos);
    EXPECT_EQ(cookies[1].find("HttpOnly"), std::string::npos);  // the page reads it

    const auto who = login("tckh");
    auto me = call(who, "GET", "/api/me");
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(me.body["login"], "tckh");
    EXPECT_EQ(me.body["role"], "unit_officer");
    EXPECT_FALSE(me.body.contains("password_hash"));
    EXPECT_EQ(call(who, "POST", "/api/logout").status, 200);
    EXPECT_EQ(call(who, "GET", "/api/me").status, 401);

    auto wrong = request(m_port, "POST", "/api/login",
                         Json{{"login", "tckh"}, {"password", "sai-mat-khau"}}.dump());
    EXPECT_EQ(wrong.status, 401);
    auto nobody = request(m_port, "POST", "/api/login",
                          Json{{"login", "khong-co"}, {"password", "sai-mat-khau"}}.dump());
    EXPECT_EQ(nobody.status, 401);
    EXPECT_EQ(request(m_port, "GET", "/api/me").status, 401);
    EXPECT_EQ(request(m_port, "GET", "/api/me", "", {{"Cookie", "dondoc_session=forged"}}).status,
              401);
}

TEST_F(ApiTest, ForgedCsrfRequestsFailAndChangeNothing) {
    const auto who = login("tckh");
    const Json body{{"text", "Giả mạo"}, {"on", "2024-06-20"}};
    // No header (what a cross-site form would send), a wrong header, and a
    // header that matches the cookie but not the session.
    auto none = call_raw("POST", "/api/tasks/2/progress", body.dump(), who.headers(false));
    EXPECT_EQ(none.status, 403);
    EXPECT_EQ(none.body["error"]["code"], "csrf");
    auto headers = who.headers(false);
    headers["X-CSRF-Token"] = std::string(64, 'a');
    EXPECT_EQ(call_raw("POST", "/api/tasks/2/progress", body.dump(), headers).status, 403);
    headers["Cookie"] = who.cookie.substr(0, who.cookie.find("dondoc_csrf=")) +
                        "dondoc_csrf=" + std::string(64, 'a');
    EXPECT_EQ(call_raw("POST", "/api/tasks/2/progress", body.dump(), headers).status, 403);
    const auto admin = login("admin");
    auto detail = call(admin, "GET", "/api/tasks/2");
    EXPECT_TRUE(detail.body["progress"].empty());
    // With the token it goes through.
    EXPECT_EQ(call(who, "POST", "/api/tasks/2/progress", body).status, 200);
    EXPECT_EQ(call(admin, "GET", "/api/tasks/2").body["progress"].size(), 1U);
}

TEST_F(ApiTest, BearerTokensWorkForScriptsWithoutCsrfAndDieWithTheirAccount) {
    const auto admin = login("admin");
    auto made = call(admin, "POST", "/api/users/tckh/tokens", Json{{"name", "báo cáo tự động"}});
    ASSERT_EQ(made.status, 201) << made.reply.body;
    Credentials script;
    script.bearer = made.body["token"];
    EXPECT_EQ(call(script, "GET", "/api/me").body["login"], "tckh");
    EXPECT_EQ(call(script, "POST", "/api/tasks/2/progress", Json{{"text", "Tự động"}}).status, 200);
    Credentials forged;
    forged.bearer = "ddt_" + std::string(64, '0');
    EXPECT_EQ(call(forged, "GET", "/api/me").status, 401);
    // Expiring tokens.
    auto dated = call(admin, "POST", "/api/users/tckh/tokens",
                      Json{{"name", "tạm"}, {"expires_on", "2024-07-02"}});
    Credentials temporary;
    temporary.bearer = dated.body["token"];
    EXPECT_EQ(call(temporary, "GET", "/api/me").status, 200);
    m_now += 3 * 86400;
    EXPECT_EQ(call(temporary, "GET", "/api/me").status, 401);
    EXPECT_EQ(call(script, "GET", "/api/me").status, 200);
    EXPECT_EQ(call(admin, "GET", "/api/me").status, 401);  // sessions last 12 hours
    // Disabling the account stops its tokens.
    EXPECT_EQ(call(login("admin"), "PATCH", "/api/users/tckh", Json{{"disabled", true}}).status,
              200);
    EXPECT_EQ(call(script, "GET", "/api/me").status, 401);
}

TEST_F(ApiTest, EveryoneChangesTheirOwnPasswordKnowingTheCurrentOne) {
    const auto tckh = login("tckh");
    auto wrong = call(tckh, "POST", "/api/me/password",
                      Json{{"old_password", "sai"}, {"password", "mat-khau-moi-123"}});
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(wrong.body["error"]["field"], "old_password");
    EXPECT_EQ(call(tckh, "POST", "/api/me/password",
                   Json{{"old_password", "mat-khau-tckh"}, {"password", "ngan"}})
                  .body["error"]["field"],
              "password");
    EXPECT_EQ(call(tckh, "POST", "/api/me/password",
                   Json{{"old_password", "mat-khau-tckh"}, {"password", "mat-khau-moi-123"}})
                  .status,
              200);
    EXPECT_EQ(call(tckh, "GET", "/api/me").status, 401);
    EXPECT_EQ(request(m_port, "POST", "/api/login",
                      Json{{"login", "tckh"}, {"password", "mat-khau-moi-123"}}.dump())
                  .status,
              200);
    auto audit = call(login("admin"), "GET", "/api/audit?limit=1");
    EXPECT_EQ(audit.body[0]["actor"], "tckh");
    EXPECT_EQ(audit.body[0]["after"]["password_changed"], true);
}

TEST_F(ApiTest, ExpiredAndDisabledAccountsAreRefused) {
    auto old = request(m_port, "POST", "/api/login",
                       Json{{"login", "old"}, {"password", "mat-khau-old"}}.dump());
    EXPECT_EQ(old.status, 403);
    EXPECT_EQ(Json::parse(old.body)["error"]["code"], "account_expired");
    auto gone = request(m_port, "POST", "/api/login",
                        Json{{"login", "gone"}, {"password", "mat-khau-gone"}}.dump());
    EXPECT_EQ(gone.status, 403);
    EXPECT_EQ(Json::parse(gone.body)["error"]["code"], "account_disabled");

    // A session open when the account is disabled stops working.
    const auto leader = login("leader");
    EXPECT_EQ(call(leader, "GET", "/api/me").status, 200);
    const auto admin = login("admin");
    EXPECT_EQ(call(admin, "PATCH", "/api/users/leader", Json{{"disabled", true}}).status, 200);
    EXPECT_EQ(call(leader, "GET", "/api/me").status, 401);
    // An account that expires while signed in: its last day is 2024-07-01
    // in Vietnam (UTC+7), which ends at 17:00 UTC.
    EXPECT_EQ(call(admin, "PATCH", "/api/users/tracker", Json{{"expires_on", "2024-07-01"}}).status,
              200);
    m_now += 16 * 3600;  // 23:00 in Vietnam
    const auto tracker = login("tracker");
    EXPECT_EQ(call(tracker, "GET", "/api/me").status, 200);
    m_now += 2 * 3600;  // 01:00 on 2024-07-02
    EXPECT_EQ(call(tracker, "GET", "/api/me").status, 401);
    // Re-enabled and un-expired, they sign in again.
    const auto admin_again = login("admin");
    EXPECT_EQ(
        call(admin_again, "PATCH", "/api/users/tracker", Json{{"expires_on", nullptr}}).status,
        200);
    EXPECT_EQ(call(admin_again, "PATCH", "/api/users/leader", Json{{"disabled", false}}).status,
              200);
    login("tracker");
    login("leader");
}

TEST_F(ApiTest, PasswordGuessingIsThrottledPerAccountAndPerAddress) {
    for (int i = 0; i < 5; ++i) {
        auto r = request(m_port, "POST", "/api/login",
                         Json{{"login", "tckh"}, {"password", "doan-" + std::to_string(i)}}.dump());
        EXPECT_EQ(r.status, 401);
    }
    // Now even the right password waits.
    auto locked = request(m_port, "POST", "/api/login",
                          Json{{"login", "tckh"}, {"password", "mat-khau-tckh"}}.dump());
    EXPECT_EQ(locked.status, 429);
    EXPECT_FALSE(locked.header("retry-after").empty());
    // Other accounts from the same address are not held up by five failures…
    login("leader");
    m_now += 31;
    login("tckh");  // the wait is over and success clears the count
    // Each further failure doubles the wait: 30 s after five, 60 s after six.
    for (int i = 0; i < 5; ++i)
        request(m_port, "POST", "/api/login",
                Json{{"login", "nv524"}, {"password", "doan"}}.dump());
    m_now += 31;
    EXPECT_EQ(request(m_port, "POST", "/api/login",
                      Json{{"login", "nv524"}, {"password", "doan-nua"}}.dump())
                  .status,
              401);
    m_now += 40;
    auto still = request(m_port, "POST", "/api/login",
                         Json{{"login", "nv524"}, {"password", "mat-khau-nv524"}}.dump());
    EXPECT_EQ(still.status, 429);
    m_now += 60;
    login("nv524");
    // …but twenty failures from one address, whatever the logins, hold it up.
    for (int i = 0; i < 20; ++i)
        request(m_port, "POST", "/api/login",
                Json{{"login", "doan-" + std::to_string(i)}, {"password", "doan"}}.dump());
    EXPECT_EQ(request(m_port, "POST", "/api/login",
                      Json{{"login", "admin"}, {"password", "mat-khau-admin"}}.dump())
                  .status,
              429);
    m_now += 31;
    const auto admin = login("admin");
    auto audit = call(admin, "GET", "/api/audit?limit=200");
    std::size_t failed = 0;
    for (const auto& e : audit.body) failed += e["action"] == "login.failed" ? 1U : 0U;
    EXPECT_EQ(failed, 31U);
    // An admin cannot lock themselves out.
    EXPECT_EQ(call(admin, "PATCH", "/api/users/admin", Json{{"disabled", true}}).status, 403);
    EXPECT_EQ(call(admin, "PATCH", "/api/users/admin", Json{{"role", "leader"}}).status, 403);
}

// ---- roles and unit scope -----------------------------------------------------------

TEST_F(ApiTest, UnitOfficerSeesOnlyTheTasksOfTheirUnit) {
    const auto tckh = login("tckh");
    auto mine = call(tckh, "GET", "/api/tasks?as_of=2024-07-01&limit=200");
    ASSERT_EQ(mine.status, 200);
    EXPECT_EQ(ids_of(mine.body["items"]), (std::set<std::int64_t>{1, 2}));
    const auto nv = login("nv524");
    EXPECT_EQ(ids_of(call(nv, "GET", "/api/tasks?limit=200").body["items"]),
              (std::set<std::int64_t>{7, 8}));
    // Another unit's task: not found, list of another unit: forbidden.
    EXPECT_EQ(call(tckh, "GET", "/api/tasks/8").status, 404);
    auto other_unit = call(tckh, "GET", "/api/tasks?unit=524-nv");
    EXPECT_EQ(other_unit.status, 403);
    EXPECT_EQ(other_unit.body["error"]["field"], "unit");
    EXPECT_EQ(call(tckh, "GET", "/api/scoreboard?unit=524").status, 403);
    // The document shows only the tasks in scope.
    auto doc = call(nv, "GET", "/api/documents/981%2FUBND");
    EXPECT_EQ(doc.status, 200);
    EXPECT_TRUE(doc.body["tasks"].empty());
}

TEST_F(ApiTest, UnitOfficerCannotChangeAnotherUnitsTaskAndNothingChanges) {
    const auto admin = login("admin");
    const auto before = call(admin, "GET", "/api/tasks/8?as_of=2024-07-01");
    ASSERT_EQ(before.status, 200);
    const auto tckh = login("tckh");
    EXPECT_EQ(call(tckh, "POST", "/api/tasks/8/progress", Json{{"text", "x"}}).status, 404);
    EXPECT_EQ(call(tckh, "POST", "/api/tasks/8/report", Json{{"text", "x"}}).status, 404);
    EXPECT_EQ(call(tckh, "POST", "/api/tasks/8/extensions", Json{{"new_due", "2025-01-01"}}).status,
              404);
    // Reviews and decisions are not a unit officer's, whatever the unit.
    EXPECT_EQ(call(tckh, "POST", "/api/tasks/8/review", Json{{"outcome", "confirmed"}}).status,
              403);
    EXPECT_EQ(call(tckh, "POST", "/api/tasks/2/review", Json{{"outcome", "confirmed"}}).status,
              403);
    EXPECT_EQ(call(tckh, "POST", "/api/tasks/8/extensions/decision", Json{{"decision", "approved"}})
                  .status,
              403);
    const auto after = call(admin, "GET", "/api/tasks/8?as_of=2024-07-01");
    EXPECT_EQ(before.body, after.body);
    for (const auto& e : call(admin, "GET", "/api/audit").body)
        EXPECT_NE(e["target"], "task/8") << e.dump();
}

TEST_F(ApiTest, OnlyAdminsManageUsersUnitsAndReadTheAuditLog) {
    for (const std::string who : {"tracker", "leader", "tckh"}) {
        const auto c = login(who);
        EXPECT_EQ(call(c, "GET", "/api/users").status, 403) << who;
        EXPECT_EQ(
            call(c, "POST", "/api/users",
                 Json{{"login", "x1"}, {"password", "12345678"}, {"role", "admin"}, {"unit", "51"}})
                .status,
            403)
            << who;
        EXPECT_EQ(call(c, "PATCH", "/api/users/admin", Json{{"disabled", true}}).status, 403);
        EXPECT_EQ(call(c, "POST", "/api/users/admin/tokens", Json{{"name", "x"}}).status, 403);
        EXPECT_EQ(call(c, "GET", "/api/audit").status, 403) << who;
        EXPECT_EQ(call(c, "POST", "/api/units/merge",
                       Json{{"from", "530-tckh"}, {"to", "530-nv"}, {"on", "2025-07-01"}})
                      .status,
                  403);
        EXPECT_EQ(call(c, "POST", "/api/units/aliases",
                       Json{{"mention", "Phòng Tài chính"}, {"units", {"530-tckh"}}})
                      .status,
                  403);
    }
    // Uploading and confirming proposed tasks is a tracker's (and an admin's) job.
    for (const std::string who : {"leader", "tckh"}) {
        const auto c = login(who);
        auto h = c.headers();
        h["Content-Type"] = "text/plain";
        EXPECT_EQ(call_raw("POST", "/api/documents", seed(4), h).status, 403) << who;
        EXPECT_EQ(call(c, "POST", "/api/tasks/1/confirm").status, 403) << who;
        EXPECT_EQ(call(c, "POST", "/api/documents/981%2FUBND/confirm").status, 403) << who;
    }
    EXPECT_EQ(call(login("admin"), "GET", "/api/users").body.size(), 7U);
}

TEST_F(ApiTest, LeaderSeesTheSubtreeOfTheirUnit) {
    const auto leader = login("leader");
    auto tasks = call(leader, "GET", "/api/tasks?limit=200");
    ASSERT_EQ(tasks.status, 200);
    EXPECT_EQ(ids_of(tasks.body["items"]), (std::set<std::int64_t>{1, 2, 6}));
    EXPECT_EQ(call(leader, "GET", "/api/tasks?unit=530-tckh&limit=200").status, 200);
    EXPECT_EQ(call(leader, "GET", "/api/tasks/8").status, 404);
    auto board = call(leader, "GET", "/api/scoreboard?as_of=2024-07-01");
    ASSERT_EQ(board.status, 200);
    for (const auto& row : board.body) {
        const std::string unit = row["unit"];
        EXPECT_TRUE(unit.rfind("530", 0) == 0 || unit.rfind("213", 0) == 0) << unit;
    }
    // The tracker at the province (above every unit) sees what an admin
    // sees: task 5 too, whose assignees were not resolved, so as to map them.
    EXPECT_EQ(call(login("tracker"), "GET", "/api/tasks?limit=200").body["total"], 8);
    EXPECT_EQ(call(login("tracker"), "GET", "/api/tasks/5").status, 200);
    EXPECT_EQ(call(login("admin"), "GET", "/api/tasks?limit=200").body["total"], 8);
}

// ---- the task workflow --------------------------------------------------------------

TEST_F(ApiTest, TaskWorkflowProgressReportReviewExtensionWithHistoryAndAudit) {
    const auto tckh = login("tckh");
    const auto leader = login("leader");
    const auto tracker = login("tracker");
    auto p = call(tckh, "POST", "/api/tasks/2/progress",
                  Json{{"text", "Đã giao các xã rà soát"}, {"percent", 50}, {"on", "2024-06-10"}});
    ASSERT_EQ(p.status, 200) << p.reply.body;
    auto ext =
        call(tckh, "POST", "/api/tasks/2/extensions",
             Json{{"new_due", "2024-12-31"}, {"reason", "Chờ số liệu"}, {"on", "2024-06-11"}});
    ASSERT_EQ(ext.status, 200) << ext.reply.body;
    auto decided = call(leader, "POST", "/api/tasks/2/extensions/decision",
                        Json{{"decision", "approved"}, {"on", "2024-06-12"}});
    ASSERT_EQ(decided.status, 200) << decided.reply.body;
    auto report = call(tckh, "POST", "/api/tasks/2/report",
                       Json{{"text", "Đã hoàn thành"}, {"on", "2024-06-20"}});
    ASSERT_EQ(report.status, 200) << report.reply.body;
    auto returned =
        call(tracker, "POST", "/api/tasks/2/review",
             Json{{"outcome", "returned"}, {"note", "Thiếu số liệu"}, {"on", "2024-06-21"}});
    ASSERT_EQ(returned.status, 200) << returned.reply.body;
    call(tckh, "POST", "/api/tasks/2/report", Json{{"text", "Bổ sung"}, {"on", "2024-06-24"}});
    auto confirmed = call(leader, "POST", "/api/tasks/2/review",
                          Json{{"outcome", "confirmed"}, {"on", "2024-06-25"}});
    ASSERT_EQ(confirmed.status, 200) << confirmed.reply.body;

    auto detail = call(tckh, "GET", "/api/tasks/2?as_of=2024-07-01");
    ASSERT_EQ(detail.status, 200);
    EXPECT_EQ(detail.body["progress"].size(), 1U);
    EXPECT_EQ(detail.body["progress"][0]["percent"], 50);
    ASSERT_EQ(detail.body["reports"].size(), 2U);
    EXPECT_EQ(detail.body["extensions"].size(), 1U);
    EXPECT_EQ(detail.body["extensions"][0]["decision"], "approved");
    EXPECT_EQ(detail.body["task"]["status"], "done_on_time");

    auto audit = call(login("admin"), "GET", "/api/audit?limit=50");
    std::vector<std::string> actions;
    for (const auto& e : audit.body)
        if (e["target"] == "task/2") actions.push_back(e["action"]);
    EXPECT_EQ(actions, (std::vector<std::string>{"task.review", "task.report", "task.review",
                                                 "task.report", "task.extension_decision",
                                                 "task.extension_request", "task.progress"}));
    const auto& last = audit.body[0];
    EXPECT_EQ(last["actor"], "leader");
    EXPECT_EQ(last["before"]["id"], 2);
    EXPECT_EQ(last["after"]["change"]["outcome"], "confirmed");
    // Conflicts and bad states come back as errors, not crashes.
    auto again =
        call(tckh, "POST", "/api/tasks/2/extensions/decision", Json{{"decision", "approved"}});
    EXPECT_EQ(again.status, 403);
    EXPECT_EQ(
        call(leader, "POST", "/api/tasks/2/extensions/decision", Json{{"decision", "approved"}})
                .status /
            100,
        4);
}

TEST_F(ApiTest, UploadProposesTasksThatATrackerConfirms) {
    const auto tracker = login("tracker");
    auto h = tracker.headers();
    h["Content-Type"] = "text/plain; charset=utf-8";
    auto up = call_raw("POST", "/api/documents?name=seed_004.txt&received=2024-06-03", seed(4), h);
    ASSERT_EQ(up.status, 201) << up.reply.body;
    const std::string notation = up.body["notation"];
    ASSERT_FALSE(up.body["tasks"].empty());
    for (const auto& t : up.body["tasks"]) EXPECT_EQ(t["state"], "proposed");
    // Proposed tasks are not in the tracked list until confirmed.
    auto listed = call(tracker, "GET", "/api/tasks?limit=200&directive=" + encode(notation));
    EXPECT_EQ(listed.body["total"], 0);
    auto with_proposed =
        call(tracker, "GET", "/api/tasks?limit=200&proposed=true&directive=" + encode(notation));
    EXPECT_EQ(with_proposed.body["total"], up.body["tasks"].size());
    const auto first = up.body["tasks"][0]["id"].get<std::int64_t>();
    auto one = call(tracker, "POST", "/api/tasks/" + std::to_string(first) + "/confirm");
    EXPECT_EQ(one.status, 200);
    EXPECT_EQ(one.body["state"], "active");
    auto rest = call(tracker, "POST", "/api/documents/" + encode(notation) + "/confirm");
    EXPECT_EQ(rest.status, 200);
    EXPECT_EQ(rest.body["confirmed"], up.body["tasks"].size() - 1);
    // The same file again changes nothing.
    auto again = call_raw("POST", "/api/documents", seed(4), h);
    EXPECT_EQ(again.status, 200);
    EXPECT_TRUE(again.body["already_registered"].get<bool>());
    // Not text: refused; empty: refused; too big: 413.
    auto json_typed = tracker.headers();
    json_typed["Content-Type"] = "application/json";
    EXPECT_EQ(call_raw("POST", "/api/documents", seed(4), json_typed).status, 415);
    EXPECT_EQ(call(tracker, "POST", "/api/documents").status, 415);
    EXPECT_EQ(call_raw("POST", "/api/documents", std::string(600 * 1024, 'a'), h).status, 413);
    EXPECT_EQ(call_raw("POST", "/api/documents", "\xFF\xFE broken", h).status, 400);
    auto audit = call(login("admin"), "GET", "/api/audit");
    EXPECT_EQ(audit.body[0]["action"], "document.confirm_tasks");
    EXPECT_EQ(audit.body[1]["action"], "task.confirm");
    EXPECT_EQ(audit.body[2]["action"], "document.ingest");
    EXPECT_EQ(audit.body[2]["actor"], "tracker");
}

// ---- documents, units, scoreboard, calendar ----------------------------------------------

TEST_F(ApiTest, DocumentsListSearchDetailAndCascade) {
    const auto c = login("tckh");
    auto list = call(c, "GET", "/api/documents?limit=3");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.body.size(), 3U);
    auto page2 = call(c, "GET", "/api/documents?limit=3&offset=3");
    EXPECT_NE(list.body[0]["id"], page2.body[0]["id"]);
    auto found = call(c, "GET", "/api/documents?q=nghi+quyet+53");
    ASSERT_EQ(found.status, 200);
    EXPECT_FALSE(found.body.empty());
    auto doc = call(c, "GET", "/api/documents/981%2FUBND");
    ASSERT_EQ(doc.status, 200);
    EXPECT_EQ(doc.body["document"]["notation"], "981/UBND");
    EXPECT_EQ(doc.body["record"]["format"], "dondoc.record/1");
    EXPECT_EQ(ids_of(doc.body["tasks"]), (std::set<std::int64_t>{1, 2}));
    auto cascade = call(c, "GET", "/api/documents/981%2FUBND/cascade");
    ASSERT_EQ(cascade.status, 200);
    EXPECT_FALSE(cascade.body["upward"].empty());
    EXPECT_EQ(cascade.body["downward"]["document"]["notation"], "981/UBND");
    EXPECT_EQ(call(c, "GET", "/api/documents/999%2FKHONG-CO").status, 404);
}

TEST_F(ApiTest, UnitsTreeAliasesAndMerge) {
    const auto admin = login("admin");
    auto units = call(admin, "GET", "/api/units");
    ASSERT_EQ(units.status, 200);
    EXPECT_GT(units.body.size(), 400U);
    auto tree = call(login("tckh"), "GET", "/api/units/tree");
    ASSERT_EQ(tree.status, 200);
    std::function<std::size_t(const Json&)> count = [&](const Json& nodes) {
        std::size_t n = 0;
        for (const auto& node : nodes) n += 1 + count(node["children"]);
        return n;
    };
    EXPECT_EQ(count(tree.body), units.body.size());

    auto alias = call(admin, "POST", "/api/units/aliases",
                      Json{{"mention", "Tổ công tác đặc biệt"}, {"units", {"530-tckh", "530-nv"}}});
    EXPECT_EQ(alias.status, 200) << alias.reply.body;
    EXPECT_EQ(
        call(admin, "POST", "/api/units/aliases", Json{{"mention", "x"}, {"units", Json::array()}})
            .status,
        400);
    auto merged = call(admin, "POST", "/api/units/merge",
                       Json{{"from", "530-tckh"}, {"to", "530-nv"}, {"on", "2025-07-01"}});
    ASSERT_EQ(merged.status, 200) << merged.reply.body;
    EXPECT_GE(merged.body["moved"].get<int>(), 1);
    auto audit = call(admin, "GET", "/api/audit?limit=2");
    EXPECT_EQ(audit.body[0]["action"], "unit.merge");
    EXPECT_EQ(audit.body[0]["after"]["successor"], "530-nv");
    EXPECT_EQ(audit.body[1]["action"], "unit.alias");
    EXPECT_EQ(call(admin, "POST", "/api/units/merge",
                   Json{{"from", "khong-co"}, {"to", "530-nv"}, {"on", "2025-07-01"}})
                      .status /
                  100,
              4);
}

TEST_F(ApiTest, ScoreboardAndCalendar) {
    const auto tracker = login("tracker");
    auto board =
        call(tracker, "GET", "/api/scoreboard?as_of=2024-07-01&from=2020-01-01&to=2024-06-30");
    ASSERT_EQ(board.status, 200);
    EXPECT_FALSE(board.body.empty());
    auto one = call(tracker, "GET", "/api/scoreboard?as_of=2024-07-01&unit=530");
    ASSERT_EQ(one.status, 200);
    auto cal = call(tracker, "GET", "/api/calendar/2025");
    ASSERT_EQ(cal.status, 200);
    EXPECT_EQ(cal.body["year"], 2025);
    EXPECT_GT(cal.body["working_days"].get<int>(), 240);
    EXPECT_LT(cal.body["working_days"].get<int>(), 255);
    bool tet = false;
    for (const auto& d : cal.body["days_off"]) tet = tet || d["name"] == "Tết Nguyên đán";
    EXPECT_TRUE(tet);
    EXPECT_EQ(call(tracker, "GET", "/api/calendar/3000").status, 400);
    EXPECT_EQ(call(tracker, "GET", "/api/calendar/abc").status, 400);
}

TEST_F(ApiTest, TaskListsSortPaginateAndFilter) {
    const auto tracker = login("tracker");
    // The province's tracker sees the whole register: the seven tasks of
    // units and the one whose bodies no unit was resolved for yet.
    auto all = call(tracker, "GET", "/api/tasks?as_of=2024-07-01&limit=200");
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.body["total"], 8);
    auto page = call(tracker, "GET", "/api/tasks?as_of=2024-07-01&limit=4&offset=4");
    EXPECT_EQ(page.body["items"].size(), 4U);
    EXPECT_EQ(page.body["items"][0]["id"], all.body["items"][4]["id"]);
    auto desc = call(tracker, "GET", "/api/tasks?limit=200&sort=id&order=desc");
    EXPECT_EQ(desc.body["items"][0]["id"], 8);
    auto by_due = call(tracker, "GET", "/api/tasks?as_of=2024-07-01&limit=200&sort=due");
    std::string previous;
    bool nulls = false;
    for (const auto& t : by_due.body["items"]) {
        if (t["due"].is_null()) {
            nulls = true;
            continue;
        }
        EXPECT_FALSE(nulls) << "dated tasks come first";
        EXPECT_LE(previous, t["due"].get<std::string>());
        previous = t["due"];
    }
    auto overdue = call(tracker, "GET", "/api/tasks?as_of=2024-07-01&status=overdue&limit=200");
    for (const auto& t : overdue.body["items"]) EXPECT_EQ(t["status"], "overdue");
    auto unit = call(tracker, "GET", "/api/tasks?unit=524-nv&limit=200");
    EXPECT_EQ(ids_of(unit.body["items"]), (std::set<std::int64_t>{7, 8}));
}

// ---- files in: documents as DOCX, task sheets as CSV and XLSX ------------------------

TEST_F(ApiTest, ADocxUploadIsRegisteredLikeItsText) {
    const auto tracker = login("tracker");
    auto h = tracker.headers();
    h["Content-Type"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const std::string docx =
        slurp(std::string(DONDOC_TEST_DATA) + "/read/formats/doc06_congvan_giao_nhiemvu.docx");
    ASSERT_FALSE(docx.empty());
    auto up = call_raw("POST", "/api/documents?name=cong-van.docx", docx, h);
    ASSERT_EQ(up.status, 201) << up.reply.body;
    EXPECT_FALSE(up.body["notation"].get<std::string>().empty());
    EXPECT_FALSE(up.body["tasks"].empty());
    // A JSON body is not a file.
    h["Content-Type"] = "application/json";
    EXPECT_EQ(call_raw("POST", "/api/documents", docx, h).status, 415);
}

TEST_F(ApiTest, TaskSheetImportPreviewsThenAppliesOnceWithAudit) {
    const auto tracker = login("tracker");
    auto h = tracker.headers();
    h["Content-Type"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const std::string xlsx = slurp(std::string(DONDOC_TEST_DATA) + "/import/so_theo_doi.xlsx");
    ASSERT_FALSE(xlsx.empty());
    const auto total = [&] {
        return call(tracker, "GET", "/api/tasks?limit=1").body["total"].get<int>();
    };
    const int before = total();
    const std::string sheet = "sheet=S%E1%BB%95+theo+d%C3%B5i";  // "Sổ theo dõi"
    // The first sheet is notes: a clear error naming the missing column.
    auto notes = call_raw("POST", "/api/tasks/import", xlsx, h);
    EXPECT_EQ(notes.status, 400);
    EXPECT_NE(notes.body["error"]["message"].get<std::string>().find("Nội dung"),
              std::string::npos);
    // A dry run reports and writes nothing.
    auto preview = call_raw("POST", "/api/tasks/import?name=so.xlsx&" + sheet, xlsx, h);
    ASSERT_EQ(preview.status, 200) << preview.reply.body;
    EXPECT_EQ(preview.body["rows"], 3);
    EXPECT_EQ(preview.body["created"], 3);
    EXPECT_FALSE(preview.body["applied"].get<bool>());
    EXPECT_TRUE(preview.body["problems"].empty());
    EXPECT_EQ(total(), before);
    // Applied: the tasks are in the register, and in the audit log.
    auto applied = call_raw("POST", "/api/tasks/import?apply=true&name=so.xlsx&" + sheet, xlsx, h);
    ASSERT_EQ(applied.status, 200);
    EXPECT_TRUE(applied.body["applied"].get<bool>());
    EXPECT_EQ(total(), before + 2);  // the third row is cancelled: kept, not listed
    EXPECT_EQ(call(login("admin"), "GET", "/api/audit").body[0]["action"], "task.import");
    // Again: nothing changes.
    auto again = call_raw("POST", "/api/tasks/import?apply=true&" + sheet, xlsx, h);
    EXPECT_EQ(again.body["created"], 0);
    EXPECT_EQ(again.body["unchanged"], 3);
    EXPECT_EQ(total(), before + 2);

    // A CSV with a bad date and a bad status mapping: per-row problems, nothing imported.
    h["Content-Type"] = "text/csv";
    const std::string csv =
        "Mã,Nội dung,Cơ quan chủ trì,Thời hạn,Tình trạng\r\n"
        "A1,Rà soát thủ tục,Phòng Tài chính - Kế hoạch huyện Sơn Tây,31/02/2024,Mới\r\n"
        "A2,Báo cáo quý,Phòng Nội vụ huyện Sơn Tây,30/06/2024,Mới\r\n";
    auto bad = call_raw("POST", "/api/tasks/import?apply=true&source=excel", csv, h);
    ASSERT_EQ(bad.status, 200);
    EXPECT_FALSE(bad.body["applied"].get<bool>());
    ASSERT_EQ(bad.body["problems"].size(), 1U);
    EXPECT_EQ(bad.body["problems"][0]["line"], 2);
    EXPECT_EQ(bad.body["problems"][0]["column"], "Thời hạn");
    EXPECT_EQ(total(), before + 2);
    // The mapping parameters are checked; a unit officer may not import.
    EXPECT_EQ(call_raw("POST", "/api/tasks/import?map=Nội+dung", csv, h).status, 400);
    EXPECT_EQ(call_raw("POST", "/api/tasks/import?status_map=M%E1%BB%9Bi%3Dlater", csv, h).status,
              400);
    const auto officer = login("tckh");
    auto officer_headers = officer.headers();
    officer_headers["Content-Type"] = "text/csv";
    EXPECT_EQ(call_raw("POST", "/api/tasks/import", csv, officer_headers).status, 403);
}

// ---- accounts through the API -----------------------------------------------------------------

TEST_F(ApiTest, AdminCreatesChangesAndListsUsers) {
    const auto admin = login("admin");
    auto made = call(admin, "POST", "/api/users",
                     Json{{"login", "hoa.nt"},
                          {"display_name", "Nguyễn Thị Hoa"},
                          {"password", "mat-khau-hoa.nt"},
                          {"role", "unit_officer"},
                          {"unit", "524-nv"}});
    ASSERT_EQ(made.status, 201) << made.reply.body;
    EXPECT_EQ(made.body["display_name"], "Nguyễn Thị Hoa");
    EXPECT_EQ(
        call(
            admin, "POST", "/api/users",
            Json{{"login", "hoa.nt"}, {"password", "12345678"}, {"role", "leader"}, {"unit", "51"}})
            .status,
        409);
    EXPECT_EQ(call(admin, "POST", "/api/users",
                   Json{{"login", "Bad Name"},
                        {"password", "12345678"},
                        {"role", "leader"},
                        {"unit", "51"}})
                  .body["error"]["field"],
              "login");
    EXPECT_EQ(call(admin, "POST", "/api/users",
                   Json{{"login", "ngan"}, {"password", "123"}, {"role", "leader"}, {"unit", "51"}})
                  .body["error"]["field"],
              "password");
    EXPECT_EQ(
        call(admin, "POST", "/api/users",
             Json{{"login", "ngan"}, {"password", "12345678"}, {"role", "boss"}, {"unit", "51"}})
            .body["error"]["field"],
        "role");
    EXPECT_EQ(call(admin, "POST", "/api/users",
                   Json{{"login", "ngan"},
                        {"password", "12345678"},
                        {"role", "leader"},
                        {"unit", "khong-co"}})
                  .body["error"]["field"],
              "unit");
    const auto hoa = login("hoa.nt");
    EXPECT_EQ(ids_of(call(hoa, "GET", "/api/tasks").body["items"]), (std::set<std::int64_t>{7, 8}));
    // A new password ends the sessions and the old password.
    EXPECT_EQ(
        call(admin, "PATCH", "/api/users/hoa.nt", Json{{"password", "mat-khau-moi-1"}}).status,
        200);
    EXPECT_EQ(call(hoa, "GET", "/api/me").status, 401);
    EXPECT_EQ(request(m_port, "POST", "/api/login",
                      Json{{"login", "hoa.nt"}, {"password", "mat-khau-moi-1"}}.dump())
                  .status,
              200);
    // Moving her to another unit moves her scope.
    EXPECT_EQ(call(admin, "PATCH", "/api/users/hoa.nt", Json{{"unit", "530-tckh"}}).status, 200);
    EXPECT_EQ(call(admin, "PATCH", "/api/users/khong-co", Json{{"disabled", true}}).status, 404);
    auto users = call(admin, "GET", "/api/users");
    EXPECT_EQ(users.body.size(), 8U);
    auto audit = call(admin, "GET", "/api/audit?limit=3");
    EXPECT_EQ(audit.body[0]["action"], "user.change");
    EXPECT_EQ(audit.body[0]["before"]["unit"], "524-nv");
    EXPECT_EQ(audit.body[0]["after"]["unit"], "530-tckh");
    EXPECT_EQ(audit.body[1]["after"]["password_changed"], true);
    EXPECT_EQ(audit.body[1].dump().find("argon2"), std::string::npos);
}

// ---- bad input --------------------------------------------------------------------------

TEST_F(ApiTest, MalformedJsonAndWrongFieldsAre400NamingTheField) {
    const auto c = login("tckh");
    auto h = c.headers();
    auto broken = call_raw("POST", "/api/tasks/2/progress", "{\"text\": ", h);
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(broken.body["error"]["code"], "invalid_input");
    EXPECT_EQ(call_raw("POST", "/api/tasks/2/progress", "[1,2]", h).status, 400);
    auto unknown = call(c, "POST", "/api/tasks/2/progress", Json{{"text", "x"}, {"pct", 5}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.body["error"]["field"], "pct");
    auto wrong = call(c, "POST", "/api/tasks/2/progress", Json{{"text", 5}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(wrong.body["error"]["field"], "text");
    auto missing = call(c, "POST", "/api/tasks/2/progress", Json{{"percent", 5}});
    EXPECT_EQ(missing.body["error"]["field"], "text");
    EXPECT_EQ(call(c, "POST", "/api/tasks/2/progress", Json{{"text", "x"}, {"percent", 101}})
                  .body["error"]["field"],
              "percent");
    EXPECT_EQ(call(c, "POST", "/api/tasks/2/progress", Json{{"text", "x"}, {"on", "31/02/2024"}})
                  .body["error"]["field"],
              "on");
    EXPECT_EQ(call(c, "POST", "/api/tasks/2/progress", Json{{"text", "x"}, {"percent", 1.5}})
                  .body["error"]["field"],
              "percent");
    auto bad_param = call(c, "GET", "/api/tasks?colour=red");
    EXPECT_EQ(bad_param.status, 400);
    EXPECT_EQ(bad_param.body["error"]["field"], "colour");
    EXPECT_EQ(call(c, "GET", "/api/tasks?as_of=hôm-nay").body["error"]["field"], "as_of");
    EXPECT_EQ(call(c, "GET", "/api/tasks?status=late").body["error"]["field"], "status");
    EXPECT_EQ(call(c, "GET", "/api/tasks?limit=-1").body["error"]["field"], "limit");
    EXPECT_EQ(call(c, "GET", "/api/tasks?limit=%zz").status, 400);
    EXPECT_EQ(call(c, "GET", "/api/tasks/abc").status, 404);
    EXPECT_EQ(call(c, "GET", "/api/tasks/0").status, 404);
    EXPECT_EQ(call(c, "GET", "/api/tasks/99999999999999999999").status, 404);
    EXPECT_EQ(call(c, "DELETE", "/api/tasks/2").status, 405);
    EXPECT_EQ(call(c, "GET", "/api/khong-co").status, 404);
    EXPECT_EQ(call_raw("GET", "/api/me", "unexpected", h).status, 400);
    // Messages are in Vietnamese.
    EXPECT_NE(wrong.body["error"]["message"].get<std::string>().find("trường"), std::string::npos);
    // Nothing of that reached the register.
    EXPECT_TRUE(call(login("admin"), "GET", "/api/tasks/2").body["progress"].empty());
}

TEST_F(ApiTest, OversizedBodiesAre413) {
    const auto c = login("tckh");
    const std::string big_json =
        Json{{"text", std::string(100 * 1024, 'x')}}.dump();  // above the 64 KiB JSON limit
    EXPECT_EQ(call_raw("POST", "/api/tasks/2/progress", big_json, c.headers()).status, 413);
    // Above the server's 1 MiB: refused before it is read.
    EXPECT_EQ(
        call_raw("POST", "/api/tasks/2/progress", std::string(2 * 1024 * 1024, ' '), c.headers())
            .status,
        413);
    EXPECT_EQ(request(m_port, "GET", "/api/health").status, 200);
}

TEST_F(ApiTest, GarbageNeverCrashesTheServerOrChangesData) {
    const auto c = login("tckh");
    const auto admin = login("admin");
    const auto before = call(admin, "GET", "/api/tasks?as_of=2024-07-01&limit=200").body;
    std::mt19937 random(12345);
    const std::vector<std::string> targets = {"/api/tasks/2/progress",
                                              "/api/tasks/2/report",
                                              "/api/tasks/2/extensions",
                                              "/api/login",
                                              "/api/users",
                                              "/api/units/merge",
                                              "/api/tasks/1/review",
                                              "/api/documents",
                                              "/api/tasks/2/extensions/decision"};
    for (int i = 0; i < 300; ++i) {
        std::string body;
        const int kind = static_cast<int>(random() % 4);
        if (kind == 0) {
            for (int k = 0; k < 40; ++k) body.push_back(static_cast<char>(random() % 256));
        } else if (kind == 1) {
            body = R"({"text": [1, {"a": null}], "percent": "x", "on": 2024})";
        } else if (kind == 2) {
            body = std::string(static_cast<std::size_t>(random() % 2000), '[');
        } else {
            body = R"({"text": "\ud800", "percent": 99999999999999999999})";
        }
        auto h = c.headers();
        if (random() % 2 == 0) h["Content-Type"] = "text/plain";
        const auto r = call_raw("POST", targets[random() % targets.size()], body, h);
        EXPECT_TRUE(r.status == 400 || r.status == 403 || r.status == 415 || r.status == 401)
            << r.status << " " << r.reply.body;
    }
    // Broken HTTP itself.
    for (const std::string raw : {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
                                  "POST /api/login HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                                  "GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"}) {
        Client raw_client(m_port);
        const std::string answer = raw_client.raw(raw);
        EXPECT_TRUE(answer.empty() || answer.rfind("HTTP/1.1 400", 0) == 0) << answer;
    }
    EXPECT_EQ(request(m_port, "GET", "/api/health").status, 200);
    EXPECT_EQ(call(admin, "GET", "/api/tasks?as_of=2024-07-01&limit=200").body, before);
}

TEST_F(ApiTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    Client client(m_port);
    for (int i = 0; i < 5; ++i) {
        auto r = client.send("GET", "/api/health");
        EXPECT_EQ(r.status, 200);
    }
    EXPECT_TRUE(client.connected());
}

}  // namespace
}  // namespace dondoc::http::testing

namespace dondoc::http::testing {
namespace {

TEST_F(ApiTest, ExpectContinueGetsAGoAheadOrA413BeforeTheBody) {
    const std::string body = Json{{"login", "tckh"}, {"password", "mat-khau-tckh"}}.dump();
    Client client(m_port);
    client.write(
        "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Expect: 100-continue\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n");
    EXPECT_EQ(client.read().status, 100);
    client.write(body);
    EXPECT_EQ(client.read().status, 200);

    Client big(m_port);
    big.write(
        "POST /api/login HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
        "Content-Length: 99999999\r\n\r\n");
    EXPECT_EQ(big.read().status, 413);
}

}  // namespace
}  // namespace dondoc::http::testing
