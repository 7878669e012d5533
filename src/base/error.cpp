#include "base/error.h"

namespace dondoc {

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_input:
            return "invalid_input";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::conflict:
            return "conflict";
        case ErrorCode::forbidden:
            return "forbidden";
        case ErrorCode::io_error:
            return "io_error";
        case ErrorCode::corruption:
            return "corruption";
    }
    return "unknown";
}

std::string Error::describe() const {
    if (where.empty()) return message;
    return message + " (" + where + ")";
}

}  // namespace dondoc
