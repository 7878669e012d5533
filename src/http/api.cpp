// The routes of the JSON API. Each handler parses its input (already checked
// against the route's declared fields), calls one service function, and
// turns the result into JSON; errors become {"error": {...}} through
// status_for(), the one place where ErrorCode meets HTTP.
#include "http/api.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "domain/civil_date.h"
#include "read/record_json.h"

namespace dondoc::http {
namespace {

using Json = nlohmann::ordered_json;
using domain::CivilDate;
using domain::Role;

// ---- errors ---------------------------------------------------------------

int status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input:
            return 400;
        case ErrorCode::not_found:
            return 404;
        case ErrorCode::conflict:
            return 409;
        case ErrorCode::forbidden:
            return 403;
        case ErrorCode::io_error:
        case ErrorCode::corruption:
            return 500;
    }
    return 500;
}

Response json_response(int status, const Json& body) {
    Response r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    return r;
}

Response error_response(int status, std::string_view code, const std::string& message,
                        const std::string& field = {}) {
    Json error{{"code", code}, {"message", message}};
    if (!field.empty()) error["field"] = field;
    return json_response(status, Json{{"error", error}});
}

Response error_response(const Error& e) {
    return error_response(status_for(e.code), error_code_name(e.code), e.message, e.where);
}

Error invalid(const std::string& message, const std::string& field) {
    return make_error(ErrorCode::invalid_input, message, field);
}

// ---- input: declared fields, checked strictly -------------------------------

enum class Type { string, integer, boolean, date, string_array, nullable_date };

struct Field {
    Field(std::string field_name, Type field_type = Type::string, bool is_required = false,
          std::vector<std::string> allowed_values = {}, std::string about = {})
        : name(std::move(field_name)),
          type(field_type),
          required(is_required),
          allowed(std::move(allowed_values)),
          description(std::move(about)) {}
    std::string name;
    Type type = Type::string;
    bool required = false;
    std::vector<std::string> allowed;  // for enumerations
    std::string description;
};

std::string_view type_label(Type t) {
    switch (t) {
        case Type::string:
            return "chuỗi";
        case Type::integer:
            return "số nguyên";
        case Type::boolean:
            return "true hoặc false";
        case Type::date:
        case Type::nullable_date:
            return "ngày dạng yyyy-mm-dd";
        case Type::string_array:
            return "mảng chuỗi";
    }
    return "";
}

Json field_schema(const Field& f) {
    Json s;
    switch (f.type) {
        case Type::string:
            s = {{"type", "string"}};
            break;
        case Type::integer:
            s = {{"type", "integer"}};
            break;
        case Type::boolean:
            s = {{"type", "boolean"}};
            break;
        case Type::date:
            s = {{"type", "string"}, {"format", "date"}};
            break;
        case Type::nullable_date:
            s = {{"type", Json::array({"string", "null"})}, {"format", "date"}};
            break;
        case Type::string_array:
            s = {{"type", "array"}, {"items", {{"type", "string"}}}};
            break;
    }
    if (!f.allowed.empty()) s["enum"] = f.allowed;
    if (!f.description.empty()) s["description"] = f.description;
    return s;
}

std::optional<CivilDate> date_value(const std::string& text) {
    return domain::parse_date(text);
}

// Checks one JSON value against its field.
Result<void> check_value(const Field& f, const nlohmann::json& v) {
    bool ok = false;
    switch (f.type) {
        case Type::string:
            ok = v.is_string();
            break;
        case Type::integer:
            ok = v.is_number_integer();
            break;
        case Type::boolean:
            ok = v.is_boolean();
            break;
        case Type::date:
            ok = v.is_string() && date_value(v.get<std::string>());
            break;
        case Type::nullable_date:
            ok = v.is_null() || (v.is_string() && date_value(v.get<std::string>()));
            break;
        case Type::string_array:
            ok = v.is_array() && std::all_of(v.begin(), v.end(),
                                             [](const nlohmann::json& e) { return e.is_string(); });
            break;
    }
    if (!ok)
        return invalid("trường '" + f.name + "' phải là " + std::string(type_label(f.type)),
                       f.name);
    if (!f.allowed.empty() &&
        std::find(f.allowed.begin(), f.allowed.end(), v.get<std::string>()) == f.allowed.end())
        return invalid("trường '" + f.name + "' không nhận giá trị này", f.name);
    return {};
}

Result<nlohmann::json> parse_body(const std::string& body, const std::vector<Field>& fields) {
    nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) return invalid("nội dung không phải JSON hợp lệ", "");
    if (!j.is_object()) return invalid("nội dung phải là một đối tượng JSON", "");
    for (const auto& item : j.items()) {
        const std::string& key = item.key();
        const auto& value = item.value();
        auto f = std::find_if(fields.begin(), fields.end(),
                              [&](const Field& x) { return x.name == key; });
        if (f == fields.end()) return invalid("trường không được phép: '" + key + "'", key);
        if (auto checked = check_value(*f, value); !checked) return checked.error();
    }
    for (const auto& f : fields)
        if (f.required && !j.contains(f.name))
            return invalid("thiếu trường '" + f.name + "'", f.name);
    return j;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Percent-decoding; nullopt on a broken escape.
std::optional<std::string> decode(std::string_view s, bool plus_is_space) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_digit(s[i + 1]);
            const int lo = hex_digit(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (plus_is_space && s[i] == '+') {
            out.push_back(' ');
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const auto at = s.find(sep, start);
        out.push_back(
            s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) break;
        start = at + 1;
    }
    return out;
}

std::map<std::string, std::string> cookies(const Request& r) {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : r.headers) {
        if (name != "cookie") continue;
        for (auto part : split(value, ';')) {
            while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
            const auto eq = part.find('=');
            if (eq == std::string_view::npos) continue;
            out.emplace(std::string(part.substr(0, eq)), std::string(part.substr(eq + 1)));
        }
    }
    return out;
}

bool same_secret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// ---- response shapes (declared for OpenAPI, checked by the tests) -----------

Json t(std::string_view type) {
    return Json{{"type", type}};
}
Json nullable(std::string_view type) {
    return Json{{"type", Json::array({type, "null"})}};
}
Json array_of(Json items) {
    return Json{{"type", "array"}, {"items", std::move(items)}};
}
// An object with exactly these properties, all present.
Json object_of(std::initializer_list<std::pair<const char*, Json>> properties) {
    Json props = Json::object();
    Json required = Json::array();
    for (const auto& [name, schema] : properties) {
        props[name] = schema;
        required.push_back(name);
    }
    return Json{{"type", "object"},
                {"properties", props},
                {"required", required},
                {"additionalProperties", false}};
}
// An object whose properties are free (a reader's record).
Json any_object() {
    return Json{{"type", "object"}};
}

Json user_schema() {
    return object_of({{"id", t("integer")},
                      {"login", t("string")},
                      {"display_name", t("string")},
                      {"role", t("string")},
                      {"unit", t("string")},
                      {"expires_on", nullable("string")},
                      {"disabled", t("boolean")}});
}

Json task_schema() {
    return object_of({{"id", t("integer")},
                      {"document", t("string")},
                      {"clause", t("string")},
                      {"action", t("string")},
                      {"assignments", array_of(object_of({{"unit", nullable("string")},
                                                          {"mention", t("string")},
                                                          {"role", t("string")}}))},
                      {"state", t("string")},
                      {"status", t("string")},
                      {"due", nullable("string")},
                      {"period", t("string")},
                      {"report_to", nullable("string")},
                      {"report_via", nullable("string")},
                      {"product", nullable("string")},
                      {"version", t("integer")}});
}

