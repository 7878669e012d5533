#include "text/legacy_encoding.h"

#include <array>
#include <cstdint>
#include <optional>

#include "text/normalize.h"
#include "text/utf8.h"

namespace dondoc::text {
namespace {

// Windows-1252 for 0x80–0x9F (0 where unassigned). Both legacy encodings were
// used on Windows, where quotes and dashes in this range sit beside them.
constexpr std::array<char16_t, 32> k_cp1252_high = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

// TCVN 5712:1993 for 0xA0–0xFF (the chart of the standard; VN3, the "ABC"
// set, is this range: lower-case letters with tones and the seven capitals
// Ă Â Ê Ô Ơ Ư Đ; the few capitals with tones VN1 adds here are kept, and
// 0xB0–0xB4 are the five combining tone marks).
constexpr std::array<char16_t, 96> k_tcvn3_high = {
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,  // A0 nbsp Ă Â Ê Ô Ơ Ư Đ
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,  // A8 ă â ê ô ơ ư đ Ằ
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,  // B0 ` ̉ ~ ´ . à ả ã
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,  // B8 á ạ Ẳ ằ ẳ ẵ ắ Ẵ
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,  // C0 Ắ Ầ Ẩ Ẫ Ấ Ề ặ ầ
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,  // C8 ẩ ẫ ấ ậ è Ể ẻ ẽ
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,  // D0 é ẹ ề ể ễ ế ệ ì
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,  // D8 ỉ Ễ Ế Ồ ĩ í ị ò
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,  // E0 Ổ ỏ õ ó ọ ồ ổ ỗ
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,  // E8 ố ộ ờ ở ỡ ớ ợ ù
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,  // F0 Ỗ ủ ũ ú ụ ừ ử ữ
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x00FF,  // F8 ứ ự ỳ ỷ ỹ ý ỵ ÿ
};

constexpr char32_t k_grave = 0x0300;
constexpr char32_t k_acute = 0x0301;
constexpr char32_t k_tilde = 0x0303;
constexpr char32_t k_hook = 0x0309;
constexpr char32_t k_dot = 0x0323;
constexpr char32_t k_circumflex = 0x0302;
constexpr char32_t k_breve = 0x0306;

// A VNI mark byte: the vowel modifier it adds (circumflex or breve, or 0) and
// the tone (or 0). Lower- and upper-case forms are the same mark.
struct VniMark {
    char32_t modifier = 0;
    char32_t tone = 0;
};

// Marks by byte (upper-case form; the lower-case byte is +0x20).
constexpr std::optional<VniMark> vni_mark(unsigned char b) {
    if (b >= 0xE0) b = static_cast<unsigned char>(b - 0x20);
    switch (b) {
        case 0xD9:
            return VniMark{0, k_acute};  // Ù ù
        case 0xD8:
            return VniMark{0, k_grave};  // Ø ø
        case 0xDB:
            return VniMark{0, k_hook};  // Û û
        case 0xD5:
            return VniMark{0, k_tilde};  // Õ õ
        case 0xCF:
            return VniMark{0, k_dot};  // Ï ï
        case 0xC2:
            return VniMark{k_circumflex, 0};  // Â â
        case 0xC1:
            return VniMark{k_circumflex, k_acute};  // Á á
        case 0xC0:
            return VniMark{k_circumflex, k_grave};  // À à
        case 0xC5:
            return VniMark{k_circumflex, k_hook};  // Å å
        case 0xC3:
            return VniMark{k_circumflex, k_tilde};  // Ã ã
        case 0xC4:
            return VniMark{k_circumflex, k_dot};  // Ä ä
        case 0xCA:
            return VniMark{k_breve, 0};  // Ê ê
        case 0xC9:
            return VniMark{k_breve, k_acute};  // É é
        case 0xC8:
            return VniMark{k_breve, k_grave};  // È è
        case 0xDA:
            return VniMark{k_breve, k_hook};  // Ú ú
        case 0xDC:
            return VniMark{k_breve, k_tilde};  // Ü ü
        case 0xCB:
            return VniMark{k_breve, k_dot};  // Ë ë
        default:
            return std::nullopt;
    }
}

// VNI bytes that are whole letters by themselves.
constexpr char32_t vni_letter(unsigned char b) {
    switch (b) {
        case 0xD4:
            return 0x01A0;  // Ơ
        case 0xF4:
            return 0x01A1;  // ơ
        case 0xD6:
            return 0x01AF;  // Ư
        case 0xF6:
            return 0x01B0;  // ư
        case 0xD1:
            return 0x0110;  // Đ
        case 0xF1:
            return 0x0111;  // đ
        case 0xD2:
            return 0x1ECA;  // Ị
        case 0xF2:
            return 0x1ECB;  // ị
        case 0xC6:
            return 0x1EC8;  // Ỉ
        case 0xE6:
            return 0x1EC9;  // ỉ
        case 0xD3:
            return 0x0128;  // Ĩ
        case 0xF3:
            return 0x0129;  // ĩ
        case 0xCD:
            return 0x00CD;  // Í
        case 0xED:
            return 0x00ED;  // í
        case 0xCC:
            return 0x00CC;  // Ì
        case 0xEC:
            return 0x00EC;  // ì
        case 0xCE:
            return 0x1EF4;  // Ỵ
        case 0xEE:
            return 0x1EF5;  // ỵ
        default:
            return 0;
    }
}

constexpr bool is_ascii_vowel(char32_t c) {
    switch (c) {
        case 'a':
        case 'e':
        case 'i':
        case 'o':
        case 'u':
        case 'y':
        case 'A':
        case 'E':
        case 'I':
        case 'O':
        case 'U':
        case 'Y':
            return true;
        default:
            return false;
    }
}

// Windows-1252 reading of one byte (U+FFFD where unassigned).
char32_t cp1252(unsigned char b) {
    if (b < 0x80 || b >= 0xA0) return b;
    const char16_t c = k_cp1252_high[b - 0x80];
    return c == 0 ? 0xFFFD : c;
}

// The byte a run's code point stands for, or -1 when it is a real Unicode
// character outside Windows-1252.
int byte_of(char32_t cp) {
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<int>(cp);
    for (std::size_t i = 0; i < k_cp1252_high.size(); ++i) {
        if (k_cp1252_high[i] != 0 && k_cp1252_high[i] == cp) return static_cast<int>(0x80 + i);
    }
    return -1;
}

void decode_tcvn3(std::string_view bytes, std::string& out) {
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        append_utf8(out, b >= 0xA0 ? char32_t{k_tcvn3_high[b - 0xA0]} : cp1252(b));
    }
}

void decode_vni(std::string_view bytes, std::string& out) {
    // Marks are written as combining characters after their base; NFC then
    // composes them ("e" + U+0302 + U+0323 → "ệ").
    char32_t base = 0;    // the last letter written, while it may take a mark
    bool marked = false;  // whether that letter already has a vowel modifier
    bool toned = false;   // … or a tone
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b >= 0xC0 && base != 0) {
            if (const auto mark = vni_mark(b)) {
                const char32_t lower = base | 0x20;
                const bool modifier_fits =
                    mark->modifier == 0 ||
                    (!marked &&
                     (mark->modifier == k_breve ? lower == 'a'
                                                : lower == 'a' || lower == 'e' || lower == 'o'));
                if (modifier_fits && !toned) {
                    if (mark->modifier != 0) append_utf8(out, mark->modifier);
                    if (mark->tone != 0) append_utf8(out, mark->tone);
                    marked = marked || mark->modifier != 0;
                    toned = mark->tone != 0;
                    continue;
                }
            }
        }
        if (const char32_t letter = b >= 0xC0 ? vni_letter(b) : 0; letter != 0) {
            append_utf8(out, letter);
            // ơ and ư take a tone byte after them; the others carry theirs.
            const bool takes_tone =
                letter == 0x01A0 || letter == 0x01A1 || letter == 0x01AF || letter == 0x01B0;
            base = takes_tone ? letter : 0;
            marked = true;
            toned = false;
            continue;
        }
        const char32_t cp = cp1252(b);
        append_utf8(out, cp);
        base = is_ascii_vowel(cp) ? cp : 0;
        marked = false;
        toned = false;
    }
}

