// Vietnamese-aware normalization and comparison keys.
//
// Text enters in NFC (`to_nfc`), so NFD input reads the same. The folding
// functions build comparison/search keys; they are not for display. All
// functions take and return valid UTF-8 and are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace dondoc::text {

// Validates UTF-8 (error names the byte offset), drops a leading byte order
// mark, and returns the text in Unicode NFC.
Result<std::string> normalize_input(std::string_view raw);

// NFC of valid UTF-8. Already-NFC Vietnamese text takes a fast path.
std::string to_nfc(std::string_view valid_utf8);

// Lower case, full Unicode simple case mapping ("ĐẢNG" → "đảng").
std::string fold_case(std::string_view s);

// Lower case without any diacritic, "đ" → "d": "Nghị quyết" → "nghi quyet".
// The key for diacritic-insensitive search.
std::string fold_diacritics(std::string_view s);

// A key equal for spellings that differ only in tone-mark placement or case:
// "hoà"/"hòa", "Uỷ"/"Ủy", "thuỷ"/"thủy" share one key; "hòa"/"hóa" do not.
std::string tone_key(std::string_view s);

// tone_key(a) == tone_key(b).
bool same_words(std::string_view a, std::string_view b);

// Runs of white space (including no-break spaces and tabs) folded to one
// ASCII space; leading and trailing white space removed.
std::string collapse_whitespace(std::string_view s);

// s without leading/trailing ASCII white space.
std::string_view trim(std::string_view s);

// True for an upper-case letter (any script) at the start of s.
bool starts_upper(std::string_view s);

// True when s has at least one letter and no lower-case letter.
bool is_upper_text(std::string_view s);

// Upper case of s ("Kế hoạch" → "KẾ HOẠCH").
std::string to_upper(std::string_view s);

}  // namespace dondoc::text

namespace dondoc::text {

// Lower case that keeps every byte offset: a code point whose lower-case form
// has another UTF-8 length is left as it is. Lets a scanner search the
// lower-cased copy and slice the original at the same offsets.
std::string fold_case_aligned(std::string_view s);

}  // namespace dondoc::text
