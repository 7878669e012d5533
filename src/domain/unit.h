// Units (đơn vị): the bodies that issue directives and receive tasks.
//
// A unit sits in a tree (province → departments, districts → offices,
// communes), has a kind, a validity period and, when reorganized, successors
// that take over its open tasks (the 2025 reorganization merged communes and
// removed the district level). Plain value types; thread-compatible.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace dondoc::domain {

// A unit's stable identifier in the register: the GSO code where it has one
// ("530", "21211"), otherwise a generated slug ("530-tckh").
struct UnitId {
    std::string value;
    friend bool operator==(const UnitId&, const UnitId&) = default;
    // clang-tidy reads the comparison with 0 that <=> synthesizes as a null pointer.
    friend auto operator<=>(const UnitId&,
                            const UnitId&) = default;  // NOLINT(modernize-use-nullptr)
};

enum class UnitKind {
    province,         // tỉnh, thành phố trực thuộc trung ương (UBND tỉnh)
    district,         // huyện, thị xã, thành phố thuộc tỉnh (UBND huyện), until 2025
    commune,          // xã, phường, thị trấn, đặc khu (UBND xã)
    department,       // sở, ban, ngành cấp tỉnh
    district_office,  // phòng chuyên môn thuộc UBND cấp huyện
    commune_office,   // công chức, bộ phận thuộc UBND cấp xã
    police,           // công an
    military,         // ban chỉ huy quân sự, bộ đội biên phòng
    association,      // hội, đoàn thể, mặt trận
    party,            // cấp ủy, ban của Đảng
    other,
};

// Stable machine name ("district_office") and Vietnamese label ("Phòng chuyên môn").
std::string_view unit_kind_name(UnitKind kind);
std::string_view unit_kind_label(UnitKind kind);
std::optional<UnitKind> unit_kind_from_name(std::string_view name);

struct Unit {
    UnitId id;
    std::string name;  // official full name: "Phòng Tài chính - Kế hoạch huyện Sơn Tây"
    std::vector<std::string> aliases;  // short names and abbreviations: "Phòng TC-KH", "TCKH"
    UnitKind kind = UnitKind::other;
    std::optional<UnitId> parent;  // the unit it belongs to
    std::optional<std::chrono::year_month_day> valid_from;
    std::optional<std::chrono::year_month_day> valid_to;  // last day it existed
    std::vector<UnitId> successors;                       // who took over its work after valid_to
    std::string note;  // provenance, e.g. the resolution that merged it
};

}  // namespace dondoc::domain
