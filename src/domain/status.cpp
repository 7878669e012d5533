#include "domain/status.h"

#include <algorithm>
#include <array>

#include "domain/civil_date.h"

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

std::vector<OccurrenceTimeline> occurrence_timelines(const std::vector<TaskOccurrence>& occurrences,
                                                     bool inclusive,
                                                     const std::vector<CompletionReport>& reports,
                                                     const std::vector<Extension>& extensions) {
    // The approved extensions apply to every occurrence.
    std::optional<CivilDate> extended_to;
    std::optional<CivilDate> extended_on;
    int approved = 0;
    for (const auto& e : extensions) {
        if (e.decision != ExtensionDecision::approved || !e.decided_on) continue;
        ++approved;
        if (!extended_on || *e.decided_on >= *extended_on) {
            extended_on = e.decided_on;
            extended_to = e.new_due;
        }
    }
    const bool recurring = occurrences.size() > 1;
    const auto timeline = [&](std::optional<CivilDate> due, bool on_time_that_day) {
        OccurrenceTimeline t;
        t.due = due;
        t.recurring = recurring;
        if (due) t.last_day = on_time_that_day ? *due : plus_days(*due, -1);
        t.extended_to = extended_to;
        t.extended_on = extended_on;
        int confirmed = 0;
        for (const auto& r : reports) {
            // A report names its occurrence when the task recurs; otherwise it is the task's.
            if (recurring && r.occurrence_due && due && *r.occurrence_due != *due) continue;
            if (r.outcome != ReviewOutcome::confirmed || !r.reviewed_on) continue;
            ++confirmed;
            t.done_on = r.reported_on;
            t.confirmed_on = r.reviewed_on;
        }
        t.exact = approved <= 1 && confirmed <= 1;
        return t;
    };
    std::vector<OccurrenceTimeline> out;
    if (occurrences.empty()) {
        out.push_back(timeline(std::nullopt, true));
        return out;
    }
    out.reserve(occurrences.size());
    for (const auto& o : occurrences) out.push_back(timeline(o.due, recurring || inclusive));
    return out;
}

TaskStatus status_as_of(const OccurrenceTimeline& t, CivilDate as_of,
                        const WorkingCalendar& calendar, const StatusOptions& options) {
    StatusInputs in;
    in.due = t.last_day;
    if (t.extended_on && *t.extended_on <= as_of) in.due = t.extended_to;
    if (t.confirmed_on && *t.confirmed_on <= as_of) {
        in.done_on = t.done_on;
        in.confirmed_on = t.confirmed_on;
    }
    return status_as_of(in, as_of, calendar, options);
}

std::vector<StatusChange> status_changes(const OccurrenceTimeline& t) {
    // The status depends on the as-of date only through comparisons with
    // these days, so it is constant between them.
    std::vector<CivilDate> days;
    const auto add = [&](const std::optional<CivilDate>& d, int offset) {
        if (d) days.push_back(plus_days(*d, offset));
    };
    if (t.recurring) add(t.due, 0);
    add(t.last_day, 1);
    add(t.extended_on, 0);
    add(t.extended_to, 1);
    add(t.done_on, 0);
    add(t.confirmed_on, 0);
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    const StatusOptions never_due_soon{-1};
    const WorkingCalendar& calendar = WorkingCalendar::vietnam();
    const auto status_on = [&](CivilDate day) -> std::optional<TaskStatus> {
        if (t.recurring && t.due && day < *t.due) return std::nullopt;
        return status_as_of(t, day, calendar, never_due_soon);
    };
    std::vector<StatusChange> out;
    const CivilDate earliest =
        days.empty() ? CivilDate{std::chrono::year{1970}, std::chrono::January, std::chrono::day{1}}
                     : plus_days(days.front(), -1);
    out.push_back(StatusChange{std::nullopt, status_on(earliest)});
    for (const CivilDate day : days) {
        const auto status = status_on(day);
        if (status != out.back().status) out.push_back(StatusChange{day, status});
    }
    return out;
}

}  // namespace dondoc::domain
