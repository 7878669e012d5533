// Scans → text with Tesseract (language "vie", from tesseract-ocr-vie) over
// leptonica images. Every handle is owned by a unique_ptr; a TessBaseAPI is
// made per call (it is not thread-safe to share).
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "read/layout.h"
#include "read/source_formats.h"
#include "text/normalize.h"

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

// "1.", "12.", "a)", "II.": what a numbered item opens with.
bool is_item_label(std::string_view word) {
    if (word.size() < 2 || word.size() > 5) return false;
    const char last = word.back();
    const std::string_view body = word.substr(0, word.size() - 1);
    const auto all = [&](auto pred) { return std::all_of(body.begin(), body.end(), pred); };
    if (last == '.') {
        return (body.size() <= 2 && all([](char c) { return c >= '0' && c <= '9'; })) ||
               all([](char c) { return c == 'I' || c == 'V' || c == 'X'; });
    }
    return last == ')' && body.size() == 1 && body[0] >= 'a' && body[0] <= 'z';
}

// Punctuation that never has a space before it in Vietnamese typography.
bool opens_with_closing_punctuation(std::string_view word) {
    return !word.empty() && std::string_view(")],;:!?").find(word[0]) != std::string_view::npos;
}

constexpr int k_reread_label_confidence = 60;

// A lower-case word the Vietnamese dictionary does not know ("nghẻo" for
// "nghèo", a tone mark misread): worth checking however sure Tesseract
// was. Words with capitals, digits or signs (names, notations) are not
// judged: the dictionary does not hold them.
bool unknown_lower_case_word(tesseract::TessBaseAPI& api, std::string_view word) {
    const auto punct = [](char c) {
        return std::string_view(",.;:!?()\"'").find(c) != std::string_view::npos;
    };
    while (!word.empty() && punct(word.front())) word.remove_prefix(1);
    while (!word.empty() && punct(word.back())) word.remove_suffix(1);
    if (word.empty()) return false;
    for (const char c : word) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && (c < 'a' || c > 'z')) return false;
        // Latin-1 signs (C2: «, °) and general punctuation (E2: –, …, “):
        // not letters, not for the dictionary.
        if (u == 0xC2 || u == 0xE2) return false;
    }
    const std::string core(word);
    return text::fold_case(core) == core && api.IsValidWord(core.c_str()) == 0;
}

// Ð (C3 90) → Đ (C4 90), ð (C3 B0) → đ (C4 91), in place.
void replace_eth(std::string& word) {
    for (std::size_t i = 0; i + 1 < word.size(); ++i) {
        if (word[i] != '\xC3') continue;
        if (word[i + 1] == '\x90') {
            word[i] = '\xC4';
        } else if (word[i + 1] == '\xB0') {
            word[i] = '\xC4';
            word[i + 1] = '\x91';
        }
    }
}

// One word as Tesseract read it, with what the clean-up below needs.
struct ReadWord {
    LayoutWord word;
    int left, top, right, bottom;  // the glyphs' box, in image pixels
    int line_height;
    bool line_start;
    bool uncertain;
};

// A list number set apart by a tab that the page's recognition misread
// ("1." read as "lạ", "3." as "S;"): read again alone, as one line of
// digits, a letter and '.' or ')' (as a single word Tesseract reads a clear
// "1." as "l"). The label and its confidence when it reads as one.
struct Reread {
    std::string label;
    int confidence;
};

std::optional<Reread> reread_label(tesseract::TessBaseAPI& api, const ReadWord& w) {
    const int pad = std::max(2, w.line_height / 4);
    const int left = std::max(0, w.left - pad);
    const int top = std::max(0, w.top - pad);
    api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    api.SetVariable("tessedit_char_whitelist", "0123456789.)abcdeghiklmnIVX");
    api.SetRectangle(left, top, w.right + pad - left, w.bottom + pad - top);
    std::unique_ptr<char[], TextFree> text(api.GetUTF8Text());
    const int confidence = api.MeanTextConf();
    api.SetVariable("tessedit_char_whitelist", "");
    api.SetPageSegMode(tesseract::PSM_AUTO);
    if (!text) return std::nullopt;
    std::string label;
    for (const char* c = text.get(); *c != 0; ++c) {
        if (*c != ' ' && *c != '\n') label.push_back(*c);
    }
    repair_list_label(label);
    // Constrained to label characters, a middling confidence is a reading
    // worth keeping (still listed as unsure); a low one is noise.
    if (confidence < k_reread_label_confidence || !is_item_label(label)) return std::nullopt;
    return Reread{label, confidence};
}

