// Pre-Unicode Vietnamese encodings: TCVN3 (ABC, fonts `.VnTime`, `.VnArial`…)
// and VNI-Windows (fonts `VNI-Times`, `VNI-Helve`…), detected and converted
// to Unicode (UTF-8, NFC).
//
// Both are 8-bit encodings: TCVN3 puts each accented lower-case letter in
// one byte (capitals with a tone come from an upper-case font such as
// `.VnTimeH`); VNI-Windows writes a base letter followed by one mark byte
// ("Vieät" = "Việt"). Archives hold them as raw bytes in plain files, and
// DOCX files keep them as runs whose characters are the bytes read as
// Windows-1252 (U+0000–U+00FF) in a legacy font.
//
// Text that is already valid Unicode Vietnamese is never converted. Pure
// functions, thread-safe; returned strings are owned by the caller.
#pragma once

#include <string>
#include <string_view>

namespace dondoc::text {

enum class LegacyEncoding {
    none,   // not a legacy encoding (or nothing to convert)
    tcvn3,  // TCVN 5712:1993 VN3, "ABC"
    vni,    // VNI-Windows
};

// "TCVN3", "VNI-Windows" or "" for none.
std::string_view legacy_encoding_name(LegacyEncoding encoding);

// Which encoding raw bytes of a plain file are in. Valid UTF-8 is always
// `none`; so is text whose high bytes fit neither encoding well enough.
LegacyEncoding detect_legacy_encoding(std::string_view bytes);

// The encoding a font name implies: `.VnTime`, `.VnTimeH`, `.VnArial`… →
// tcvn3; `VNI-Times`, `VNI-Helve`… → vni; anything else → none.
LegacyEncoding legacy_encoding_of_font(std::string_view font_name);

// True for TCVN3 upper-case fonts (`.VnTimeH`, `.VnArialH`): their lower-case
// codes print as capitals, so converted text is upper-cased.
bool is_legacy_upper_case_font(std::string_view font_name);

// Converts legacy bytes (one byte per character, as in a file) to NFC UTF-8.
// Bytes that the encoding leaves unassigned are read as Windows-1252.
std::string legacy_bytes_to_utf8(std::string_view bytes, LegacyEncoding encoding);

// Converts a DOCX run's text: valid UTF-8 whose code points stand for legacy
// bytes (U+0000–U+00FF, and the Windows-1252 punctuation). A run holding any
// other code point is already Unicode and is returned unchanged.
std::string legacy_run_to_utf8(std::string_view utf8, LegacyEncoding encoding);

}  // namespace dondoc::text
