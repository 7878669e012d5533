// The API's response schemas, the JSON of the register's values, and the
// small parsing helpers the route files share.
#include <charconv>

#include "http/api_internal.h"
#include "read/record_json.h"
#include "text/utf8.h"

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

// ---- a task page written directly ------------------------------------------------
// A page of 50 tasks built as a JSON tree and then dumped cost a third of the
// page's time at 1,000,000 tasks (an ordered map and strings per field);
// written straight into one string it costs a few microseconds a task. The
// text is the same as task_json(...).dump(-1, ' ', false, replace), which a
// test checks.

void append_json_string(std::string& out, std::string_view s) {
    if (!text::validate_utf8(s).ok()) {
        // Invalid bytes: the replacement characters nlohmann's dump writes.
        out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
        return;
    }
    static constexpr std::string_view k_hex = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0;  // the start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.substr(plain, i - plain));
        plain = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out += k_hex[c >> 4];
                out += k_hex[c & 0x0F];
        }
    }
    out.append(s.substr(plain));
    out += '"';
}

namespace {

void append_optional_string(std::string& out, const std::optional<std::string>& s) {
    if (s)
        append_json_string(out, *s);
    else
        out += "null";
}

void append_task(std::string& out, const service::TaskView& v) {
    out += "{\"id\":";
    out += std::to_string(v.task.id.value);
    out += ",\"document\":";
    append_json_string(out, v.document_notation);
    out += ",\"clause\":";
    append_json_string(out, v.task.clause);
    out += ",\"action\":";
    append_json_string(out, v.task.action);
    out += ",\"assignments\":[";
    bool first = true;
    for (const auto& a : v.task.assignments) {
        out += first ? "{\"unit\":" : ",{\"unit\":";
        first = false;
        if (a.unit)
            append_json_string(out, a.unit->value);
        else
            out += "null";
        out += ",\"mention\":";
        append_json_string(out, a.mention);
        out += ",\"role\":";
        append_json_string(out, read::role_name(a.role));
        out += '}';
    }
    out += "],\"state\":";
    append_json_string(out, state_name(v.task.state));
    out += ",\"status\":";
    append_json_string(out, domain::task_status_name(v.status));
    out += ",\"due\":";
    if (v.due)
        append_json_string(out, domain::iso(*v.due));
    else
        out += "null";
    out += ",\"period\":";
    append_json_string(out, v.period_label);
    out += ",\"report_to\":";
    append_optional_string(out, v.task.report_to);
    out += ",\"report_via\":";
    append_optional_string(out, v.task.report_via);
    out += ",\"product\":";
    append_optional_string(out, v.task.product);
    out += ",\"version\":";
    out += std::to_string(v.task.version);
    out += '}';
}

}  // namespace

std::string task_page_json(const service::TaskPage& page, std::size_t offset, std::size_t limit,
                           CivilDate as_of) {
    std::string out;
    out.reserve(512 + page.items.size() * 512);
    out += "{\"total\":";
    out += std::to_string(page.total);
    out += ",\"offset\":";
    out += std::to_string(offset);
    out += ",\"limit\":";
    out += std::to_string(limit);
    out += ",\"as_of\":";
    append_json_string(out, domain::iso(as_of));
    out += ",\"items\":[";
    for (std::size_t i = 0; i < page.items.size(); ++i) {
        if (i > 0) out += ',';
        append_task(out, page.items[i]);
    }
    out += "]}";
    return out;
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
