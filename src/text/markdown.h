// Light Markdown markup removal, for text converted from DOCX/PDF.
//
// Converters emit `**bold**`, `*italic*`, `_italic_`, backslash escapes and
// heading marks; the reader wants the words as printed. Structure the reader
// needs (`- ` bullets, `|` table cells) is left alone. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace dondoc::text {

// True when the line holds any character strip_markdown may remove.
bool has_markdown(std::string_view line);

// One line without emphasis markers, backslash escapes and a leading `#`
// heading mark. A lone `*` between spaces (a decoration) is kept.
std::string strip_markdown(std::string_view line);

}  // namespace dondoc::text
