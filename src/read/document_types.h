// The document types of Decree 30/2020 (appendix III), the Party's, and the
// legal normative ones, with their codes (record-format.md, "Type codes").
// Immutable tables; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "read/record.h"

namespace dondoc::read {

struct TypeInfo {
    std::string_view code;  // canonical code: "QĐ", "CTr", "QyĐ"
    std::string_view name;  // "Quyết định"
};

// The type whose name is `words` (any case, tone placement ignored):
// "KẾ HOẠCH" → KH. Only whole names match.
std::optional<TypeInfo> type_by_name(std::string_view words);

// The longest type name that `lower` starts with at `pos` (lower-cased text).
// Returns the type and the matched length in bytes.
std::optional<std::pair<TypeInfo, std::size_t>> type_name_at(std::string_view lower,
                                                             std::size_t pos);

// The type a symbol's type part stands for ("QĐ", "qđ", "Ctr" → CTr). For the
// Party family, "TT" is a Thông tri and "QĐ" stays a Quyết định.
std::optional<TypeInfo> type_by_code(std::string_view code, Family family);

// The công văn type, for a symbol with no type part.
TypeInfo cong_van_type();

}  // namespace dondoc::read
