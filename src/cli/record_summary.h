// A record as a readable Vietnamese summary, for people at a terminal.
#pragma once

#include <string>

#include "read/record.h"

namespace dondoc::cli {

std::string record_summary(const read::Record& record);

// The Vietnamese word for a role: "chủ trì", "phối hợp", "thực hiện".
const char* role_label(read::Role role);

}  // namespace dondoc::cli
