// Internal to src/read: one adapter per file format behind to_text
// (source.h). Each keeps its third-party headers in its own .cpp.
#pragma once

#include <string_view>

#include "base/error.h"
#include "read/source.h"

namespace dondoc::read::detail {

// DOCX (libzip + pugixml).
Result<SourceText> docx_to_text(std::string_view bytes, const SourceLimits& limits);

// PDF: the text layer (poppler); pages without text go through OCR.
Result<SourceText> pdf_to_text(std::string_view bytes, const SourceLimits& limits);

// PNG, JPEG or TIFF (leptonica + Tesseract, Vietnamese).
Result<SourceText> image_to_text(std::string_view bytes, const SourceLimits& limits);

// OCR of one 8-bit grey image (rows of `stride` bytes). Appends the page's
// text to `out` and returns Tesseract's mean confidence (0–100).
Result<int> ocr_gray(const unsigned char* pixels, int width, int height, int stride,
                     std::string& out);

}  // namespace dondoc::read::detail