Json document_schema() {
    return object_of({{"id", t("integer")},
                      {"notation", t("string")},
                      {"placeholder", t("boolean")},
                      {"date", nullable("string")},
                      {"type", t("string")},
                      {"issuer", t("string")},
                      {"subject", t("string")}});
}

Json unit_schema() {
    return object_of({{"id", t("string")},
                      {"name", t("string")},
                      {"kind", t("string")},
                      {"parent", nullable("string")},
                      {"aliases", array_of(t("string"))},
                      {"valid_from", nullable("string")},
                      {"valid_to", nullable("string")},
                      {"successors", array_of(t("string"))}});
}

Json ok_schema() {
    return object_of({{"ok", t("boolean")}});
}

// ---- JSON of the register's values -------------------------------------------

Json opt_date(const std::optional<CivilDate>& d) {
    return d ? Json(domain::iso(*d)) : Json(nullptr);
}
Json opt_text(const std::optional<std::string>& s) {
    return s ? Json(*s) : Json(nullptr);
}

std::string_view state_name(domain::TaskState s) {
    switch (s) {
        case domain::TaskState::active:
            return "active";
        case domain::TaskState::proposed:
            return "proposed";
        case domain::TaskState::cancelled:
            return "cancelled";
    }
    return "proposed";
}

Json task_json(const service::TaskView& v) {
    Json assignments = Json::array();
    for (const auto& a : v.task.assignments) {
        assignments.push_back({{"unit", a.unit ? Json(a.unit->value) : Json(nullptr)},
                               {"mention", a.mention},
                               {"role", read::role_name(a.role)}});
    }
    return Json{{"id", v.task.id.value},
                {"document", v.document_notation},
                {"clause", v.task.clause},
                {"action", v.task.action},
                {"assignments", assignments},
                {"state", state_name(v.task.state)},
                {"status", domain::task_status_name(v.status)},
                {"due", opt_date(v.due)},
                {"period", v.period_label},
                {"report_to", opt_text(v.task.report_to)},
                {"report_via", opt_text(v.task.report_via)},
                {"product", opt_text(v.task.product)},
                {"version", v.task.version}};
}

Json document_json(const domain::Document& d) {
    return Json{
        {"id", d.id.value},         {"notation", d.notation}, {"placeholder", d.placeholder},
        {"date", opt_date(d.date)}, {"type", d.type_code},    {"issuer", d.issuer_name},
        {"subject", d.subject}};
}

Json unit_json(const domain::Unit& u) {
    Json successors = Json::array();
    for (const auto& s : u.successors) successors.push_back(s.value);
    return Json{{"id", u.id.value},
                {"name", u.name},
                {"kind", domain::unit_kind_name(u.kind)},
                {"parent", u.parent ? Json(u.parent->value) : Json(nullptr)},
                {"aliases", u.aliases},
                {"valid_from", opt_date(u.valid_from)},
                {"valid_to", opt_date(u.valid_to)},
                {"successors", successors}};
}

Json cascade_json(const service::CascadeNode& node) {
    Json children = Json::array();
    for (const auto& c : node.children) children.push_back(cascade_json(c));
    return Json{{"document", document_json(node.document)},
                {"relation", node.relation == read::Relation::implements ? "implements" : "cites"},
                {"children", children}};
}

Json user_to_json(const domain::User& u) {
    return Json::parse(service::user_json(u));
}

// ---- routes -------------------------------------------------------------------

enum class Body { none, json, text };

struct Context {
    const Request& request;
    std::map<std::string, std::string> path;   // {id} → "12"
    std::map<std::string, std::string> query;  // decoded
    nlohmann::json body;                       // when Body::json
    std::optional<service::Principal> who;
    std::optional<std::set<std::string>> scope;  // nullopt: every unit

    [[nodiscard]] std::optional<std::string> q(const std::string& name) const {
        auto it = query.find(name);
        return it == query.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    [[nodiscard]] std::string actor() const { return who ? who->user.login : "anonymous"; }
};

struct Reply {
    int status = 200;
    Json body;
    std::vector<std::pair<std::string, std::string>> headers;
};

struct Route {
    std::string method;
    std::string pattern;
    std::string summary;
    bool open = false;        // no sign-in needed
    std::vector<Role> roles;  // who may call; empty: anyone signed in
    Body body = Body::none;
    std::vector<Field> fields;  // JSON body fields
    std::vector<Field> params;  // query parameters
    Json response;              // schema of a successful response
    int success = 200;
    std::function<Result<Reply>(Context&)> handler;
};

const std::vector<Role> k_admin = {Role::admin};
const std::vector<Role> k_registrars = {Role::admin, Role::tracker};
const std::vector<Role> k_reviewers = {Role::admin, Role::tracker, Role::leader};
const std::vector<Role> k_reporters = {Role::admin, Role::tracker, Role::leader,
                                       Role::unit_officer};

Result<std::int64_t> integer_param(const std::string& text, const std::string& name) {
    std::int64_t v = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || v < 0)
        return invalid("tham số '" + name + "' phải là số nguyên không âm", name);
    return v;
}

}  // namespace

struct Api::Impl {
    service::RegisterService& service;
    service::AccountService& accounts;
    store::Repository& repository;
    const domain::WorkingCalendar& calendar;
    const ApiLimits limits;
    std::vector<Route> routes;

    Impl(service::RegisterService& s, service::AccountService& a, store::Repository& r,
         const domain::WorkingCalendar& c, ApiLimits l)
        : service(s), accounts(a), repository(r), calendar(c), limits(l) {
        add_routes();
    }

    [[nodiscard]] CivilDate today() const {
        const std::chrono::sys_seconds now{std::chrono::seconds{accounts.now()}};
        return CivilDate{std::chrono::floor<std::chrono::days>(now + std::chrono::hours{7})};
    }

    Result<CivilDate> date_param(const Context& c, const std::string& name) const {
        auto v = c.q(name);
        if (!v) return today();
        auto d = date_value(*v);
        if (!d) return invalid("tham số '" + name + "' không phải ngày hợp lệ", name);
        return *d;
    }

    CivilDate body_date(const Context& c, const std::string& name) const {
        if (c.body.contains(name) && c.body[name].is_string())
            return *date_value(c.body[name].get<std::string>());
        return today();
    }

    Result<domain::TaskId> task_id(const Context& c) const {
        auto id = integer_param(c.path.at("id"), "id");
        if (!id || *id == 0) return make_error(ErrorCode::not_found, "không có nhiệm vụ này");
        return domain::TaskId{*id};
    }

    [[nodiscard]] static bool in_scope(const Context& c, const domain::Task& task) {
        if (!c.scope) return true;
        return std::any_of(task.assignments.begin(), task.assignments.end(), [&](const auto& a) {
            return a.unit && c.scope->contains(a.unit->value);
        });
    }

    // The task, when it exists and the caller may see it (404 otherwise, so
    // that another unit's tasks are not even confirmed to exist).
    Result<service::TaskView> visible_task(const Context& c, CivilDate as_of) {
        auto id = task_id(c);
        if (!id) return id.error();
        auto view = service.task(*id, as_of);
        if (!view) return view.error();
        if (!in_scope(c, view->task))
            return make_error(ErrorCode::not_found, "không có nhiệm vụ này");
        return view;
    }

