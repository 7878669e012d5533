// Spreadsheets for offices: sheets of typed cells written as XLSX, opened in
// Excel or LibreOffice and read back by `tasks import`. A date is a real
// date (shown dd/mm/yyyy), a number a number; text is always text, even
// when it starts with =, +, - or @ (never a formula). Each sheet has its
// header row frozen and filtered, its columns sized, optional title lines
// above the table and an optional bold totals row under it.
//
// libxlsxwriter stays in xlsx.cpp. Stateless and thread-safe; the bytes
// returned belong to the caller.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "base/error.h"

namespace dondoc::write {

// A calendar day, as a spreadsheet date.
struct Day {
    int year = 1900;
    unsigned month = 1;
    unsigned day = 1;
};

using Cell = std::variant<std::monostate, std::string, double, Day>;

enum class ColumnKind {
    text,     // wrapped when the column is wide
    number,   // integers shown without decimals
    percent,  // a fraction (0.75) shown as 75.0%
    date,     // dd/mm/yyyy
};

struct Column {
    std::string header;
    double width = 12;  // in characters, as Excel measures them
    ColumnKind kind = ColumnKind::text;
};

struct Sheet {
    std::string name;                // at most 31 characters, none of []:*?/\ (checked)
    std::vector<std::string> title;  // bold lines above the table (none: the header is row 1)
    // Printed at the top of each page (not a cell, so that the header stays
    // row 1 for readers that take the first row as the header).
    std::string print_title;
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    std::vector<Cell> totals;  // a bold last row; empty: none
};

// The workbook's bytes. Errors: invalid_input for a bad sheet name or a
// row wider than its columns, io_error when the temporary file fails.
Result<std::string> xlsx_bytes(const std::vector<Sheet>& sheets);

}  // namespace dondoc::write
