#include "service/sheets.h"

#include <set>

#include "domain/civil_date.h"
#include "text/normalize.h"
#include "write/xlsx.h"

namespace dondoc::service {
namespace {

using write::Cell;
using write::Column;
using write::ColumnKind;

Cell date_cell(const std::optional<CivilDate>& d) {
    if (!d) return {};
    return write::Day{static_cast<int>(d->year()), static_cast<unsigned>(d->month()),
                      static_cast<unsigned>(d->day())};
}

Cell count(std::size_t n) {
    return static_cast<double>(n);
}

std::string units_text(const domain::Task& t, bool lead) {
    std::string out;
    std::set<std::string> seen;
    for (const auto& a : t.assignments) {
        if ((a.role == read::Role::coordinate) == lead) continue;
        if (!seen.insert(a.mention).second) continue;
        if (!out.empty()) out += "; ";
        out += a.mention;
    }
    return out;
}

}  // namespace

Result<Scorecard> scorecard(RegisterService& service, const domain::ReportPeriod& period,
                            CivilDate as_of, const std::optional<UnitId>& unit) {
    ScoreQuery query;
    query.as_of = as_of;
    query.from = period.from;
    query.to = period.to;
    query.unit = unit;
    auto rows = service.scoreboard(query);
    if (!rows) return rows.error();
    Scorecard card;
    card.period = period;
    card.as_of = as_of;
    card.unit = unit;
    card.rows = std::move(*rows);
    card.totals.unit_name = "Tổng cộng";
    for (const auto& r : card.rows) {
        card.totals.assigned += r.assigned;
        card.totals.done_on_time += r.done_on_time;
        card.totals.done_late += r.done_late;
        card.totals.in_progress += r.in_progress;
        card.totals.overdue += r.overdue;
        card.totals.no_deadline += r.no_deadline;
        card.totals.enforcement += r.enforcement;
    }
    return card;
}

Result<std::string> register_xlsx(RegisterService& service, CivilDate as_of) {
    auto tasks = service.exported_tasks(as_of);
    if (!tasks) return tasks.error();
    const auto headers = exported_task_headers(as_of);
    // Widths follow the CSV's columns, in order.
    const std::vector<std::pair<double, ColumnKind>> shapes = {
        {8, ColumnKind::text},  {6, ColumnKind::text},  {50, ColumnKind::text},
        {12, ColumnKind::text}, {20, ColumnKind::text}, {20, ColumnKind::text},
        {12, ColumnKind::date}, {12, ColumnKind::date}, {16, ColumnKind::text},
        {14, ColumnKind::date}, {18, ColumnKind::text}, {22, ColumnKind::text}};
    write::Sheet sheet;
    sheet.name = k_register_sheet;
    for (std::size_t i = 0; i < headers.size(); ++i)
        sheet.columns.push_back(Column{headers[i], shapes[i].first, shapes[i].second});
    for (const auto& t : *tasks) {
        sheet.rows.push_back({t.id, t.clause, t.title, t.assigned_by, t.lead, t.coordinate,
                              date_cell(t.start), date_cell(t.due), t.state, date_cell(t.done_on),
                              t.directive, t.status});
    }
    return write::xlsx_bytes({sheet});
}

Result<std::string> task_list_xlsx(RegisterService& service, const TaskQuery& query) {
    auto views = service.tasks(query);
    if (!views) return views.error();
    write::Sheet sheet;
    sheet.name = k_task_list_sheet;
    std::string title = "DANH SÁCH NHIỆM VỤ";
    if (query.unit) {
        auto units = service.units();
        if (!units) return units.error();
        for (const auto& u : *units) {
            if (u.id == *query.unit) title += " — " + u.name;
        }
    }
    title += " — đến ngày " + domain::vietnamese(query.as_of);
    sheet.print_title = title;
    sheet.columns = {{"Mã", 7, ColumnKind::number},
                     {"Văn bản giao", 18},
                     {"Mục", 6},
                     {"Nội dung nhiệm vụ", 55},
                     {"Cơ quan chủ trì", 28},
                     {"Cơ quan phối hợp", 24},
                     {"Thời hạn", 12, ColumnKind::date},
                     {"Kỳ", 10},
                     {"Trạng thái", 20}};
    for (const auto& v : *views) {
        sheet.rows.push_back({static_cast<double>(v.task.id.value), v.document_notation,
                              v.task.clause, v.task.action, units_text(v.task, true),
                              units_text(v.task, false), date_cell(v.due), v.period_label,
                              v.task.state == domain::TaskState::proposed
                                  ? std::string("Chờ xác nhận")
                                  : std::string(domain::task_status_label(v.status))});
    }
    return write::xlsx_bytes({sheet});
}

Result<std::string> scorecard_xlsx(const Scorecard& card) {
    write::Sheet sheet;
    sheet.name = k_scorecard_sheet;
    sheet.print_title = "KẾT QUẢ THỰC HIỆN NHIỆM VỤ " + text::to_upper(card.period.label) +
                        " (từ " + domain::vietnamese(card.period.from) + " đến " +
                        domain::vietnamese(card.period.to) + "), số liệu đến ngày " +
                        domain::vietnamese(card.as_of);
    sheet.columns = {{"STT", 6, ColumnKind::number},
                     {"Mã đơn vị", 12},
                     {"Đơn vị", 40},
                     {"Tổng số", 10, ColumnKind::number},
                     {"Hoàn thành đúng hạn", 12, ColumnKind::number},
                     {"Hoàn thành quá hạn", 12, ColumnKind::number},
                     {"Đang thực hiện trong hạn", 12, ColumnKind::number},
                     {"Quá hạn chưa hoàn thành", 12, ColumnKind::number},
                     {"Không có thời hạn", 11, ColumnKind::number},
                     {"Tỷ lệ hoàn thành", 12, ColumnKind::percent}};
    for (const auto kind : domain::k_enforcement_kinds)
        sheet.columns.push_back(
            {std::string(domain::enforcement_kind_label(kind)), 11, ColumnKind::number});
    std::size_t n = 0;
    const auto cells = [](const ScoreRow& r) {
        std::vector<Cell> out{count(r.assigned),    count(r.done_on_time), count(r.done_late),
                              count(r.in_progress), count(r.overdue),      count(r.no_deadline),
                              r.completion_rate()};
        for (const auto kind : domain::k_enforcement_kinds)
            out.push_back(count(r.enforcement.of(kind)));
        return out;
    };
    for (const auto& r : card.rows) {
        std::vector<Cell> row{static_cast<double>(++n), r.unit.value,
                              r.unit_name.empty() ? r.unit.value : r.unit_name};
        const auto numbers = cells(r);
        row.insert(row.end(), numbers.begin(), numbers.end());
        sheet.rows.push_back(std::move(row));
    }
    std::vector<Cell> totals{Cell{}, Cell{}, std::string("Tổng cộng")};
    const auto numbers = cells(card.totals);
    totals.insert(totals.end(), numbers.begin(), numbers.end());
    sheet.totals = std::move(totals);
    return write::xlsx_bytes({sheet});
}

}  // namespace dondoc::service
