#include "service/task_edit.h"

#include <algorithm>
#include <set>

namespace dondoc::service {
namespace {

constexpr std::size_t k_max_action = 4000;

}  // namespace

Result<domain::Task> edit_proposed_task(store::Repository& repository, domain::TaskId id,
                                        const TaskEdit& edit) {
    auto task = repository.task(id);
    if (!task) return task.error();
    if (task->state != domain::TaskState::proposed)
        return make_error(ErrorCode::conflict,
                          "chỉ sửa được nhiệm vụ đang chờ xác nhận; nhiệm vụ này đã được xác nhận "
                          "hoặc đã hủy");
    if (edit.action) {
        const auto& a = *edit.action;
        const bool blank = std::all_of(a.begin(), a.end(), [](char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r';
        });
        if (blank) return make_error(ErrorCode::invalid_input, "nội dung nhiệm vụ trống", "action");
        if (a.size() > k_max_action)
            return make_error(ErrorCode::invalid_input, "nội dung nhiệm vụ quá dài", "action");
        task->action = a;
    }
    if (edit.mention) {
        if (edit.units.empty())
            return make_error(ErrorCode::invalid_input, "cần ít nhất một đơn vị", "units");
        auto units = repository.units();
        if (!units) return units.error();
        for (const auto& wanted : edit.units) {
            const auto found = std::find_if(units->begin(), units->end(),
                                            [&](const domain::Unit& u) { return u.id == wanted; });
            if (found == units->end())
                return make_error(ErrorCode::invalid_input,
                                  "không có đơn vị mã '" + wanted.value + "'", "units");
            // A unit that had ceased when the task was assigned (merged,
            // dissolved) cannot receive it; one that ceased later could.
            if (found->valid_to && task->assigned_on && *found->valid_to < *task->assigned_on)
                return make_error(ErrorCode::invalid_input,
                                  "đơn vị '" + found->name + "' đã thôi hoạt động trước ngày giao",
                                  "units");
        }
        std::vector<domain::TaskAssignment> assignments;
        bool matched = false;
        for (const auto& a : task->assignments) {
            if (a.mention != *edit.mention) {
                assignments.push_back(a);
                continue;
            }
            matched = true;
            for (const auto& u : edit.units) assignments.push_back({u, a.mention, a.role});
        }
        if (!matched)
            return make_error(ErrorCode::not_found,
                              "nhiệm vụ không có tên đơn vị '" + *edit.mention + "'", "mention");
        // One assignment per unit and role: a unit named twice (already
        // resolved from another mention) keeps its first place.
        std::set<std::pair<std::string, int>> seen;
        std::vector<domain::TaskAssignment> unique;
        for (auto& a : assignments) {
            if (a.unit && !seen.insert({a.unit->value, static_cast<int>(a.role)}).second) continue;
            unique.push_back(std::move(a));
        }
        task->assignments = std::move(unique);
    }
    if (auto saved = repository.update_task(*task); !saved) return saved.error();
    return repository.task(id);
}

}  // namespace dondoc::service