    // The unit a list is about: the one asked for (which must be in scope),
    // else the caller's own unit for everyone but an admin.
    Result<std::optional<domain::UnitId>> scoped_unit(const Context& c) {
        auto unit = c.q("unit");
        if (unit) {
            if (c.scope && !c.scope->contains(*unit))
                return make_error(ErrorCode::forbidden,
                                  "đơn vị " + *unit + " nằm ngoài phạm vi của tài khoản", "unit");
            return std::optional<domain::UnitId>(domain::UnitId{*unit});
        }
        if (c.scope) return std::optional<domain::UnitId>(c.who->user.unit);
        return std::optional<domain::UnitId>();
    }

    // Runs a change to a task and writes its audit line with the task as it
    // was and as it is.
    Result<Reply> change_task(Context& c, const std::string& action,
                              const std::function<Result<Json>(domain::TaskId)>& change) {
        auto before = visible_task(c, today());
        if (!before) return before.error();
        auto extra = change(before->task.id);
        if (!extra) return extra.error();
        auto after = service.task(before->task.id, today());
        if (!after) return after.error();
        Json after_json = task_json(*after);
        if (!extra->is_null()) after_json["change"] = *extra;
        if (auto logged =
                accounts.record(c.actor(), action, "task/" + std::to_string(before->task.id.value),
                                task_json(*before).dump(), after_json.dump());
            !logged)
            return logged.error();
        return Reply{200, task_json(*after), {}};
    }

    void add(Route r) { routes.push_back(std::move(r)); }

    void add_routes();
    void add_account_routes();
    void add_document_routes();
    void add_task_routes();
    void add_unit_routes();

    Response handle(const Request& request);
    [[nodiscard]] Json openapi() const;
};

void Api::Impl::add_account_routes() {
    add({"GET",
         "/api/health",
         "Máy chủ đang chạy",
         true,
         {},
         Body::none,
         {},
         {},
         object_of({{"status", t("string")}}),
         200,
         [](Context&) -> Result<Reply> {
             return Reply{200, Json{{"status", "ok"}}, {}};
         }});
    add({"GET",
         "/api/openapi.json",
         "Mô tả OpenAPI của API này",
         true,
         {},
         Body::none,
         {},
         {},
         any_object(),
         200,
         [this](Context&) -> Result<Reply> {
             return Reply{200, openapi(), {}};
         }});
    add({"POST",
         "/api/login",
         "Đăng nhập; đặt cookie phiên và cookie CSRF",
         true,
         {},
         Body::json,
         {{"login", Type::string, true}, {"password", Type::string, true}},
         {},
         object_of({{"user", user_schema()}, {"csrf", t("string")}}),
         200,
         [this](Context& c) -> Result<Reply> {
             auto outcome = accounts.login(c.body["login"].get<std::string>(),
                                           c.body["password"].get<std::string>(), c.request.peer);
             if (!outcome) return outcome.error();
             using S = service::LoginOutcome::Status;
             switch (outcome->status) {
                 case S::ok:
                     break;
                 case S::locked:
                     return Reply{
                         429,
                         Json{{"error",
                               {{"code", "too_many_attempts"},
                                {"message", "Đăng nhập sai quá nhiều lần; hãy thử lại sau " +
                                                std::to_string(outcome->retry_after) + " giây."}}}},
                         {{"Retry-After", std::to_string(outcome->retry_after)}}};
                 case S::disabled:
                     return Reply{403,
                                  Json{{"error",
                                        {{"code", "account_disabled"},
                                         {"message", "Tài khoản đã bị khóa."}}}},
                                  {}};
                 case S::expired:
                     return Reply{403,
                                  Json{{"error",
                                        {{"code", "account_expired"},
                                         {"message", "Tài khoản đã hết hạn sử dụng."}}}},
                                  {}};
                 case S::bad_credentials:
                     return Reply{401,
                                  Json{{"error",
                                        {{"code", "unauthenticated"},
                                         {"message", "Sai tên đăng nhập hoặc mật khẩu."}}}},
                                  {}};
             }
             const auto max_age = std::to_string(service::k_session_seconds);
             return Reply{
                 200,
                 Json{{"user", user_to_json(outcome->principal->user)},
                      {"csrf", outcome->principal->csrf}},
                 {{"Set-Cookie", "dondoc_session=" + outcome->session_token +
                                     "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + max_age},
                  {"Set-Cookie", "dondoc_csrf=" + outcome->principal->csrf +
                                     "; Path=/; SameSite=Strict; Max-Age=" + max_age}}};
         }});
    add({"POST",
         "/api/logout",
         "Đăng xuất",
         false,
         {},
         Body::none,
         {},
         {},
         ok_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             const auto jar = cookies(c.request);
             if (auto it = jar.find("dondoc_session"); it != jar.end()) {
                 if (auto out = accounts.logout(it->second); !out) return out.error();
             }
             return Reply{200,
                          Json{{"ok", true}},
                          {{"Set-Cookie",
                            "dondoc_session=; Path=/; HttpOnly; SameSite=Strict; "
                            "Max-Age=0"},
                           {"Set-Cookie", "dondoc_csrf=; Path=/; SameSite=Strict; Max-Age=0"}}};
         }});
    add({"GET",
         "/api/me",
         "Tài khoản đang đăng nhập",
         false,
         {},
         Body::none,
         {},
         {},
         user_schema(),
         200,
         [](Context& c) -> Result<Reply> {
             return Reply{200, user_to_json(c.who->user), {}};
         }});
    add({"POST",
         "/api/me/password",
         "Đổi mật khẩu của chính mình (các phiên kết thúc)",
         false,
         {},
         Body::json,
         {{"old_password", Type::string, true}, {"password", Type::string, true}},
         {},
         ok_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             auto changed = accounts.change_own_password(c.who->user,
                                                         c.body["old_password"].get<std::string>(),
                                                         c.body["password"].get<std::string>());
             if (!changed) return changed.error();
             return Reply{200, Json{{"ok", true}}, {}};
         }});
    const std::vector<std::string> roles = {"admin", "leader", "tracker", "unit_officer"};
    add({"GET",
         "/api/users",
         "Danh sách tài khoản",
         false,
         k_admin,
         Body::none,
         {},
         {},
         array_of(user_schema()),
         200,
         [this](Context&) -> Result<Reply> {
             auto users = accounts.users();
             if (!users) return users.error();
             Json out = Json::array();
             for (const auto& u : *users) out.push_back(user_to_json(u));
             return Reply{200, out, {}};
         }});
    add({"POST",
         "/api/users",
         "Tạo tài khoản",
         false,
         k_admin,
         Body::json,
         {{"login", Type::string, true},
          {"display_name", Type::string, false},
          {"password", Type::string, true},
          {"role", Type::string, true, roles},
          {"unit", Type::string, true},
          {"expires_on", Type::nullable_date, false}},
         {},
         user_schema(),
         201,
         [this](Context& c) -> Result<Reply> {
             service::NewUser n;
             n.login = c.body["login"].get<std::string>();
             n.display_name = c.body.value("display_name", std::string());
             n.password = c.body["password"].get<std::string>();
             n.role = *domain::role_from_name(c.body["role"].get<std::string>());
             n.unit = domain::UnitId{c.body["unit"].get<std::string>()};
             if (c.body.contains("expires_on") && c.body["expires_on"].is_string())
                 n.expires_on = date_value(c.body["expires_on"].get<std::string>());
             auto user = accounts.add_user(c.actor(), n);
             if (!user) return user.error();
             return Reply{201, user_to_json(*user), {}};
         }});
    add({"PATCH",
         "/api/users/{login}",
         "Sửa tài khoản (mật khẩu, vai trò, khóa, hạn dùng)",
         false,
         k_admin,
         Body::json,
         {{"display_name", Type::string, false},
          {"password", Type::string, false},
          {"role", Type::string, false, roles},
          {"unit", Type::string, false},
          {"expires_on", Type::nullable_date, false},
          {"disabled", Type::boolean, false}},
         {},
         user_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             service::UserChange change;
             const auto& b = c.body;
             if (b.contains("display_name")) change.display_name = b["display_name"];
             if (b.contains("password")) change.password = b["password"];
             if (b.contains("role"))
                 change.role = domain::role_from_name(b["role"].get<std::string>());
             if (b.contains("unit")) change.unit = domain::UnitId{b["unit"].get<std::string>()};
             if (b.contains("expires_on"))
                 change.expires_on = b["expires_on"].is_null()
                                         ? std::optional<CivilDate>()
                                         : date_value(b["expires_on"].get<std::string>());
             if (b.contains("disabled")) change.disabled = b["disabled"].get<bool>();
             auto user = accounts.change_user(c.actor(), c.path.at("login"), change);
             if (!user) return user.error();
             return Reply{200, user_to_json(*user), {}};
         }});
    add({"POST",
         "/api/users/{login}/tokens",
         "Tạo mã truy cập (bearer) cho tập lệnh",
         false,
         k_admin,
         Body::json,
         {{"name", Type::string, true}, {"expires_on", Type::nullable_date, false}},
         {},
         object_of({{"token", t("string")}}),
         201,
         [this](Context& c) -> Result<Reply> {
             std::optional<CivilDate> expires;
             if (c.body.contains("expires_on") && c.body["expires_on"].is_string())
                 expires = date_value(c.body["expires_on"].get<std::string>());
             auto token = accounts.create_token(c.actor(), c.path.at("login"),
                                                c.body["name"].get<std::string>(), expires);
             if (!token) return token.error();
             return Reply{201, Json{{"token", *token}}, {}};
         }});
    add({"GET",
         "/api/audit",
         "Nhật ký thay đổi (mới nhất trước)",
         false,
         k_admin,
         Body::none,
         {},
         {{"limit", Type::integer}, {"offset", Type::integer}},
         array_of(object_of({{"id", t("integer")},
                             {"at", t("integer")},
                             {"actor", t("string")},
                             {"action", t("string")},
                             {"target", t("string")},
                             {"before", Json::object()},
                             {"after", Json::object()}})),
         200,
         [this](Context& c) -> Result<Reply> {
             std::size_t limit = 100;
             std::size_t offset = 0;
             if (auto l = c.q("limit"))
                 limit = static_cast<std::size_t>(*integer_param(*l, "limit"));
             if (auto o = c.q("offset"))
                 offset = static_cast<std::size_t>(*integer_param(*o, "offset"));
             limit = std::clamp<std::size_t>(limit, 1, limits.max_page);
             auto entries = accounts.audit(limit, offset);
             if (!entries) return entries.error();
             Json out = Json::array();
             for (const auto& e : *entries) {
                 out.push_back({{"id", e.id},
                                {"at", e.at},
                                {"actor", e.actor},
                                {"action", e.action},
                                {"target", e.target},
                                {"before", Json::parse(e.before_json, nullptr, false)},
                                {"after", Json::parse(e.after_json, nullptr, false)}});
             }
             return Reply{200, out, {}};
         }});
}

