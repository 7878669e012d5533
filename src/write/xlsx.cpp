// libxlsxwriter behind write/xlsx.h. libxlsxwriter 1.1.4 (Debian 12) writes
// to a named file only, so the workbook goes to a private temporary file
// that is read back and removed.
#include "write/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace dondoc::write {
namespace {

// A temporary file's name, created empty (mkstemp) and removed on scope exit.
class TemporaryFile {
  public:
    TemporaryFile() {
        std::string pattern = (std::filesystem::temp_directory_path() / "dondoc-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd >= 0) {
            close(fd);
            m_path = pattern;
        }
    }
    ~TemporaryFile() {
        if (!m_path.empty()) std::remove(m_path.c_str());
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    [[nodiscard]] const std::string& path() const { return m_path; }

  private:
    std::string m_path;
};

// workbook_close writes the file and frees the workbook; it must run once,
// also when writing stops half-way.
struct WorkbookCloser {
    void operator()(lxw_workbook* workbook) const { workbook_close(workbook); }
};
using Workbook = std::unique_ptr<lxw_workbook, WorkbookCloser>;

struct Formats {
    lxw_format* title = nullptr;
    lxw_format* header = nullptr;
    lxw_format* text = nullptr;
    lxw_format* wrapped = nullptr;
    lxw_format* number = nullptr;
    lxw_format* percent = nullptr;
    lxw_format* date = nullptr;
    lxw_format* total_text = nullptr;
    lxw_format* total_number = nullptr;
    lxw_format* total_percent = nullptr;
};

lxw_format* bordered(lxw_workbook* wb, bool bold) {
    lxw_format* f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    if (bold) format_set_bold(f);
    return f;
}

Formats make_formats(lxw_workbook* wb) {
    Formats f;
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_name(f.title, "Times New Roman");
    format_set_font_size(f.title, 13);
    f.header = bordered(wb, true);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(f.header, 0xDDEBF7);
    f.text = bordered(wb, false);
    f.wrapped = bordered(wb, false);
    format_set_text_wrap(f.wrapped);
    f.number = bordered(wb, false);
    format_set_num_format(f.number, "0");
    f.percent = bordered(wb, false);
    format_set_num_format(f.percent, "0.0%");
    f.date = bordered(wb, false);
    format_set_num_format(f.date, "dd/mm/yyyy");
    format_set_align(f.date, LXW_ALIGN_CENTER);
    f.total_text = bordered(wb, true);
    f.total_number = bordered(wb, true);
    format_set_num_format(f.total_number, "0");
    f.total_percent = bordered(wb, true);
    format_set_num_format(f.total_percent, "0.0%");
    return f;
}

constexpr double k_wrap_width = 30;  // text columns at least this wide wrap

lxw_format* format_for(const Formats& f, const Column& column, bool total) {
    switch (column.kind) {
        case ColumnKind::number:
            return total ? f.total_number : f.number;
        case ColumnKind::percent:
            return total ? f.total_percent : f.percent;
        case ColumnKind::date:
            return f.date;
        case ColumnKind::text:
            break;
    }
    if (total) return f.total_text;
    return column.width >= k_wrap_width ? f.wrapped : f.text;
}

lxw_error write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& cell,
                     lxw_format* format) {
    if (const auto* s = std::get_if<std::string>(&cell)) {
        // Always a string cell: a value like "=HYPERLINK(…)" is shown, never run.
        return worksheet_write_string(ws, row, col, s->c_str(), format);
    }
    if (const auto* n = std::get_if<double>(&cell))
        return worksheet_write_number(ws, row, col, *n, format);
    if (const auto* d = std::get_if<Day>(&cell)) {
        lxw_datetime when{d->year, static_cast<int>(d->month), static_cast<int>(d->day), 0, 0, 0};
        return worksheet_write_datetime(ws, row, col, &when, format);
    }
    return worksheet_write_blank(ws, row, col, format);
}

Error xlsx_error(ErrorCode code, const std::string& message, const std::string& where = {}) {
    return make_error(code, "XLSX: " + message, where);
}

Result<void> write_sheet(lxw_workbook* wb, const Formats& formats, const Sheet& sheet) {
    if (sheet.columns.empty())
        return xlsx_error(ErrorCode::invalid_input, "trang không có cột", sheet.name);
    if (workbook_validate_sheet_name(wb, sheet.name.c_str()) != LXW_NO_ERROR)
        return xlsx_error(ErrorCode::invalid_input, "tên trang không hợp lệ", sheet.name);
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (ws == nullptr)
        return xlsx_error(ErrorCode::invalid_input, "không tạo được trang", sheet.name);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    if (!sheet.print_title.empty()) {
        // "&" starts a code in a page header; "&&" is a literal one.
        std::string header = "&C&\"Times New Roman,Bold\"&13";
        for (char ch : sheet.print_title) {
            header += ch;
            if (ch == '&') header += '&';
        }
        if (worksheet_set_header(ws, header.c_str()) != LXW_NO_ERROR)
            return xlsx_error(ErrorCode::invalid_input, "tiêu đề trang in quá dài", sheet.name);
    }
    lxw_row_t row = 0;
    for (const auto& line : sheet.title)
        worksheet_write_string(ws, row++, 0, line.c_str(), formats.title);
    if (!sheet.title.empty()) ++row;  // a blank line before the table
    const lxw_row_t header_row = row;
    const auto last_col = static_cast<lxw_col_t>(sheet.columns.size() - 1);
    for (lxw_col_t c = 0; c <= last_col; ++c) {
        const Column& column = sheet.columns[c];
        worksheet_set_column(ws, c, c, column.width, nullptr);
        worksheet_write_string(ws, header_row, c, column.header.c_str(), formats.header);
    }
    worksheet_set_row(ws, header_row, 32, nullptr);
    worksheet_repeat_rows(ws, header_row, header_row);
    const auto write_row = [&](const std::vector<Cell>& cells, bool total) -> Result<void> {
        if (cells.size() > sheet.columns.size())
            return xlsx_error(ErrorCode::invalid_input, "dòng nhiều ô hơn số cột",
                              sheet.name + " dòng " + std::to_string(row + 1));
        ++row;
        for (lxw_col_t c = 0; c <= last_col; ++c) {
            static const Cell k_blank;
            const Cell& cell = c < cells.size() ? cells[c] : k_blank;
            if (write_cell(ws, row, c, cell, format_for(formats, sheet.columns[c], total)) !=
                LXW_NO_ERROR)
                return xlsx_error(ErrorCode::invalid_input, "ô không ghi được",
                                  sheet.name + " dòng " + std::to_string(row + 1));
        }
        return {};
    };
    for (const auto& cells : sheet.rows) {
        if (auto ok = write_row(cells, false); !ok) return ok;
    }
    const lxw_row_t last_data_row = row;
    if (!sheet.totals.empty()) {
        if (auto ok = write_row(sheet.totals, true); !ok) return ok;
    }
    worksheet_autofilter(ws, header_row, 0, last_data_row, last_col);
    worksheet_freeze_panes(ws, header_row + 1, 0);
    return {};
}

}  // namespace

Result<std::string> xlsx_bytes(const std::vector<Sheet>& sheets) {
    if (sheets.empty()) return xlsx_error(ErrorCode::invalid_input, "không có trang nào");
    TemporaryFile file;
    if (file.path().empty()) return xlsx_error(ErrorCode::io_error, "không tạo được tệp tạm");
    {
        Workbook wb(workbook_new(file.path().c_str()));
        if (!wb) return xlsx_error(ErrorCode::io_error, "không tạo được sổ tính", file.path());
        const Formats formats = make_formats(wb.get());
        for (const auto& sheet : sheets) {
            if (auto ok = write_sheet(wb.get(), formats, sheet); !ok) return ok.error();
        }
        if (workbook_close(wb.release()) != LXW_NO_ERROR)
            return xlsx_error(ErrorCode::io_error, "không ghi được sổ tính", file.path());
    }
    std::ifstream in(file.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return xlsx_error(ErrorCode::io_error, "không đọc lại được sổ tính", file.path());
    return bytes.str();
}

}  // namespace dondoc::write
