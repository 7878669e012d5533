#include "api_fixture.h"

#include <fstream>
#include <random>
#include <sstream>

#include "domain/civil_date.h"

namespace dondoc::http::testing {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string seed(int n) {
    return slurp(std::string(DONDOC_TEST_DATA) + "/read/seeds/seed_00" + std::to_string(n) +
                 ".txt");
}

std::map<std::string, std::string> Credentials::headers(bool with_csrf) const {
    std::map<std::string, std::string> h;
    if (!bearer.empty()) h["Authorization"] = "Bearer " + bearer;
    if (!cookie.empty()) h["Cookie"] = cookie;
    if (with_csrf && !csrf.empty()) h["X-CSRF-Token"] = csrf;
    return h;
}

void ApiTest::SetUp() {
    std::random_device rd;
    m_dir = std::filesystem::temp_directory_path() /
            ("dondoc_api_" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(m_dir);
    const std::string db = (m_dir / "register.db").string();
    auto repository = store::open_sqlite(db);
    ASSERT_TRUE(repository.ok()) << repository.error().describe();
    m_repository = std::move(*repository);
    // As the server opens them: the accounts on the register's connection.
    auto accounts = m_repository->accounts_on_this_connection();
    ASSERT_TRUE(accounts.ok()) << accounts.error().describe();
    m_accounts = std::move(*accounts);
    m_service = std::make_unique<service::RegisterService>(*m_repository,
                                                           domain::WorkingCalendar::vietnam());
    const std::string units = std::string(DONDOC_PROJECT_DATA) + "/quang-ngai/";
    auto n = m_service->import_demo_units(slurp(units + "units_2024.csv"),
                                          slurp(units + "units_2025.csv"));
    ASSERT_TRUE(n.ok()) << n.error().describe();
    for (int i = 0; i < 4; ++i) {
        service::IngestOptions options;
        options.confirm = true;
        auto r = m_service->ingest(seed(i), "seed_00" + std::to_string(i) + ".txt", options);
        ASSERT_TRUE(r.ok()) << r.error().describe();
    }
    m_now = std::chrono::duration_cast<std::chrono::seconds>(
                std::chrono::sys_days{std::chrono::year{2024} / 7 / 1}.time_since_epoch())
                .count();
    m_account_service = std::make_unique<service::AccountService>(
        *m_accounts, *m_repository,
        [this] {
            return std::chrono::system_clock::time_point{std::chrono::seconds{m_now.load()}};
        },
        service::PasswordCost::minimum());
    using domain::Role;
    const struct {
        const char* login;
        Role role;
        const char* unit;
    } people[] = {{"admin", Role::admin, "51"},
                  {"tracker", Role::tracker, "51"},
                  {"leader", Role::leader, "530"},
                  {"tckh", Role::unit_officer, "530-tckh"},
                  {"nv524", Role::unit_officer, "524-nv"},
                  {"old", Role::unit_officer, "530-tckh"},
                  {"gone", Role::unit_officer, "530-tckh"}};
    for (const auto& p : people) {
        service::NewUser user{p.login,
                              "",
                              std::string("mat-khau-") + p.login,
                              p.role,
                              domain::UnitId{p.unit},
                              std::nullopt,
                              std::nullopt};
        if (std::string(p.login) == "old") user.expires_on = *domain::parse_iso("2024-06-30");
        auto added = m_account_service->add_user("test", user);
        ASSERT_TRUE(added.ok()) << added.error().describe();
    }
    service::UserChange disable;
    disable.disabled = true;
    ASSERT_TRUE(m_account_service->change_user("test", "gone", disable).ok());

    m_api = std::make_unique<Api>(*m_service, *m_account_service, *m_repository,
                                  domain::WorkingCalendar::vietnam(),
                                  ApiLimits{64 * 1024, 512 * 1024, 200});
    ServerOptions options;
    options.port = 0;
    options.max_body = 1024 * 1024;
    options.read_timeout = std::chrono::milliseconds(2000);
    options.idle_timeout = std::chrono::milliseconds(2000);
    auto server = Server::create(options, [this](const Request& r) { return m_api->handle(r); });
    ASSERT_TRUE(server.ok()) << server.error().describe();
    m_server = std::move(*server);
    m_port = m_server->port();
    m_thread = std::thread([this] { m_server->run(); });
}

void ApiTest::TearDown() {
    if (m_server) m_server->stop();
    if (m_thread.joinable()) m_thread.join();
    m_server.reset();
    m_api.reset();
    m_account_service.reset();
    m_service.reset();
    m_accounts.reset();
    m_repository.reset();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
}

Credentials ApiTest::login(const std::string& user) {
    auto reply = request(m_port, "POST", "/api/login",
                         Json{{"login", user}, {"password", "mat-khau-" + user}}.dump());
    EXPECT_EQ(reply.status, 200) << user << ": " << reply.body;
    Credentials c;
    for (const auto& cookie : reply.all("set-cookie")) {
        const auto end = cookie.find(';');
        if (!c.cookie.empty()) c.cookie += "; ";
        c.cookie += cookie.substr(0, end);
    }
    auto body = Json::parse(reply.body, nullptr, false);
    if (body.is_object() && body.contains("csrf")) c.csrf = body["csrf"];
    return c;
}

Call ApiTest::call_raw(const std::string& method, const std::string& target,
                       const std::string& body, const std::map<std::string, std::string>& headers) {
    Call r;
    r.reply = request(m_port, method, target, body, headers);
    r.status = r.reply.status;
    r.body = Json::parse(r.reply.body, nullptr, false);
    return r;
}

Call ApiTest::call(const Credentials& who, const std::string& method, const std::string& target,
                   const Json& body) {
    return call_raw(method, target, body.is_null() ? std::string() : body.dump(), who.headers());
}

Json ApiTest::openapi() {
    return Json::parse(request(m_port, "GET", "/api/openapi.json").body);
}

namespace {

bool type_matches(const Json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
}

}  // namespace

std::vector<std::string> schema_problems(const Json& value, const Json& schema,
                                         const std::string& where) {
    std::vector<std::string> out;
    if (schema.contains("type")) {
        bool ok = false;
        if (schema["type"].is_array()) {
            for (const auto& t : schema["type"]) ok = ok || type_matches(value, t);
        } else {
            ok = type_matches(value, schema["type"]);
        }
        if (!ok) {
            out.push_back(where + ": expected " + schema["type"].dump() + ", got " + value.dump());
            return out;
        }
    }
    if (schema.contains("enum")) {
        bool found = false;
        for (const auto& e : schema["enum"]) found = found || e == value;
        if (!found) out.push_back(where + ": not in enum");
    }
    if (value.is_object() && schema.contains("properties")) {
        for (const auto& name : schema.value("required", Json::array())) {
            if (!value.contains(name.get<std::string>()))
                out.push_back(where + ": missing " + name.get<std::string>());
        }
        for (const auto& [name, v] : value.items()) {
            if (schema["properties"].contains(name)) {
                auto more = schema_problems(v, schema["properties"][name], where + "." + name);
                out.insert(out.end(), more.begin(), more.end());
            } else if (schema.contains("additionalProperties") &&
                       schema["additionalProperties"] == false) {
                out.push_back(where + ": undeclared property " + name);
            }
        }
    }
    if (value.is_array() && schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            auto more =
                schema_problems(value[i], schema["items"], where + "[" + std::to_string(i) + "]");
            out.insert(out.end(), more.begin(), more.end());
        }
    }
    return out;
}

}  // namespace dondoc::http::testing
