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

// What OCR made of the pages read so far: their confidences, and the words
// Tesseract was unsure of, for whoever confirms the record to check.
struct OcrTally {
    std::size_t pages = 0;
    long confidence_sum = 0;
    std::vector<std::string> uncertain;  // words below k_uncertain_word_confidence, in order
};
inline constexpr int k_uncertain_word_confidence = 90;

// OCR of one 8-bit grey image (rows of `stride` bytes): appends the page's
// text to `out`, and its confidence and unsure words to `tally`.
Result<void> ocr_gray(const unsigned char* pixels, int width, int height, int stride,
                      std::string& out, OcrTally& tally);

// Writes the tally into `source`: the mean confidence, and the warnings that
// say how many pages were read by OCR (`what`: "trang ảnh quét") and which
// words to check against the original.
void record_ocr(const OcrTally& tally, std::string_view what, SourceText& source);

}  // namespace dondoc::read::detail
