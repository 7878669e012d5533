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
// Precondition: `pos < s.size()` and `s` is valid UTF-8. (Inline: every
// scanner calls it per character.)
inline char32_t next_code_point(std::string_view s, std::size_t& pos) {
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
        ++pos;
        return c;
    }
    const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t cp = c & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < len && pos + k < s.size(); ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3Fu);
    }
    pos += len;
    return cp;
}

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

// Number of code points in valid UTF-8.
std::size_t code_point_count(std::string_view s);

}  // namespace dondoc::text