void Api::Impl::add_document_routes() {
    add({"POST",
         "/api/documents",
         "Vào sổ một văn bản (nội dung text/plain); trả về các nhiệm vụ đề xuất",
         false,
         k_registrars,
         Body::text,
         {},
         {{"name", Type::string, false, {}, "tên tệp"},
          {"confirm", Type::boolean, false, {}, "xác nhận ngay các nhiệm vụ"},
          {"received", Type::date, false, {}, "ngày đến"}},
         object_of({{"document", t("integer")},
                    {"notation", t("string")},
                    {"already_registered", t("boolean")},
                    {"filled_placeholder", t("boolean")},
                    {"tasks", array_of(task_schema())},
                    {"references", t("integer")},
                    {"placeholders_created", t("integer")},
                    {"unresolved", array_of(t("string"))},
                    {"warnings", array_of(t("string"))}}),
         201,
         [this](Context& c) -> Result<Reply> {
             service::IngestOptions options;
             options.confirm = c.q("confirm") == "true";
             if (c.q("received")) {
                 auto received = date_param(c, "received");
                 if (!received) return received.error();
                 options.received_on = *received;
             }
             const std::string name = c.q("name").value_or("upload.txt");
             auto result = service.ingest(c.request.body, name, options);
             if (!result) return result.error();
             Json tasks = Json::array();
             for (const auto& id : result->tasks) {
                 auto view = service.task(id, today());
                 if (!view) return view.error();
                 tasks.push_back(task_json(*view));
             }
             Json out{{"document", result->document.value},
                      {"notation", result->notation},
                      {"already_registered", result->already_registered},
                      {"filled_placeholder", result->filled_placeholder},
                      {"tasks", tasks},
                      {"references", result->references},
                      {"placeholders_created", result->placeholders_created},
                      {"unresolved", result->unresolved},
                      {"warnings", result->warnings}};
             if (!result->already_registered) {
                 Json logged = out;
                 logged.erase("tasks");
                 logged["task_ids"] = result->tasks.size();
                 if (auto a =
                         accounts.record(c.actor(), "document.ingest",
                                         "document/" + result->notation, "null", logged.dump());
                     !a)
                     return a.error();
             }
             return Reply{result->already_registered ? 200 : 201, out, {}};
         }});
    add({"GET",
         "/api/documents",
         "Danh sách văn bản, hoặc tìm kiếm với q (không cần dấu)",
         false,
         {},
         Body::none,
         {},
         {{"q", Type::string}, {"limit", Type::integer}, {"offset", Type::integer}},
         array_of(document_schema()),
         200,
         [this](Context& c) -> Result<Reply> {
             std::size_t limit = 100;
             std::size_t offset = 0;
             if (auto l = c.q("limit"))
                 limit = static_cast<std::size_t>(*integer_param(*l, "limit"));
             if (auto o = c.q("offset"))
                 offset = static_cast<std::size_t>(*integer_param(*o, "offset"));
             limit = std::clamp<std::size_t>(limit, 1, limits.max_page);
             Result<std::vector<domain::Document>> docs =
                 c.q("q") ? service.search(*c.q("q"), limit + offset)
                          : repository.documents(limit, offset);
             if (!docs) return docs.error();
             Json out = Json::array();
             std::size_t skip = c.q("q") ? offset : 0;
             for (const auto& d : *docs) {
                 if (skip > 0) {
                     --skip;
                     continue;
                 }
                 out.push_back(document_json(d));
             }
             return Reply{200, out, {}};
         }});
    add({"GET",
         "/api/documents/{notation}",
         "Một văn bản: bản ghi đọc được và các nhiệm vụ (kể cả đề xuất) trong phạm vi",
         false,
         {},
         Body::none,
         {},
         {{"as_of", Type::date}},
         object_of({{"document", document_schema()},
                    {"record", any_object()},
                    {"tasks", array_of(task_schema())}}),
         200,
         [this](Context& c) -> Result<Reply> {
             auto doc = service.document_by_notation(c.path.at("notation"));
             if (!doc) return doc.error();
             auto as_of = date_param(c, "as_of");
             if (!as_of) return as_of.error();
             service::TaskQuery query;
             query.as_of = *as_of;
             query.directive = doc->notation;
             query.include_proposed = true;
             auto views = service.tasks(query);
             if (!views) return views.error();
             Json tasks = Json::array();
             for (const auto& v : *views)
                 if (in_scope(c, v.task)) tasks.push_back(task_json(v));
             Json record = Json::parse(doc->record_json, nullptr, false);
             if (record.is_discarded() || !record.is_object()) record = Json::object();
             return Reply{
                 200,
                 Json{{"document", document_json(*doc)}, {"record", record}, {"tasks", tasks}},
                 {}};
         }});
    add({"GET",
         "/api/documents/{notation}/cascade",
         "Văn bản cấp trên và các văn bản triển khai",
         false,
         {},
         Body::none,
         {},
         {},
         object_of({{"upward", array_of(document_schema())}, {"downward", any_object()}}),
         200,
         [this](Context& c) -> Result<Reply> {
             auto cascade = service.cascade(c.path.at("notation"));
             if (!cascade) return cascade.error();
             Json upward = Json::array();
             for (const auto& d : cascade->upward) upward.push_back(document_json(d));
             return Reply{
                 200, Json{{"upward", upward}, {"downward", cascade_json(cascade->downward)}}, {}};
         }});
    add({"POST",
         "/api/documents/{notation}/confirm",
         "Xác nhận mọi nhiệm vụ đề xuất của một văn bản",
         false,
         k_registrars,
         Body::none,
         {},
         {},
         object_of({{"confirmed", t("integer")}}),
         200,
         [this](Context& c) -> Result<Reply> {
             auto doc = service.document_by_notation(c.path.at("notation"));
             if (!doc) return doc.error();
             auto n = service.confirm_tasks(doc->id);
             if (!n) return n.error();
             if (auto a = accounts.record(c.actor(), "document.confirm_tasks",
                                          "document/" + doc->notation, "null",
                                          Json{{"confirmed", *n}}.dump());
                 !a)
                 return a.error();
             return Reply{200, Json{{"confirmed", *n}}, {}};
         }});
}

