// Word documents written as WordprocessingML (DOCX): paragraphs of runs and
// tables, one section on one page size, one font. Enough for the drafts an
// office sends (see official_letter.h), opened by Word and LibreOffice and
// read back by read/source.h.
//
// The package (content types, relationships, document, styles, settings,
// core properties) is zipped with libzip and its XML written with pugixml,
// both private to docx.cpp. Stateless and thread-safe; the bytes returned
// belong to the caller.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "base/error.h"

namespace dondoc::write::docx {

struct Run {
    std::string text;  // a '\n' is a line break within the paragraph
    bool bold = false;
    bool italic = false;
    bool underline = false;
    double size_pt = 0;  // 0: the document's size
};

enum class Align { left, center, right, justify };

struct Paragraph {
    std::vector<Run> runs;
    Align align = Align::left;
    double first_line_cm = 0;  // first-line indent
    double left_cm = 0;        // indents from the text column (or cell) edges
    double right_cm = 0;
    double before_pt = 0;  // spacing
    double after_pt = 0;
    double line = 1.0;        // line spacing, in lines
    bool rule_below = false;  // a thin solid line under the paragraph, between its indents
    bool keep_with_next = false;
};

// A run of plain text as a paragraph, for brevity.
Paragraph paragraph(std::string text, Align align = Align::left, bool bold = false,
                    bool italic = false, double size_pt = 0);

struct TableCell {
    std::vector<Paragraph> paragraphs;  // at least one is written
    int span = 1;                       // columns merged to the right
    bool shaded = false;                // a light fill (header rows)
};

struct Table {
    std::vector<double> widths_cm;  // one per grid column
    std::vector<std::vector<TableCell>> rows;
    bool borders = true;     // false: the invisible layout table of a letter's header
    int header_rows = 0;     // repeated on each page
    bool cant_split = true;  // a row stays on one page
};

using Block = std::variant<Paragraph, Table>;

struct Page {
    double width_cm = 21.0;  // A4
    double height_cm = 29.7;
    double top_cm = 2.0;
    double bottom_cm = 2.0;
    double left_cm = 3.0;
    double right_cm = 2.0;
};

struct Document {
    Page page;
    std::string font = "Times New Roman";
    double size_pt = 14;
    std::string title;  // the file's title property
    std::vector<Block> body;
};

// The DOCX file's bytes. Errors: io_error when the archive cannot be built.
Result<std::string> docx_bytes(const Document& document);

}  // namespace dondoc::write::docx
