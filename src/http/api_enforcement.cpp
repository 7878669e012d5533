// Routes: the enforcement ledger (sổ theo dõi đôn đốc). A list of the acts
// concerning the caller's units (a unit officer sees those about their
// unit); recording and editing by admins, leaders and trackers, for units
// and tasks in their scope; the urging dispatch drafted and recorded in
// one request. Each change is written to the audit log.
#include <algorithm>

#include "domain/report_period.h"
#include "http/api_internal.h"
#include "service/drafts.h"
#include "service/enforcement.h"

namespace dondoc::http {
namespace {

constexpr const char* k_docx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// The names a kind may be given in: stored names, the offices' slugs and
// the English verbs (domain::parse_enforcement_kind takes them all).
const std::vector<std::string> k_kind_names = {"reminder", "urging",  "criticism", "review",
                                               "nhac-nho", "don-doc", "phe-binh",  "kiem-diem",
                                               "remind",   "urge",    "criticize"};

Json act_schema() {
    return object_of(
        {{"id", t("integer")},
         {"kind", Json{{"type", "string"},
                       {"enum", Json::array({"reminder", "urging", "criticism", "review"})}}},
         {"kind_label", t("string")},
         {"number", t("string")},
         {"date", t("string")},
         {"by", nullable("string")},
         {"document", nullable("integer")},
         {"document_text", t("string")},
         {"units", array_of(t("string"))},
         {"tasks", array_of(t("integer"))},
         {"concerned", array_of(t("string"))},
         {"note", t("string")},
         {"recorded_by", t("string")},
         {"recorded_at", t("integer")}});
}

Json act_json(const domain::EnforcementAct& act) {
    return Json::parse(service::enforcement_json(act));
}

}  // namespace

void Api::Impl::add_enforcement_routes() {
    // Whether the caller may see an act: one of the units it concerns, or
    // the unit that acted, is in their scope.
    const auto visible = [](const Context& c, const domain::EnforcementAct& act) {
        if (!c.scope) return true;
        if (act.by && c.scope->contains(act.by->value)) return true;
        return std::any_of(act.concerned.begin(), act.concerned.end(),
                           [&](const domain::UnitId& u) { return c.scope->contains(u.value); });
    };
    // The act by its path id, when the caller may see it (404 otherwise).
    const auto visible_act = [this, visible](const Context& c) -> Result<domain::EnforcementAct> {
        auto id = integer_param(c.path.at("id"), "id");
        if (!id || *id == 0)
            return make_error(ErrorCode::not_found, "không có biện pháp đôn đốc này");
        service::EnforcementLedger ledger(service, repository);
        auto act = ledger.act(*id);
        if (!act) return act.error();
        if (!visible(c, *act))
            return make_error(ErrorCode::not_found, "không có biện pháp đôn đốc này");
        return act;
    };

    add(Route("GET", "/api/enforcement",
              "Sổ theo dõi đôn đốc: các lần nhắc nhở, đôn đốc, phê bình, kiểm điểm liên quan đến "
              "đơn vị (và đơn vị trực thuộc), mới nhất trước")
            .query({{"unit", Type::string},
                    {"kind", Type::string, false, k_kind_names},
                    {"period", Type::string, false, {}, "2024-Q2, 2024-H1 hoặc 2024"},
                    {"from", Type::date},
                    {"to", Type::date}})
            .returns(array_of(act_schema())),
        [this](Context& c) -> Result<Reply> {
            service::EnforcementQuery query;
            auto unit = scoped_unit(c);
            if (!unit) return unit.error();
            query.unit = *unit;
            if (auto k = c.q("kind")) query.kind = domain::parse_enforcement_kind(*k);
            if (auto p = c.q("period")) {
                auto period = domain::parse_report_period(*p);
                if (!period) return invalid("kỳ không hợp lệ (2024-Q2, 2024-H1, 2024)", "period");
                query.from = period->from;
                query.to = period->to;
            }
            if (auto from = c.q("from")) query.from = date_value(*from);
            if (auto to = c.q("to")) query.to = date_value(*to);
            service::EnforcementLedger ledger(service, repository);
            auto acts = ledger.list(query);
            if (!acts) return acts.error();
            Json out = Json::array();
            for (const auto& a : *acts) out.push_back(act_json(a));
            return Reply{200, out, {}};
        });

    add(Route("GET", "/api/enforcement/{id}", "Một biện pháp đôn đốc trong sổ")
            .returns(act_schema()),
        [visible_act](Context& c) -> Result<Reply> {
            auto act = visible_act(c);
            if (!act) return act.error();
            return Reply{200, act_json(*act), {}};
        });

    add(Route("POST", "/api/enforcement",
              "Ghi một biện pháp vào sổ theo dõi đôn đốc (đơn vị, nhiệm vụ trong phạm vi của tài "
              "khoản)")
            .only(k_reviewers)
            .json({{"kind", Type::string, true, k_kind_names},
                   {"date", Type::date, true},
                   {"number", Type::string, false, {}, "số, ký hiệu; để trống khi chưa ký"},
                   {"by", Type::string, false, {}, "đơn vị thực hiện"},
                   {"units", Type::string_array, false},
                   {"tasks", Type::integer_array, false},
                   {"document", Type::string, false, {}, "số, ký hiệu hoặc mã văn bản trong sổ"},
                   {"note", Type::string, false}})
            .returns(act_schema(), 201),
        [this](Context& c) -> Result<Reply> {
            const auto& b = c.body;
            service::NewEnforcement act;
            act.kind = *domain::parse_enforcement_kind(b["kind"].get<std::string>());
            act.on = *date_value(b["date"].get<std::string>());
            act.number = b.value("number", std::string());
            act.document = b.value("document", std::string());
            act.note = b.value("note", std::string());
            if (b.contains("by")) {
                act.by = domain::UnitId{b["by"].get<std::string>()};
                if (c.scope && !c.scope->contains(act.by->value))
                    return make_error(
                        ErrorCode::forbidden,
                        "đơn vị " + act.by->value + " nằm ngoài phạm vi của tài khoản", "by");
            }
            if (b.contains("units")) {
                for (const auto& u : b["units"]) {
                    const std::string id = u.get<std::string>();
                    if (c.scope && !c.scope->contains(id))
                        return make_error(ErrorCode::forbidden,
                                          "đơn vị " + id + " nằm ngoài phạm vi của tài khoản",
                                          "units");
                    act.units.push_back(domain::UnitId{id});
                }
            }
            if (b.contains("tasks")) {
                for (const auto& t : b["tasks"]) {
                    const domain::TaskId id{t.get<std::int64_t>()};
                    // Another unit's task is not even confirmed to exist.
                    auto task = repository.task(id);
                    if (!task || !in_scope(c, *task))
                        return make_error(ErrorCode::not_found,
                                          "không có nhiệm vụ " + std::to_string(id.value), "tasks");
                    act.tasks.push_back(id);
                }
            }
            service::EnforcementLedger ledger(service, repository);
            auto recorded = ledger.record(act, c.actor(), accounts.now());
            if (!recorded) return recorded.error();
            const std::string json = service::enforcement_json(*recorded);
            if (auto logged =
                    accounts.record(c.actor(), "enforcement.add",
                                    "enforcement/" + std::to_string(recorded->id), "null", json);
                !logged)
                return logged.error();
            return Reply{201, Json::parse(json), {}};
        });

    // Filling in the number and date once the letter is signed; PATCH, and
    // POST for clients that cannot send PATCH.
    const auto edit = [this, visible_act](Context& c) -> Result<Reply> {
        auto before = visible_act(c);
        if (!before) return before.error();
        service::EnforcementEdit change;
        const auto& b = c.body;
        if (b.contains("number")) change.number = b["number"].get<std::string>();
        if (b.contains("note")) change.note = b["note"].get<std::string>();
        if (b.contains("date")) change.on = date_value(b["date"].get<std::string>());
        if (!change.number && !change.note && !change.on)
            return invalid("cần number, date hoặc note", "number");
        service::EnforcementLedger ledger(service, repository);
        auto after = ledger.edit(before->id, change);
        if (!after) return after.error();
        const std::string json = service::enforcement_json(*after);
        if (auto logged = accounts.record(c.actor(), "enforcement.edit",
                                          "enforcement/" + std::to_string(after->id),
                                          service::enforcement_json(*before), json);
            !logged)
            return logged.error();
        return Reply{200, Json::parse(json), {}};
    };
    const std::vector<Field> edit_fields = {
        {"number", Type::string, false, {}, "số, ký hiệu của văn bản đã ký"},
        {"date", Type::date, false},
        {"note", Type::string, false}};
    add(Route("PATCH", "/api/enforcement/{id}",
              "Sửa số, ký hiệu, ngày hoặc ghi chú của một biện pháp đôn đốc")
            .only(k_reviewers)
            .json(edit_fields)
            .returns(act_schema()),
        edit);
    add(Route("POST", "/api/enforcement/{id}",
              "Như PATCH /api/enforcement/{id}, cho máy khách không gửi được PATCH")
            .only(k_reviewers)
            .json(edit_fields)
            .returns(act_schema()),
        edit);

    add(Route("POST", "/api/drafts/urge",
              "Dự thảo công văn đôn đốc các nhiệm vụ quá hạn (DOCX); với record: true, ghi luôn "
              "vào sổ theo dõi đôn đốc (mã biện pháp ở tiêu đề X-Dondoc-Enforcement)")
            .only(k_reviewers)
            .json({{"units", Type::string_array, true},
                   {"as_of", Type::date, false},
                   {"as", Type::string, false, {}, "cơ quan ban hành; mặc định: cấp trên chung"},
                   {"record", Type::boolean, false},
                   {"number", Type::string, false, {}, "số, ký hiệu khi đã ký"}})
            .file(k_docx),
        [this](Context& c) -> Result<Reply> {
            const auto& b = c.body;
            service::UrgeRequest request;
            request.as_of =
                b.contains("as_of") ? *date_value(b["as_of"].get<std::string>()) : today();
            for (const auto& u : b["units"]) {
                const std::string id = u.get<std::string>();
                if (c.scope && !c.scope->contains(id))
                    return make_error(ErrorCode::forbidden,
                                      "đơn vị " + id + " nằm ngoài phạm vi của tài khoản", "units");
                request.units.push_back(domain::UnitId{id});
            }
            if (request.units.empty()) return invalid("cần ít nhất một mã đơn vị", "units");
            if (b.contains("as")) request.issuer = domain::UnitId{b["as"].get<std::string>()};
            if (request.issuer && c.scope && !c.scope->contains(request.issuer->value))
                return make_error(ErrorCode::forbidden, "cơ quan ban hành nằm ngoài phạm vi", "as");
            service::Drafts drafts(service, repository);
            auto draft = drafts.urging_draft(request);
            if (!draft) return draft.error();
            Reply reply;
            const std::string name = service::Drafts::urging_file_name(request.as_of);
            if (b.value("record", false)) {
                service::NewEnforcement act;
                act.kind = domain::EnforcementKind::urging;
                act.number = b.value("number", std::string());
                act.on = request.as_of;
                act.by = draft->issuer;
                act.units = request.units;
                act.tasks = draft->tasks;
                act.document = "Công văn đôn đốc thực hiện các nhiệm vụ quá hạn";
                act.note = "Dự thảo " + name;
                service::EnforcementLedger ledger(service, repository);
                auto recorded = ledger.record(act, c.actor(), accounts.now());
                if (!recorded) return recorded.error();
                if (auto logged = accounts.record(c.actor(), "enforcement.add",
                                                  "enforcement/" + std::to_string(recorded->id),
                                                  "null", service::enforcement_json(*recorded));
                    !logged)
                    return logged.error();
                reply.headers.emplace_back("X-Dondoc-Enforcement", std::to_string(recorded->id));
            }
            reply.file = FileReply{k_docx, name, std::move(draft->docx)};
            return reply;
        });
}

}  // namespace dondoc::http
