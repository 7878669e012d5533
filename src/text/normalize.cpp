#include "text/normalize.h"

#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <memory>

#include "text/utf8.h"

namespace dondoc::text {
namespace {

// Code points that are certainly NFC-stable and do not interact with a
// following combining mark's composition in a way that changes them: ASCII
// and Latin blocks below the combining diacritics, Vietnamese precomposed
// letters, and common punctuation. Text made only of these is already NFC.
bool nfc_stable(char32_t cp) {
    return cp < 0x300 || (cp >= 0x1EA0 && cp <= 0x1EF9) || (cp >= 0x2010 && cp <= 0x2027) ||
           (cp >= 0x2030 && cp <= 0x205E);
}

bool is_tone_mark(char32_t cp) {
    // grave, acute, tilde, hook above, dot below; U+0340/0341 are legacy tone marks.
    return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323 || cp == 0x340 ||
           cp == 0x341;
}

// Canonical decomposition of one code point into `out`.
void decompose(char32_t cp, std::string& out, bool strip_marks) {
    std::array<utf8proc_int32_t, 8> buf{};
    int last_boundclass = 0;
    utf8proc_option_t opts = UTF8PROC_DECOMPOSE;
    if (strip_marks) opts = static_cast<utf8proc_option_t>(opts | UTF8PROC_STRIPMARK);
    const utf8proc_ssize_t n = utf8proc_decompose_char(
        static_cast<utf8proc_int32_t>(cp), buf.data(), buf.size(), opts, &last_boundclass);
    if (n < 0 || static_cast<std::size_t>(n) > buf.size()) {
        append_utf8(out, cp);
        return;
    }
    for (utf8proc_ssize_t i = 0; i < n; ++i)
        append_utf8(out, static_cast<char32_t>(buf[static_cast<std::size_t>(i)]));
}

char32_t lower(char32_t cp) {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

bool is_letter(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
           cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO ||
           cat == UTF8PROC_CATEGORY_MN;
}

}  // namespace

std::string to_nfc(std::string_view s) {
    bool stable = true;
    for (std::size_t i = 0; i < s.size();) {
        // Lead bytes below 0xCC encode code points below U+0300: stable, no decoding needed.
        if (static_cast<unsigned char>(s[i]) < 0xCC) {
            ++i;
            continue;
        }
        if (!nfc_stable(next_code_point(s, i))) {
            stable = false;
            break;
        }
    }
    if (stable) return std::string(s);
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                     static_cast<utf8proc_ssize_t>(s.size()), &mapped,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0) return std::string(s);  // cannot happen for valid UTF-8
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
    return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
}

Result<std::string> normalize_input(std::string_view raw) {
    if (auto valid = validate_utf8(raw); !valid) return valid.error();
    if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
    return to_nfc(raw);
}

std::string fold_case(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) append_utf8(out, lower(next_code_point(s, i)));
    return out;
}

namespace {

// The folded (lower-case, no diacritics) form of the Latin letters Vietnamese
// uses, built once from utf8proc: U+0000–U+024F and U+1EA0–U+1EF9. An entry is
// the ASCII letter, or 0 when the code point needs the general path.
struct FoldTable {
    std::array<char, 0x250> latin{};
    std::array<char, 0x1EFA - 0x1EA0> vietnamese{};

    static char fold_one(char32_t cp) {
        const auto lo = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
        if (lo == 0x111) return 'd';
        std::array<utf8proc_int32_t, 8> buf{};
        int boundclass = 0;
        const utf8proc_ssize_t n = utf8proc_decompose_char(
            static_cast<utf8proc_int32_t>(lo), buf.data(), buf.size(),
            static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK), &boundclass);
        if (n == 1 && buf[0] < 0x80 && buf[0] > 0) return static_cast<char>(buf[0]);
        return 0;
    }

    FoldTable() {
        for (char32_t cp = 0x80; cp < 0x250; ++cp) latin[cp] = fold_one(cp);
        for (char32_t cp = 0x1EA0; cp < 0x1EFA; ++cp) vietnamese[cp - 0x1EA0] = fold_one(cp);
    }
};

}  // namespace

std::string fold_diacritics(std::string_view s) {
    static const FoldTable k_table;
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
            ++i;
            continue;
        }
        const char32_t cp = next_code_point(s, i);
        char folded = 0;
        if (cp < 0x250)
            folded = k_table.latin[cp];
        else if (cp >= 0x1EA0 && cp < 0x1EFA)
            folded = k_table.vietnamese[cp - 0x1EA0];
        if (folded != 0) {
            out.push_back(folded);
            continue;
        }
        const char32_t lo = lower(cp);
        if (lo == 0x111) {  // đ has no decomposition
            out.push_back('d');
            continue;
        }
        std::string base;
        decompose(lo, base, /*strip_marks=*/true);
        out += base;
    }
    return out;
}

std::string tone_key(std::string_view s) {
    // Decompose each letter, drop the tone mark from where it sits and put it
    // at the end of its word, so placement no longer matters.
    std::string out;
    out.reserve(s.size() + 8);
    char32_t pending_tone = 0;
    auto flush = [&] {
        if (pending_tone != 0) append_utf8(out, pending_tone);
        pending_tone = 0;
    };
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = lower(next_code_point(s, i));
        if (!is_letter(cp)) {
            flush();
            append_utf8(out, cp);
            continue;
        }
        std::string parts;
        decompose(cp, parts, false);
        for (std::size_t k = 0; k < parts.size();) {
            char32_t part = next_code_point(parts, k);
            if (part == 0x340) part = 0x300;
            if (part == 0x341) part = 0x301;
            if (is_tone_mark(part)) {
                pending_tone = part;
            } else {
                append_utf8(out, part);
            }
        }
    }
    flush();
    return out;
}

