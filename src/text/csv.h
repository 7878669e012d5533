// CSV files as offices have them: UTF-8 (a byte order mark allowed),
// comma- or semicolon-separated, quoted fields, LF or CRLF line ends.
// Hand-written scanner, linear in the input; bounded in size and width.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace dondoc::text {

// A CSV file read into cells: comma- or semicolon-separated, fields quoted with '"' where
// needed, '""' for a quote inside a quoted field, LF or CRLF line ends. Errors name the source,
// line and column.
struct CsvRecord {
    std::size_t line = 0;  // where the record starts (1-based)
    std::vector<std::string> cells;
    std::vector<std::size_t> columns;  // the column (1-based, in characters) where each cell starts
};
struct CsvTable {
    std::vector<std::string> header;  // the first record's cells, trimmed
    std::size_t header_line = 1;
    std::vector<std::size_t> header_columns;  // where each header cell starts
    std::vector<CsvRecord> records;           // the other records; blank lines skipped

    // The index of the column named `name`, if any.
    [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
};

inline constexpr std::size_t k_max_csv_bytes = std::size_t{16} * 1024 * 1024;
inline constexpr std::size_t k_max_csv_columns = 64;

// How to read: the size limit, and the delimiter (0: ',' or ';', whichever
// the header line has more of outside quotes).
struct CsvOptions {
    std::size_t max_bytes = k_max_csv_bytes;
    char delimiter = 0;
};

// A leading byte order mark is skipped; the text is validated and NFC; the
// apostrophe append_csv_field puts before a formula-like field is removed.
Result<CsvTable> read_csv(std::string_view csv, std::string_view source,
                          const CsvOptions& options = {});

// Appends one field to a CSV line, quoted when it must be. A field that a
// spreadsheet would take for a formula (starting with =, +, -, @, a tab or
// a carriage return: `=HYPERLINK(…)`) is written behind an apostrophe, which
// spreadsheets show as text; read_csv takes that apostrophe off again.
void append_csv_field(std::string& line, std::string_view value);

// "units.csv line 3, column 7", as errors name places.
std::string where_in_file(std::string_view source, std::size_t line, std::size_t column);

}  // namespace dondoc::text
