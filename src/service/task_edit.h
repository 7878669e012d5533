// Corrections a clerk makes to a proposed task before confirming it: its
// wording, and which units a name the reader could not resolve stands for
// ("các hội, đoàn thể huyện" → the district's associations). Only proposed
// tasks change this way: an active task's history hangs on its units and
// text, and moves through progress, reports and mergers instead.
//
// Stateless functions over the repository; as thread-safe as it is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "store/repository.h"

namespace dondoc::service {

struct TaskEdit {
    std::optional<std::string> action;  // the new wording (not empty, at most 4,000 bytes)
    // A mention of the task whose units are given: every assignment with that
    // mention becomes one assignment per unit, with the same role.
    std::optional<std::string> mention;
    std::vector<domain::UnitId> units;
};

// Applies the edit in one transaction. Errors: not_found (no task, or no
// assignment with that mention), conflict (the task is not proposed),
// invalid_input (empty or too long wording, no units for a mention, a unit
// that does not exist or had ceased before the task was assigned).
Result<domain::Task> edit_proposed_task(store::Repository& repository, domain::TaskId id,
                                        const TaskEdit& edit);

}  // namespace dondoc::service
