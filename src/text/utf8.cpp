#include "text/utf8.h"

namespace dondoc::text {

Result<void> validate_utf8(std::string_view bytes) {
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    auto fail = [&](std::size_t at, const char* what) -> Result<void> {
        return make_error(ErrorCode::invalid_input, std::string("invalid UTF-8: ") + what,
                          "byte " + std::to_string(at));
    };
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2, cp = c & 0x1Fu, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3, cp = c & 0x0Fu, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4, cp = c & 0x07u, min = 0x10000;
        } else {
            return fail(i, c >= 0x80 && c <= 0xBF ? "unexpected continuation byte"
                                                  : "byte that never starts a character");
        }
        if (i + len > n) return fail(i, "sequence cut off at the end of the input");
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0u) != 0x80u) return fail(i, "missing continuation byte");
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < min) return fail(i, "overlong encoding");
        if (cp >= 0xD800 && cp <= 0xDFFF) return fail(i, "encoded surrogate");
        if (cp > 0x10FFFF) return fail(i, "code point above U+10FFFF");
        i += len;
    }
    return {};
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t code_point_count(std::string_view s) {
    std::size_t count = 0;
    for (char c : s) count += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    return count;
}

}  // namespace dondoc::text
