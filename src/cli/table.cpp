#include "cli/table.h"

#include <algorithm>

#include "text/utf8.h"

namespace dondoc::cli {
namespace {

std::string cut(const std::string& s, std::size_t max) {
    if (text::code_point_count(s) <= max) return s;
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < s.size() && count + 1 < max) {
        text::next_code_point(s, i);
        ++count;
    }
    return s.substr(0, i) + "…";
}

}  // namespace

Table::Table(std::vector<std::string> headers, std::size_t max_cell)
    : m_headers(std::move(headers)), m_max_cell(max_cell) {}

void Table::add(std::vector<std::string> row) {
    for (auto& cell : row) cell = cut(cell, m_max_cell);
    row.resize(m_headers.size());
    m_rows.push_back(std::move(row));
}

std::string Table::str() const {
    std::vector<std::size_t> widths(m_headers.size());
    for (std::size_t c = 0; c < m_headers.size(); ++c)
        widths[c] = text::code_point_count(m_headers[c]);
    for (const auto& row : m_rows) {
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], text::code_point_count(row[c]));
    }
    std::string out;
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
            out += cells[c];
            if (c + 1 < cells.size())
                out += std::string(widths[c] - text::code_point_count(cells[c]) + 2, ' ');
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        out += "\n";
    };
    line(m_headers);
    std::size_t total = 0;
    for (std::size_t w : widths) total += w + 2;
    std::string rule;
    for (std::size_t i = 0; i + 2 < total; ++i) rule += "─";
    out += rule + "\n";
    for (const auto& row : m_rows) line(row);
    return out;
}

}  // namespace dondoc::cli
