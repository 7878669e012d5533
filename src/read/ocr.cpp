// Scans → text with Tesseract (language "vie", from tesseract-ocr-vie) over
// leptonica images. Every handle is owned by a unique_ptr; a TessBaseAPI is
// made per call (it is not thread-safe to share).
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "read/layout.h"
#include "read/source_formats.h"

namespace dondoc::read::detail {
namespace {

struct PixFree {
    void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixFree>;

struct TessEnd {
    void operator()(tesseract::TessBaseAPI* api) const {
        api->End();
        delete api;  // NOLINT: the API's own deleter pairs with End()
    }
};
using TessPtr = std::unique_ptr<tesseract::TessBaseAPI, TessEnd>;

struct TextFree {
    void operator()(char* text) const { delete[] text; }
};

Error ocr_error(std::string message) {
    return make_error(ErrorCode::invalid_input, "OCR: " + std::move(message));
}

Result<TessPtr> make_api() {
    TessPtr api(new tesseract::TessBaseAPI());
    // The Debian package's default data folder; "vie" from tesseract-ocr-vie.
    if (api->Init(nullptr, "vie", tesseract::OEM_LSTM_ONLY) != 0) {
        return make_error(
            ErrorCode::io_error,
            "OCR: không nạp được dữ liệu tiếng Việt của Tesseract (gói tesseract-ocr-vie)");
    }
    api->SetPageSegMode(tesseract::PSM_AUTO);
    // Signs no directive uses, which Tesseract reads for a noisy "C" or "R".
    api->SetVariable("tessedit_char_blacklist", "©®™");
    api->SetVariable("debug_file", "/dev/null");
    return api;
}

// OCR misreads a list number's dot as a comma or colon ("1, Các phòng"):
// a line that opens with one or two digits and one of those is repaired.
void repair_list_label(std::string& word) {
    const std::size_t n = word.size();
    if (n < 2 || n > 3 || (word.back() != ',' && word.back() != ':')) return;
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (word[i] < '0' || word[i] > '9') return;
    }
    word.back() = '.';
}

// Recognizes the image set on `api`; its words, with their boxes, go
// through the same layout as a PDF's text layer.
Result<void> recognize(tesseract::TessBaseAPI& api, std::string& out, OcrTally& tally) {
    if (api.Recognize(nullptr) != 0) return ocr_error("nhận dạng chữ thất bại");
    std::vector<LayoutWord> words;
    std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
    int line_left = 0;
    int line_top = 0;
    int line_right = 0;
    int line_bottom = 0;
    if (it) {
        do {
            if (it->Empty(tesseract::RIL_WORD)) continue;
            std::unique_ptr<char[], TextFree> text(it->GetUTF8Text(tesseract::RIL_WORD));
            int left = 0;
            int top = 0;
            int right = 0;
            int bottom = 0;
            if (!text || !it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom))
                continue;
            std::string word = text.get();
            if (it->Confidence(tesseract::RIL_WORD) < k_uncertain_word_confidence)
                tally.uncertain.push_back(word);
            if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
                repair_list_label(word);
                it->BoundingBox(tesseract::RIL_TEXTLINE, &line_left, &line_top, &line_right,
                                &line_bottom);
            }
            // A glyph box is as tall as its letters ("-" a few pixels); the
            // layout wants the line's height, as a PDF text box has.
            top = std::min(top, line_top);
            bottom = std::max(bottom, line_bottom);
            words.push_back(LayoutWord{static_cast<double>(left), static_cast<double>(right),
                                       static_cast<double>(top), static_cast<double>(bottom),
                                       std::move(word), true});
        } while (it->Next(tesseract::RIL_WORD));
    }
    layout_page(std::move(words), out);
    ++tally.pages;
    tally.confidence_sum += api.MeanTextConf();
    return {};
}

}  // namespace

Result<void> ocr_gray(const unsigned char* pixels, int width, int height, int stride,
                      std::string& out, OcrTally& tally) {
    auto api = make_api();
    if (!api) return api.error();
    (*api)->SetImage(pixels, width, height, 1, stride);
    (*api)->SetSourceResolution(300);
    return recognize(**api, out, tally);
}

