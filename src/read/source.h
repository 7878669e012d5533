// A received file's bytes → the UTF-8 text the reader reads.
//
// The format is told by content, never by file name: a ZIP holding
// `word/document.xml` is DOCX, `%PDF-` is PDF, PNG/JPEG/TIFF signatures are
// scans; anything else is plain text (UTF-8, or TCVN3/VNI-Windows bytes,
// converted). DOCX keeps its structure (the two-column header table read
// column by column, automatic numbering restored, task tables as Markdown
// tables, footnotes inline); a PDF's text layer keeps its reading order
// across the two-column header; a PDF without text and images go through
// OCR (Tesseract, Vietnamese), whose mean confidence becomes a warning.
//
// Hostile files (truncated archives, zip bombs, entity expansion, looping
// or huge PDFs) are refused with an invalid_input error naming the problem,
// within the bounds of SourceLimits. Thread-safe: no shared mutable state
// (each call owns its parsers). The returned text is owned by the caller.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace dondoc::read {

enum class SourceFormat { text, docx, pdf, png, jpeg, tiff };

// "text", "docx", "pdf", "png", "jpeg", "tiff".
std::string_view source_format_name(SourceFormat format);

struct SourceLimits {
    std::size_t max_input_bytes = 64u << 20;       // the file itself
    std::size_t max_text_bytes = 32u << 20;        // text produced (the reader's own limit)
    std::size_t max_zip_entries = 2000;            // entries in a DOCX
    std::size_t max_zip_entry_bytes = 64u << 20;   // one entry, uncompressed
    std::size_t max_zip_total_bytes = 128u << 20;  // entries read, uncompressed, in all
    std::size_t max_zip_ratio = 200;               // uncompressed / compressed, per large entry
    std::size_t max_pdf_pages = 500;               // pages in a PDF
    std::size_t max_ocr_pages = 20;                // pages of a PDF without text sent to OCR
    std::size_t max_image_pixels = 60'000'000;     // one scanned page (A4 at 600 dpi ≈ 35 M)
    std::chrono::seconds max_pdf_time{120};        // reading one PDF, checked between pages
    int ocr_dpi = 300;                             // rendering of PDF pages for OCR
};

struct SourceText {
    std::string text;  // UTF-8, as the reader takes it
    SourceFormat format = SourceFormat::text;
    std::vector<std::string> warnings;  // "field: problem", e.g. "ocr: mean confidence 81%"
    std::optional<int> ocr_confidence;  // 0–100, for scans only
    std::vector<std::string> ocr_uncertain_words;  // read with low confidence, in reading order
    std::size_t pages = 0;                         // PDF and OCR pages read
};

Result<SourceText> to_text(std::string_view bytes, const SourceLimits& limits = {});

// The format by magic bytes alone (DOCX needs `word/document.xml` in the
// archive; a ZIP without it is refused by to_text, not taken for text).
SourceFormat detect_format(std::string_view bytes);

}  // namespace dondoc::read
