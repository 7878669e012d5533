// Internal to src/read: the parts of an OOXML file (DOCX, XLSX). The zip
// archive is read within SourceLimits (entries, sizes, compression ratio,
// total inflated), and an XML part with a DOCTYPE (an entity bomb) is
// refused. Errors are invalid_input, prefixed with the format's name.
#pragma once

#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "base/error.h"
#include "read/source.h"

struct zip;

namespace dondoc::read::detail {

class OoxmlArchive {
  public:
    static Result<OoxmlArchive> open(std::string_view bytes, const SourceLimits& limits,
                                     std::string_view format);
    OoxmlArchive(OoxmlArchive&& other) noexcept;
    OoxmlArchive& operator=(OoxmlArchive&&) = delete;
    OoxmlArchive(const OoxmlArchive&) = delete;
    OoxmlArchive& operator=(const OoxmlArchive&) = delete;
    ~OoxmlArchive();

    // The entry's bytes; an empty optional when there is no such entry.
    Result<std::optional<std::string>> read(const char* name);

  private:
    OoxmlArchive(struct zip* zip, const SourceLimits& limits, std::string format);
    struct zip* m_zip = nullptr;
    SourceLimits m_limits;
    std::size_t m_budget = 0;  // bytes it may still inflate
    std::string m_format;
};

Result<std::unique_ptr<pugi::xml_document>> parse_ooxml_part(const std::string& data,
                                                             const char* name,
                                                             std::string_view format);

}  // namespace dondoc::read::detail
