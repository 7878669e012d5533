// The API's dispatch: match a route, check its query parameters, find who is
// asking (session cookie + CSRF header, or bearer token), check role and
// scope, check the body against the route's declared fields, run the
// handler, and turn errors into {"error": {...}} through status_for(), the
// one place where ErrorCode meets HTTP. Also the OpenAPI document, written
// from the same route table. The handlers live in api_accounts.cpp,
// api_documents.cpp and api_tasks.cpp: each parses its input, calls one
// service function and turns the result into JSON.
#include "http/api.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "http/api_internal.h"

namespace dondoc::http {
namespace {

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

std::string_view type_label(Type t) {
    switch (t) {
        case Type::string:
            return "chuỗi";
        case Type::nullable_string:
            return "chuỗi hoặc null";
        case Type::integer:
            return "số nguyên";
        case Type::boolean:
            return "true hoặc false";
        case Type::date:
        case Type::nullable_date:
            return "ngày dạng yyyy-mm-dd";
        case Type::string_array:
            return "mảng chuỗi";
        case Type::integer_array:
            return "mảng số nguyên";
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
        case Type::nullable_string:
            s = {{"type", Json::array({"string", "null"})}};
            break;
        case Type::string_array:
            s = {{"type", "array"}, {"items", {{"type", "string"}}}};
            break;
        case Type::integer_array:
            s = {{"type", "array"}, {"items", {{"type", "integer"}}}};
            break;
    }
    if (!f.allowed.empty()) s["enum"] = f.allowed;
    if (!f.description.empty()) s["description"] = f.description;
    return s;
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
        case Type::nullable_string:
            ok = v.is_null() || v.is_string();
            break;
        case Type::string_array:
            ok = v.is_array() && std::all_of(v.begin(), v.end(),
                                             [](const nlohmann::json& e) { return e.is_string(); });
            break;
        case Type::integer_array:
            ok = v.is_array() && std::all_of(v.begin(), v.end(), [](const nlohmann::json& e) {
                     return e.is_number_integer();
                 });
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

bool same_secret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The media types a file upload may come as; its content decides how it
// is read, but a JSON body or none at all is a client's mistake.
constexpr std::array k_file_types = {
    "text/plain",
    "text/csv",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "image/png",
    "image/jpeg",
    "image/tiff",
    "application/octet-stream",
};

bool is_file_type(std::string_view content_type) {
    const auto semicolon = content_type.find(';');
    std::string type(content_type.substr(0, semicolon));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    for (char& ch : type)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (type.rfind("text/", 0) == 0) return true;
    return std::find(k_file_types.begin(), k_file_types.end(), type) != k_file_types.end();
}

}  // namespace

void Api::Impl::add_routes() {
    add_account_routes();
    add_document_routes();
    add_task_routes();
    add_unit_routes();
    add_dashboard_routes();
    add_file_routes();
    add_enforcement_routes();
    add_notification_routes();
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

    Context c{request, std::move(params), {}, {}, std::nullopt, nullptr};
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

    // A read request reads one snapshot of the accounts and of the register
    // (on SQLite: each connection locks once instead of once per statement).
    if (request.method != "GET" && request.method != "HEAD") return run(*route, c);
    std::optional<Response> response;
    auto ran = accounts.read_snapshot([&]() -> Result<void> {
        return repository.read_snapshot([&]() -> Result<void> {
            response = run(*route, c);
            return {};
        });
    });
    if (!ran) return error_response(ran.error());
    return std::move(*response);
}

// Authenticates, checks the role and the body, and calls the route.
Response Api::Impl::run(const Route& r, Context& c) {
    const Route* route = &r;
    const Request& request = c.request;
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
    } else if (route->body == Body::file) {
        if (request.body.size() > limits.max_upload)
            return error_response(413, "payload_too_large", "Tệp tải lên quá lớn.");
        if (!is_file_type(request.header("content-type")))
            return error_response(415, "unsupported_media_type",
                                  "Tệp phải gửi với Content-Type của nó: text/plain, text/csv, "
                                  "application/pdf, DOCX, XLSX, ảnh, hoặc "
                                  "application/octet-stream.");
        if (request.body.empty()) return error_response(400, "invalid_input", "Tệp rỗng.");
    } else if (!request.body.empty()) {
        return error_response(400, "invalid_input", "Yêu cầu này không nhận nội dung.");
    }

    auto reply = route->handler(c);
    if (!reply) return error_response(reply.error());
    Response response;
    if (reply->json_text) {
        response.status = reply->status;
        response.body = std::move(*reply->json_text);
    } else {
        response = json_response(reply->status, reply->body);
    }
    if (reply->file) {
        response.content_type = reply->file->content_type;
        response.body = std::move(reply->file->bytes);
    }
    response.headers = std::move(reply->headers);
    if (reply->file)
        response.headers.emplace_back("Content-Disposition",
                                      "attachment; filename=\"" + reply->file->name + "\"");
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
        } else if (r.body == Body::file) {
            Json content = Json::object();
            for (const char* type : k_file_types)
                content[type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
            op["requestBody"] = {{"required", true}, {"content", content}};
        }
        if (!r.open) {
            op["security"] =
                Json::array({{{"session", Json::array()}}, {{"bearer", Json::array()}}});
            Json roles = Json::array();
            for (auto role : r.roles) roles.push_back(domain::role_name(role));
            op["x-roles"] = roles;
        }
        Json responses = Json::object();
        Json content = Json::object();
        if (r.produces.empty()) {
            content["application/json"] = {{"schema", r.response}};
        } else {
            content[r.produces] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
        }
        responses[std::to_string(r.success)] = {{"description", "thành công"},
                                                {"content", content}};
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
