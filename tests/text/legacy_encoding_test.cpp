#include "text/legacy_encoding.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dondoc::text {
namespace {

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::filesystem::path k_dir = std::filesystem::path(DONDOC_TEST_DATA) / "text";

TEST(LegacyEncoding, Tcvn3Letters) {
    // Bytes as a .VnTime document stores them.
    EXPECT_EQ(legacy_bytes_to_utf8("Vi\xD6t Nam", LegacyEncoding::tcvn3), "Việt Nam");
    EXPECT_EQ(legacy_bytes_to_utf8("U\xFB ban nh\xA9n d\xA9n", LegacyEncoding::tcvn3),
              "Uỷ ban nhân dân");
    EXPECT_EQ(legacy_bytes_to_utf8("\xA7\xB6ng", LegacyEncoding::tcvn3), "Đảng");
    EXPECT_EQ(legacy_bytes_to_utf8("ng\xAD\xEAi", LegacyEncoding::tcvn3), "người");
    EXPECT_EQ(legacy_bytes_to_utf8("\x93t\xB9i\x94", LegacyEncoding::tcvn3), "“tại”");
}

TEST(LegacyEncoding, VniLetters) {
    EXPECT_EQ(legacy_bytes_to_utf8("Xin cha\xF8o ca\xF9"
                                   "c ba\xEFn",
                                   LegacyEncoding::vni),
              "Xin chào các bạn");
    EXPECT_EQ(legacy_bytes_to_utf8("Vie\xE4t Nam", LegacyEncoding::vni), "Việt Nam");
    EXPECT_EQ(legacy_bytes_to_utf8("\xD1"
                                   "a\xFBng Co\xE4ng sa\xFBn",
                                   LegacyEncoding::vni),
              "Đảng Cộng sản");
    EXPECT_EQ(legacy_bytes_to_utf8("Tr\xF6\xF4\xF8ng", LegacyEncoding::vni), "Trường");
    EXPECT_EQ(legacy_bytes_to_utf8("Quye\xE1t \xF1\xF2nh t\xE6nh Ngh\xF3"
                                   "a",
                                   LegacyEncoding::vni),
              "Quyết định tỉnh Nghĩa");
    EXPECT_EQ(legacy_bytes_to_utf8("A\xCAN, ma\xEB"
                                   "c, KY\xD8",
                                   LegacyEncoding::vni),
              "ĂN, mặc, KỲ");
    EXPECT_EQ(legacy_bytes_to_utf8("CO\xC4NG HO\xD8"
                                   "A",
                                   LegacyEncoding::vni),
              "CỘNG HÒA");
}

TEST(LegacyEncoding, DetectsEncodingOfPlainBytes) {
    EXPECT_EQ(detect_legacy_encoding("Vie\xE4t Nam, Tr\xF6\xF4\xF8ng ho\xEF"
                                     "c"),
              LegacyEncoding::vni);
    EXPECT_EQ(detect_legacy_encoding("Vi\xD6t Nam, t\xB9i ng\xAD\xEAi d\xA9n"),
              LegacyEncoding::tcvn3);
    EXPECT_EQ(detect_legacy_encoding("plain ASCII"), LegacyEncoding::none);
}

TEST(LegacyEncoding, UnicodeIsNeverConverted) {
    const std::string unicode = "Việt Nam — Ủy ban nhân dân tỉnh Quảng Ngãi";
    EXPECT_EQ(detect_legacy_encoding(unicode), LegacyEncoding::none);
    EXPECT_EQ(legacy_run_to_utf8(unicode, LegacyEncoding::tcvn3), unicode);
    EXPECT_EQ(legacy_run_to_utf8(unicode, LegacyEncoding::vni), unicode);
    // Latin-1 only, as Word keeps a .VnTime run: converted.
    EXPECT_EQ(legacy_run_to_utf8("Vi\xC3\x96t", LegacyEncoding::tcvn3), "Việt");
}

TEST(LegacyEncoding, FontNames) {
    EXPECT_EQ(legacy_encoding_of_font(".VnTime"), LegacyEncoding::tcvn3);
    EXPECT_EQ(legacy_encoding_of_font(".VnTimeH"), LegacyEncoding::tcvn3);
    EXPECT_TRUE(is_legacy_upper_case_font(".VnTimeH"));
    EXPECT_FALSE(is_legacy_upper_case_font(".VnTime"));
    EXPECT_EQ(legacy_encoding_of_font("VNI-Times"), LegacyEncoding::vni);
    EXPECT_EQ(legacy_encoding_of_font("Times New Roman"), LegacyEncoding::none);
}

// Whole documents: the samples under tests/data/text were made by
// scripts/make-test-documents (TCVN3 with glibc's iconv, VNI from the
// published chart) from the Unicode text beside them.
TEST(LegacyEncoding, SampleFilesConvertExactly) {
    // Plain TCVN3 cannot hold capitals with a tone: its sample keeps the
    // seed's other lines (seed_000.tcvn3.unicode.txt).
    struct Sample {
        const char* bytes;
        const char* unicode;
        LegacyEncoding encoding;
    };
    for (const Sample& s :
         {Sample{"seed_000.tcvn3.txt", "seed_000.tcvn3.unicode.txt", LegacyEncoding::tcvn3},
          Sample{"seed_000.vni.txt", "seed_000.unicode.txt", LegacyEncoding::vni}}) {
        const std::string bytes = slurp(k_dir / s.bytes);
        ASSERT_FALSE(bytes.empty()) << s.bytes;
        EXPECT_EQ(detect_legacy_encoding(bytes), s.encoding) << s.bytes;
        EXPECT_EQ(legacy_bytes_to_utf8(bytes, s.encoding), slurp(k_dir / s.unicode)) << s.bytes;
    }
}

}  // namespace
}  // namespace dondoc::text
