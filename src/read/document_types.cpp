#include "read/document_types.h"

#include <array>
#include <string>
#include <vector>

#include "read/scan.h"
#include "text/normalize.h"

namespace dondoc::read {
namespace {

struct Entry {
    TypeInfo info;
    bool by_code;  // a symbol may carry this code
};

// Longer names first where one name starts another ("Thông tư liên tịch").
constexpr std::array k_types = {
    Entry{{"NQ", "Nghị quyết"}, true},
    Entry{{"QĐ", "Quyết định"}, true},
    Entry{{"CTr", "Chương trình"}, true},
    Entry{{"CT", "Chỉ thị"}, true},
    Entry{{"QC", "Quy chế"}, true},
    Entry{{"QyĐ", "Quy định"}, true},
    Entry{{"TC", "Thông cáo"}, true},
    Entry{{"TB", "Thông báo"}, true},
    Entry{{"HD", "Hướng dẫn"}, true},
    Entry{{"KH", "Kế hoạch"}, true},
    Entry{{"PA", "Phương án"}, true},
    Entry{{"ĐA", "Đề án"}, true},
    Entry{{"DA", "Dự án"}, true},
    Entry{{"BC", "Báo cáo"}, true},
    Entry{{"BB", "Biên bản"}, true},
    Entry{{"TTr", "Tờ trình"}, true},
    Entry{{"HĐ", "Hợp đồng"}, true},
    Entry{{"CĐ", "Công điện"}, true},
    Entry{{"BGN", "Bản ghi nhớ"}, true},
    Entry{{"BTT", "Bản thỏa thuận"}, true},
    Entry{{"GUQ", "Giấy ủy quyền"}, true},
    Entry{{"GM", "Giấy mời"}, true},
    Entry{{"GGT", "Giấy giới thiệu"}, true},
    Entry{{"GNP", "Giấy nghỉ phép"}, true},
    Entry{{"PG", "Phiếu gửi"}, true},
    Entry{{"PC", "Phiếu chuyển"}, true},
    Entry{{"PB", "Phiếu báo"}, true},
    Entry{{"CV", "Công văn"}, true},
    Entry{{"KL", "Kết luận"}, true},
    Entry{{"TTri", "Thông tri"}, true},
    Entry{{"HP", "Hiến pháp"}, false},
    Entry{{"BL", "Bộ luật"}, false},
    Entry{{"Luật", "Luật"}, false},
    Entry{{"PL", "Pháp lệnh"}, true},
    Entry{{"NĐ", "Nghị định"}, true},
    Entry{{"TTLT", "Thông tư liên tịch"}, true},
    Entry{{"TT", "Thông tư"}, true},
    Entry{{"CV", "Văn bản"}, false},
};

const TypeInfo k_quy_dinh_party{"QĐi", "Quy định"};

}  // namespace

std::optional<TypeInfo> type_by_name(std::string_view words) {
    if (words.size() > 40) return std::nullopt;  // longer than any type name
    static const std::vector<std::pair<std::string, TypeInfo>> k_keys = [] {
        std::vector<std::pair<std::string, TypeInfo>> keys;
        for (const auto& entry : k_types) {
            if (entry.info.name != "Văn bản")
                keys.emplace_back(text::tone_key(entry.info.name), entry.info);
        }
        return keys;
    }();
    const std::string key = text::tone_key(text::collapse_whitespace(words));
    for (const auto& [name_key, info] : k_keys) {
        if (name_key == key) return info;
    }
    return std::nullopt;
}

std::optional<std::pair<TypeInfo, std::size_t>> type_name_at(std::string_view lower,
                                                             std::size_t pos) {
    // Names are stored with a capital first letter; compare lower-cased copies made once.
    // Bucketed by first byte: most words start no type name at all.
    using Bucket = std::vector<std::pair<std::string, TypeInfo>>;
    static const std::array<Bucket, 256> k_lower_names = [] {
        std::array<Bucket, 256> buckets;
        for (const auto& entry : k_types) {
            std::string name = text::fold_case(entry.info.name);
            buckets[static_cast<unsigned char>(name[0])].emplace_back(std::move(name), entry.info);
        }
        return buckets;
    }();
    if (pos >= lower.size()) return std::nullopt;
    std::optional<std::pair<TypeInfo, std::size_t>> best;
    for (const auto& [name, info] : k_lower_names[static_cast<unsigned char>(lower[pos])]) {
        if (phrase_at(lower, pos, name) && (!best || name.size() > best->second)) {
            best = std::make_pair(info, name.size());
        }
    }
    // Old and variant spellings of the same names.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> k_variants = {
        {{"bản thoả thuận", "BTT"}, {"giấy uỷ quyền", "GUQ"}, {"quyết định", "QĐ"}}};
    for (const auto& [variant, code] : k_variants) {
        if (phrase_at(lower, pos, variant) && (!best || variant.size() > best->second)) {
            for (const auto& entry : k_types) {
                if (entry.info.code == code) best = std::make_pair(entry.info, variant.size());
            }
        }
    }
    return best;
}

std::optional<TypeInfo> type_by_code(std::string_view code, Family family) {
    if (code.empty() || code.size() > 8) return std::nullopt;
    static const std::vector<std::pair<std::string, TypeInfo>> k_codes = [] {
        std::vector<std::pair<std::string, TypeInfo>> codes;
        for (const auto& entry : k_types) {
            if (entry.by_code) codes.emplace_back(text::fold_case(entry.info.code), entry.info);
        }
        return codes;
    }();
    const std::string key = text::fold_case(code);
    if (family == Family::party && key == "tt") return TypeInfo{"TTri", "Thông tri"};
    if (family == Family::party && key == "qđi") return k_quy_dinh_party;
    for (const auto& [lower_code, info] : k_codes) {
        if (lower_code == key) return info;
    }
    return std::nullopt;
}

TypeInfo cong_van_type() {
    return TypeInfo{"CV", "Công văn"};
}

}  // namespace dondoc::read
