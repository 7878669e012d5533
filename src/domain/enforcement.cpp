#include "domain/enforcement.h"

#include <algorithm>

namespace dondoc::domain {
namespace {

struct KindNames {
    EnforcementKind kind;
    std::string_view name;
    std::string_view label;
    std::string_view slug;  // as offices type it, without diacritics
    std::string_view verb;  // the English alias
};

constexpr std::array<KindNames, 4> k_names = {{
    {EnforcementKind::reminder, "reminder", "Nhắc nhở", "nhac-nho", "remind"},
    {EnforcementKind::urging, "urging", "Đôn đốc", "don-doc", "urge"},
    {EnforcementKind::criticism, "criticism", "Phê bình", "phe-binh", "criticize"},
    {EnforcementKind::review, "review", "Kiểm điểm", "kiem-diem", "review"},
}};

const KindNames& names_of(EnforcementKind kind) {
    return k_names.at(static_cast<std::size_t>(kind));
}

}  // namespace

std::string_view enforcement_kind_name(EnforcementKind kind) {
    return names_of(kind).name;
}

std::string_view enforcement_kind_label(EnforcementKind kind) {
    return names_of(kind).label;
}

std::optional<EnforcementKind> parse_enforcement_kind(std::string_view text) {
    std::string key(text);
    std::transform(key.begin(), key.end(), key.begin(), [](char c) {
        if (c == '_') return '-';
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    for (const auto& k : k_names) {
        if (key == k.name || key == k.slug || key == k.verb) return k.kind;
    }
    return std::nullopt;
}

}  // namespace dondoc::domain
