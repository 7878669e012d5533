// Private to src/http: the pieces the API's route files share. Route tables
// (api_accounts.cpp, api_documents.cpp, api_tasks.cpp) add routes to
// Api::Impl; api.cpp dispatches them and writes the OpenAPI document;
// api_json.cpp holds the response schemas and the JSON of the register's
// values. Not thread-safe, like Api.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/civil_date.h"
#include "domain/enforcement.h"
#include "http/api.h"

namespace dondoc::http {

using Json = nlohmann::ordered_json;
using domain::CivilDate;
using domain::Role;

// ---- declared input: body fields and query parameters ----------------------

enum class Type {
    string,
    integer,
    boolean,
    date,
    string_array,
    nullable_date,
    integer_array,
    nullable_string
};

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

// The kinds of body a route takes.
// What a route takes: nothing, a JSON object, a text, or a file (a text, a
// DOCX, PDF, scan or spreadsheet, told apart by its content).
enum class Body { none, json, text, file };

struct Context {
    const Request& request;
    std::map<std::string, std::string> path;   // {id} → "12"
    std::map<std::string, std::string> query;  // decoded
    nlohmann::json body;                       // when Body::json
    std::optional<service::Principal> who;
    service::UnitScope scope;  // null: every unit

    [[nodiscard]] std::optional<std::string> q(const std::string& name) const {
        auto it = query.find(name);
        return it == query.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    [[nodiscard]] std::string actor() const { return who ? who->user.login : "anonymous"; }
};

// A file to download (an XLSX export, a DOCX draft) instead of JSON.
struct FileReply {
    std::string content_type;
    std::string name;  // for Content-Disposition: attachment
    std::string bytes;
};

struct Reply {
    Reply(int reply_status = 200, Json reply_body = {},
          std::vector<std::pair<std::string, std::string>> reply_headers = {})
        : status(reply_status), body(std::move(reply_body)), headers(std::move(reply_headers)) {}
    int status = 200;
    Json body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::optional<FileReply> file;  // when set, sent instead of `body`
    // When set, sent instead of `body`: JSON already written as text (a
    // large list, see task_page_json).
    std::optional<std::string> json_text;
};

// One route: what it accepts, who may call it, what it answers. Built with
// chained setters so that the table reads as a list.
struct Route {
    Route(std::string route_method, std::string route_pattern, std::string route_summary)
        : method(std::move(route_method)),
          pattern(std::move(route_pattern)),
          summary(std::move(route_summary)) {}
    Route& public_route() {
        open = true;
        return *this;
    }
    Route& only(std::vector<Role> allowed) {
        roles = std::move(allowed);
        return *this;
    }
    Route& json(std::vector<Field> body_fields) {
        body = Body::json;
        fields = std::move(body_fields);
        return *this;
    }
    Route& text() {
        body = Body::text;
        return *this;
    }
    Route& file() {
        body = Body::file;
        return *this;
    }
    Route& query(std::vector<Field> query_params) {
        params = std::move(query_params);
        return *this;
    }
    Route& returns(Json schema, int status = 200) {
        response = std::move(schema);
        success = status;
        return *this;
    }
    // The route answers with a file of this media type (see FileReply).
    Route& file(std::string media_type) {
        produces = std::move(media_type);
        return *this;
    }

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
    std::string produces;  // a file's media type; empty: JSON
    std::function<Result<Reply>(Context&)> handler;
};

inline const std::vector<Role> k_admin = {Role::admin};
inline const std::vector<Role> k_registrars = {Role::admin, Role::tracker};
// The statuses a task list may be filtered on (the `status` parameter).
inline const std::vector<std::string> k_status_names = {"done_on_time", "done_late", "in_progress",
                                                        "due_soon",     "overdue",   "no_deadline"};
inline const std::vector<Role> k_reviewers = {Role::admin, Role::tracker, Role::leader};
inline const std::vector<Role> k_reporters = {Role::admin, Role::tracker, Role::leader,
                                              Role::unit_officer};

// ---- helpers (api_json.cpp) --------------------------------------------------

// An invalid_input error naming the field.
Error invalid(const std::string& message, const std::string& field);
// A date as yyyy-mm-dd or dd/mm/yyyy.
std::optional<CivilDate> date_value(const std::string& text);
// A non-negative integer query or path parameter.
Result<std::int64_t> integer_param(const std::string& text, const std::string& name);
std::vector<std::string_view> split(std::string_view s, char sep);
// The request's cookies by name.
std::map<std::string, std::string> cookies(const Request& r);

// Schemas (JSON Schema, as OpenAPI 3.1 takes them).
Json t(std::string_view type);
Json nullable(std::string_view type);
Json array_of(Json items);
// An object with exactly these properties, all present.
Json object_of(std::initializer_list<std::pair<const char*, Json>> properties);
// An object whose properties are free (a reader's record).
Json any_object();
Json user_schema();
Json notification_schema();
Json task_schema();
Json document_schema();
Json unit_schema();
Json ok_schema();
// A scoreboard row's enforcement counts: {"reminder": n, "urging": n, …}.
Json enforcement_counts_schema();
Json enforcement_counts_json(const domain::EnforcementCounts& counts);

// The register's values as JSON, in the shapes the schemas above declare.
Json opt_date(const std::optional<CivilDate>& d);
Json opt_text(const std::optional<std::string>& s);
Json task_json(const service::TaskView& v);
// A task list's answer ({total, offset, limit, as_of, items}) written
// directly as text: the bytes Json{...}.dump() of task_json gives, without
// building the tree.
std::string task_page_json(const service::TaskPage& page, std::size_t offset, std::size_t limit,
                           CivilDate as_of);
// `s` as a JSON string, quotes included, as nlohmann's dump writes it
// (UTF-8 kept; invalid bytes replaced).
void append_json_string(std::string& out, std::string_view s);
Json document_json(const domain::Document& d);
Json unit_json(const domain::Unit& u);
Json cascade_json(const service::CascadeNode& node);
Json user_to_json(const domain::User& u);

// ---- the API's state and route tables -------------------------------------------

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

    // The task list a request asks for: as of `as_of`, for the unit in the
    // caller's scope (scoped_unit), in `status` when given.
    Result<service::TaskQuery> task_query(const Context& c) {
        service::TaskQuery query;
        auto as_of = date_param(c, "as_of");
        if (!as_of) return as_of.error();
        query.as_of = *as_of;
        auto unit = scoped_unit(c);
        if (!unit) return unit.error();
        query.unit = *unit;
        if (auto s = c.q("status")) query.status = domain::task_status_from_name(*s);
        return query;
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

    void add(Route route, std::function<Result<Reply>(Context&)> handler) {
        route.handler = std::move(handler);
        routes.push_back(std::move(route));
    }

    void add_routes();
    void add_account_routes();
    void add_document_routes();
    void add_task_routes();
    void add_unit_routes();
    void add_dashboard_routes();     // api_dashboard.cpp: what the web UI needs
    void add_file_routes();          // api_files.cpp: XLSX exports, DOCX drafts, the scorecard
    void add_enforcement_routes();   // api_enforcement.cpp: the enforcement ledger
    void add_notification_routes();  // api_notifications.cpp: the caller's reminders

    Response handle(const Request& request);
    Response run(const Route& route, Context& c);
    [[nodiscard]] Json openapi() const;
};

}  // namespace dondoc::http
