// Exit codes of the CLI: the one place where error codes become exit codes.
#pragma once

#include "base/error.h"

namespace dondoc::cli {

inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_usage = 2;

int exit_code_for(ErrorCode code);

}  // namespace dondoc::cli
