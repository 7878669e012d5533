#include "base/error.h"

#include <gtest/gtest.h>

namespace dondoc {
namespace {

Result<int> half(int n) {
    if (n % 2 != 0) return make_error(ErrorCode::invalid_input, "odd number", "argument 1");
    return n / 2;
}

TEST(Result, CarriesValueOrError) {
    auto good = half(8);
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(*good, 4);
    auto bad = half(3);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(bad.error().describe(), "odd number (argument 1)");
}

TEST(Result, VoidResult) {
    Result<void> fine;
    EXPECT_TRUE(fine.ok());
    Result<void> failed = make_error(ErrorCode::io_error, "disk full");
    EXPECT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().describe(), "disk full");
    EXPECT_EQ(error_code_name(failed.error().code), "io_error");
}

}  // namespace
}  // namespace dondoc
