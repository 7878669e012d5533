#include "read/lines.h"

#include "read/scan.h"
#include "text/markdown.h"
#include "text/normalize.h"

namespace dondoc::read {
namespace {

std::string clean(std::string_view raw) {
    if (!text::has_markdown(raw)) return text::collapse_whitespace(raw);
    return text::collapse_whitespace(text::strip_markdown(raw));
}

bool is_table_line(std::string_view line) {
    line = text::trim(line);
    return line.size() >= 2 && line.front() == '|';
}

std::vector<std::string> split_cells(std::string_view line) {
    line = text::trim(line);
    if (!line.empty() && line.front() == '|') line.remove_prefix(1);
    if (!line.empty() && line.back() == '|' && (line.size() < 2 || line[line.size() - 2] != '\\')) {
        line.remove_suffix(1);
    }
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
            cell.push_back('|');
            ++i;
        } else if (line[i] == '|') {
            cells.push_back(cell);
            cell.clear();
        } else {
            cell.push_back(line[i]);
        }
    }
    cells.push_back(cell);
    return cells;
}

bool is_separator_row(const std::vector<std::string>& cells) {
    for (const auto& cell : cells) {
        for (char c : cell) {
            if (c != '-' && c != ':' && c != ' ') return false;
        }
    }
    return true;
}

bool digits_only(std::string_view s) {
    s = text::trim(s);
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// A layout cell flattened onto one line ("**ỦY BAN NHÂN DÂN HUYỆN X** Số: 12/QĐ-UBND")
// keeps its printed lines apart only through emphasis: each bold or italic run,
// and the plain text between runs, is a line of its own. A bold number inside
// a line ("Số: **6321** /UBND-TH") does not split it.
std::vector<std::string> emphasis_runs(std::string_view cell) {
    std::vector<std::string> runs;
    std::string current;
    std::size_t i = 0;
    bool split_here = false;
    while (i < cell.size()) {
        if (cell[i] == '*' || cell[i] == '_') {
            std::size_t run = 1;
            while (i + run < cell.size() && cell[i + run] == cell[i]) ++run;
            const bool lone =
                (i == 0 || cell[i - 1] == ' ') && (i + run >= cell.size() || cell[i + run] == ' ');
            if (!lone && cell[i] == '*') {
                // Find the matching closer to see whether the run is only digits.
                const std::size_t close = cell.find(std::string(run, '*'), i + run);
                if (close != std::string_view::npos &&
                    digits_only(cell.substr(i + run, close - i - run))) {
                    current.append(cell.substr(i, close + run - i));
                    i = close + run;
                    continue;
                }
                split_here = true;
            }
            current.append(cell.substr(i, run));
            i += run;
            if (split_here) {
                split_here = false;
                // Close the piece when this marker ends a run (text before it, space or end after).
                if (i >= cell.size() || cell[i] == ' ') {
                    runs.push_back(current);
                    current.clear();
                } else if (current.size() > run) {
                    // An opening marker after plain text: the plain text is its own line.
                    runs.push_back(current.substr(0, current.size() - run));
                    current = current.substr(current.size() - run);
                }
            }
            continue;
        }
        current.push_back(cell[i++]);
    }
    runs.push_back(current);
    return runs;
}

// Splits a cell at HTML line breaks that converters put inside table cells.
std::vector<std::string> cell_lines(std::string_view cell) {
    std::vector<std::string> out;
    if (cell.find("<br") == std::string_view::npos && cell.find("<BR") == std::string_view::npos) {
        for (const auto& run : emphasis_runs(cell)) {
            std::string piece = clean(run);
            if (!piece.empty()) out.push_back(std::move(piece));
        }
        return out;
    }
    std::size_t start = 0;
    const std::string lower = text::fold_case_aligned(cell);
    for (std::size_t at = lower.find("<br", start); at != std::string::npos;
         at = lower.find("<br", start)) {
        const std::size_t close = lower.find('>', at);
        if (close == std::string::npos) break;
        out.push_back(clean(cell.substr(start, at - start)));
        start = close + 1;
    }
    out.push_back(clean(cell.substr(start)));
    return out;
}

bool is_task_table_header(const std::vector<std::string>& cells) {
    bool content = false;
    bool role_or_time = false;
    for (const auto& cell : cells) {
        const std::string key = text::fold_diacritics(clean(cell));
        if (key.find("noi dung") != std::string::npos ||
            key.find("nhiem vu") != std::string::npos ||
            key.find("cong viec") != std::string::npos) {
            content = true;
        }
        if (key.find("chu tri") != std::string::npos || key.find("phoi hop") != std::string::npos ||
            key.find("thoi gian") != std::string::npos ||
            key.find("thoi han") != std::string::npos) {
            role_or_time = true;
        }
    }
    return content && role_or_time;
}

void flush_table(std::vector<std::vector<std::string>>& rows, std::vector<Line>& out) {
    if (rows.empty()) return;
    if (is_task_table_header(rows.front())) {
        std::vector<std::string> columns;
        for (const auto& cell : rows.front()) columns.push_back(clean(cell));
        for (std::size_t r = 1; r < rows.size(); ++r) {
            Line line;
            std::string joined;
            for (const auto& cell : rows[r]) {
                line.cells.push_back(clean(cell));
                if (!line.cells.back().empty()) {
                    if (!joined.empty()) joined += " ";
                    joined += line.cells.back();
                }
            }
            if (joined.empty()) continue;
            line.text = joined;
            line.columns = columns;
            out.push_back(std::move(line));
        }
    } else {
        // A layout table: read each column top to bottom, a blank line between columns.
        std::size_t width = 0;
        for (const auto& row : rows) width = std::max(width, row.size());
        for (std::size_t c = 0; c < width; ++c) {
            bool any = false;
            for (const auto& row : rows) {
                if (c >= row.size()) continue;
                for (auto& piece : cell_lines(row[c])) {
                    if (piece.empty()) continue;
                    out.push_back(Line{std::move(piece), {}, {}});
                    any = true;
                }
            }
            if (any) out.push_back(Line{});
        }
    }
    rows.clear();
}

}  // namespace

std::vector<Line> split_lines(std::string_view nfc) {
    std::vector<Line> out;
    std::vector<std::vector<std::string>> table;
    std::size_t start = 0;
    while (start <= nfc.size()) {
        std::size_t end = start;
        while (end < nfc.size() && nfc[end] != '\n' && nfc[end] != '\r') ++end;
        const std::string_view raw = nfc.substr(start, end - start);
        if (is_table_line(raw)) {
            auto cells = split_cells(raw);
            if (!is_separator_row(cells)) table.push_back(std::move(cells));
        } else {
            flush_table(table, out);
            out.push_back(Line{clean(raw), {}, {}});
        }
        if (end >= nfc.size()) break;
        start = end + (nfc[end] == '\r' && end + 1 < nfc.size() && nfc[end + 1] == '\n' ? 2 : 1);
    }
    flush_table(table, out);
    return out;
}

}  // namespace dondoc::read