void Api::Impl::add_task_routes() {
    const std::vector<std::string> statuses = {"done_on_time", "done_late", "in_progress",
                                               "due_soon",     "overdue",   "no_deadline"};
    add({"GET",
         "/api/tasks",
         "Nhiệm vụ theo đơn vị, trạng thái, văn bản; sắp xếp, phân trang",
         false,
         {},
         Body::none,
         {},
         {{"unit", Type::string},
          {"status", Type::string, false, statuses},
          {"directive", Type::string},
          {"as_of", Type::date},
          {"proposed", Type::boolean},
          {"sort", Type::string, false, {"id", "due", "status", "document"}},
          {"order", Type::string, false, {"asc", "desc"}},
          {"limit", Type::integer},
          {"offset", Type::integer}},
         object_of({{"total", t("integer")},
                    {"offset", t("integer")},
                    {"limit", t("integer")},
                    {"as_of", t("string")},
                    {"items", array_of(task_schema())}}),
         200,
         [this](Context& c) -> Result<Reply> {
             service::TaskQuery query;
             auto as_of = date_param(c, "as_of");
             if (!as_of) return as_of.error();
             query.as_of = *as_of;
             auto unit = scoped_unit(c);
             if (!unit) return unit.error();
             query.unit = *unit;
             if (auto s = c.q("status")) query.status = domain::task_status_from_name(*s);
             query.directive = c.q("directive");
             query.include_proposed = c.q("proposed") == "true";
             auto views = service.tasks(query);
             if (!views) return views.error();
             auto& items = *views;
             const std::string sort = c.q("sort").value_or("id");
             const bool desc = c.q("order") == "desc";
             auto key_less = [&](const service::TaskView& a, const service::TaskView& b) {
                 if (sort == "due") {
                     if (a.due != b.due) {
                         if (!a.due) return false;
                         if (!b.due) return true;
                         return *a.due < *b.due;
                     }
                 } else if (sort == "status") {
                     if (a.status != b.status) return a.status < b.status;
                 } else if (sort == "document") {
                     if (a.document_notation != b.document_notation)
                         return a.document_notation < b.document_notation;
                 }
                 return a.task.id < b.task.id;
             };
             std::stable_sort(items.begin(), items.end(), [&](const auto& a, const auto& b) {
                 return desc ? key_less(b, a) : key_less(a, b);
             });
             std::size_t limit = 50;
             std::size_t offset = 0;
             if (auto l = c.q("limit"))
                 limit = static_cast<std::size_t>(*integer_param(*l, "limit"));
             if (auto o = c.q("offset"))
                 offset = static_cast<std::size_t>(*integer_param(*o, "offset"));
             limit = std::clamp<std::size_t>(limit, 1, limits.max_page);
             Json page = Json::array();
             for (std::size_t i = offset; i < items.size() && i < offset + limit; ++i)
                 page.push_back(task_json(items[i]));
             return Reply{200,
                          Json{{"total", items.size()},
                               {"offset", offset},
                               {"limit", limit},
                               {"as_of", domain::iso(*as_of)},
                               {"items", page}},
                          {}};
         }});
    add({"GET",
         "/api/tasks/{id}",
         "Một nhiệm vụ, trạng thái và lịch sử",
         false,
         {},
         Body::none,
         {},
         {{"as_of", Type::date}},
         object_of({{"task", task_schema()},
                    {"deadlines", array_of(t("string"))},
                    {"progress", array_of(object_of({{"on", t("string")},
                                                     {"unit", nullable("string")},
                                                     {"text", t("string")},
                                                     {"percent", nullable("integer")}}))},
                    {"reports", array_of(object_of({{"id", t("integer")},
                                                    {"reported_on", t("string")},
                                                    {"text", t("string")},
                                                    {"outcome", nullable("string")},
                                                    {"reviewed_on", nullable("string")},
                                                    {"review_note", t("string")}}))},
                    {"extensions", array_of(object_of({{"id", t("integer")},
                                                       {"requested_on", t("string")},
                                                       {"new_due", t("string")},
                                                       {"reason", t("string")},
                                                       {"decision", t("string")},
                                                       {"decided_on", nullable("string")}}))}}),
         200,
         [this](Context& c) -> Result<Reply> {
             auto as_of = date_param(c, "as_of");
             if (!as_of) return as_of.error();
             auto view = visible_task(c, *as_of);
             if (!view) return view.error();
             const auto& task = view->task;
             Json deadlines = Json::array();
             for (const auto& d : task.deadlines) deadlines.push_back(d.text);
             auto progress = repository.progress(task.id);
             if (!progress) return progress.error();
             Json p = Json::array();
             for (const auto& u : *progress) {
                 p.push_back({{"on", domain::iso(u.on)},
                              {"unit", u.unit ? Json(u.unit->value) : Json(nullptr)},
                              {"text", u.text},
                              {"percent", u.percent ? Json(*u.percent) : Json(nullptr)}});
             }
             Json reports = Json::array();
             Json extensions = Json::array();
             if (task.document) {
                 store::TaskFilter filter;
                 filter.document = task.document;
                 auto facts = repository.task_facts(filter);
                 if (!facts) return facts.error();
                 for (const auto& f : *facts) {
                     if (f.task.id != task.id) continue;
                     for (const auto& r : f.reports) {
                         reports.push_back(
                             {{"id", r.id},
                              {"reported_on", domain::iso(r.reported_on)},
                              {"text", r.text},
                              {"outcome", r.outcome
                                              ? Json(*r.outcome == domain::ReviewOutcome::confirmed
                                                         ? "confirmed"
                                                         : "returned")
                                              : Json(nullptr)},
                              {"reviewed_on", opt_date(r.reviewed_on)},
                              {"review_note", r.review_note}});
                     }
                     for (const auto& e : f.extensions) {
                         extensions.push_back(
                             {{"id", e.id},
                              {"requested_on", domain::iso(e.requested_on)},
                              {"new_due", domain::iso(e.new_due)},
                              {"reason", e.reason},
                              {"decision",
                               e.decision == domain::ExtensionDecision::pending    ? "pending"
                               : e.decision == domain::ExtensionDecision::approved ? "approved"
                                                                                   : "rejected"},
                              {"decided_on", opt_date(e.decided_on)}});
                     }
                 }
             }
             return Reply{200,
                          Json{{"task", task_json(*view)},
                               {"deadlines", deadlines},
                               {"progress", p},
                               {"reports", reports},
                               {"extensions", extensions}},
                          {}};
         }});
    add({"POST",
         "/api/tasks/{id}/confirm",
         "Xác nhận một nhiệm vụ đề xuất",
         false,
         k_registrars,
         Body::none,
         {},
         {},
         task_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             return change_task(c, "task.confirm", [this](domain::TaskId id) -> Result<Json> {
                 if (auto r = service.confirm_task(id); !r) return r.error();
                 return Json(nullptr);
             });
         }});
    add({"POST",
         "/api/tasks/{id}/progress",
         "Cập nhật tiến độ",
         false,
         k_reporters,
         Body::json,
         {{"text", Type::string, true},
          {"percent", Type::integer, false},
          {"on", Type::date, false}},
         {},
         task_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             std::optional<int> percent;
             if (c.body.contains("percent")) {
                 const auto p = c.body["percent"].get<std::int64_t>();
                 if (p < 0 || p > 100)
                     return invalid("trường 'percent' phải từ 0 đến 100", "percent");
                 percent = static_cast<int>(p);
             }
             const std::string text = c.body["text"].get<std::string>();
             const CivilDate on = body_date(c, "on");
             return change_task(c, "task.progress", [&](domain::TaskId id) -> Result<Json> {
                 if (auto r = service.progress(id, on, text, percent); !r) return r.error();
                 return Json{{"on", domain::iso(on)}, {"text", text}};
             });
         }});
    add({"POST",
         "/api/tasks/{id}/report",
         "Báo cáo hoàn thành",
         false,
         k_reporters,
         Body::json,
         {{"text", Type::string, true}, {"on", Type::date, false}},
         {},
         task_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             const std::string text = c.body["text"].get<std::string>();
             const CivilDate on = body_date(c, "on");
             return change_task(c, "task.report", [&](domain::TaskId id) -> Result<Json> {
                 auto r = service.report_done(id, on, text);
                 if (!r) return r.error();
                 return Json{{"report", *r}, {"on", domain::iso(on)}, {"text", text}};
             });
         }});
    add({"POST",
         "/api/tasks/{id}/review",
         "Xác nhận hoặc trả lại báo cáo hoàn thành",
         false,
         k_reviewers,
         Body::json,
         {{"outcome", Type::string, true, {"confirmed", "returned"}},
          {"note", Type::string, false},
          {"on", Type::date, false}},
         {},
         task_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             const auto outcome = c.body["outcome"] == "confirmed"
                                      ? domain::ReviewOutcome::confirmed
                                      : domain::ReviewOutcome::returned;
             const std::string note = c.body.value("note", std::string());
             const CivilDate on = body_date(c, "on");
             return change_task(c, "task.review", [&](domain::TaskId id) -> Result<Json> {
                 if (auto r = service.review(id, outcome, on, note); !r) return r.error();
                 return Json{{"outcome", c.body["outcome"]}, {"on", domain::iso(on)}};
             });
         }});
    add({"POST",
         "/api/tasks/{id}/extensions",
         "Đề nghị gia hạn",
         false,
         k_reporters,
         Body::json,
         {{"new_due", Type::date, true},
          {"reason", Type::string, false},
          {"on", Type::date, false}},
         {},
         task_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             const CivilDate new_due = *date_value(c.body["new_due"].get<std::string>());
             const std::string reason = c.body.value("reason", std::string());
             const CivilDate on = body_date(c, "on");
             return change_task(
                 c, "task.extension_request", [&](domain::TaskId id) -> Result<Json> {
                     auto r = service.request_extension(id, on, new_due, reason);
                     if (!r) return r.error();
                     return Json{{"extension", *r}, {"new_due", domain::iso(new_due)}};
                 });
         }});
    add({"POST",
         "/api/tasks/{id}/extensions/decision",
         "Quyết định về đề nghị gia hạn",
         false,
         k_reviewers,
         Body::json,
         {{"decision", Type::string, true, {"approved", "rejected"}}, {"on", Type::date, false}},
         {},
         task_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             const auto decision = c.body["decision"] == "approved"
                                       ? domain::ExtensionDecision::approved
                                       : domain::ExtensionDecision::rejected;
             const CivilDate on = body_date(c, "on");
             return change_task(
                 c, "task.extension_decision", [&](domain::TaskId id) -> Result<Json> {
                     if (auto r = service.decide_extension(id, decision, on); !r) return r.error();
                     return Json{{"decision", c.body["decision"]}, {"on", domain::iso(on)}};
                 });
         }});
    add({"GET",
         "/api/scoreboard",
         "Bảng theo dõi kết quả theo đơn vị",
         false,
         {},
         Body::none,
         {},
         {{"as_of", Type::date}, {"from", Type::date}, {"to", Type::date}, {"unit", Type::string}},
         array_of(object_of({{"unit", t("string")},
                             {"name", t("string")},
                             {"assigned", t("integer")},
                             {"done_on_time", t("integer")},
                             {"done_late", t("integer")},
                             {"in_progress", t("integer")},
                             {"overdue", t("integer")},
                             {"no_deadline", t("integer")},
                             {"completion_rate", t("number")}})),
         200,
         [this](Context& c) -> Result<Reply> {
             service::ScoreQuery query;
             auto as_of = date_param(c, "as_of");
             if (!as_of) return as_of.error();
             query.as_of = *as_of;
             if (c.q("from")) query.from = *date_param(c, "from");
             if (c.q("to")) query.to = *date_param(c, "to");
             auto unit = scoped_unit(c);
             if (!unit) return unit.error();
             query.unit = *unit;
             auto rows = service.scoreboard(query);
             if (!rows) return rows.error();
             Json out = Json::array();
             for (const auto& r : *rows) {
                 out.push_back({{"unit", r.unit.value},
                                {"name", r.unit_name},
                                {"assigned", r.assigned},
                                {"done_on_time", r.done_on_time},
                                {"done_late", r.done_late},
                                {"in_progress", r.in_progress},
                                {"overdue", r.overdue},
                                {"no_deadline", r.no_deadline},
                                {"completion_rate", r.completion_rate()}});
             }
             return Reply{200, out, {}};
         }});
    add({"GET",
         "/api/calendar/{year}",
         "Ngày làm việc và ngày nghỉ của một năm",
         false,
         {},
         Body::none,
         {},
         {},
         object_of({{"year", t("integer")},
                    {"working_days", t("integer")},
                    {"days_off",
                     array_of(object_of(
                         {{"date", t("string")}, {"kind", t("string")}, {"name", t("string")}}))}}),
         200,
         [this](Context& c) -> Result<Reply> {
             auto year = integer_param(c.path.at("year"), "year");
             if (!year || *year < 1990 || *year > 2100)
                 return invalid("năm phải trong khoảng 1990–2100", "year");
             const int y = static_cast<int>(*year);
             const CivilDate last_of_previous{std::chrono::year{y - 1}, std::chrono::December,
                                              std::chrono::day{31}};
             const CivilDate last{std::chrono::year{y}, std::chrono::December,
                                  std::chrono::day{31}};
             Json days = Json::array();
             for (const auto& d : calendar.days_off(y)) {
                 std::string_view kind = "holiday";
                 if (d.kind == domain::DayKind::compensatory_off) kind = "compensatory_off";
                 if (d.kind == domain::DayKind::makeup_working) kind = "makeup_working";
                 days.push_back({{"date", domain::iso(d.date)}, {"kind", kind}, {"name", d.name}});
             }
             return Reply{
                 200,
                 Json{{"year", y},
                      {"working_days", calendar.working_days_between(last_of_previous, last)},
                      {"days_off", days}},
                 {}};
         }});
}

