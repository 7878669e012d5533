// PDF → text. The text layer comes from poppler as positioned words; lines
// are rebuilt from their geometry, and where a band of lines stands in two
// columns (the printed header: issuer and number left, national title and
// place-date right; or a signature block beside Nơi nhận) the left column is
// written before the right one, so each block stays together. Pages without
// a text layer are rendered and go through OCR.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "read/source_formats.h"

namespace dondoc::read::detail {
namespace {

Error pdf_error(std::string message, std::string where = {}) {
    return make_error(ErrorCode::invalid_input, "PDF: " + std::move(message), std::move(where));
}

struct Word {
    double x0, x1, top, bottom;
    std::string text;
    bool space_after;
};

struct Segment {
    double x0, x1;
    std::string text;
};

struct PdfLine {
    double top, bottom;
    std::vector<Segment> segments;
    std::vector<Word> words;  // left to right
};

std::string utf8(const poppler::ustring& s) {
    const poppler::byte_array bytes = s.to_utf8();
    return {bytes.begin(), bytes.end()};
}

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

std::vector<PdfLine> page_lines(const poppler::page& page) {
    std::vector<Word> words;
    for (const poppler::text_box& box : page.text_list()) {
        const poppler::rectf r = box.bbox();
        std::string t = utf8(box.text());
        if (t.empty() || r.height() <= 0) continue;
        words.push_back(
            Word{r.left(), r.right(), r.top(), r.bottom(), std::move(t), box.has_space_after()});
    }
    // Lines: words whose vertical middles lie within one another's extent.
    std::sort(words.begin(), words.end(),
              [](const Word& a, const Word& b) { return a.top + a.bottom < b.top + b.bottom; });
    std::vector<std::vector<Word>> rows;
    for (auto& w : words) {
        const double mid = (w.top + w.bottom) / 2;
        if (!rows.empty()) {
            const Word& last = rows.back().front();
            if (mid > last.top && mid < last.bottom) {
                rows.back().push_back(std::move(w));
                continue;
            }
        }
        rows.push_back({std::move(w)});
    }
    std::vector<PdfLine> lines;
    for (auto& row : rows) {
        std::sort(row.begin(), row.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
        PdfLine line{row.front().top, row.front().bottom, {}, {}};
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
double line_pitch(const std::vector<PdfLine>& lines) {
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
    const PdfLine* line;
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
    const PdfLine* prev = nullptr;
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
std::size_t write_table(const std::vector<PdfLine>& lines, std::size_t i, double pitch,
                        std::string& out) {
    std::vector<double> starts;
    for (const auto& seg : lines[i].segments) starts.push_back(seg.x0);
    const auto column_of = [&](double x0) {
        std::size_t c = 0;
        while (c + 1 < starts.size() && starts[c + 1] <= x0 + 2) ++c;
        return c;
    };
    std::vector<std::vector<std::string>> rows;
    const PdfLine* prev = nullptr;
    std::size_t k = i;
    for (; k < lines.size(); ++k) {
        const PdfLine& line = lines[k];
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

void write_page(const std::vector<PdfLine>& lines, std::string& out) {
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
        const PdfLine& line = lines[i];
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

Result<int> ocr_page(const poppler::page& page, const SourceLimits& limits, std::string& out) {
    const poppler::rectf box = page.page_rect();
    const double scale = limits.ocr_dpi / 72.0;
    const double pixels = box.width() * scale * box.height() * scale;
    if (!(pixels > 0) || pixels > static_cast<double>(limits.max_image_pixels)) {
        return pdf_error("trang quá lớn để nhận dạng chữ");
    }
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    const poppler::image img = renderer.render_page(&page, limits.ocr_dpi, limits.ocr_dpi);
    if (!img.is_valid()) return pdf_error("không dựng được ảnh trang để nhận dạng chữ");
    return ocr_gray(reinterpret_cast<const unsigned char*>(img.const_data()), img.width(),
                    img.height(), img.bytes_per_row(), out);
}

void quiet_poppler(const std::string& /*message*/, void* /*closure*/) {}

}  // namespace

Result<SourceText> pdf_to_text(std::string_view bytes, const SourceLimits& limits) {
    poppler::set_debug_error_function(quiet_poppler, nullptr);
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return pdf_error("tệp quá lớn");
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return pdf_error("tệp hỏng hoặc không phải PDF hợp lệ");
    if (doc->is_locked()) return pdf_error("tệp được bảo vệ bằng mật khẩu");
    const int pages = doc->pages();
    if (pages <= 0) return pdf_error("tệp không có trang nào");
    if (static_cast<std::size_t>(pages) > limits.max_pdf_pages) {
        return pdf_error("quá nhiều trang: " + std::to_string(pages) + ", giới hạn " +
                         std::to_string(limits.max_pdf_pages));
    }
    SourceText out;
    std::size_t ocr_pages = 0;
    long confidence_sum = 0;
    for (int p = 0; p < pages; ++p) {
        std::unique_ptr<poppler::page> page(doc->create_page(p));
        if (!page) return pdf_error("không đọc được trang", "trang " + std::to_string(p + 1));
        const std::vector<PdfLine> lines = page_lines(*page);
        if (!lines.empty()) {
            write_page(lines, out.text);
        } else {
            if (++ocr_pages > limits.max_ocr_pages) {
                return pdf_error("quá nhiều trang cần nhận dạng chữ, giới hạn " +
                                 std::to_string(limits.max_ocr_pages));
            }
            auto confidence = ocr_page(*page, limits, out.text);
            if (!confidence) return confidence.error();
            confidence_sum += *confidence;
        }
        ++out.pages;
        if (out.text.size() > limits.max_text_bytes) break;
    }
    if (ocr_pages > 0) {
        const int mean = static_cast<int>(confidence_sum / static_cast<long>(ocr_pages));
        out.ocr_confidence = mean;
        out.warnings.push_back("ocr: " + std::to_string(ocr_pages) +
                               " trang đọc bằng nhận dạng chữ, độ tin cậy trung bình " +
                               std::to_string(mean) + "%; cần đối chiếu bản gốc");
    }
    return out;
}

}  // namespace dondoc::read::detail
