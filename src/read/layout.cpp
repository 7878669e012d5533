// Words placed on a page → text in reading order. Shared by the PDF text
// layer and OCR, which both give words with their boxes.
#include "read/layout.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace dondoc::read::detail {
namespace {

using Word = LayoutWord;

struct Segment {
    double x0, x1;
    std::string text;
};

struct PrintedLine {
    double top, bottom;
    std::vector<Segment> segments;
    std::vector<Word> words;  // left to right
};

// A list label set apart by a tab ("1.", "a)", "-", "II."), which belongs
// to the text after it however wide the gap.
bool is_list_label(const std::string& s) {
    if (s == "-" || s == "+" || s == "•" || s == "–") return true;
    if (s.size() > 5 || s.size() < 2) return false;
    const char last = s.back();
    if (last != '.' && last != ')') return false;
    return std::all_of(s.begin(), s.end() - 1, [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == 'I' || c == 'V' ||
               c == 'X' || c == '.';
    });
}

std::vector<PrintedLine> page_lines(std::vector<Word> words) {
    // Lines: words whose vertical middles lie within one another's extent.
    std::sort(words.begin(), words.end(),
              [](const Word& a, const Word& b) { return a.top + a.bottom < b.top + b.bottom; });
    // Each word joins a recent row whose extent holds its middle; of several,
    // the one whose word nearest across is nearest in height (a scan's
    // skew lets neighbouring lines' extents touch).
    struct Row {
        std::vector<Word> words;
        double top, bottom;
    };
    std::vector<Row> rows;
    for (auto& w : words) {
        const double mid = (w.top + w.bottom) / 2;
        Row* best = nullptr;
        double best_distance = 0;
        for (std::size_t back = 0; back < 3 && back < rows.size(); ++back) {
            Row& row = rows[rows.size() - 1 - back];
            if (mid <= row.top || mid >= row.bottom) continue;
            const Word* nearest = &row.words.front();
            for (const Word& r : row.words) {
                if (std::abs(r.x0 - w.x0) < std::abs(nearest->x0 - w.x0)) nearest = &r;
            }
            const double distance = std::abs((nearest->top + nearest->bottom) / 2 - mid);
            if (best == nullptr || distance < best_distance) {
                best = &row;
                best_distance = distance;
            }
        }
        if (best != nullptr) {
            best->top = std::min(best->top, w.top);
            best->bottom = std::max(best->bottom, w.bottom);
            best->words.push_back(std::move(w));
        } else {
            const double top = w.top;
            const double bottom = w.bottom;
            rows.push_back(Row{{std::move(w)}, top, bottom});
        }
    }
    std::sort(rows.begin(), rows.end(),
              [](const Row& a, const Row& b) { return a.top + a.bottom < b.top + b.bottom; });
    std::vector<PrintedLine> lines;
    for (auto& [row, row_top, row_bottom] : rows) {
        std::sort(row.begin(), row.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
        PrintedLine line{row.front().top, row.front().bottom, {}, {}};
        for (std::size_t i = 0; i < row.size(); ++i) {
            const Word& w = row[i];
            line.top = std::min(line.top, w.top);
            line.bottom = std::max(line.bottom, w.bottom);
            const double height = w.bottom - w.top;
            if (!line.segments.empty()) {
                Segment& seg = line.segments.back();
                const double gap = w.x0 - seg.x1;
                // A gap of several spaces separates columns.
                if (gap < 1.0 * height || (line.segments.size() == 1 && is_list_label(seg.text))) {
                    if (row[i - 1].space_after || gap > 0.15 * height) seg.text += ' ';
                    seg.text += w.text;
                    seg.x1 = std::max(seg.x1, w.x1);
                    continue;
                }
            }
            line.segments.push_back(Segment{w.x0, w.x1, w.text});
        }
        line.words = std::move(row);
        lines.push_back(std::move(line));
    }
    return lines;
}

// Appends one printed line: a blank line first when it starts a paragraph;
// a notation broken at its own hyphen ("53/NQ-" + "CP") is joined again.

// Appends one printed line: a blank line first when it starts a paragraph;
// a notation broken at its own hyphen ("53/NQ-" + "CP") is joined again.
void append_line(std::string& out, const std::string& text, bool new_paragraph) {
    if (new_paragraph) {
        if (!out.empty() && out.back() == '\n') out += "\n";
    } else if (out.size() >= 2 && out.back() == '\n' && out[out.size() - 2] == '-' &&
               out.size() >= 3 && out[out.size() - 3] != ' ') {
        out.pop_back();  // "…53/NQ-" continues with "CP …"
    }
    out += text;
    out += "\n";
}

// The usual distance between the tops of consecutive lines on the page.
double line_pitch(const std::vector<PrintedLine>& lines) {
    std::vector<double> pitches;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const double pitch = lines[i].top - lines[i - 1].top;
        const double height = lines[i].bottom - lines[i].top;
        if (pitch > 0 && pitch < 3 * height) pitches.push_back(pitch);
    }
    if (pitches.empty()) return 0;
    // The lower fifth, not the median: on a page of short paragraphs most
    // steps are paragraph breaks.
    const std::size_t k = pitches.size() / 5;
    std::nth_element(pitches.begin(), pitches.begin() + static_cast<std::ptrdiff_t>(k),
                     pitches.end());
    return pitches[k];
}

struct Placed {
    const PrintedLine* line;
    const Segment* segment;
};

// Writes items top to bottom; a wider step than the line pitch starts a
// paragraph. `first_new` says whether the first item starts one.
void write_items(const std::vector<Placed>& items, double pitch, bool first_new, std::string& out) {
    // The column's edges: a line that fills it and is followed, at the left
    // edge, by a line that is no list item was wrapped there, and is joined
    // (a Nơi nhận entry wrapped in its narrow column is one entry).
    double left = 1e9;
    double right = 0;
    for (const Placed& item : items) {
        left = std::min(left, item.segment->x0);
        right = std::max(right, item.segment->x1);
    }
    const PrintedLine* prev = nullptr;
    const Segment* prev_segment = nullptr;
    for (const Placed& item : items) {
        if (prev == item.line) {  // another part of the same printed line
            if (!out.empty() && out.back() == '\n') out.pop_back();
            out += " " + item.segment->text + "\n";
            continue;
        }
        const double height = item.line->bottom - item.line->top;
        const bool new_paragraph = prev == nullptr
                                       ? first_new
                                       : (pitch > 0 && item.line->top - prev->top > 1.2 * pitch) ||
                                             item.line->top - prev->bottom > height;
        const std::string& text = item.segment->text;
        const bool wrapped = prev_segment != nullptr && !new_paragraph &&
                             prev_segment->x1 > right - 2 * height && item.segment->x0 < left + 2 &&
                             !is_list_label(text.substr(0, text.find(' ')));
        if (wrapped && !out.empty() && out.back() == '\n') {
            out.pop_back();
            if (!(out.size() >= 2 && out.back() == '-' && out[out.size() - 2] != ' ')) out += ' ';
            out += text + "\n";
        } else {
            append_line(out, text, new_paragraph);
        }
        prev = item.line;
        prev_segment = item.segment;
    }
}

void append_cell_text(std::string& cell, const std::string& text) {
    if (!cell.empty() &&
        !(cell.back() == '-' && cell.size() >= 2 && cell[cell.size() - 2] != ' ')) {
        cell += ' ';
    }
    cell += text;
}

// A table of three columns or more (a Phụ lục of tasks), from line `i`: the
// columns start where the first line's parts start; a row starts where the
// first column has text or after a wider step. Written as a Markdown table;
// returns the line after it, or `i` when these lines are no table.
std::size_t write_table(const std::vector<PrintedLine>& lines, std::size_t i, double pitch,
                        std::string& out) {
    std::vector<double> starts;
    for (const auto& seg : lines[i].segments) starts.push_back(seg.x0);
    const auto column_of = [&](double x0) {
        std::size_t c = 0;
        while (c + 1 < starts.size() && starts[c + 1] <= x0 + 2) ++c;
        return c;
    };
    std::vector<std::vector<std::string>> rows;
    const PrintedLine* prev = nullptr;
    std::size_t k = i;
    for (; k < lines.size(); ++k) {
        const PrintedLine& line = lines[k];
        const double height = line.bottom - line.top;
        if (prev != nullptr && line.top - prev->bottom > 2 * height) break;
        // Running text crosses column starts in one unbroken part.
        if (line.segments.size() == 1) {
            const Segment& seg = line.segments.front();
            const std::size_t c = column_of(seg.x0);
            if (c + 1 < starts.size() && seg.x1 > starts[c + 1] + 1) break;
        }
        std::vector<std::string> cells(starts.size());
        for (const Word& w : line.words) append_cell_text(cells[column_of(w.x0)], w.text);
        const bool new_row = rows.empty() || !cells.front().empty() ||
                             (pitch > 0 && prev != nullptr && line.top - prev->top > 1.2 * pitch);
        if (new_row) {
            rows.push_back(std::move(cells));
        } else {
            for (std::size_t c = 0; c < cells.size(); ++c) {
                if (!cells[c].empty()) append_cell_text(rows.back()[c], cells[c]);
            }
        }
        prev = &line;
    }
    if (rows.size() < 2) return i;
    if (!out.empty() && out.back() == '\n') out += "\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out += "| ";
        for (const auto& cell : rows[r]) {
            for (const char ch : cell) {
                if (ch == '|') out += '\\';
                out += ch;
            }
            out += " |";
            if (&cell != &rows[r].back()) out += " ";
        }
        out += "\n";
        if (r == 0) {
            out += "|";
            for (std::size_t c = 0; c < starts.size(); ++c) out += "---|";
            out += "\n";
        }
    }
    out += "\n";
    return k;
}

