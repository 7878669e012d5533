#include "text/utf8.h"

#include <gtest/gtest.h>

namespace dondoc::text {
namespace {

TEST(ValidateUtf8, AcceptsVietnamese) {
    EXPECT_TRUE(validate_utf8("Ủy ban nhân dân huyện Sơn Tây").ok());
    EXPECT_TRUE(validate_utf8("").ok());
}

TEST(ValidateUtf8, NamesTheOffendingByte) {
    const std::string bad = std::string("Số: 981") + "\xC3" + "(";  // truncated sequence
    auto result = validate_utf8(bad);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(result.error().where, "byte 9");
}

TEST(ValidateUtf8, RejectsOverlongSurrogateAndStrayBytes) {
    EXPECT_EQ(validate_utf8("ab\xC0\xAF").error().where, "byte 2");        // overlong '/'
    EXPECT_EQ(validate_utf8("\xED\xA0\x80").error().where, "byte 0");      // surrogate
    EXPECT_EQ(validate_utf8("x\x80").error().where, "byte 1");             // stray continuation
    EXPECT_EQ(validate_utf8("\xF4\x90\x80\x80").error().where, "byte 0");  // > U+10FFFF
    EXPECT_EQ(validate_utf8("ok\xE1\xBB").error().where, "byte 2");        // cut off at end
    EXPECT_NE(validate_utf8("\xFF").error().message.find("never starts"), std::string::npos);
}

TEST(CodePoints, RoundTrip) {
    const std::string s = "Đảng ủy 𝄞";
    std::string rebuilt;
    for (std::size_t i = 0; i < s.size();) append_utf8(rebuilt, next_code_point(s, i));
    EXPECT_EQ(rebuilt, s);
    EXPECT_EQ(code_point_count(s), 9u);
}

}  // namespace
}  // namespace dondoc::text
