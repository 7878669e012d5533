#include "cli/exit_codes.h"

namespace dondoc::cli {

int exit_code_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input:
            return 3;
        case ErrorCode::not_found:
            return 4;
        case ErrorCode::conflict:
            return 5;
        case ErrorCode::forbidden:
            return 6;
        case ErrorCode::io_error:
            return 7;
        case ErrorCode::corruption:
            return 8;
    }
    return 1;
}

}  // namespace dondoc::cli
