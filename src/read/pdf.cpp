// PDF → text. The text layer comes from poppler as positioned words; lines
// are rebuilt from their geometry, and where a band of lines stands in two
// columns (the printed header: issuer and number left, national title and
// place-date right; or a signature block beside Nơi nhận) the left column is
// written before the right one, so each block stays together. Pages without
// a text layer are rendered and go through OCR.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "read/layout.h"
#include "read/source_formats.h"

namespace dondoc::read::detail {
namespace {

Error pdf_error(std::string message, std::string where = {}) {
    return make_error(ErrorCode::invalid_input, "PDF: " + std::move(message), std::move(where));
}

std::string utf8(const poppler::ustring& s) {
    const poppler::byte_array bytes = s.to_utf8();
    return {bytes.begin(), bytes.end()};
}

std::vector<LayoutWord> page_words(const poppler::page& page) {
    std::vector<LayoutWord> words;
    for (const poppler::text_box& box : page.text_list()) {
        const poppler::rectf r = box.bbox();
        std::string t = utf8(box.text());
        if (t.empty() || r.height() <= 0) continue;
        words.push_back(LayoutWord{r.left(), r.right(), r.top(), r.bottom(), std::move(t),
                                   box.has_space_after()});
    }
    return words;
}

Result<void> ocr_page(const poppler::page& page, const SourceLimits& limits, std::string& out,
                      OcrTally& tally) {
    const poppler::rectf box = page.page_rect();
    const double scale = limits.ocr_dpi / 72.0;
    const double pixels = box.width() * scale * box.height() * scale;
    if (!(pixels > 0) || pixels > static_cast<double>(limits.max_image_pixels)) {
        return pdf_error("trang quá lớn để nhận dạng chữ");
    }
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_gray8);
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    const poppler::image img = renderer.render_page(&page, limits.ocr_dpi, limits.ocr_dpi);
    if (!img.is_valid()) return pdf_error("không dựng được ảnh trang để nhận dạng chữ");
    return ocr_gray(reinterpret_cast<const unsigned char*>(img.const_data()), img.width(),
                    img.height(), img.bytes_per_row(), out, tally);
}

void quiet_poppler(const std::string& /*message*/, void* /*closure*/) {}

}  // namespace

Result<SourceText> pdf_to_text(std::string_view bytes, const SourceLimits& limits) {
    // Poppler's error callback is process-wide: set once, not per call.
    static std::once_flag quiet;
    std::call_once(quiet, [] { poppler::set_debug_error_function(quiet_poppler, nullptr); });
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return pdf_error("tệp quá lớn");
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return pdf_error("tệp hỏng hoặc không phải PDF hợp lệ");
    if (doc->is_locked()) return pdf_error("tệp được bảo vệ bằng mật khẩu");
    const int pages = doc->pages();
    if (pages <= 0) return pdf_error("tệp không có trang nào");
    if (static_cast<std::size_t>(pages) > limits.max_pdf_pages) {
        return pdf_error("quá nhiều trang: " + std::to_string(pages) + ", giới hạn " +
                         std::to_string(limits.max_pdf_pages));
    }
    SourceText out;
    OcrTally tally;
    const auto start = std::chrono::steady_clock::now();
    for (int p = 0; p < pages; ++p) {
        // Time is checked between pages (poppler cannot be interrupted
        // inside one): a file that is slow on every page stops here.
        if (p > 0 && std::chrono::steady_clock::now() - start > limits.max_pdf_time) {
            return pdf_error("đọc quá thời gian cho phép (" +
                                 std::to_string(limits.max_pdf_time.count()) + " s)",
                             "trang " + std::to_string(p + 1));
        }
        std::unique_ptr<poppler::page> page(doc->create_page(p));
        if (!page) return pdf_error("không đọc được trang", "trang " + std::to_string(p + 1));
        std::vector<LayoutWord> words = page_words(*page);
        if (!words.empty()) {
            layout_page(std::move(words), out.text);
        } else {
            if (tally.pages + 1 > limits.max_ocr_pages) {
                return pdf_error("quá nhiều trang cần nhận dạng chữ, giới hạn " +
                                 std::to_string(limits.max_ocr_pages));
            }
            if (auto read = ocr_page(*page, limits, out.text, tally); !read) return read.error();
        }
        ++out.pages;
        if (out.text.size() > limits.max_text_bytes) break;
    }
    record_ocr(tally, "trang", out);
    return out;
}

}  // namespace dondoc::read::detail
