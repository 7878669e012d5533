// A task's status as of a date, in the Government's model: done on time,
// done late, in progress within the deadline, overdue; plus due soon and no
// deadline. Snapshots are computed from dated events, never stored, so the
// same question about a past date always has the same answer.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/calendar.h"
#include "domain/register.h"

namespace dondoc::domain {

enum class TaskStatus {
    done_on_time,  // hoàn thành đúng hạn
    done_late,     // hoàn thành quá hạn
    in_progress,   // đang thực hiện trong hạn
    due_soon,      // sắp đến hạn (in progress, due within N working days)
    overdue,       // quá hạn chưa hoàn thành
    no_deadline,   // không có thời hạn (thường xuyên)
};

std::string_view task_status_name(TaskStatus status);   // "done_on_time"
std::string_view task_status_label(TaskStatus status);  // "Hoàn thành đúng hạn"
std::optional<TaskStatus> task_status_from_name(std::string_view name);

// What decides one occurrence's status.
struct StatusInputs {
    std::optional<CivilDate> due;      // the deadline in force (after approved extensions)
    bool inclusive = true;             // false: due the day before `due`
    std::optional<CivilDate> done_on;  // date of the completion report that was confirmed
    std::optional<CivilDate> confirmed_on;
};

struct StatusOptions {
    int due_soon_working_days = 3;
};

TaskStatus status_as_of(const StatusInputs& inputs, CivilDate as_of,
                        const WorkingCalendar& calendar, const StatusOptions& options = {});

// The inputs of one occurrence as of a date: the latest extension approved
// by then, and the completion report confirmed by then (a returned report
// counts as not done).
StatusInputs inputs_as_of(std::optional<CivilDate> due, bool inclusive,
                          const std::vector<CompletionReport>& reports,
                          const std::vector<Extension>& extensions, CivilDate as_of);

// One occurrence's status inputs for every as-of date at once, as a store
// can index them: the original last on-time day, the extension approved
// and when, the confirmed report and when it was confirmed. One approved
// extension and one confirmed report cover nearly every task; with more,
// which one counts depends on the as-of date, `exact` is false and the
// status must come from the events (inputs_as_of).
struct OccurrenceTimeline {
    std::optional<CivilDate> due;          // the occurrence; none for a task without deadline
    std::optional<CivilDate> last_day;     // the last day on time, before any extension
    std::optional<CivilDate> extended_to;  // last day on time after the approved extension
    std::optional<CivilDate> extended_on;  // when that extension was approved
    std::optional<CivilDate> done_on;      // date of the confirmed completion report
    std::optional<CivilDate> confirmed_on;
    bool recurring = false;  // one of several occurrences
    bool exact = true;
};

// The timelines of a task: one per occurrence, or one without a deadline
// when it has none. `inclusive` says whether a single deadline's day is
// itself on time ("chậm nhất ngày", true) or not ("trước ngày", false).
std::vector<OccurrenceTimeline> occurrence_timelines(const std::vector<TaskOccurrence>& occurrences,
                                                     bool inclusive,
                                                     const std::vector<CompletionReport>& reports,
                                                     const std::vector<Extension>& extensions);

// The status of an exact timeline as of a date; the same answer as
// status_as_of(inputs_as_of(...)) on the events it was made from.
TaskStatus status_as_of(const OccurrenceTimeline& timeline, CivilDate as_of,
                        const WorkingCalendar& calendar, const StatusOptions& options = {});

// How an exact timeline's status moves with the as-of date, for indexes
// that count statuses as of any date: the status from the earliest day
// (`on` empty) and at each day it changes. A recurring occurrence does not
// count before it is due (`status` empty). Due soon is not told apart from
// in progress here: it moves day by day with the calendar.
struct StatusChange {
    std::optional<CivilDate> on;
    std::optional<TaskStatus> status;
};
std::vector<StatusChange> status_changes(const OccurrenceTimeline& timeline);

}  // namespace dondoc::domain