// Tesseract's reading, cleaned where it is known to stumble on a directive:
// - a closing mark split off its word ("hiện..." + ")."), glued back;
// - an en dash read as an em dash ("Văn hoá — Thông tin"): directives use
//   the hyphen and the en dash; a lone em dash is taken for an en dash;
// - the Icelandic eth (Ð, ð) for the Vietnamese đ (Đ, đ), which look alike
//   and which no Vietnamese text holds;
// - a tab-separated list number it could not read, read again alone.
std::vector<LayoutWord> clean_up(tesseract::TessBaseAPI& api, std::vector<ReadWord> read,
                                 OcrTally& tally) {
    for (std::size_t i = 0; i + 1 < read.size(); ++i) {
        ReadWord& w = read[i];
        const ReadWord& next = read[i + 1];
        if (w.line_start && w.uncertain && w.word.text.size() <= 4 && !next.line_start &&
            next.left - w.right > w.line_height) {
            if (auto again = reread_label(api, w)) {
                w.word.text = again->label;
                w.uncertain = again->confidence < k_uncertain_word_confidence;
            }
        }
    }
    std::vector<ReadWord> kept;
    for (auto& w : read) {
        if (w.word.text == "\u2014") w.word.text = "\u2013";
        replace_eth(w.word.text);
        if (!kept.empty() && !w.line_start && opens_with_closing_punctuation(w.word.text) &&
            w.left - kept.back().right < w.line_height) {
            ReadWord& prev = kept.back();
            prev.word.text += w.word.text;
            prev.word.x1 = w.word.x1;
            prev.right = w.right;
            prev.uncertain = prev.uncertain || w.uncertain;
            continue;
        }
        kept.push_back(std::move(w));
    }
    std::vector<LayoutWord> words;
    words.reserve(kept.size());
    for (auto& w : kept) {
        if (w.uncertain) tally.uncertain.push_back(w.word.text);
        words.push_back(std::move(w.word));
    }
    return words;
}

// Recognizes the image set on `api`; its words, with their boxes, go
// through the same layout as a PDF's text layer.
Result<void> recognize(tesseract::TessBaseAPI& api, std::string& out, OcrTally& tally) {
    if (api.Recognize(nullptr) != 0) return ocr_error("nhận dạng chữ thất bại");
    std::vector<ReadWord> read;
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
            const bool uncertain =
                it->Confidence(tesseract::RIL_WORD) < k_uncertain_word_confidence ||
                unknown_lower_case_word(api, word);
            const bool line_start = it->IsAtBeginningOf(tesseract::RIL_TEXTLINE);
            if (line_start) {
                repair_list_label(word);
                it->BoundingBox(tesseract::RIL_TEXTLINE, &line_left, &line_top, &line_right,
                                &line_bottom);
            }
            // A glyph box is as tall as its letters ("-" a few pixels); the
            // layout wants the line's height, as a PDF text box has.
            const int word_top = std::min(top, line_top);
            const int word_bottom = std::max(bottom, line_bottom);
            read.push_back(
                ReadWord{LayoutWord{static_cast<double>(left), static_cast<double>(right),
                                    static_cast<double>(word_top), static_cast<double>(word_bottom),
                                    std::move(word), true},
                         left, top, right, bottom, line_bottom - line_top, line_start, uncertain});
        } while (it->Next(tesseract::RIL_WORD));
    }
    it.reset();
    // The page's confidence before any word is read again.
    const int confidence = api.MeanTextConf();
    layout_page(clean_up(api, std::move(read), tally), out);
    ++tally.pages;
    tally.confidence_sum += confidence;
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
