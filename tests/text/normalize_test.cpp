#include "text/normalize.h"

#include <gtest/gtest.h>

namespace dondoc::text {
namespace {

// "Nghị quyết" written with combining marks (NFD).
const std::string k_nfd = "Nghi\xCC\xA3 quy\xC3\xAA\xCC\x81t";  // i + dot below; ê + acute

TEST(Normalize, NfdReadsTheSameAsNfc) {
    auto nfc = normalize_input(k_nfd);
    ASSERT_TRUE(nfc.ok());
    EXPECT_EQ(*nfc, "Nghị quyết");
    EXPECT_EQ(to_nfc("Nghị quyết"), "Nghị quyết");
}

TEST(Normalize, DropsByteOrderMarkAndRejectsBadUtf8) {
    EXPECT_EQ(*normalize_input("\xEF\xBB\xBFSố"), "Số");
    auto bad = normalize_input("Số\xFF");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().where, "byte 4");
}

TEST(Fold, CaseAndDiacritics) {
    EXPECT_EQ(fold_case("ĐẢNG CỘNG SẢN"), "đảng cộng sản");
    EXPECT_EQ(fold_diacritics("Nghị quyết số 53"), "nghi quyet so 53");
    EXPECT_EQ(fold_diacritics("ĐỒNG ĐỘI đường"), "dong doi duong");
    EXPECT_EQ(fold_diacritics(k_nfd), "nghi quyet");
}

TEST(Fold, AlignedKeepsOffsets) {
    const std::string s = "THỰC HIỆN Công văn";
    const std::string lower = fold_case_aligned(s);
    EXPECT_EQ(lower, "thực hiện công văn");
    EXPECT_EQ(lower.size(), s.size());
}

TEST(ToneKey, PlacementVariantsCompareEqual) {
    EXPECT_TRUE(same_words("hoà", "hòa"));
    EXPECT_TRUE(same_words("Uỷ ban", "Ủy ban"));
    EXPECT_TRUE(same_words("Thuỷ lợi", "thủy lợi"));
    EXPECT_TRUE(same_words("Văn hoá – Thông tin", "Văn hóa – Thông tin"));
    EXPECT_FALSE(same_words("hòa", "hóa"));
    EXPECT_FALSE(same_words("hoà", "hoa"));
    EXPECT_TRUE(same_words(k_nfd, "nghị quyết"));
}

TEST(Whitespace, CollapsesAllKinds) {
    EXPECT_EQ(collapse_whitespace("  Số:\t981 \xC2\xA0/UBND  \n"), "Số: 981 /UBND");
    EXPECT_EQ(trim("  a b "), "a b");
}

TEST(Case, UpperDetection) {
    EXPECT_TRUE(is_upper_text("ỦY BAN NHÂN DÂN"));
    EXPECT_FALSE(is_upper_text("Ủy ban"));
    EXPECT_FALSE(is_upper_text("2024"));
    EXPECT_TRUE(starts_upper("Đảng"));
    EXPECT_FALSE(starts_upper("đảng"));
    EXPECT_EQ(to_upper("Kế hoạch"), "KẾ HOẠCH");
}

}  // namespace
}  // namespace dondoc::text

namespace dondoc::text {
namespace {

TEST(Fold, AlignedMatchesFullCaseMappingOnVietnamese) {
    const std::string upper =
        "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴ ÇÑÖ";
    EXPECT_EQ(fold_case_aligned(upper), fold_case(upper));
    EXPECT_EQ(fold_case_aligned(fold_case(upper)), fold_case(upper));
}

}  // namespace
}  // namespace dondoc::text
