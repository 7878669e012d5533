// Routes: the files offices send and keep. The scorecard of a quarter, half
// or year (JSON for the page, XLSX, and the DOCX report), the task
// register as XLSX or CSV and a unit's task list as XLSX, and the DOCX drafts (urging,
// implementing). Each answers with Content-Disposition: attachment. Roles
// and scope as for the lists: a unit officer gets their own unit's files.
#include <algorithm>

#include "domain/report_period.h"
#include "http/api_internal.h"
#include "service/drafts.h"
#include "service/sheets.h"

namespace dondoc::http {
namespace {

constexpr const char* k_xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* k_csv = "text/csv; charset=utf-8";
constexpr const char* k_docx =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

Json score_row_json(const service::ScoreRow& r) {
    return Json{{"unit", r.unit.value},
                {"name", r.unit_name},
                {"assigned", r.assigned},
                {"done_on_time", r.done_on_time},
                {"done_late", r.done_late},
                {"in_progress", r.in_progress},
                {"overdue", r.overdue},
                {"no_deadline", r.no_deadline},
                {"completion_rate", r.completion_rate()},
                {"enforcement", enforcement_counts_json(r.enforcement)}};
}

Json score_row_schema() {
    return object_of({{"unit", t("string")},
                      {"name", t("string")},
                      {"assigned", t("integer")},
                      {"done_on_time", t("integer")},
                      {"done_late", t("integer")},
                      {"in_progress", t("integer")},
                      {"overdue", t("integer")},
                      {"no_deadline", t("integer")},
                      {"completion_rate", t("number")},
                      {"enforcement", enforcement_counts_schema()}});
}

Result<Reply> file_reply(Result<std::string> bytes, const char* type, std::string name) {
    if (!bytes) return bytes.error();
    Reply r;
    r.file = FileReply{type, std::move(name), std::move(*bytes)};
    return r;
}

std::vector<Field> period_params() {
    return {{"period", Type::string, false, {}, "2024-Q2, 2024-H1 hoặc 2024"},
            {"from", Type::date},
            {"to", Type::date},
            {"as_of", Type::date, false, {}, "mặc định: cuối kỳ, hoặc hôm nay khi kỳ chưa hết"},
            {"unit", Type::string}};
}

}  // namespace

void Api::Impl::add_file_routes() {
    // The period asked for, and the date results are counted at.
    const auto period_of =
        [this](const Context& c) -> Result<std::pair<domain::ReportPeriod, CivilDate>> {
        domain::ReportPeriod period;
        if (auto p = c.q("period")) {
            auto parsed = domain::parse_report_period(*p);
            if (!parsed) return invalid("kỳ không hợp lệ (2024-Q2, 2024-H1, 2024)", "period");
            period = *parsed;
        } else {
            auto from = c.q("from");
            auto to = c.q("to");
            if (!from || !to) return invalid("cần period, hoặc from và to", "period");
            period = domain::custom_period(*date_value(*from), *date_value(*to));
            if (period.to < period.from) return invalid("to trước from", "to");
        }
        const CivilDate now = today();
        CivilDate as_of = period.to < now ? period.to : now;
        if (auto a = c.q("as_of")) as_of = *date_value(*a);
        return std::make_pair(period, as_of);
    };

    add(Route("GET", "/api/scorecard",
              "Kết quả thực hiện nhiệm vụ theo đơn vị trong một quý, 6 tháng, năm: bốn trạng thái, "
              "tỷ lệ hoàn thành, số lượt nhắc nhở, đôn đốc, phê bình, kiểm điểm, tổng cộng")
            .query(period_params())
            .returns(object_of({{"period", t("string")},
                                {"label", t("string")},
                                {"from", t("string")},
                                {"to", t("string")},
                                {"as_of", t("string")},
                                {"rows", array_of(score_row_schema())},
                                {"totals", score_row_schema()}})),
        [this, period_of](Context& c) -> Result<Reply> {
            auto period = period_of(c);
            if (!period) return period.error();
            auto unit = scoped_unit(c);
            if (!unit) return unit.error();
            auto card = service::scorecard(service, period->first, period->second, *unit);
            if (!card) return card.error();
            Json rows = Json::array();
            for (const auto& r : card->rows) rows.push_back(score_row_json(r));
            return Reply{200,
                         Json{{"period", card->period.name},
                              {"label", card->period.label},
                              {"from", domain::iso(card->period.from)},
                              {"to", domain::iso(card->period.to)},
                              {"as_of", domain::iso(card->as_of)},
                              {"rows", rows},
                              {"totals", score_row_json(card->totals)}},
                         {}};
        });

    add(Route("GET", "/api/exports/scorecard.xlsx", "Kết quả thực hiện nhiệm vụ của kỳ, tệp Excel")
            .query(period_params())
            .file(k_xlsx),
        [this, period_of](Context& c) -> Result<Reply> {
            auto period = period_of(c);
            if (!period) return period.error();
            auto unit = scoped_unit(c);
            if (!unit) return unit.error();
            auto card = service::scorecard(service, period->first, period->second, *unit);
            if (!card) return card.error();
            return file_reply(service::scorecard_xlsx(*card), k_xlsx,
                              "ket-qua-" + period->first.name + ".xlsx");
        });

    add(Route(
            "GET", "/api/drafts/report.docx",
            "Dự thảo báo cáo kết quả thực hiện nhiệm vụ của kỳ (DOCX, thể thức Nghị định 30/2020)")
            .query(period_params())
            .file(k_docx),
        [this, period_of](Context& c) -> Result<Reply> {
            auto period = period_of(c);
            if (!period) return period.error();
            auto unit = scoped_unit(c);
            if (!unit) return unit.error();
            service::Drafts drafts(service, repository);
            return file_reply(
                drafts.period_report({period->first, period->second, std::nullopt, *unit}), k_docx,
                service::Drafts::report_file_name(period->first));
        });

    // The whole register is for those who see every unit.
    const auto whole_register = [this](const Context& c) -> Result<void> {
        if (!c.scope) return {};
        auto units = service.units();
        if (!units) return units.error();
        for (const auto& u : *units) {
            if (u.id == c.who->user.unit && u.parent)
                return make_error(ErrorCode::forbidden,
                                  "chỉ tài khoản cấp cao nhất mới xuất cả sổ theo dõi; "
                                  "dùng danh sách nhiệm vụ của đơn vị");
        }
        return {};
    };

    add(Route("GET", "/api/exports/tasks.xlsx",
              "Sổ theo dõi nhiệm vụ, tệp Excel nhập lại được (các cột của tasks import)")
            .only(k_registrars)
            .query({{"as_of", Type::date}})
            .file(k_xlsx),
        [this, whole_register](Context& c) -> Result<Reply> {
            DONDOC_TRY(whole_register(c));
            auto as_of = date_param(c, "as_of");
            if (!as_of) return as_of.error();
            return file_reply(service::register_xlsx(service, *as_of), k_xlsx,
                              "so-theo-doi-" + domain::iso(*as_of) + ".xlsx");
        });

    add(Route("GET", "/api/exports/tasks.csv",
              "Sổ theo dõi nhiệm vụ, tệp CSV (UTF-8 có BOM, mở được bằng Excel; nhập lại được)")
            .only(k_registrars)
            .query({{"as_of", Type::date}})
            .file(k_csv),
        [this, whole_register](Context& c) -> Result<Reply> {
            DONDOC_TRY(whole_register(c));
            auto as_of = date_param(c, "as_of");
            if (!as_of) return as_of.error();
            auto csv = service.export_tasks_csv(*as_of);
            if (!csv) return csv.error();
            // The byte order mark Excel needs to see UTF-8 (import drops it).
            return file_reply("\xEF\xBB\xBF" + *csv, k_csv,
                              "so-theo-doi-" + domain::iso(*as_of) + ".csv");
        });

    add(Route("GET", "/api/exports/unit-tasks.xlsx",
              "Danh sách nhiệm vụ của một đơn vị (và đơn vị trực thuộc), tệp Excel")
            .query({{"unit", Type::string},
                    {"as_of", Type::date},
                    {"status", Type::string, false, k_status_names}})
            .file(k_xlsx),
        [this](Context& c) -> Result<Reply> {
            auto query = task_query(c);
            if (!query) return query.error();
            const std::string name = query->unit ? query->unit->value : std::string("tat-ca");
            return file_reply(service::task_list_xlsx(service, *query), k_xlsx,
                              "nhiem-vu-" + name + "-" + domain::iso(query->as_of) + ".xlsx");
        });

    add(Route("GET", "/api/drafts/urge.docx",
              "Dự thảo công văn đôn đốc các nhiệm vụ quá hạn của các đơn vị (DOCX)")
            .only(k_reviewers)
            .query({{"units", Type::string, true, {}, "mã đơn vị, cách nhau bởi dấu phẩy"},
                    {"as_of", Type::date},
                    {"as", Type::string, false, {}, "cơ quan ban hành; mặc định: cấp trên chung"}})
            .file(k_docx),
        [this](Context& c) -> Result<Reply> {
            service::UrgeRequest request;
            auto as_of = date_param(c, "as_of");
            if (!as_of) return as_of.error();
            request.as_of = *as_of;
            const std::string units = c.q("units").value_or("");  // split's views point into it
            for (auto part : split(units, ',')) {
                if (part.empty()) continue;
                const std::string id(part);
                if (c.scope && !c.scope->contains(id))
                    return make_error(ErrorCode::forbidden,
                                      "đơn vị " + id + " nằm ngoài phạm vi của tài khoản", "units");
                request.units.push_back(domain::UnitId{id});
            }
            if (request.units.empty()) return invalid("cần ít nhất một mã đơn vị", "units");
            if (auto as = c.q("as")) request.issuer = domain::UnitId{*as};
            if (request.issuer && c.scope && !c.scope->contains(request.issuer->value))
                return make_error(ErrorCode::forbidden, "cơ quan ban hành nằm ngoài phạm vi", "as");
            service::Drafts drafts(service, repository);
            return file_reply(drafts.urging_dispatch(request), k_docx,
                              service::Drafts::urging_file_name(*as_of));
        });

    add(Route(
            "GET", "/api/drafts/implement.docx",
            "Dự thảo công văn triển khai một văn bản đã vào sổ xuống các đơn vị trực thuộc (DOCX)")
            .only(k_reviewers)
            .query({{"document", Type::string, true, {}, "số, ký hiệu hoặc mã văn bản trong sổ"},
                    {"as", Type::string, false, {}, "cơ quan triển khai"},
                    {"on", Type::date}})
            .file(k_docx),
        [this](Context& c) -> Result<Reply> {
            service::ImplementRequest request;
            request.document = c.q("document").value_or("");
            if (request.document.empty()) return invalid("cần văn bản", "document");
            auto on = date_param(c, "on");
            if (!on) return on.error();
            request.on = *on;
            if (auto as = c.q("as")) {
                request.issuer = domain::UnitId{*as};
            } else if (c.scope) {
                request.issuer = c.who->user.unit;
            }
            if (request.issuer && c.scope && !c.scope->contains(request.issuer->value))
                return make_error(ErrorCode::forbidden, "cơ quan triển khai nằm ngoài phạm vi",
                                  "as");
            service::Drafts drafts(service, repository);
            return file_reply(drafts.implementing_dispatch(request), k_docx,
                              service::Drafts::implementing_file_name(request.document));
        });
}

}  // namespace dondoc::http
