#include "read/source.h"

#include <string>

#include "read/source_formats.h"
#include "text/legacy_encoding.h"
#include "text/utf8.h"

namespace dondoc::read {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// UTF-16 with a byte-order mark (Notepad's "Unicode") → UTF-8.
Result<std::string> utf16_to_utf8(std::string_view bytes) {
    const bool little = static_cast<unsigned char>(bytes[0]) == 0xFF;
    auto unit = [&](std::size_t i) {
        const auto a = static_cast<unsigned char>(bytes[i]);
        const auto b = static_cast<unsigned char>(bytes[i + 1]);
        return static_cast<char32_t>(little ? (b << 8) | a : (a << 8) | b);
    };
    auto bad = [](std::size_t i) {
        return make_error(ErrorCode::invalid_input, "UTF-16 không hợp lệ",
                          "byte " + std::to_string(i));
    };
    if (bytes.size() % 2 != 0) return bad(bytes.size() - 1);
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 2; i < bytes.size(); i += 2) {
        char32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 3 >= bytes.size()) return bad(i);
            const char32_t low = unit(i + 2);
            if (low < 0xDC00 || low > 0xDFFF) return bad(i);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return bad(i);
        }
        text::append_utf8(out, cp);
    }
    return out;
}

}  // namespace

std::string_view source_format_name(SourceFormat format) {
    switch (format) {
        case SourceFormat::text:
            return "text";
        case SourceFormat::docx:
            return "docx";
        case SourceFormat::pdf:
            return "pdf";
        case SourceFormat::png:
            return "png";
        case SourceFormat::jpeg:
            return "jpeg";
        case SourceFormat::tiff:
            return "tiff";
    }
    return "text";
}

SourceFormat detect_format(std::string_view bytes) {
    using namespace std::string_view_literals;
    if (starts_with(bytes, "PK\x03\x04"sv)) return SourceFormat::docx;
    // PDF allows up to 1 KiB of junk before the header.
    if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return SourceFormat::pdf;
    if (starts_with(bytes, "\x89PNG\r\n\x1a\n"sv)) return SourceFormat::png;
    if (starts_with(bytes, "\xFF\xD8\xFF"sv)) return SourceFormat::jpeg;
    if (starts_with(bytes, "II*\0"sv) || starts_with(bytes, "MM\0*"sv)) return SourceFormat::tiff;
    return SourceFormat::text;
}

Result<SourceText> to_text(std::string_view bytes, const SourceLimits& limits) {
    using namespace std::string_view_literals;
    if (bytes.size() > limits.max_input_bytes) {
        return make_error(ErrorCode::invalid_input,
                          "tệp quá lớn: " + std::to_string(bytes.size()) + " byte, giới hạn " +
                              std::to_string(limits.max_input_bytes),
                          "byte " + std::to_string(limits.max_input_bytes));
    }
    const SourceFormat format = detect_format(bytes);
    Result<SourceText> out = [&]() -> Result<SourceText> {
        switch (format) {
            case SourceFormat::docx:
                return detail::docx_to_text(bytes, limits);
            case SourceFormat::pdf:
                return detail::pdf_to_text(bytes, limits);
            case SourceFormat::png:
            case SourceFormat::jpeg:
            case SourceFormat::tiff:
                return detail::image_to_text(bytes, limits);
            case SourceFormat::text:
                break;
        }
        SourceText plain;
        if (starts_with(bytes, "\xFF\xFE"sv) || starts_with(bytes, "\xFE\xFF"sv)) {
            auto utf8 = utf16_to_utf8(bytes);
            if (!utf8) return utf8.error();
            plain.text = std::move(*utf8);
            return plain;
        }
        const text::LegacyEncoding legacy = text::detect_legacy_encoding(bytes);
        if (legacy == text::LegacyEncoding::none) {
            plain.text = std::string(bytes);  // the reader validates UTF-8 and names a bad byte
        } else {
            plain.text = text::legacy_bytes_to_utf8(bytes, legacy);
            plain.warnings.push_back("encoding: converted from " +
                                     std::string(text::legacy_encoding_name(legacy)));
        }
        return plain;
    }();
    if (!out) return out;
    out->format = format;
    if (out->text.size() > limits.max_text_bytes) {
        return make_error(ErrorCode::invalid_input,
                          "văn bản trích từ tệp quá lớn: " + std::to_string(out->text.size()) +
                              " byte, giới hạn " + std::to_string(limits.max_text_bytes));
    }
    return out;
}

}  // namespace dondoc::read
