// The document as clean lines: the first step of reading.
//
// Splits NFC text into lines (LF, CRLF or CR), strips Markdown markup and
// folds white space. Markdown tables are undone: a header table (issuer and
// national title side by side) is read column by column, so each column's
// block stays together; a table of tasks (`STT | Nội dung | Cơ quan chủ trì |
// …`) is kept as rows of cells. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dondoc::read {

struct Line {
    std::string text;                  // markup stripped, white space folded; "" for a blank line
    std::vector<std::string> cells;    // a task-table row: its cells (text is then their join)
    std::vector<std::string> columns;  // a task-table row: the table's header cells

    [[nodiscard]] bool blank() const { return text.empty() && cells.empty(); }
    [[nodiscard]] bool table_row() const { return !cells.empty(); }
};

std::vector<Line> split_lines(std::string_view nfc);

}  // namespace dondoc::read