void Api::Impl::add_unit_routes() {
    add({"GET",
         "/api/units",
         "Danh mục đơn vị",
         false,
         {},
         Body::none,
         {},
         {},
         array_of(unit_schema()),
         200,
         [this](Context&) -> Result<Reply> {
             auto units = service.units();
             if (!units) return units.error();
             Json out = Json::array();
             for (const auto& u : *units) out.push_back(unit_json(u));
             return Reply{200, out, {}};
         }});
    add({"GET",
         "/api/units/tree",
         "Cây đơn vị (mỗi nút có children)",
         false,
         {},
         Body::none,
         {},
         {},
         array_of(any_object()),
         200,
         [this](Context&) -> Result<Reply> {
             auto units = service.units();
             if (!units) return units.error();
             std::multimap<std::string, const domain::Unit*> children;
             std::set<std::string> ids;
             for (const auto& u : *units) ids.insert(u.id.value);
             for (const auto& u : *units)
                 children.emplace(u.parent && ids.contains(u.parent->value) ? u.parent->value : "",
                                  &u);
             std::function<Json(const std::string&, int)> build = [&](const std::string& parent,
                                                                      int depth) {
                 Json out = Json::array();
                 if (depth > 32) return out;
                 auto [first, last] = children.equal_range(parent);
                 for (auto it = first; it != last; ++it) {
                     Json node = unit_json(*it->second);
                     node["children"] = build(it->second->id.value, depth + 1);
                     out.push_back(node);
                 }
                 return out;
             };
             return Reply{200, build("", 0), {}};
         }});
    add({"POST",
         "/api/units/aliases",
         "Ghi nhớ một tên trong văn bản ứng với đơn vị nào",
         false,
         k_admin,
         Body::json,
         {{"mention", Type::string, true},
          {"units", Type::string_array, true},
          {"issuer", Type::string, false}},
         {},
         ok_schema(),
         200,
         [this](Context& c) -> Result<Reply> {
             std::vector<domain::UnitId> units;
             for (const auto& u : c.body["units"])
                 units.push_back(domain::UnitId{u.get<std::string>()});
             if (units.empty()) return invalid("cần ít nhất một đơn vị", "units");
             std::optional<domain::UnitId> issuer;
             if (c.body.contains("issuer"))
                 issuer = domain::UnitId{c.body["issuer"].get<std::string>()};
             const std::string mention = c.body["mention"].get<std::string>();
             if (auto r = service.map_name(mention, issuer, units); !r) return r.error();
             accounts.forget_units();
             Json after = c.body;
             if (auto a = accounts.record(c.actor(), "unit.alias", "mention/" + mention, "null",
                                          after.dump());
                 !a)
                 return a.error();
             return Reply{200, Json{{"ok", true}}, {}};
         }});
    add({"POST",
         "/api/units/merge",
         "Sáp nhập: chuyển nhiệm vụ chưa xong sang đơn vị mới",
         false,
         k_admin,
         Body::json,
         {{"from", Type::string, true}, {"to", Type::string, true}, {"on", Type::date, true}},
         {},
         object_of({{"moved", t("integer")}}),
         200,
         [this](Context& c) -> Result<Reply> {
             const domain::UnitId from{c.body["from"].get<std::string>()};
             const domain::UnitId to{c.body["to"].get<std::string>()};
             const CivilDate on = body_date(c, "on");
             auto moved = service.merge_unit(from, to, on);
             if (!moved) return moved.error();
             accounts.forget_units();
             if (auto a = accounts.record(
                     c.actor(), "unit.merge", "unit/" + from.value,
                     Json{{"unit", from.value}}.dump(),
                     Json{{"successor", to.value}, {"on", domain::iso(on)}, {"moved", *moved}}
                         .dump());
                 !a)
                 return a.error();
             return Reply{200, Json{{"moved", *moved}}, {}};
         }});
}

