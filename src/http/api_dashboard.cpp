// Routes the web UI needs beyond the register's own: the dashboard's summary
// in one request (so that its first paint waits for one answer, not eight),
// a document's text (shown beside what the reader extracted from it), and
// the clerk's corrections to a proposed task before confirming it.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "domain/status.h"
#include "http/api_internal.h"
#include "service/task_edit.h"

namespace dondoc::http {
namespace {

// How many rows each dashboard list holds.
constexpr std::size_t k_dashboard_rows = 10;
// The dashboard's coming week: today and the next six days.
constexpr int k_week_days = 7;

bool is_open(domain::TaskStatus s) {
    return s == domain::TaskStatus::in_progress || s == domain::TaskStatus::due_soon ||
           s == domain::TaskStatus::overdue;
}

// A report the unit owes: the task's product is a report, or it recurs
// (a periodic report: hằng tháng, hằng quý…).
bool is_report(const service::TaskView& v) {
    if (!v.period_label.empty()) return true;
    if (!v.task.product) return false;
    const std::string& p = *v.task.product;
    return p.find("áo cáo") != std::string::npos || p.find("ÁO CÁO") != std::string::npos;
}

}  // namespace

void Api::Impl::add_dashboard_routes() {
    const Json count_schema = object_of({{"status", t("string")}, {"count", t("integer")}});
    add(Route("GET", "/api/dashboard",
              "Tổng quan: nhiệm vụ theo trạng thái, quá hạn theo đơn vị, hạn trong tuần tới, "
              "văn bản mới đến, báo cáo đến hạn trong tháng")
            .query({{"as_of", Type::date}, {"unit", Type::string}})
            .returns(object_of(
                {{"as_of", t("string")},
                 {"total", t("integer")},
                 {"by_status", array_of(count_schema)},
                 {"overdue_by_unit",
                  array_of(object_of(
                      {{"unit", t("string")}, {"name", t("string")}, {"overdue", t("integer")}}))},
                 {"due_this_week", array_of(task_schema())},
                 {"reports_due", array_of(task_schema())},
                 {"recent_documents", array_of(document_schema())}})),
        [this](Context& c) -> Result<Reply> {
            auto as_of = date_param(c, "as_of");
            if (!as_of) return as_of.error();
            auto unit = scoped_unit(c);
            if (!unit) return unit.error();

            service::TaskQuery query;
            query.as_of = *as_of;
            query.unit = *unit;
            auto views = service.tasks(query);
            if (!views) return views.error();

            using domain::TaskStatus;
            const std::vector<TaskStatus> order = {
                TaskStatus::overdue,      TaskStatus::due_soon,  TaskStatus::in_progress,
                TaskStatus::done_on_time, TaskStatus::done_late, TaskStatus::no_deadline};
            std::map<TaskStatus, std::size_t> counts;
            const CivilDate week_end = domain::plus_days(*as_of, k_week_days - 1);
            const CivilDate month_start{as_of->year() / as_of->month() / 1};
            const CivilDate month_end{std::chrono::year_month_day_last{
                as_of->year(), std::chrono::month_day_last{as_of->month()}}};
            std::vector<const service::TaskView*> week;
            std::vector<const service::TaskView*> reports;
            for (const auto& v : *views) {
                ++counts[v.status];
                if (!is_open(v.status) || !v.due) continue;
                if (*v.due >= *as_of && *v.due <= week_end) week.push_back(&v);
                if (*v.due >= month_start && *v.due <= month_end && is_report(v))
                    reports.push_back(&v);
            }
            auto by_due = [](const service::TaskView* a, const service::TaskView* b) {
                return *a->due != *b->due ? *a->due < *b->due : a->task.id < b->task.id;
            };
            std::sort(week.begin(), week.end(), by_due);
            std::sort(reports.begin(), reports.end(), by_due);

            Json by_status = Json::array();
            for (auto s : order)
                by_status.push_back(
                    {{"status", domain::task_status_name(s)}, {"count", counts[s]}});
            Json due_this_week = Json::array();
            for (std::size_t i = 0; i < week.size() && i < k_dashboard_rows; ++i)
                due_this_week.push_back(task_json(*week[i]));
            Json reports_due = Json::array();
            for (std::size_t i = 0; i < reports.size() && i < k_dashboard_rows; ++i)
                reports_due.push_back(task_json(*reports[i]));

            // Overdue by unit: each overdue task counts once for every unit
            // of the scope it is assigned to (chủ trì, phối hợp or thực hiện).
            std::map<std::string, std::size_t> late_count;
            for (const auto& v : *views) {
                if (v.status != TaskStatus::overdue) continue;
                std::set<std::string> seen;
                for (const auto& a : v.task.assignments)
                    if (a.unit && (!c.scope || c.scope->contains(a.unit->value)) &&
                        seen.insert(a.unit->value).second)
                        ++late_count[a.unit->value];
            }
            std::vector<std::pair<std::string, std::size_t>> late(late_count.begin(),
                                                                  late_count.end());
            std::stable_sort(late.begin(), late.end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; });
            if (late.size() > k_dashboard_rows) late.resize(k_dashboard_rows);
            auto units = service.units();
            if (!units) return units.error();
            std::map<std::string, std::string> names;
            for (const auto& u : *units) names[u.id.value] = u.name;
            Json overdue_by_unit = Json::array();
            for (const auto& entry : late)
                overdue_by_unit.push_back({{"unit", entry.first},
                                           {"name", names[entry.first]},
                                           {"overdue", entry.second}});

            // Recently received: the newest registered documents issued by
            // as_of, not the placeholders standing for documents only cited.
            auto docs = repository.documents(4 * k_dashboard_rows, 0);
            if (!docs) return docs.error();
            Json recent = Json::array();
            for (const auto& d : *docs) {
                if (d.placeholder || (d.date && *d.date > *as_of)) continue;
                if (recent.size() == k_dashboard_rows) break;
                recent.push_back(document_json(d));
            }
            return Reply{200,
                         Json{{"as_of", domain::iso(*as_of)},
                              {"total", views->size()},
                              {"by_status", by_status},
                              {"overdue_by_unit", overdue_by_unit},
                              {"due_this_week", due_this_week},
                              {"reports_due", reports_due},
                              {"recent_documents", recent}},
                         {}};
        });
    add(Route("POST", "/api/tasks/{id}/edit",
              "Sửa nhiệm vụ đang chờ xác nhận: nội dung, hoặc các đơn vị ứng với một tên "
              "chưa xác định")
            .only(k_registrars)
            .json({{"action", Type::string, false, {}, "nội dung mới"},
                   {"mention", Type::string, false, {}, "tên đơn vị như trong văn bản"},
                   {"units", Type::string_array, false, {}, "mã các đơn vị ứng với tên đó"}})
            .returns(task_schema()),
        [this](Context& c) -> Result<Reply> {
            service::TaskEdit edit;
            if (c.body.contains("action")) edit.action = c.body["action"].get<std::string>();
            if (c.body.contains("mention")) edit.mention = c.body["mention"].get<std::string>();
            if (c.body.contains("units"))
                for (const auto& u : c.body["units"])
                    edit.units.push_back(domain::UnitId{u.get<std::string>()});
            if (!edit.action && !edit.mention)
                return invalid("cần 'action' hoặc 'mention' cùng 'units'", "action");
            if (!edit.mention && !edit.units.empty())
                return invalid("'units' cần đi cùng 'mention'", "mention");
            return change_task(c, "task.edit", [&](domain::TaskId id) -> Result<Json> {
                auto edited = service::edit_proposed_task(repository, id, edit);
                if (!edited) return edited.error();
                return Json::parse(c.body.dump());
            });
        });
    add(Route("GET", "/api/documents/{notation}/text",
              "Toàn văn của văn bản (để đối chiếu với những gì đã đọc được)")
            .returns(object_of(
                {{"notation", t("string")}, {"source_name", t("string")}, {"text", t("string")}})),
        [this](Context& c) -> Result<Reply> {
            auto doc = service.document_by_notation(c.path.at("notation"));
            if (!doc) return doc.error();
            return Reply{200,
                         Json{{"notation", doc->notation},
                              {"source_name", doc->source_name},
                              {"text", doc->text}},
                         {}};
        });
}

}  // namespace dondoc::http
