#include "text/markdown.h"

#include <gtest/gtest.h>

namespace dondoc::text {
namespace {

TEST(StripMarkdown, Emphasis) {
    EXPECT_EQ(strip_markdown("**ỦY BAN NHÂN DÂN**"), "ỦY BAN NHÂN DÂN");
    EXPECT_EQ(strip_markdown("(*có văn bản kèm theo*)"), "(có văn bản kèm theo)");
    EXPECT_EQ(strip_markdown("***Nơi nhận:***"), "Nơi nhận:");
    EXPECT_EQ(strip_markdown("Số: **6321** /UBND-TH"), "Số: 6321 /UBND-TH");
    EXPECT_EQ(strip_markdown("__Kính gửi__: _Sở Nội vụ_"), "Kính gửi: Sở Nội vụ");
}

TEST(StripMarkdown, EscapesAndHeadings) {
    EXPECT_EQ(strip_markdown("1\\. Các phòng"), "1. Các phòng");
    EXPECT_EQ(strip_markdown("\\- Như trên;"), "- Như trên;");
    EXPECT_EQ(strip_markdown("## QUYẾT ĐỊNH"), "QUYẾT ĐỊNH");
}

TEST(StripMarkdown, KeepsDecorationAndWords) {
    EXPECT_EQ(strip_markdown("*"), "*");
    EXPECT_EQ(strip_markdown("- Như trên;"), "- Như trên;");
    EXPECT_EQ(strip_markdown("file_name"), "file_name");
}

}  // namespace
}  // namespace dondoc::text
