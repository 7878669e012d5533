// Errors as values, for every layer's boundary.
//
// An expected failure (bad input, a missing record, a conflicting edit) is an
// `Error` carried in a `Result<T>`; exceptions are kept for bugs. Each front
// (CLI, HTTP) maps `ErrorCode` to its exit code or status in exactly one place.
// Value types: copyable, no shared state, thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dondoc {

// The small closed set of failure kinds (see ../shared/style.md).
enum class ErrorCode {
    invalid_input,  // the input is malformed or breaks a limit
    not_found,
    conflict,
    forbidden,
    io_error,
    corruption,
};

// Stable machine name of a code ("invalid_input").
std::string_view error_code_name(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::invalid_input;
    std::string message;  // what is wrong, in words a user can act on
    std::string where;    // e.g. "byte 1024", "line 12", a file name; may be empty

    // "message (where)" or just "message".
    [[nodiscard]] std::string describe() const;
};

// Either a value or an Error. `Result<void>` carries only success or an Error.
template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : m_state(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const Error& error() const { return std::get<Error>(m_state); }

  private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const Error& error() const { return *m_error; }

  private:
    std::optional<Error> m_error;
};

inline Error make_error(ErrorCode code, std::string message, std::string where = {}) {
    return Error{code, std::move(message), std::move(where)};
}

}  // namespace dondoc

// Inside a function returning a Result: evaluates `expr` (a Result) and
// returns its error from the function when it failed.
#define DONDOC_TRY(expr)                                    \
    do {                                                    \
        auto dondoc_result_ = (expr);                       \
        if (!dondoc_result_) return dondoc_result_.error(); \
    } while (false)
