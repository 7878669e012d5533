// LibreOffice headless, for tests: converts a DOCX or XLSX to PDF with a
// private profile in a temporary folder, and says what went wrong. soffice
// is installed by scripts/setup (libreoffice-writer-nogui, -calc-nogui), so
// its absence is a failure, not a skip.
#pragma once

#include <string>

#include "base/error.h"

namespace dondoc::testing {

// The PDF's bytes. `extension` is the input's: "docx" or "xlsx".
Result<std::string> libreoffice_pdf(const std::string& bytes, const std::string& extension);

}  // namespace dondoc::testing
