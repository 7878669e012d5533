// XLSX → a table of cells: workbook.xml names the sheets, its relationships
// give each sheet's part, sharedStrings.xml holds the strings cells point to.
#include "read/xlsx.h"

#include <algorithm>

#include "read/ooxml.h"
#include "text/normalize.h"

namespace dondoc::read {
namespace {

constexpr std::size_t k_max_rows = 2'000'000;

Error xlsx_error(std::string message, std::string where) {
    return make_error(ErrorCode::invalid_input, "XLSX: " + std::move(message), std::move(where));
}

// All the text under a string item (<si>, <is>): its <t>, or its runs' <t>.
std::string string_item(const pugi::xml_node& item) {
    std::string out;
    for (const pugi::xml_node node : item.children()) {
        const std::string_view name = node.name();
        if (name == "t") out += node.text().get();
        if (name == "r") out += node.child("t").text().get();
    }
    return out;
}

// "BC12" → column 55 (1-based); 0 when the reference has no letters.
std::size_t column_of(std::string_view reference) {
    std::size_t column = 0;
    for (char c : reference) {
        if (c < 'A' || c > 'Z') break;
        column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
        if (column > 16384) return 0;  // beyond Excel's XFD
    }
    return column;
}

}  // namespace

bool is_zip(std::string_view bytes) {
    return bytes.starts_with(std::string_view("PK\x03\x04", 4));
}

Result<text::CsvTable> read_xlsx_sheet(std::string_view bytes, std::string_view source,
                                       const std::optional<std::string>& sheet,
                                       const SourceLimits& limits) {
    const std::string file(source);
    if (bytes.size() > limits.max_input_bytes) return xlsx_error("tệp lớn hơn giới hạn", file);
    auto archive = detail::OoxmlArchive::open(bytes, limits, "XLSX");
    if (!archive) return archive.error();
    const auto part = [&](const char* name) -> Result<std::unique_ptr<pugi::xml_document>> {
        auto data = archive->read(name);
        if (!data) return data.error();
        if (!*data) return std::unique_ptr<pugi::xml_document>();
        return detail::parse_ooxml_part(**data, name, "XLSX");
    };
    auto workbook = part("xl/workbook.xml");
    if (!workbook) return workbook.error();
    if (!*workbook) return xlsx_error("không phải bảng tính: thiếu xl/workbook.xml", file);
    auto rels = part("xl/_rels/workbook.xml.rels");
    if (!rels) return rels.error();
    if (!*rels) return xlsx_error("thiếu xl/_rels/workbook.xml.rels", file);

    // The sheet wanted, and its part.
    std::string names;
    std::string rel_id;
    std::string sheet_name;
    for (const pugi::xml_node s :
         (*workbook)->child("workbook").child("sheets").children("sheet")) {
        const std::string name = s.attribute("name").value();
        names += (names.empty() ? "" : ", ") + name;
        if (rel_id.empty() && (!sheet || *sheet == name)) {
            rel_id = s.attribute("r:id").value();
            sheet_name = name;
        }
    }
    if (rel_id.empty()) {
        return xlsx_error(sheet ? "không có trang tính '" + *sheet + "' (các trang: " + names + ")"
                                : std::string("bảng tính không có trang nào"),
                          file);
    }
    std::string target;
    for (const pugi::xml_node r : (*rels)->child("Relationships").children("Relationship")) {
        if (rel_id == r.attribute("Id").value()) target = r.attribute("Target").value();
    }
    if (target.empty()) return xlsx_error("không tìm thấy phần chứa trang tính", file);
    target = target.starts_with('/') ? target.substr(1) : "xl/" + target;
    const std::string where_sheet = file + ", trang " + sheet_name;

    std::vector<std::string> shared;
    auto strings = part("xl/sharedStrings.xml");
    if (!strings) return strings.error();
    if (*strings) {
        for (const pugi::xml_node si : (*strings)->child("sst").children("si"))
            shared.push_back(string_item(si));
    }
    auto worksheet = part(target.c_str());
    if (!worksheet) return worksheet.error();
    if (!*worksheet) return xlsx_error("thiếu phần chứa trang tính: " + target, where_sheet);

    text::CsvTable table;
    bool have_header = false;
    std::size_t rows = 0;
    for (const pugi::xml_node row :
         (*worksheet)->child("worksheet").child("sheetData").children("row")) {
        if (++rows > k_max_rows) return xlsx_error("số dòng vượt giới hạn", where_sheet);
        const std::size_t line = row.attribute("r").as_ullong(rows);
        std::vector<std::string> cells;
        std::size_t next = 1;  // cells without a reference follow the one before
        for (const pugi::xml_node c : row.children("c")) {
            std::size_t column = next;
            if (const auto ref = c.attribute("r"); ref) column = column_of(ref.value());
            const std::string where = where_sheet + ", dòng " + std::to_string(line);
            if (column == 0 || column > text::k_max_csv_columns)
                return xlsx_error("ô nằm ngoài các cột được phép", where);
            next = column + 1;
            const std::string_view type = c.attribute("t").value();
            std::string value;
            if (type == "s") {
                const auto index = c.child("v").text().as_ullong(shared.size());
                if (index >= shared.size())
                    return xlsx_error("ô trỏ tới chuỗi không tồn tại", where);
                value = shared[index];
            } else if (type == "inlineStr") {
                value = string_item(c.child("is"));
            } else if (type == "b") {
                value = c.child("v").text().as_int() != 0 ? "TRUE" : "FALSE";
            } else {
                value = c.child("v").text().get();
            }
            auto normalized = text::normalize_input(value);
            if (!normalized) return xlsx_error("ô không phải văn bản hợp lệ", where);
            if (cells.size() < column) cells.resize(column);
            cells[column - 1] = std::string(text::trim(*normalized));
        }
        const bool empty = std::all_of(cells.begin(), cells.end(),
                                       [](const std::string& cell) { return cell.empty(); });
        if (empty) continue;
        if (!have_header) {
            while (!cells.empty() && cells.back().empty()) cells.pop_back();
            for (std::size_t k = 0; k < cells.size(); ++k) {
                if (cells[k].empty()) cells[k] = "(cột " + std::to_string(k + 1) + ")";
                table.header_columns.push_back(k + 1);
            }
            table.header = std::move(cells);
            table.header_line = line;
            have_header = true;
            continue;
        }
        for (std::size_t k = table.header.size(); k < cells.size(); ++k) {
            if (!cells[k].empty()) {
                return xlsx_error(
                    "giá trị nằm ngoài các cột có tiêu đề (cột " + std::to_string(k + 1) + ")",
                    where_sheet + ", dòng " + std::to_string(line));
            }
        }
        cells.resize(table.header.size());
        text::CsvRecord record;
        record.line = line;
        for (std::size_t k = 0; k < cells.size(); ++k) record.columns.push_back(k + 1);
        record.cells = std::move(cells);
        table.records.push_back(std::move(record));
    }
    if (!have_header) return xlsx_error("trang tính trống", where_sheet);
    return table;
}

}  // namespace dondoc::read