void Api::Impl::add_routes() {
    add_account_routes();
    add_document_routes();
    add_task_routes();
    add_unit_routes();
}

Response Api::Impl::handle(const Request& request) {
    // Split the target into path segments and query parameters.
    const std::string_view target = request.target;
    const auto qmark = target.find('?');
    const std::string_view path = target.substr(0, qmark);
    const std::string_view query_text =
        qmark == std::string_view::npos ? std::string_view() : target.substr(qmark + 1);
    if (path.empty() || path.front() != '/')
        return error_response(400, "bad_request", "Đường dẫn không hợp lệ.");
    const auto segments = split(path.substr(1), '/');

    const Route* route = nullptr;
    bool path_matched = false;
    std::map<std::string, std::string> params;
    for (const auto& r : routes) {
        const auto pattern = split(std::string_view(r.pattern).substr(1), '/');
        if (pattern.size() != segments.size()) continue;
        std::map<std::string, std::string> found;
        bool match = true;
        for (std::size_t i = 0; i < pattern.size() && match; ++i) {
            if (pattern[i].size() > 2 && pattern[i].front() == '{') {
                auto value = decode(segments[i], false);
                if (!value || value->empty()) {
                    match = false;
                    break;
                }
                found[std::string(pattern[i].substr(1, pattern[i].size() - 2))] = *value;
            } else {
                match = pattern[i] == segments[i];
            }
        }
        if (!match) continue;
        path_matched = true;
        if (r.method != request.method) continue;
        route = &r;
        params = std::move(found);
        break;
    }
    if (!route) {
        if (path_matched)
            return error_response(405, "method_not_allowed",
                                  "Phương thức " + request.method + " không dùng được ở đây.");
        return error_response(404, "not_found", "Không có đường dẫn này.");
    }

    Context c{request, std::move(params), {}, {}, std::nullopt, std::nullopt};
    if (!query_text.empty()) {
        for (auto part : split(query_text, '&')) {
            if (part.empty()) continue;
            const auto eq = part.find('=');
            auto name = decode(part.substr(0, eq), true);
            auto value = decode(eq == std::string_view::npos ? "" : part.substr(eq + 1), true);
            if (!name || !value)
                return error_response(400, "invalid_input", "Tham số không hợp lệ.");
            auto f = std::find_if(route->params.begin(), route->params.end(),
                                  [&](const Field& x) { return x.name == *name; });
            if (f == route->params.end())
                return error_response(400, "invalid_input",
                                      "Tham số không được phép: '" + *name + "'", *name);
            bool ok = true;
            if (f->type == Type::integer) ok = integer_param(*value, *name).ok();
            if (f->type == Type::boolean) ok = *value == "true" || *value == "false";
            if (f->type == Type::date) ok = date_value(*value).has_value();
            if (ok && !f->allowed.empty())
                ok = std::find(f->allowed.begin(), f->allowed.end(), *value) != f->allowed.end();
            if (!ok)
                return error_response(400, "invalid_input",
                                      "Tham số '" + *name + "' phải là " +
                                          std::string(type_label(f->type)) +
                                          (f->allowed.empty() ? "" : " trong danh sách cho phép"),
                                      *name);
            c.query[*name] = *value;
        }
    }

    // Who is asking.
    if (!route->open) {
        std::optional<service::Principal> who;
        const std::string authorization = request.header("authorization");
        const auto jar = cookies(request);
        if (authorization.rfind("Bearer ", 0) == 0) {
            auto p = accounts.authenticate_token(authorization.substr(7));
            if (!p) return error_response(p.error());
            who = *p;
        } else if (auto it = jar.find("dondoc_session"); it != jar.end()) {
            auto p = accounts.authenticate_session(it->second);
            if (!p) return error_response(p.error());
            who = *p;
            // CSRF: an unsafe request with a session cookie must echo the
            // session's token in a header, matching the readable cookie.
            if (who && request.method != "GET" && request.method != "HEAD") {
                const std::string header = request.header("x-csrf-token");
                auto cookie = jar.find("dondoc_csrf");
                if (!same_secret(header, who->csrf) || cookie == jar.end() ||
                    !same_secret(cookie->second, header))
                    return error_response(403, "csrf", "Thiếu hoặc sai mã chống giả mạo (CSRF).");
            }
        }
        if (!who) return error_response(401, "unauthenticated", "Cần đăng nhập.");
        if (!route->roles.empty() && std::find(route->roles.begin(), route->roles.end(),
                                               who->user.role) == route->roles.end())
            return error_response(403, "forbidden", "Tài khoản không có quyền làm việc này.");
        auto scope = accounts.scope(who->user);
        if (!scope) return error_response(scope.error());
        c.scope = std::move(*scope);
        c.who = std::move(who);
    }

    // The body.
    if (route->body == Body::json) {
        if (request.body.size() > limits.max_json)
            return error_response(413, "payload_too_large", "Nội dung JSON quá lớn.");
        auto body = parse_body(request.body, route->fields);
        if (!body) return error_response(body.error());
        c.body = std::move(*body);
    } else if (route->body == Body::text) {
        if (request.body.size() > limits.max_upload)
            return error_response(413, "payload_too_large", "Văn bản tải lên quá lớn.");
        const std::string type = request.header("content-type");
        if (type.rfind("text/", 0) != 0)
            return error_response(415, "unsupported_media_type",
                                  "Văn bản phải gửi với Content-Type text/plain.");
        if (request.body.empty()) return error_response(400, "invalid_input", "Văn bản rỗng.");
    } else if (!request.body.empty()) {
        return error_response(400, "invalid_input", "Yêu cầu này không nhận nội dung.");
    }

    auto reply = route->handler(c);
    if (!reply) return error_response(reply.error());
    Response response = json_response(reply->status, reply->body);
    response.headers = std::move(reply->headers);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Json Api::Impl::openapi() const {
    Json paths = Json::object();
    for (const auto& r : routes) {
        Json op{{"summary", r.summary}};
        Json parameters = Json::array();
        const auto segments = split(std::string_view(r.pattern).substr(1), '/');
        for (auto s : segments) {
            if (s.size() > 2 && s.front() == '{') {
                parameters.push_back({{"name", std::string(s.substr(1, s.size() - 2))},
                                      {"in", "path"},
                                      {"required", true},
                                      {"schema", {{"type", "string"}}}});
            }
        }
        for (const auto& p : r.params)
            parameters.push_back({{"name", p.name}, {"in", "query"}, {"schema", field_schema(p)}});
        if (!parameters.empty()) op["parameters"] = parameters;
        if (r.body == Body::json) {
            Json props = Json::object();
            Json required = Json::array();
            for (const auto& f : r.fields) {
                props[f.name] = field_schema(f);
                if (f.required) required.push_back(f.name);
            }
            Json schema{{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
            if (!required.empty()) schema["required"] = required;
            op["requestBody"] = {{"required", true},
                                 {"content", {{"application/json", {{"schema", schema}}}}}};
        } else if (r.body == Body::text) {
            op["requestBody"] = {{"required", true},
                                 {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}};
        }
        if (!r.open) {
            op["security"] =
                Json::array({{{"session", Json::array()}}, {{"bearer", Json::array()}}});
            Json roles = Json::array();
            for (auto role : r.roles) roles.push_back(domain::role_name(role));
            op["x-roles"] = roles;
        }
        Json responses = Json::object();
        responses[std::to_string(r.success)] = {
            {"description", "thành công"},
            {"content", {{"application/json", {{"schema", r.response}}}}}};
        responses["default"] = {
            {"description", "lỗi"},
            {"content",
             {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
        op["responses"] = responses;
        std::string method = r.method;
        std::transform(method.begin(), method.end(), method.begin(),
                       [](char ch) { return static_cast<char>(std::tolower(ch)); });
        paths[r.pattern][method] = op;
    }
    Json error_schema = object_of(
        {{"error", Json{{"type", "object"},
                        {"properties",
                         {{"code", t("string")}, {"message", t("string")}, {"field", t("string")}}},
                        {"required", Json::array({"code", "message"})}}}});
    return Json{
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "dondoc API"},
          {"version", "1"},
          {"description", "Theo dõi việc thực hiện văn bản chỉ đạo: văn bản, nhiệm vụ, đơn vị."}}},
        {"paths", paths},
        {"components",
         {{"schemas", {{"Error", error_schema}}},
          {"securitySchemes",
           {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "dondoc_session"}}},
            {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

Api::Api(service::RegisterService& service, service::AccountService& accounts,
         store::Repository& repository, const domain::WorkingCalendar& calendar, ApiLimits limits)
    : m_impl(std::make_unique<Impl>(service, accounts, repository, calendar, limits)) {}

Api::~Api() = default;

Response Api::handle(const Request& request) {
    return m_impl->handle(request);
}

std::vector<Api::RouteInfo> Api::routes() const {
    std::vector<RouteInfo> out;
    for (const auto& r : m_impl->routes) out.push_back({r.method, r.pattern});
    return out;
}

std::string Api::openapi() const {
    return m_impl->openapi().dump();
}

}  // namespace dondoc::http
