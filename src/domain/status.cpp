#include "domain/status.h"

#include <array>

namespace dondoc::domain {
namespace {

struct StatusNames {
    TaskStatus status;
    std::string_view name;
    std::string_view label;
};

constexpr std::array<StatusNames, 6> k_statuses = {{
    {TaskStatus::done_on_time, "done_on_time", "Hoàn thành đúng hạn"},
    {TaskStatus::done_late, "done_late", "Hoàn thành quá hạn"},
    {TaskStatus::in_progress, "in_progress", "Đang thực hiện trong hạn"},
    {TaskStatus::due_soon, "due_soon", "Sắp đến hạn"},
    {TaskStatus::overdue, "overdue", "Quá hạn chưa hoàn thành"},
    {TaskStatus::no_deadline, "no_deadline", "Không có thời hạn"},
}};

}  // namespace

std::string_view task_status_name(TaskStatus status) {
    for (const auto& s : k_statuses) {
        if (s.status == status) return s.name;
    }
    return "in_progress";
}

std::string_view task_status_label(TaskStatus status) {
    for (const auto& s : k_statuses) {
        if (s.status == status) return s.label;
    }
    return "";
}

std::optional<TaskStatus> task_status_from_name(std::string_view name) {
    for (const auto& s : k_statuses) {
        if (s.name == name) return s.status;
    }
    return std::nullopt;
}

TaskStatus status_as_of(const StatusInputs& in, CivilDate as_of, const WorkingCalendar& calendar,
                        const StatusOptions& options) {
    // The last day on which the work is still on time.
    std::optional<CivilDate> last_day = in.due;
    if (last_day && !in.inclusive) {
        last_day = CivilDate{std::chrono::sys_days{*last_day} - std::chrono::days{1}};
    }
    const bool done =
        in.done_on && in.confirmed_on && *in.confirmed_on <= as_of && *in.done_on <= as_of;
    if (done) {
        if (!last_day || *in.done_on <= *last_day) return TaskStatus::done_on_time;
        return TaskStatus::done_late;
    }
    if (!last_day) return TaskStatus::no_deadline;
    if (as_of > *last_day) return TaskStatus::overdue;
    if (calendar.working_days_between(as_of, *last_day) <= options.due_soon_working_days) {
        return TaskStatus::due_soon;
    }
    return TaskStatus::in_progress;
}

StatusInputs inputs_as_of(std::optional<CivilDate> due, bool inclusive,
                          const std::vector<CompletionReport>& reports,
                          const std::vector<Extension>& extensions, CivilDate as_of) {
    StatusInputs in;
    in.due = due;
    in.inclusive = inclusive;
    // The latest extension approved by the as-of date moves the deadline.
    std::optional<CivilDate> decided;
    for (const auto& e : extensions) {
        if (e.decision != ExtensionDecision::approved || !e.decided_on || *e.decided_on > as_of)
            continue;
        if (!decided || *e.decided_on >= *decided) {
            decided = e.decided_on;
            in.due = e.new_due;
            in.inclusive = true;
        }
    }
    // The earliest report confirmed by then counts; a returned one does not.
    for (const auto& r : reports) {
        if (r.outcome != ReviewOutcome::confirmed || !r.reviewed_on || *r.reviewed_on > as_of)
            continue;
        if (!in.done_on || r.reported_on < *in.done_on) {
            in.done_on = r.reported_on;
            in.confirmed_on = r.reviewed_on;
        }
    }
    return in;
}

}  // namespace dondoc::domain
