#include "text/csv.h"

#include <algorithm>

#include "text/normalize.h"

namespace dondoc::text {
namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// The header line decides: a semicolon file (Excel in a Vietnamese locale)
// has more semicolons than commas outside quotes.
char guess_delimiter(std::string_view s) {
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    bool quoted = false;
    for (char c : s) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n') break;
        if (c == ',') ++commas;
        if (c == ';') ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

}  // namespace

namespace {

bool formula_like(std::string_view value) {
    return !value.empty() &&
           std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
}

}  // namespace

void append_csv_field(std::string& line, std::string_view value) {
    std::string text;
    if (formula_like(value)) text += '\'';
    text += value;
    if (text.find_first_of(",;\"\n\r") == std::string::npos) {
        line += text;
        return;
    }
    line += '"';
    for (char c : text) {
        if (c == '"') line += '"';
        line += c;
    }
    line += '"';
}

std::string where_in_file(std::string_view source, std::size_t line, std::size_t column) {
    return std::string(source) + " line " + std::to_string(line) + ", column " +
           std::to_string(column);
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return i;
    }
    return std::nullopt;
}

Result<CsvTable> read_csv(std::string_view csv, std::string_view source,
                          const CsvOptions& options) {
    if (csv.size() > options.max_bytes) {
        return make_error(ErrorCode::invalid_input,
                          "the file is larger than " +
                              std::to_string(options.max_bytes / (std::size_t{1024} * 1024)) +
                              " MiB",
                          std::string(source));
    }
    if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);  // a byte order mark (Excel)
    auto normalized = normalize_input(csv);
    if (!normalized) {
        Error e = normalized.error();
        e.where = std::string(source) + (e.where.empty() ? "" : ", " + e.where);
        return e;
    }
    const std::string& s = *normalized;
    const char delimiter = options.delimiter != 0 ? options.delimiter : guess_delimiter(s);
    CsvTable table;
    bool have_header = false;
    std::size_t i = 0;
    std::size_t line = 1;
    std::size_t column = 1;
    auto fail = [&](std::string message, std::size_t at_line, std::size_t at_column) {
        return make_error(ErrorCode::invalid_input, std::move(message),
                          where_in_file(source, at_line, at_column));
    };
    while (i < s.size()) {
        CsvRecord record;
        record.line = line;
        record.cells.reserve(table.header.size());
        record.columns.reserve(table.header.size());
        for (;;) {
            const std::size_t cell_line = line;
            const std::size_t cell_column = column;
            std::string cell;
            if (s[i] == '"') {
                ++i;
                ++column;
                bool closed = false;
                std::size_t run = i;  // the bytes since the last quote, added at once
                while (i < s.size()) {
                    const char c = s[i];
                    if (c == '"') {
                        cell.append(s, run, i - run);
                        if (i + 1 < s.size() && s[i + 1] == '"') {
                            cell += '"';
                            i += 2;
                            column += 2;
                            run = i;
                            continue;
                        }
                        ++i;
                        ++column;
                        closed = true;
                        break;
                    }
                    ++i;
                    if (c == '\n') {
                        ++line;
                        column = 1;
                    } else if (!is_continuation(c)) {
                        ++column;
                    }
                }
                if (!closed) return fail("the quoted field is not closed", cell_line, cell_column);
                if (i < s.size() && s[i] != delimiter && s[i] != '\n' && s[i] != '\r') {
                    return fail("text after the closing quote of a field", line, column);
                }
            } else {
                const std::size_t start = i;
                while (i < s.size() && s[i] != delimiter && s[i] != '\n' && s[i] != '\r') {
                    if (s[i] == '"') {
                        return fail(
                            "a quote inside an unquoted field (quote the field and double the "
                            "quote)",
                            line, column);
                    }
                    if (!is_continuation(s[i])) ++column;
                    ++i;
                }
                cell.assign(s, start, i - start);  // at once: no regrowing per byte
            }
            if (cell.size() > 1 && cell.front() == '\'' &&
                formula_like(std::string_view(cell).substr(1)))
                cell.erase(0, 1);  // written so by append_csv_field
            record.cells.push_back(std::move(cell));
            record.columns.push_back(cell_column);
            if (record.cells.size() > k_max_csv_columns) {
                return fail(
                    "more than " + std::to_string(k_max_csv_columns) + " fields in a record",
                    cell_line, cell_column);
            }
            if (i < s.size() && s[i] == delimiter) {
                ++i;
                ++column;
                if (i == s.size() || s[i] == '\n' || s[i] == '\r') {
                    record.cells.emplace_back();  // a trailing comma ends with an empty field
                    record.columns.push_back(column);
                    break;
                }
                continue;
            }
            break;
        }
        const std::size_t end_column = column;
        if (i < s.size() && s[i] == '\r') ++i;
        if (i < s.size() && s[i] == '\n') ++i;
        ++line;
        column = 1;
        if (record.cells.size() == 1 && trim(record.cells.front()).empty()) {
            continue;  // a blank line
        }
        if (!have_header) {
            for (std::size_t k = 0; k < record.cells.size(); ++k) {
                std::string name(trim(record.cells[k]));
                if (name.empty()) {
                    return fail("a column has no name", record.line, record.columns[k]);
                }
                if (std::find(table.header.begin(), table.header.end(), name) !=
                    table.header.end()) {
                    return fail("the column '" + name + "' appears twice", record.line,
                                record.columns[k]);
                }
                table.header.push_back(std::move(name));
            }
            table.header_line = record.line;
            table.header_columns = record.columns;
            have_header = true;
            continue;
        }
        if (record.cells.size() != table.header.size()) {
            const std::size_t at = record.cells.size() > table.header.size()
                                       ? record.columns[table.header.size()]
                                       : end_column;
            return fail("the record has " + std::to_string(record.cells.size()) +
                            " fields, the header " + std::to_string(table.header.size()),
                        record.line, at);
        }
        table.records.push_back(std::move(record));
    }
    if (!have_header) {
        return make_error(ErrorCode::invalid_input, "the file has no header line",
                          std::string(source));
    }
    return table;
}

}  // namespace dondoc::text
