// The body as paragraphs with their numbering ("1.", "a)", "-", "Điều 2.").
#include <string>

#include "read/parts.h"
#include "read/scan.h"
#include "text/normalize.h"

namespace dondoc::read {
namespace {

using std::string_view_literals::operator""sv;

struct Marker {
    MarkerKind kind = MarkerKind::none;
    std::string label;
    std::size_t length = 0;  // bytes of the marker and the space after it
};

bool is_roman(std::string_view s) {
    if (s.empty() || s.size() > 5) return false;
    for (char c : s) {
        if (c != 'I' && c != 'V' && c != 'X') return false;
    }
    return true;
}

Marker marker_of(std::string_view s) {
    Marker m;
    if (s.size() >= 2 && (s[0] == '-' || s[0] == '+' || s[0] == '*') && s[1] == ' ') {
        return Marker{MarkerKind::bullet, "", 2};
    }
    for (auto dash : {"• "sv, "– "sv, "− "sv}) {
        if (s.substr(0, dash.size()) == dash) return Marker{MarkerKind::bullet, "", dash.size()};
    }
    std::string_view rest = s;
    std::size_t skipped = 0;
    if (rest.substr(0, "Điều "sv.size()) == "Điều "sv) {
        skipped = "Điều "sv.size();
        rest.remove_prefix(skipped);
    }
    // Digits with dots: "1.", "1.2.", "1)", "1/".
    std::size_t i = 0;
    std::string label;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
        std::size_t start = i;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
        if (i - start > 3) return m;
        if (!label.empty()) label += ".";
        label += rest.substr(start, i - start);
        if (i < rest.size() && rest[i] == '.' && i + 1 < rest.size() && rest[i + 1] >= '0' &&
            rest[i + 1] <= '9') {
            ++i;
            continue;
        }
        break;
    }
    if (!label.empty()) {
        if (i < rest.size() && (rest[i] == '.' || rest[i] == ')' || rest[i] == '/' ||
                                (skipped != 0 && rest[i] == ':'))) {
            ++i;
        } else if (!(i < rest.size() && rest[i] == ' ' && label.find('.') != std::string::npos)) {
            return m;
        }
        if (i < rest.size() && rest[i] != ' ') return m;
        const bool nested = label.find('.') != std::string::npos;
        return Marker{nested ? MarkerKind::sub : MarkerKind::number, label,
                      skipped + std::min(i + 1, rest.size())};
    }
    if (skipped != 0) return m;
    // "a)", "b.", "đ)".
    std::size_t letter_end = 0;
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') letter_end = 1;
    if (s.substr(0, "đ"sv.size()) == "đ"sv) letter_end = "đ"sv.size();
    if (letter_end != 0 && letter_end + 1 < s.size() &&
        (s[letter_end] == ')' || s[letter_end] == '.') && s[letter_end + 1] == ' ') {
        return Marker{MarkerKind::sub, std::string(s.substr(0, letter_end)), letter_end + 2};
    }
    // "I.", "II.", "IV." section headings.
    const std::size_t dot = s.find('.');
    if (dot != std::string_view::npos && dot + 1 < s.size() && s[dot + 1] == ' ' &&
        is_roman(s.substr(0, dot))) {
        return Marker{MarkerKind::section, std::string(s.substr(0, dot)), dot + 2};
    }
    return m;
}

bool ends_sentence(std::string_view s) {
    if (s.empty()) return true;
    const char c = s.back();
    return c == '.' || c == ':' || c == ';' || c == '!' || c == '?' || c == '/';
}

bool starts_lower(std::string_view s) {
    return !s.empty() && is_word_byte(s, 0) && !text::starts_upper(s.substr(0, 4)) &&
           !(s[0] >= '0' && s[0] <= '9');
}

}  // namespace

std::vector<Paragraph> make_paragraphs(const std::vector<Line>& lines, std::size_t begin,
                                       std::size_t end) {
    std::vector<Paragraph> out;
    bool open = false;  // the last paragraph may take more lines
    bool after_blank = false;
    for (std::size_t i = begin; i < end; ++i) {
        const Line& line = lines[i];
        if (line.table_row()) {
            Paragraph p;
            p.text = line.text;
            p.row = &line;
            if (!line.cells.empty()) {
                const std::string& first = line.cells.front();
                std::string label;
                for (char c : first) {
                    if ((c >= '0' && c <= '9') || c == '.') label.push_back(c);
                }
                while (!label.empty() && label.back() == '.') label.pop_back();
                p.label = label;
                p.marker = label.empty() ? MarkerKind::none : MarkerKind::number;
            }
            out.push_back(std::move(p));
            open = false;
            continue;
        }
        if (line.blank()) {
            after_blank = true;
            continue;
        }
        const Marker marker = marker_of(line.text);
        const bool join_across_blank = after_blank && open && !out.empty() &&
                                       marker.kind == MarkerKind::none &&
                                       !ends_sentence(out.back().text) && starts_lower(line.text);
        if (marker.kind == MarkerKind::none && open && !out.empty() &&
            (!after_blank || join_across_blank)) {
            out.back().text += " " + line.text;
        } else {
            Paragraph p;
            p.marker = marker.kind;
            p.label = marker.label;
            p.text = std::string(text::trim(std::string_view(line.text).substr(marker.length)));
            out.push_back(std::move(p));
            open = true;
        }
        after_blank = false;
    }
    for (auto& p : out) p.lower = text::fold_case_aligned(p.text);
    return out;
}

}  // namespace dondoc::read