void record_ocr(const OcrTally& tally, std::string_view what, SourceText& source) {
    if (tally.pages == 0) return;
    const int mean = static_cast<int>(tally.confidence_sum / static_cast<long>(tally.pages));
    source.ocr_confidence = mean;
    source.ocr_uncertain_words = tally.uncertain;
    std::string warning = "ocr: " + std::to_string(tally.pages);
    warning += ' ';
    warning += what;
    warning += " đọc bằng nhận dạng chữ, độ tin cậy trung bình " + std::to_string(mean);
    warning += "%; cần đối chiếu bản gốc";
    source.warnings.push_back(std::move(warning));
    if (tally.uncertain.empty()) return;
    // The words to look at first, not a dump of the page: the first twenty.
    constexpr std::size_t k_listed = 20;
    std::string words = "ocr: " + std::to_string(tally.uncertain.size()) +
                        " chữ đọc chưa chắc (độ tin cậy dưới " +
                        std::to_string(k_uncertain_word_confidence) + "%): ";
    for (std::size_t i = 0; i < tally.uncertain.size() && i < k_listed; ++i) {
        if (i > 0) words += ", ";
        words += "«" + tally.uncertain[i] + "»";
    }
    if (tally.uncertain.size() > k_listed) words += "…";
    source.warnings.push_back(std::move(words));
}

Result<SourceText> image_to_text(std::string_view bytes, const SourceLimits& limits) {
    // Leptonica reports a bad image on stderr besides returning null; the
    // error value says it already. Process-wide, so set once.
    static std::once_flag quiet;
    std::call_once(quiet, [] { setMsgSeverity(L_SEVERITY_NONE); });
    const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
    l_int32 width = 0;
    l_int32 height = 0;
    l_int32 bps = 0;
    l_int32 spp = 0;
    // Dimensions from the header first: a decompression bomb is refused
    // before any pixel is allocated.
    if (pixReadHeaderMem(data, bytes.size(), nullptr, &width, &height, &bps, &spp, nullptr) != 0) {
        return ocr_error("ảnh hỏng hoặc không đọc được");
    }
    if (width <= 0 || height <= 0 ||
        static_cast<double>(width) * height > static_cast<double>(limits.max_image_pixels)) {
        return ocr_error("ảnh quá lớn: " + std::to_string(width) + "×" + std::to_string(height) +
                         " điểm ảnh, giới hạn " + std::to_string(limits.max_image_pixels));
    }
    // A TIFF may hold every page of a scanned directive; other formats one.
    const bool tiff =
        bytes.size() >= 4 && (bytes.substr(0, 2) == "II" || bytes.substr(0, 2) == "MM");
    auto api = make_api();
    if (!api) return api.error();
    SourceText result;
    OcrTally tally;
    for (int n = 0;; ++n) {
        PixPtr pix(tiff     ? pixReadMemTiff(data, bytes.size(), n)
                   : n == 0 ? pixReadMem(data, bytes.size())
                            : nullptr);
        if (!pix) {
            if (n == 0) return ocr_error("ảnh hỏng hoặc không đọc được");
            break;
        }
        if (static_cast<std::size_t>(n) >= std::max<std::size_t>(limits.max_ocr_pages, 1)) {
            return ocr_error("quá nhiều trang cần nhận dạng chữ, giới hạn " +
                             std::to_string(limits.max_ocr_pages));
        }
        // Later TIFF pages are measured once decoded (the header read above
        // is the first page's).
        const double pixels = static_cast<double>(pixGetWidth(pix.get())) * pixGetHeight(pix.get());
        if (pixels > static_cast<double>(limits.max_image_pixels)) {
            return ocr_error("ảnh quá lớn ở trang " + std::to_string(n + 1));
        }
        (*api)->SetImage(pix.get());
        if (pixGetXRes(pix.get()) < 70) (*api)->SetSourceResolution(300);
        if (auto read = recognize(**api, result.text, tally); !read) return read.error();
        ++result.pages;
    }
    record_ocr(tally, "trang ảnh quét", result);
    return result;
}

}  // namespace dondoc::read::detail