bool starts_with_folded(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] + 32) : s[i];
        if (c != prefix[i]) return false;
    }
    return true;
}

}  // namespace

std::string_view legacy_encoding_name(LegacyEncoding encoding) {
    switch (encoding) {
        case LegacyEncoding::tcvn3:
            return "TCVN3";
        case LegacyEncoding::vni:
            return "VNI-Windows";
        case LegacyEncoding::none:
            break;
    }
    return "";
}

LegacyEncoding detect_legacy_encoding(std::string_view bytes) {
    if (validate_utf8(bytes).ok()) return LegacyEncoding::none;
    // VNI is structural: every high byte is a mark right after a vowel (or
    // after ơ/ư) or one of its whole-letter bytes. TCVN3 text rarely looks so,
    // since its letters follow consonants too ("t¹i" = "tại").
    std::size_t high = 0;
    std::size_t vni_fit = 0;
    std::size_t tcvn3_fit = 0;
    unsigned char prev = 0;
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b >= 0x80) {
            ++high;
            const bool after_vowel = is_ascii_vowel(prev) || prev == 0xF4 || prev == 0xD4 ||
                                     prev == 0xF6 || prev == 0xD6;
            if ((b >= 0xC0 && vni_mark(b) && after_vowel) || (b >= 0xC0 && vni_letter(b) != 0)) {
                ++vni_fit;
            }
            // VN3 letters: 0xA1–0xAE, and the lower-case range but for the
            // capital-with-tone and combining slots VN3 leaves empty.
            const bool vn1_only = b == 0xAF || (b >= 0xB0 && b <= 0xB4) || b == 0xBA ||
                                  (b >= 0xBF && b <= 0xC5) || b == 0xCD ||
                                  (b >= 0xD9 && b <= 0xDB) || b == 0xE0 || b == 0xF0 || b == 0xFF;
            if ((b >= 0xA1 && b <= 0xFE && !vn1_only) || (b >= 0x91 && b <= 0x97)) ++tcvn3_fit;
        }
        prev = b;
    }
    if (high == 0) return LegacyEncoding::none;
    if (vni_fit * 10 >= high * 9) return LegacyEncoding::vni;
    if (tcvn3_fit * 10 >= high * 9) return LegacyEncoding::tcvn3;
    return LegacyEncoding::none;
}

