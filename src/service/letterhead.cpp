#include "service/letterhead.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "text/normalize.h"

namespace dondoc::service {
namespace {

using domain::UnitKind;

bool administrative(UnitKind kind) {
    return kind == UnitKind::province || kind == UnitKind::district || kind == UnitKind::commune;
}

// "Huyện Sơn Tây" → {"huyện", "Sơn Tây"}: the kind of place and its proper name.
std::pair<std::string, std::string> split_place(const std::string& name) {
    static constexpr std::array<std::string_view, 9> k_prefixes = {
        "thành phố ", "thị xã ", "thị trấn ", "đặc khu ", "tỉnh ",
        "huyện ",     "quận ",   "xã ",       "phường "};
    const std::string lower = text::fold_case(name);
    for (const auto prefix : k_prefixes) {
        if (lower.rfind(prefix, 0) == 0)
            return {std::string(prefix.substr(0, prefix.size() - 1)), name.substr(prefix.size())};
    }
    return {"", name};
}

const domain::Unit* find_unit(const std::vector<domain::Unit>& units, const domain::UnitId& id) {
    for (const auto& u : units) {
        if (u.id == id) return &u;
    }
    return nullptr;
}

// "Phòng Tài chính - Kế hoạch huyện Sơn Tây" → "Phòng Tài chính - Kế hoạch"
// when the parent is Huyện Sơn Tây: the header's upper line names the parent.
std::string without_parent_suffix(const std::string& name, const domain::Unit* parent) {
    if (parent == nullptr) return name;
    std::string suffix = " ";
    suffix += text::fold_case(parent->name);
    const std::string lower = text::fold_case(name);
    if (lower.size() > suffix.size() &&
        lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0)
        return name.substr(0, name.size() - suffix.size());
    return name;
}

// A short upper-case alias without spaces ("SNV", "TCKH"), as ký hiệu use.
std::string abbreviation(const domain::Unit& unit) {
    for (const auto& a : unit.aliases) {
        if (a.size() <= 12 && a.find(' ') == std::string::npos && text::is_upper_text(a)) return a;
    }
    return {};
}

std::string people_committee(const domain::Unit& unit) {
    const auto [kind, name] = split_place(unit.name);
    std::string out = "Ủy ban nhân dân ";
    out += kind;
    out += ' ';
    out += name;
    return out;
}

}  // namespace

std::string addressed_name(const domain::Unit& unit) {
    if (administrative(unit.kind)) return people_committee(unit);
    return unit.name;
}

Letterhead letterhead_of(const domain::Unit& unit, const std::vector<domain::Unit>& units) {
    Letterhead h;
    const domain::Unit* parent = unit.parent ? find_unit(units, *unit.parent) : nullptr;
    if (administrative(unit.kind)) {
        // Printed on two lines: "ỦY BAN NHÂN DÂN" / "HUYỆN SƠN TÂY".
        h.issuer = "ỦY BAN NHÂN DÂN\n";
        h.issuer += text::to_upper(unit.name);
        h.place = split_place(unit.name).second;
        h.symbol = "UBND";
        h.authority = "TM. ỦY BAN NHÂN DÂN";
        h.signer_title = "CHỦ TỊCH";
        h.name = people_committee(unit);
        h.leaders = "Chủ tịch, các Phó Chủ tịch UBND ";
        h.leaders += text::fold_case(split_place(unit.name).first);
        return h;
    }
    const std::string own = without_parent_suffix(unit.name, parent);
    h.issuer = text::to_upper(own);
    h.name = unit.name;
    h.symbol = abbreviation(unit);
    if (parent != nullptr) {
        h.superior = text::to_upper(addressed_name(*parent));
        h.place = administrative(parent->kind) ? split_place(parent->name).second
                                               : letterhead_of(*parent, units).place;
    }
    const std::string lower = text::fold_case(own);
    if (lower.rfind("sở ", 0) == 0) {
        h.signer_title = "GIÁM ĐỐC";
    } else if (lower.rfind("phòng ", 0) == 0) {
        h.signer_title = "TRƯỞNG PHÒNG";
    } else if (lower.rfind("ban ", 0) == 0) {
        h.signer_title = "TRƯỞNG BAN";
    } else if (lower.rfind("văn phòng ", 0) == 0) {
        h.signer_title = "CHÁNH VĂN PHÒNG";
    } else {
        h.signer_title = "THỦ TRƯỞNG";
    }
    return h;
}

std::vector<std::string> subordinate_groups(const domain::Unit& unit,
                                            const std::vector<domain::Unit>& units,
                                            domain::CivilDate on) {
    bool departments = false;
    bool offices = false;
    std::vector<std::string> district_words;
    std::vector<std::string> commune_words;
    std::vector<std::string> others;
    const auto note = [](std::vector<std::string>& words, const std::string& word) {
        if (!word.empty() && std::find(words.begin(), words.end(), word) == words.end())
            words.push_back(word);
    };
    for (const auto& u : units) {
        if (!u.parent || *u.parent != unit.id) continue;
        if ((u.valid_from && on < *u.valid_from) || (u.valid_to && *u.valid_to < on)) continue;
        switch (u.kind) {
            case UnitKind::department:
                departments = true;
                break;
            case UnitKind::district_office:
            case UnitKind::commune_office:
                offices = true;
                break;
            case UnitKind::district:
                note(district_words, text::fold_case(split_place(u.name).first));
                break;
            case UnitKind::commune:
                note(commune_words, text::fold_case(split_place(u.name).first));
                break;
            default:
                others.push_back(addressed_name(u));
        }
    }
    const std::string level = text::fold_case(split_place(unit.name).first);
    const auto joined = [](const std::vector<std::string>& words) {
        std::string out;
        for (const auto& w : words) {
            if (!out.empty()) out += ", ";
            out += w;
        }
        return out;
    };
    std::vector<std::string> out;
    if (departments) out.push_back("Các sở, ban, ngành " + level);
    if (offices) out.push_back("Các phòng, ban, cơ quan, đơn vị trực thuộc UBND " + level);
    if (!district_words.empty()) out.push_back("UBND các " + joined(district_words));
    if (!commune_words.empty()) out.push_back("UBND các " + joined(commune_words));
    out.insert(out.end(), others.begin(), others.end());
    return out;
}

}  // namespace dondoc::service
