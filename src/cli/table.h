// Plain-text tables for the terminal: columns padded to the width of their
// widest cell, counted in characters (Vietnamese letters are one column
// each in NFC), long cells cut with "…".
#pragma once

#include <string>
#include <vector>

namespace dondoc::cli {

class Table {
  public:
    explicit Table(std::vector<std::string> headers, std::size_t max_cell = 60);
    void add(std::vector<std::string> row);
    [[nodiscard]] std::string str() const;
    [[nodiscard]] bool empty() const { return m_rows.empty(); }

  private:
    std::vector<std::string> m_headers;
    std::vector<std::vector<std::string>> m_rows;
    std::size_t m_max_cell;
};

}  // namespace dondoc::cli
