// The API's response schemas, the JSON of the register's values, and the
// small parsing helpers the route files share.
#include <charconv>

#include "http/api_internal.h"
#include "read/record_json.h"

namespace dondoc::http {

Error invalid(const std::string& message, const std::string& field) {
    return make_error(ErrorCode::invalid_input, message, field);
}

std::optional<CivilDate> date_value(const std::string& text) {
    return domain::parse_date(text);
}

Result<std::int64_t> integer_param(const std::string& text, const std::string& name) {
    std::int64_t v = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end || v < 0)
        return invalid("tham số '" + name + "' phải là số nguyên không âm", name);
    return v;
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
                      {"disabled", t("boolean")},
                      {"email", nullable("string")}});
}

Json notification_schema() {
    return object_of({{"id", t("integer")},
                      {"kind", t("string")},
                      {"label", t("string")},
                      {"task", t("integer")},
                      {"task_text", t("string")},
                      {"document", t("string")},
                      {"day", t("string")},
                      {"period", t("string")},
                      {"unit", t("string")},
                      {"noticed_on", t("string")},
                      {"created_at", t("integer")},
                      {"read", t("boolean")}});
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

Json enforcement_counts_schema() {
    return object_of({{"reminder", t("integer")},
                      {"urging", t("integer")},
                      {"criticism", t("integer")},
                      {"review", t("integer")}});
}

Json enforcement_counts_json(const domain::EnforcementCounts& counts) {
    Json out = Json::object();
    for (const auto kind : domain::k_enforcement_kinds)
        out[std::string(domain::enforcement_kind_name(kind))] = counts.of(kind);
    return out;
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

}  // namespace dondoc::http