void write_page(const std::vector<PrintedLine>& lines, std::string& out) {
    const double pitch = line_pitch(lines);
    std::vector<Placed> flow;  // one-column lines waiting to be written
    bool flow_new = true;
    auto flush = [&](bool next_new) {
        write_items(flow, pitch, flow_new, out);
        flow.clear();
        flow_new = next_new;
    };
    std::size_t i = 0;
    while (i < lines.size()) {
        const PrintedLine& line = lines[i];
        if (line.segments.size() < 2) {
            flow.push_back(Placed{&line, &line.segments.front()});
            ++i;
            continue;
        }
        if (line.segments.size() >= 3) {
            flush(true);
            const std::size_t after = write_table(lines, i, pitch, out);
            if (after > i) {
                i = after;
                continue;
            }
        }
        // A line in two parts opens a two-column band, split in its widest
        // gap. The band goes on while no line crosses the split and ends at
        // its last line with a right part.
        std::size_t widest = 1;
        for (std::size_t k = 1; k < line.segments.size(); ++k) {
            if (line.segments[k].x0 - line.segments[k - 1].x1 >
                line.segments[widest].x0 - line.segments[widest - 1].x1) {
                widest = k;
            }
        }
        const double split = (line.segments[widest - 1].x1 + line.segments[widest].x0) / 2;
        std::size_t end = i;
        std::size_t last_right = i;
        while (end < lines.size()) {
            const auto& segs = lines[end].segments;
            const bool crosses = std::any_of(segs.begin(), segs.end(), [&](const Segment& s) {
                return s.x0 < split - 1 && s.x1 > split + 1;
            });
            if (crosses) break;
            if (std::any_of(segs.begin(), segs.end(),
                            [&](const Segment& s) { return s.x0 >= split; })) {
                last_right = end;
            }
            ++end;
        }
        end = last_right + 1;
        flush(true);
        std::vector<Placed> left;
        std::vector<Placed> right;
        for (std::size_t k = i; k < end; ++k) {
            for (const auto& s : lines[k].segments)
                (s.x0 >= split ? right : left).push_back(Placed{&lines[k], &s});
        }
        write_items(left, pitch, true, out);
        write_items(right, pitch, true, out);
        flow_new = true;
        i = end;
    }
    flush(true);
}

}  // namespace

void layout_page(std::vector<LayoutWord> words, std::string& out) {
    const std::vector<PrintedLine> lines = page_lines(std::move(words));
    if (!lines.empty()) write_page(lines, out);
}

}  // namespace dondoc::read::detail
