// OOXML containers (DOCX, XLSX): the zip archive read with libzip within
// SourceLimits, and its XML parts parsed by pugixml with no DTD allowed.
#include "read/ooxml.h"

#include <zip.h>

#include <memory>
#include <utility>

namespace dondoc::read::detail {
namespace {

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct ZipSourceFree {
    void operator()(zip_source_t* s) const { zip_source_free(s); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

}  // namespace

Result<OoxmlArchive> OoxmlArchive::open(std::string_view bytes, const SourceLimits& limits,
                                        std::string_view format) {
    const std::string label(format);
    const auto fail = [&](std::string message, std::string where = {}) {
        return make_error(ErrorCode::invalid_input, label + ": " + std::move(message),
                          std::move(where));
    };
    zip_error_t error;
    zip_error_init(&error);
    std::unique_ptr<zip_source_t, ZipSourceFree> source(
        zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error));
    if (!source) {
        zip_error_fini(&error);
        return fail("không đọc được tệp nén");
    }
    ZipPtr zip(zip_open_from_source(source.get(), ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!zip) {
        std::string why = zip_error_strerror(&error);
        zip_error_fini(&error);
        return fail("tệp nén hỏng hoặc bị cắt cụt (" + why + ")");
    }
    (void)source.release();  // the archive owns the source now
    zip_error_fini(&error);
    const zip_int64_t entries = zip_get_num_entries(zip.get(), 0);
    if (entries < 0 || static_cast<std::size_t>(entries) > limits.max_zip_entries) {
        return fail("quá nhiều mục trong tệp nén: " + std::to_string(entries) + ", giới hạn " +
                    std::to_string(limits.max_zip_entries));
    }
    return OoxmlArchive(zip.release(), limits, label);
}

Result<std::optional<std::string>> OoxmlArchive::read(const char* name) {
    const auto fail = [&](std::string message, std::string where = {}) {
        return make_error(ErrorCode::invalid_input, m_format + ": " + std::move(message),
                          std::move(where));
    };
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(m_zip, name, 0, &st) != 0) return std::optional<std::string>{};
    const bool sized = (st.valid & ZIP_STAT_SIZE) != 0 && (st.valid & ZIP_STAT_COMP_SIZE) != 0;
    if (!sized) return fail("mục không rõ kích thước", name);
    if (st.size > m_limits.max_zip_entry_bytes) {
        return fail("mục quá lớn khi giải nén: " + std::to_string(st.size) + " byte, giới hạn " +
                        std::to_string(m_limits.max_zip_entry_bytes),
                    name);
    }
    // Ordinary XML compresses 5–20×; a ratio in the hundreds on a large
    // entry is a zip bomb.
    if (st.size > (1u << 20) && st.size > st.comp_size * m_limits.max_zip_ratio) {
        return fail("tỷ lệ nén bất thường (" + std::to_string(st.size) + " / " +
                        std::to_string(st.comp_size) + " byte): nghi là bom nén",
                    name);
    }
    if (st.size > m_budget) {
        return fail("tổng dung lượng giải nén vượt giới hạn " +
                        std::to_string(m_limits.max_zip_total_bytes) + " byte",
                    name);
    }
    ZipFilePtr file(zip_fopen(m_zip, name, 0));
    if (!file) return fail("không mở được mục trong tệp nén", name);
    // Trust no header: read at most the declared size plus one byte.
    std::string data(static_cast<std::size_t>(st.size) + 1, '\0');
    std::size_t got = 0;
    while (got < data.size()) {
        const zip_int64_t n = zip_fread(file.get(), data.data() + got, data.size() - got);
        if (n < 0) return fail("mục hỏng trong tệp nén", name);
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got != st.size) return fail("kích thước mục không khớp với khai báo", name);
    data.resize(got);
    m_budget -= got;
    return std::optional<std::string>(std::move(data));
}

OoxmlArchive::OoxmlArchive(zip_t* zip, const SourceLimits& limits, std::string format)
    : m_zip(zip),
      m_limits(limits),
      m_budget(limits.max_zip_total_bytes),
      m_format(std::move(format)) {}

OoxmlArchive::OoxmlArchive(OoxmlArchive&& other) noexcept
    : m_zip(std::exchange(other.m_zip, nullptr)),
      m_limits(other.m_limits),
      m_budget(other.m_budget),
      m_format(std::move(other.m_format)) {}

OoxmlArchive::~OoxmlArchive() {
    if (m_zip) zip_discard(m_zip);
}

Result<std::unique_ptr<pugi::xml_document>> parse_ooxml_part(const std::string& data,
                                                             const char* name,
                                                             std::string_view format) {
    const std::string label(format);
    const auto fail = [&](std::string message, std::string where = {}) {
        return make_error(ErrorCode::invalid_input, label + ": " + std::move(message),
                          std::move(where));
    };
    auto doc = std::make_unique<pugi::xml_document>();
    // pugixml never expands entities a DTD declares; OOXML allows no DTD at
    // all, so a part that has one (an entity bomb, an external entity) is
    // refused rather than read with its references left as text.
    const pugi::xml_parse_result parsed = doc->load_buffer(
        data.data(), data.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
    if (!parsed) {
        return fail(std::string("XML hỏng: ") + parsed.description(),
                    std::string(name) + ", byte " + std::to_string(parsed.offset));
    }
    for (const pugi::xml_node child : doc->children()) {
        if (child.type() == pugi::node_doctype) {
            return fail(
                "phần XML có khai báo DOCTYPE/ENTITY (OOXML không cho phép; nghi là bom thực thể)",
                name);
        }
    }
    return doc;
}

}  // namespace dondoc::read::detail
