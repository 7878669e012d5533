// Routes: task lists, detail with history, the task workflow, scoreboard, calendar.
#include <algorithm>

#include "http/api_internal.h"
#include "read/record_json.h"
#include "service/task_import.h"

namespace dondoc::http {

void Api::Impl::add_task_routes() {
    add(Route("GET", "/api/tasks", "Nhiệm vụ theo đơn vị, trạng thái, văn bản; sắp xếp, phân trang")
            .query({{"unit", Type::string},
                    {"status", Type::string, false, k_status_names},
                    {"directive", Type::string},
                    {"as_of", Type::date},
                    {"proposed", Type::boolean},
                    {"sort", Type::string, false, {"id", "due", "status", "document"}},
                    {"order", Type::string, false, {"asc", "desc"}},
                    {"limit", Type::integer},
                    {"offset", Type::integer}})
            .returns(object_of({{"total", t("integer")},
                                {"offset", t("integer")},
                                {"limit", t("integer")},
                                {"as_of", t("string")},
                                {"items", array_of(task_schema())}})),
        [this](Context& c) -> Result<Reply> {
            auto query = task_query(c);
            if (!query) return query.error();
            query->directive = c.q("directive");
            query->include_proposed = c.q("proposed") == "true";
            service::TaskPageQuery page;
            page.query = std::move(*query);
            const std::string sort = c.q("sort").value_or("id");
            page.sort = sort == "due"        ? service::TaskSort::due
                        : sort == "status"   ? service::TaskSort::status
                        : sort == "document" ? service::TaskSort::document
                                             : service::TaskSort::id;
            page.descending = c.q("order") == "desc";
            if (auto l = c.q("limit"))
                page.limit = static_cast<std::size_t>(*integer_param(*l, "limit"));
            if (auto o = c.q("offset"))
                page.offset = static_cast<std::size_t>(*integer_param(*o, "offset"));
            page.limit = std::clamp<std::size_t>(page.limit, 1, limits.max_page);
            auto listed = service.task_page(page);
            if (!listed) return listed.error();
            Reply reply;
            reply.json_text = task_page_json(*listed, page.offset, page.limit, page.query.as_of);
            return reply;
        });
    add(Route("POST", "/api/tasks/import",
              "Nhập sổ theo dõi nhiệm vụ từ CSV hoặc XLSX: chạy thử (mặc định) hoặc nhập hẳn")
            .only(k_registrars)
            .file()
            .query({{"apply", Type::boolean, false, {}, "true: nhập (mặc định: chạy thử)"},
                    {"name", Type::string, false, {}, "tên tệp, cho báo cáo và nhật ký"},
                    {"sheet", Type::string, false, {}, "XLSX: tên trang (mặc định: trang đầu)"},
                    {"source", Type::string, false, {}, "sổ nguồn; mã dòng là duy nhất trong đó"},
                    {"map", Type::string, false, {}, "Tiêu đề=trường;Tiêu đề=trường…"},
                    {"status_map", Type::string, false, {}, "Từ=open|reported|done|cancelled;…"}})
            .returns(object_of({{"rows", t("integer")},
                                {"created", t("integer")},
                                {"unchanged", t("integer")},
                                {"applied", t("boolean")},
                                {"by_status", Json{{"type", "object"}}},
                                {"ignored_columns", array_of(t("string"))},
                                {"unresolved", array_of(t("string"))},
                                {"problems", array_of(object_of({{"line", t("integer")},
                                                                 {"column", t("string")},
                                                                 {"message", t("string")}}))}})),
        [this](Context& c) -> Result<Reply> {
            service::ImportOptions options;
            options.apply = c.q("apply") == "true";
            if (auto source = c.q("source")) options.source = *source;
            options.sheet = c.q("sheet");
            // "A=b;C=d": the pairs of --map and --status-map in one parameter.
            const auto add_pairs = [&options](const std::string& text, const std::string& param,
                                              auto add_pair) -> Result<void> {
                std::size_t start = 0;
                while (start <= text.size()) {
                    const auto end = std::min(text.find(';', start), text.size());
                    if (auto added =
                            add_pair(options, std::string_view(text).substr(start, end - start));
                        !added) {
                        Error e = added.error();
                        e.where = param + ": " + e.where;
                        return e;
                    }
                    start = end + 1;
                }
                return {};
            };
            if (auto map = c.q("map"))
                DONDOC_TRY(add_pairs(*map, "map", service::add_column_mapping));
            if (auto map = c.q("status_map"))
                DONDOC_TRY(add_pairs(*map, "status_map", service::add_status_mapping));
            const std::string name = c.q("name").value_or("upload");
            auto report = service.import_tasks(c.request.body, name, options);
            if (!report) return report.error();
            Json out = service::report_json(*report);
            if (report->applied) {
                if (auto a = accounts.record(c.actor(), "task.import", "file/" + name, "null",
                                             Json{{"rows", report->rows},
                                                  {"created", report->created},
                                                  {"unchanged", report->unchanged},
                                                  {"source", options.source}}
                                                 .dump());
                    !a)
                    return a.error();
            }
            return Reply{200, out, {}};
        });
    add(Route("GET", "/api/tasks/{id}", "Một nhiệm vụ, trạng thái và lịch sử")
            .query({{"as_of", Type::date}})
            .returns(object_of(
                {{"task", task_schema()},
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
                                                    {"decided_on", nullable("string")}}))}})),
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
        });
    add(Route("POST", "/api/tasks/{id}/confirm", "Xác nhận một nhiệm vụ đề xuất")
            .only(k_registrars)
            .returns(task_schema()),
        [this](Context& c) -> Result<Reply> {
            return change_task(c, "task.confirm", [this](domain::TaskId id) -> Result<Json> {
                if (auto r = service.confirm_task(id); !r) return r.error();
                return Json(nullptr);
            });
        });
    add(Route("POST", "/api/tasks/{id}/progress", "Cập nhật tiến độ")
            .only(k_reporters)
            .json({{"text", Type::string, true},
                   {"percent", Type::integer, false},
                   {"on", Type::date, false}})
            .returns(task_schema()),
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
        });
    add(Route("POST", "/api/tasks/{id}/report", "Báo cáo hoàn thành")
            .only(k_reporters)
            .json({{"text", Type::string, true}, {"on", Type::date, false}})
            .returns(task_schema()),
        [this](Context& c) -> Result<Reply> {
            const std::string text = c.body["text"].get<std::string>();
            const CivilDate on = body_date(c, "on");
            return change_task(c, "task.report", [&](domain::TaskId id) -> Result<Json> {
                auto r = service.report_done(id, on, text);
                if (!r) return r.error();
                return Json{{"report", *r}, {"on", domain::iso(on)}, {"text", text}};
            });
        });
    add(Route("POST", "/api/tasks/{id}/review", "Xác nhận hoặc trả lại báo cáo hoàn thành")
            .only(k_reviewers)
            .json({{"outcome", Type::string, true, {"confirmed", "returned"}},
                   {"note", Type::string, false},
                   {"on", Type::date, false}})
            .returns(task_schema()),
        [this](Context& c) -> Result<Reply> {
            const auto outcome = c.body["outcome"] == "confirmed" ? domain::ReviewOutcome::confirmed
                                                                  : domain::ReviewOutcome::returned;
            const std::string note = c.body.value("note", std::string());
            const CivilDate on = body_date(c, "on");
            return change_task(c, "task.review", [&](domain::TaskId id) -> Result<Json> {
                if (auto r = service.review(id, outcome, on, note); !r) return r.error();
                return Json{{"outcome", c.body["outcome"]}, {"on", domain::iso(on)}};
            });
        });
    add(Route("POST", "/api/tasks/{id}/extensions", "Đề nghị gia hạn")
            .only(k_reporters)
            .json({{"new_due", Type::date, true},
                   {"reason", Type::string, false},
                   {"on", Type::date, false}})
            .returns(task_schema()),
        [this](Context& c) -> Result<Reply> {
            const CivilDate new_due = *date_value(c.body["new_due"].get<std::string>());
            const std::string reason = c.body.value("reason", std::string());
            const CivilDate on = body_date(c, "on");
            return change_task(c, "task.extension_request", [&](domain::TaskId id) -> Result<Json> {
                auto r = service.request_extension(id, on, new_due, reason);
                if (!r) return r.error();
                return Json{{"extension", *r}, {"new_due", domain::iso(new_due)}};
            });
        });
    add(Route("POST", "/api/tasks/{id}/extensions/decision", "Quyết định về đề nghị gia hạn")
            .only(k_reviewers)
            .json({{"decision", Type::string, true, {"approved", "rejected"}},
                   {"on", Type::date, false}})
            .returns(task_schema()),
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
        });
    add(Route("GET", "/api/scoreboard", "Bảng theo dõi kết quả theo đơn vị")
            .query({{"as_of", Type::date},
                    {"from", Type::date},
                    {"to", Type::date},
                    {"unit", Type::string}})
            .returns(array_of(object_of({{"unit", t("string")},
                                         {"name", t("string")},
                                         {"assigned", t("integer")},
                                         {"done_on_time", t("integer")},
                                         {"done_late", t("integer")},
                                         {"in_progress", t("integer")},
                                         {"overdue", t("integer")},
                                         {"no_deadline", t("integer")},
                                         {"completion_rate", t("number")},
                                         {"enforcement", enforcement_counts_schema()}}))),
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
                               {"completion_rate", r.completion_rate()},
                               {"enforcement", enforcement_counts_json(r.enforcement)}});
            }
            return Reply{200, out, {}};
        });
    add(Route("GET", "/api/calendar/{year}", "Ngày làm việc và ngày nghỉ của một năm")
            .returns(object_of({{"year", t("integer")},
                                {"working_days", t("integer")},
                                {"days_off", array_of(object_of({{"date", t("string")},
                                                                 {"kind", t("string")},
                                                                 {"name", t("string")}}))}})),
        [this](Context& c) -> Result<Reply> {
            auto year = integer_param(c.path.at("year"), "year");
            if (!year || *year < 1990 || *year > 2100)
                return invalid("năm phải trong khoảng 1990–2100", "year");
            const int y = static_cast<int>(*year);
            const CivilDate last_of_previous{std::chrono::year{y - 1}, std::chrono::December,
                                             std::chrono::day{31}};
            const CivilDate last{std::chrono::year{y}, std::chrono::December, std::chrono::day{31}};
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
        });
}

}  // namespace dondoc::http
