// A spreadsheet's sheet as a table of cells, for imports (a task register
// kept in Excel): the first sheet, or the one named. Cells come as text:
// shared and inline strings as written, numbers as Excel stores them (a
// date is its serial number, 45474 for 01/07/2024), booleans TRUE/FALSE.
// The first row with a value is the header. Read with libzip and pugixml
// within SourceLimits; a part with a DOCTYPE is refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "read/source.h"
#include "text/csv.h"

namespace dondoc::read {

// Whether the bytes are a zip archive (XLSX, DOCX…), by their signature.
bool is_zip(std::string_view bytes);

// Errors (in Vietnamese, like the DOCX adapter's) name the file, sheet and
// row ("so.xlsx, trang Sổ theo dõi, dòng 3"); an unknown sheet lists the
// sheets there are.
Result<text::CsvTable> read_xlsx_sheet(std::string_view bytes, std::string_view source,
                                       const std::optional<std::string>& sheet = std::nullopt,
                                       const SourceLimits& limits = {});

}  // namespace dondoc::read
