#include "domain/unit.h"

#include <array>
#include <string_view>

namespace dondoc::domain {
namespace {

struct KindNames {
    UnitKind kind;
    std::string_view name;
    std::string_view label;
};

// One table for both directions, so that a new kind cannot get a name
// without a label or be missing from unit_kind_from_name.
constexpr std::array<KindNames, 11> k_kinds{{
    {UnitKind::province, "province", "Cấp tỉnh"},
    {UnitKind::district, "district", "Cấp huyện"},
    {UnitKind::commune, "commune", "Cấp xã"},
    {UnitKind::department, "department", "Sở, ban, ngành"},
    {UnitKind::district_office, "district_office", "Phòng chuyên môn"},
    {UnitKind::commune_office, "commune_office", "Bộ phận cấp xã"},
    {UnitKind::police, "police", "Công an"},
    {UnitKind::military, "military", "Quân sự, biên phòng"},
    {UnitKind::association, "association", "Hội, đoàn thể"},
    {UnitKind::party, "party", "Cơ quan Đảng"},
    {UnitKind::other, "other", "Khác"},
}};

const KindNames& names_of(UnitKind kind) {
    for (const auto& k : k_kinds) {
        if (k.kind == kind) return k;
    }
    return k_kinds.back();
}

}  // namespace

std::string_view unit_kind_name(UnitKind kind) {
    return names_of(kind).name;
}

std::string_view unit_kind_label(UnitKind kind) {
    return names_of(kind).label;
}

std::optional<UnitKind> unit_kind_from_name(std::string_view name) {
    for (const auto& k : k_kinds) {
        if (k.name == name) return k.kind;
    }
    return std::nullopt;
}

}  // namespace dondoc::domain
