#include "text/markdown.h"

#include <array>

namespace dondoc::text {
namespace {

bool ascii_punct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

bool space_or_edge(std::string_view s, std::size_t i) {
    return i >= s.size() || s[i] == ' ' || s[i] == '\t';
}

bool word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

bool has_markdown(std::string_view line) {
    // A table, not find_first_of: that calls memchr once per character of the line.
    static constexpr auto k_markup = [] {
        std::array<bool, 256> table{};
        for (unsigned char c : std::string_view("*_\\#")) table[c] = true;
        return table;
    }();
    bool any_markup = false;
    for (char c : line) any_markup |= k_markup[static_cast<unsigned char>(c)];
    return any_markup;
}

std::string strip_markdown(std::string_view line) {
    if (!has_markdown(line)) return std::string(line);  // most lines carry none
    std::size_t start = 0;
    while (start < line.size() && line[start] == ' ') ++start;
    if (start < line.size() && line[start] == '#') {
        std::size_t k = start;
        while (k < line.size() && line[k] == '#') ++k;
        if (k < line.size() && line[k] == ' ') line.remove_prefix(k + 1);
    }
    std::string out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\\' && i + 1 < line.size() && ascii_punct(line[i + 1])) {
            out.push_back(line[++i]);
            continue;
        }
        if (c == '*' || c == '_') {
            std::size_t run = 1;
            while (i + run < line.size() && line[i + run] == c) ++run;
            const bool before_space = i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t';
            const bool after_space = space_or_edge(line, i + run);
            if (before_space && after_space) {
                // A decoration such as the Party header's lone `*`, or a list bullet.
                out.append(line.substr(i, run));
            } else if (c == '_' && run == 1 && i > 0 && word_byte(line[i - 1]) &&
                       i + 1 < line.size() && word_byte(line[i + 1])) {
                out.push_back(c);  // snake_case inside a word
            }
            i += run - 1;
            continue;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace dondoc::text
