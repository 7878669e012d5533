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

            // The figures come from the register's status index, as the
            // scoreboard's do (each occurrence counted once for each unit
            // that leads or performs it): a whole province answers in
            // milliseconds, where working out every task's status took a
            // minute at a million tasks.
            auto rows = service.scoreboard(service::ScoreQuery{*as_of, {}, {}, *unit});
            if (!rows) return rows.error();
            using domain::TaskStatus;
            std::map<TaskStatus, std::size_t> counts;
            std::size_t total = 0;
            Json overdue_by_unit = Json::array();
            for (const auto& row : *rows) {  // worst first
                counts[TaskStatus::overdue] += row.overdue;
                counts[TaskStatus::in_progress] += row.in_progress;
                counts[TaskStatus::done_on_time] += row.done_on_time;
                counts[TaskStatus::done_late] += row.done_late;
                counts[TaskStatus::no_deadline] += row.no_deadline;
                total += row.assigned;
                if (row.overdue > 0 && overdue_by_unit.size() < k_dashboard_rows)
                    overdue_by_unit.push_back({{"unit", row.unit.value},
                                               {"name", row.unit_name},
                                               {"overdue", row.overdue}});
            }
            Json by_status = Json::array();
            for (auto s : {TaskStatus::overdue, TaskStatus::in_progress, TaskStatus::done_on_time,
                           TaskStatus::done_late, TaskStatus::no_deadline})
                by_status.push_back(
                    {{"status", domain::task_status_name(s)}, {"count", counts[s]}});

            // The lists are of tasks: those with something due in the window.
            service::DueQuery week;
            week.query.as_of = *as_of;
            week.query.unit = *unit;
            week.from = *as_of;
            week.to = domain::plus_days(*as_of, k_week_days - 1);
            week.limit = k_dashboard_rows;
            auto due_soon = service.falling_due(week);
            if (!due_soon) return due_soon.error();
            service::DueQuery month = week;
            month.from = CivilDate{as_of->year() / as_of->month() / 1};
            month.to = CivilDate{std::chrono::year_month_day_last{
                as_of->year(), std::chrono::month_day_last{as_of->month()}}};
            month.reports_only = true;
            auto reports = service.falling_due(month);
            if (!reports) return reports.error();
            Json due_this_week = Json::array();
            for (const auto& v : *due_soon) due_this_week.push_back(task_json(v));
            Json reports_due = Json::array();
            for (const auto& v : *reports) reports_due.push_back(task_json(v));

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
                              {"total", total},
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
