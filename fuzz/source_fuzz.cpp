// Fuzz target for received files: DOCX and PDF bytes through to_text and the
// reader must never crash, hang or trip a sanitizer; a bad file must come
// back as an error value. Scans are left out (OCR takes seconds a page):
// images return at once, and a PDF page without text is refused
// (max_ocr_pages = 0).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "read/reader.h"
#include "read/source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto format = dondoc::read::detect_format(input);
    if (format != dondoc::read::SourceFormat::docx && format != dondoc::read::SourceFormat::pdf) {
        return 0;
    }
    dondoc::read::SourceLimits limits;
    limits.max_ocr_pages = 0;
    limits.max_pdf_pages = 50;
    auto source = dondoc::read::to_text(input, limits);
    if (source.ok()) {
        auto record = dondoc::read::read_document(source->text);
        (void)record;
    } else if (source.error().message.empty()) {
        __builtin_trap();  // every refusal says what is wrong
    }
    return 0;
}
