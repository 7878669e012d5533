#include "service/enforcement.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace dondoc::service {

EnforcementLedger::EnforcementLedger(RegisterService& service, store::Repository& repository)
    : m_service(service), m_repository(repository) {}

Result<std::vector<UnitId>> EnforcementLedger::with_sub_units(const UnitId& unit) {
    return m_service.unit_and_sub_units(unit);
}

Result<domain::EnforcementAct> EnforcementLedger::record(const NewEnforcement& request,
                                                         const std::string& actor,
                                                         std::int64_t now) {
    if (request.units.empty() && request.tasks.empty())
        return make_error(ErrorCode::invalid_input,
                          "cần ít nhất một đơn vị hoặc một nhiệm vụ được đôn đốc", "unit");
    domain::EnforcementAct act;
    act.kind = request.kind;
    act.number = request.number;
    act.on = request.on;
    act.by = request.by;
    act.units = request.units;
    act.tasks = request.tasks;
    act.note = request.note;
    act.recorded_by = actor;
    act.recorded_at = now;
    act.document_text = request.document;
    if (!request.document.empty()) {
        // An id in the register (digits only), else a notation that may be there.
        std::int64_t number = 0;
        const char* end = request.document.data() + request.document.size();
        const auto [stop, ec] = std::from_chars(request.document.data(), end, number);
        if (ec == std::errc() && stop == end) {
            auto doc = m_repository.document(DocumentId{number});
            if (!doc) {
                if (doc.error().code == ErrorCode::not_found)
                    return make_error(ErrorCode::not_found,
                                      "không có văn bản mã " + request.document + " trong sổ",
                                      "document");
                return doc.error();
            }
            act.document = doc->id;
            act.document_text = doc->notation;
        } else {
            auto doc = m_service.document_by_notation(request.document);
            if (doc) {
                act.document = doc->id;
                act.document_text = doc->notation;
            } else if (doc.error().code != ErrorCode::not_found) {
                return doc.error();
            }
        }
    }
    auto id = m_repository.add_enforcement(act);
    if (!id) return id.error();
    return m_repository.enforcement(*id);
}

Result<domain::EnforcementAct> EnforcementLedger::act(std::int64_t id) {
    return m_repository.enforcement(id);
}

Result<std::vector<domain::EnforcementAct>> EnforcementLedger::list(const EnforcementQuery& query) {
    store::EnforcementFilter filter;
    filter.kind = query.kind;
    filter.from = query.from;
    filter.to = query.to;
    if (query.unit) {
        auto units = with_sub_units(*query.unit);
        if (!units) return units.error();
        filter.units = std::move(*units);
    }
    return m_repository.enforcement_acts(filter);
}

Result<domain::EnforcementAct> EnforcementLedger::edit(std::int64_t id,
                                                       const EnforcementEdit& edit) {
    auto act = m_repository.enforcement(id);
    if (!act) return act.error();
    if (edit.number) act->number = *edit.number;
    if (edit.on) act->on = *edit.on;
    if (edit.note) act->note = *edit.note;
    if (auto saved = m_repository.update_enforcement(*act); !saved) return saved.error();
    return m_repository.enforcement(id);
}

std::string enforcement_json(const domain::EnforcementAct& act) {
    using Json = nlohmann::ordered_json;
    Json units = Json::array();
    for (const auto& u : act.units) units.push_back(u.value);
    Json concerned = Json::array();
    for (const auto& u : act.concerned) concerned.push_back(u.value);
    Json tasks = Json::array();
    for (const auto& t : act.tasks) tasks.push_back(t.value);
    return Json{{"id", act.id},
                {"kind", domain::enforcement_kind_name(act.kind)},
                {"kind_label", domain::enforcement_kind_label(act.kind)},
                {"number", act.number},
                {"date", domain::iso(act.on)},
                {"by", act.by ? Json(act.by->value) : Json(nullptr)},
                {"document", act.document ? Json(act.document->value) : Json(nullptr)},
                {"document_text", act.document_text},
                {"units", units},
                {"tasks", tasks},
                {"concerned", concerned},
                {"note", act.note},
                {"recorded_by", act.recorded_by},
                {"recorded_at", act.recorded_at}}
        .dump();
}

}  // namespace dondoc::service
