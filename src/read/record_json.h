// The record as JSON: the `dondoc.record/1` format of record-format.md.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "read/record.h"

namespace dondoc::read {

inline constexpr const char* k_record_format = "dondoc.record/1";

// One JSON object; on one line unless `pretty` (2-space indent). UTF-8 text
// is written as is, not escaped.
std::string to_json(const Record& record, bool pretty = false);

// One deadline as a JSON object, and a JSON array of them back (the store
// keeps a task's deadlines in this form). Errors name what is wrong.
std::string deadlines_to_json(const std::vector<Deadline>& deadlines);
Result<std::vector<Deadline>> deadlines_from_json(std::string_view json);

// Names used in the JSON ("lead", "KT", "working_day", …).
std::string_view role_name(Role role);
std::string_view authority_name(Authority authority);
std::string_view deadline_kind_name(DeadlineKind kind);
std::string_view duration_unit_name(DurationUnit unit);

}  // namespace dondoc::read
