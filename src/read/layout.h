// Internal to src/read: page layout from placed words, for the PDF text
// layer and OCR. Rebuilds printed lines from word boxes; a band of lines in
// two columns (the header: issuer and number left, national title and
// place-date right; a signature block beside Nơi nhận) is written column by
// column, so each block stays together; a table of three columns or more
// becomes a Markdown table; a wider step between lines starts a paragraph
// (a blank line); a line wrapped in its column and a notation broken at its
// hyphen ("53/NQ-" + "CP") are joined again.
#pragma once

#include <string>
#include <vector>

namespace dondoc::read::detail {

struct LayoutWord {
    double x0, x1, top, bottom;  // box in page units, y growing downwards
    std::string text;            // UTF-8
    bool space_after;            // the source says a space follows
};

// Appends the page's text to `out`.
void layout_page(std::vector<LayoutWord> words, std::string& out);

}  // namespace dondoc::read::detail