bool same_words(std::string_view a, std::string_view b) {
    return tone_key(a) == tone_key(b);
}

namespace {

// Byte length of the white-space character at `i` (ASCII blanks, no-break
// and typographic spaces, ideographic space, byte order mark), or 0.
std::size_t space_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
        return (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') ? 1 : 0;
    if (i + 1 >= s.size()) return 0;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xC2) return c1 == 0xA0 ? 2 : 0;
    if (i + 2 >= s.size()) return 0;
    const auto c2 = static_cast<unsigned char>(s[i + 2]);
    if (c == 0xE2 && c1 == 0x80) return (c2 <= 0x8B || c2 == 0xAF) ? 3 : 0;
    if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;
    if (c == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;
    return 0;
}

}  // namespace

std::string collapse_whitespace(std::string_view s) {
    static constexpr auto k_may_start_space = [] {
        std::array<bool, 256> table{};
        for (int b = 0; b <= ' '; ++b) table[static_cast<std::size_t>(b)] = true;
        for (int b : {0xC2, 0xE2, 0xE3, 0xEF}) table[static_cast<std::size_t>(b)] = true;
        return table;
    }();
    const std::size_t n = s.size();
    std::string out;
    out.reserve(n);
    std::size_t i = 0;
    while (i < n) {  // leading white space
        const std::size_t len = space_length(s, i);
        if (len == 0) break;
        i += len;
    }
    // Copy runs of text whole; a single ASCII space between two non-space
    // characters (the common case) stays inside the run.
    std::size_t run_start = i;
    while (i < n) {
        if (!k_may_start_space[static_cast<unsigned char>(s[i])]) {
            ++i;
            continue;
        }
        if (s[i] == ' ' && i + 1 < n) {
            const auto next = static_cast<unsigned char>(s[i + 1]);
            // The next byte cannot start white space: the usual single space.
            if ((next > ' ' && !k_may_start_space[next]) || space_length(s, i + 1) == 0) {
                ++i;
                continue;
            }
        }
        if (space_length(s, i) == 0) {
            ++i;
            continue;
        }
        out.append(s.substr(run_start, i - run_start));
        while (i < n) {
            const std::size_t len = space_length(s, i);
            if (len == 0) break;
            i += len;
        }
        if (i < n) out.push_back(' ');
        run_start = i;
    }
    out.append(s.substr(run_start));
    return out;
}

std::string_view trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

bool starts_upper(std::string_view s) {
    if (s.empty()) return false;
    std::size_t i = 0;
    const char32_t cp = next_code_point(s, i);
    return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LU;
}

bool is_upper_text(std::string_view s) {
    bool any_letter = false;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = next_code_point(s, i);
        const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
        if (cat == UTF8PROC_CATEGORY_LL) return false;
        if (cat == UTF8PROC_CATEGORY_LU) any_letter = true;
    }
    return any_letter;
}

std::string to_upper(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = next_code_point(s, i);
        append_utf8(out,
                    static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp))));
    }
    return out;
}

}  // namespace dondoc::text

namespace dondoc::text {

std::string fold_case_aligned(std::string_view s) {
    std::string out(s);
    const std::size_t n = out.size();
    for (std::size_t i = 0; i < n;) {
        const auto c = static_cast<unsigned char>(out[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
            ++i;
            continue;
        }
        // Vietnamese letters U+1EA0–U+1EF9 (E1 BA A0 – E1 BB B9) come in
        // upper/lower pairs, upper even: lower-casing sets the last bit.
        if (c == 0xE1 && i + 2 < n) {
            const auto b1 = static_cast<unsigned char>(out[i + 1]);
            const auto b2 = static_cast<unsigned char>(out[i + 2]);
            if ((b1 == 0xBA && b2 >= 0xA0) || (b1 == 0xBB && b2 <= 0xB9)) {
                out[i + 2] = static_cast<char>(b2 | 1u);
                i += 3;
                continue;
            }
        }
        // Latin-1 and Latin Extended-A, which hold the rest of the Vietnamese
        // letters (À–Ý, Ă, Đ, Ĩ, Ũ), and Ơ/Ư: lower case is a change to the last byte.
        if ((c == 0xC3 || c == 0xC4 || c == 0xC5 || c == 0xC6) && i + 1 < n) {
            const auto b1 = static_cast<unsigned char>(out[i + 1]);
            const char32_t cp = ((c & 0x1Fu) << 6) | (b1 & 0x3Fu);
            if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
                out[i + 1] = static_cast<char>(b1 + 0x20);
                i += 2;
                continue;
            }
            if ((cp >= 0xDF && cp <= 0xFF) || cp == 0x1A1 || cp == 0x1B0) {  // already lower
                i += 2;
                continue;
            }
            if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) {
                out[i + 1] = static_cast<char>(b1 | 1u);  // pairs, upper even
                i += 2;
                continue;
            }
            if (cp == 0x1A0 || cp == 0x1AF) {  // Ơ → ơ, Ư → ư
                out[i + 1] = static_cast<char>(cp == 0x1A0 ? 0xA1 : 0xB0);
                i += 2;
                continue;
            }
        }
        const std::size_t start_byte = i;
        const char32_t cp = next_code_point(out, i);
        const std::size_t len = i - start_byte;
        const auto lo = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
        if (lo == cp) continue;
        const std::size_t lo_len = lo < 0x80 ? 1 : lo < 0x800 ? 2 : lo < 0x10000 ? 3 : 4;
        if (lo_len != len) continue;  // keep offsets: leave such rare letters as they are
        std::string enc;
        append_utf8(enc, lo);
        out.replace(start_byte, len, enc);
    }
    return out;
}

}  // namespace dondoc::text