LegacyEncoding legacy_encoding_of_font(std::string_view font_name) {
    if (starts_with_folded(font_name, ".vn")) return LegacyEncoding::tcvn3;
    if (starts_with_folded(font_name, "vni-") || starts_with_folded(font_name, "vni ")) {
        return LegacyEncoding::vni;
    }
    return LegacyEncoding::none;
}

bool is_legacy_upper_case_font(std::string_view font_name) {
    // ".VnTimeH", ".VnArialH", ".VnArial NarrowH": the name ends in a capital H.
    return legacy_encoding_of_font(font_name) == LegacyEncoding::tcvn3 && !font_name.empty() &&
           font_name.back() == 'H';
}

std::string legacy_bytes_to_utf8(std::string_view bytes, LegacyEncoding encoding) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    switch (encoding) {
        case LegacyEncoding::tcvn3:
            decode_tcvn3(bytes, out);
            break;
        case LegacyEncoding::vni:
            decode_vni(bytes, out);
            break;
        case LegacyEncoding::none:
            return std::string(bytes);
    }
    return to_nfc(out);
}

std::string legacy_run_to_utf8(std::string_view utf8, LegacyEncoding encoding) {
    if (encoding == LegacyEncoding::none) return std::string(utf8);
    std::string bytes;
    bytes.reserve(utf8.size());
    bool any_high = false;
    for (std::size_t pos = 0; pos < utf8.size();) {
        const int b = byte_of(next_code_point(utf8, pos));
        if (b < 0) return std::string(utf8);  // real Unicode: never convert
        any_high = any_high || b >= 0x80;
        bytes.push_back(static_cast<char>(b));
    }
    if (!any_high) return std::string(utf8);
    return legacy_bytes_to_utf8(bytes, encoding);
}

}  // namespace dondoc::text
