// UTF-8 validation and code point iteration.
//
// Every text that enters dondoc is checked here first: invalid input is an
// error naming the byte offset of the first bad sequence. Pure functions,
// thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/error.h"

namespace dondoc::text {

// Ok when `bytes` is well-formed UTF-8 (no overlongs, surrogates or code
// points above U+10FFFF); otherwise an invalid_input error whose `where` is
// "byte N" for the first offending byte.
Result<void> validate_utf8(std::string_view bytes);

// Decodes the code point at `pos` of valid UTF-8 and advances `pos` past it.
// Precondition: `pos < s.size()` and `s` is valid UTF-8.
char32_t next_code_point(std::string_view s, std::size_t& pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

// Number of code points in valid UTF-8.
std::size_t code_point_count(std::string_view s);

}  // namespace dondoc::text
