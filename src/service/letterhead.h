// How a unit of the register signs and addresses letters: the header lines
// of Decree 30/2020 (the superior body, the issuing body in capitals), the
// place of the date line, the ký hiệu of its công văn, who signs, and how
// its sub-units are addressed as groups ("UBND các xã, thị trấn"). Derived
// from the unit's kind, name and parent in the directory. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "domain/civil_date.h"
#include "domain/unit.h"

namespace dondoc::service {

struct Letterhead {
    std::string superior;  // "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY" (for a district office), or empty
    std::string issuer;  // "ỦY BAN NHÂN DÂN\nHUYỆN SƠN TÂY" (two lines), "PHÒNG NỘI VỤ"
    std::string place;   // "Sơn Tây"
    std::string symbol;        // the agency's part of a ký hiệu: "UBND", "SNV"; empty if unknown
    std::string authority;     // "TM. ỦY BAN NHÂN DÂN" for a people's committee
    std::string signer_title;  // "CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG PHÒNG", "THỦ TRƯỞNG"
    std::string name;  // as written in running text: "Ủy ban nhân dân huyện Sơn Tây"
    std::string leaders;  // copied in Nơi nhận: "Chủ tịch, các Phó Chủ tịch UBND huyện"; or empty
};

// `units` is the directory (for the parent's name).
Letterhead letterhead_of(const domain::Unit& unit, const std::vector<domain::Unit>& units);

// How a unit is addressed after "Kính gửi": "Ủy ban nhân dân xã Sơn Dung",
// "Phòng Nội vụ huyện Sơn Tây".
std::string addressed_name(const domain::Unit& unit);

// The unit's sub-units in force on `on`, as the groups a letter is sent to:
// "Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố", "Các
// phòng, ban, cơ quan, đơn vị trực thuộc UBND huyện", "UBND các xã, thị
// trấn"; other sub-units by name.
std::vector<std::string> subordinate_groups(const domain::Unit& unit,
                                            const std::vector<domain::Unit>& units,
                                            domain::CivilDate on);

}  // namespace dondoc::service
