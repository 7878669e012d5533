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

}  // namespace dondoc::domain
