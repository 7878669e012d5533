#include "read/deadlines.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dondoc::read {
namespace {

// Expected deadlines are built whole, so every field is compared, including
// the ones a kind must leave empty.
Deadline make(DeadlineKind kind, std::string text) {
    Deadline deadline;
    deadline.kind = kind;
    deadline.text = std::move(text);
    return deadline;
}

Deadline date(std::string text, int year, int month, int day, bool inclusive) {
    Deadline deadline = make(DeadlineKind::date, std::move(text));
    deadline.date = Date{year, month, day};
    deadline.inclusive = inclusive;
    return deadline;
}

Deadline yearly(std::string text, std::optional<int> month, std::optional<int> day,
                std::optional<std::string> label) {
    Deadline deadline = make(DeadlineKind::yearly, std::move(text));
    deadline.month = month;
    deadline.day = day;
    deadline.period_label = std::move(label);
    return deadline;
}

Deadline quarterly(std::string text, std::optional<int> day, std::optional<int> month_of_quarter) {
    Deadline deadline = make(DeadlineKind::quarterly, std::move(text));
    deadline.day = day;
    deadline.month_of_quarter = month_of_quarter;
    return deadline;
}

Deadline monthly(std::string text, std::optional<int> day, std::optional<int> weekday = {},
                 std::optional<int> week = {}) {
    Deadline deadline = make(DeadlineKind::monthly, std::move(text));
    deadline.day = day;
    deadline.weekday = weekday;
    deadline.week = week;
    return deadline;
}

Deadline weekly(std::string text, std::optional<int> weekday) {
    Deadline deadline = make(DeadlineKind::weekly, std::move(text));
    deadline.weekday = weekday;
    return deadline;
}

Deadline within(std::string text, int amount, DurationUnit unit, std::optional<std::string> from) {
    Deadline deadline = make(DeadlineKind::within, std::move(text));
    deadline.amount = amount;
    deadline.unit = unit;
    deadline.from = std::move(from);
    return deadline;
}

struct PeriodParts {
    std::optional<int> year;
    std::optional<int> month;
    std::optional<int> quarter;
    std::optional<int> half;
};

Deadline period(std::string text, PeriodParts parts) {
    Deadline deadline = make(DeadlineKind::period, std::move(text));
    deadline.year = parts.year;
    deadline.month = parts.month;
    deadline.quarter = parts.quarter;
    deadline.half = parts.half;
    return deadline;
}

Deadline ongoing(std::string text) {
    return make(DeadlineKind::ongoing, std::move(text));
}

void expect_same(const Deadline& actual, const Deadline& expected) {
    SCOPED_TRACE("expected text: " + expected.text);
    EXPECT_EQ(static_cast<int>(actual.kind), static_cast<int>(expected.kind));
    EXPECT_EQ(actual.text, expected.text);
    ASSERT_EQ(actual.date.has_value(), expected.date.has_value());
    if (expected.date) {
        EXPECT_EQ(actual.date->year, expected.date->year);
        EXPECT_EQ(actual.date->month, expected.date->month);
        EXPECT_EQ(actual.date->day, expected.date->day);
    }
    EXPECT_EQ(actual.inclusive, expected.inclusive);
    EXPECT_EQ(actual.year, expected.year);
    EXPECT_EQ(actual.month, expected.month);
    EXPECT_EQ(actual.day, expected.day);
    EXPECT_EQ(actual.period_label, expected.period_label);
    EXPECT_EQ(actual.month_of_quarter, expected.month_of_quarter);
    EXPECT_EQ(actual.weekday, expected.weekday);
    EXPECT_EQ(actual.week, expected.week);
    EXPECT_EQ(actual.quarter, expected.quarter);
    EXPECT_EQ(actual.half, expected.half);
    EXPECT_EQ(actual.amount, expected.amount);
    EXPECT_EQ(static_cast<int>(actual.unit), static_cast<int>(expected.unit));
    EXPECT_EQ(actual.from, expected.from);
}

void expect_deadlines(std::string_view text, std::optional<int> document_year,
                      const std::vector<Deadline>& expected) {
    SCOPED_TRACE(std::string("input: ") + std::string(text));
    const std::vector<Deadline> actual = find_deadlines(text, document_year);
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) expect_same(actual[i], expected[i]);
}

void expect_none(std::string_view text, std::optional<int> document_year = 2024) {
    SCOPED_TRACE(std::string("input: ") + std::string(text));
    const std::vector<Deadline> actual = find_deadlines(text, document_year);
    EXPECT_TRUE(actual.empty()) << "first: " << (actual.empty() ? "" : actual.front().text);
}

// --- the seed -----------------------------------------------------------------

TEST(Deadlines, SeedParagraphGivesTwoYearlyDeadlines) {
    // /work/shared/seeds/002_73140650c312b674.txt, markup stripped.
    const std::string_view text =
        "Nhằm khắc phục tình trạng trên, Sở Nội vụ đề nghị các sở, ban, ngành; UBND các huyện, "
        "thị xã, thành phố chủ động rà soát nhiệm vụ được Ủy ban nhân dân tỉnh giao tại Chương "
        "trình kèm theo Quyết định số 1100/QĐ-UBND ngày 12/11/2021 để triển khai thực hiện và báo "
        "cáo kết quả, đề xuất, kiến nghị về Sở Nội vụ định kỳ 6 tháng (chậm nhất ngày 16/6 hàng "
        "năm), 1 năm (chậm nhất ngày 16/12 hàng năm) nhằm có cơ sở đánh giá, kịp thời tham mưu Ủy "
        "ban nhân dân tỉnh chỉ đạo thực hiện hoàn thành tốt chương trình đề ra, hướng đến đánh giá "
        "sơ kết, tổng kết việc thực hiện chương trình hành động của Tỉnh ủy số 01-CTr/TU ngày "
        "27/11/2020 thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX, số 10-CTr/TU ngày "
        "19/7/2021 thực hiện Nghị quyết Đại hội lần thứ XIII của Đảng và Nghị quyết của Hội đồng "
        "nhân dân tỉnh trong thời gian đến.";
    expect_deadlines(text, 2023,
                     {yearly("chậm nhất ngày 16/6 hàng năm", 6, 16, "6 tháng"),
                      yearly("chậm nhất ngày 16/12 hàng năm", 12, 16, "năm")});
}

TEST(Deadlines, SeedPhraseShort) {
    expect_deadlines(
        "định kỳ 6 tháng (chậm nhất ngày 16/6 hàng năm), 1 năm (chậm nhất ngày 16/12 "
        "hàng năm)",
        std::nullopt,
        {yearly("chậm nhất ngày 16/6 hàng năm", 6, 16, "6 tháng"),
         yearly("chậm nhất ngày 16/12 hàng năm", 12, 16, "năm")});
}

// --- date ---------------------------------------------------------------------

TEST(Deadlines, DateChamNhat) {
    expect_deadlines("trình UBND tỉnh chậm nhất ngày 25/12/2020.", 2020,
                     {date("chậm nhất ngày 25/12/2020", 2020, 12, 25, true)});
}

TEST(Deadlines, DateChamNhatLa) {
    expect_deadlines("chậm nhất là ngày 25/12/2020", 2020,
                     {date("chậm nhất là ngày 25/12/2020", 2020, 12, 25, true)});
}

TEST(Deadlines, DateChamNhatVao) {
    expect_deadlines("chậm nhất vào ngày 02/02/2024", 2024,
                     {date("chậm nhất vào ngày 02/02/2024", 2024, 2, 2, true)});
}

TEST(Deadlines, DateChamNhatTruocIsOneExclusiveDeadline) {
    expect_deadlines(
        "Khẩn trương báo cáo UBND tỉnh (qua Sở Kế hoạch và Đầu tư) chậm nhất trước "
        "ngày 22/12/2020.",
        2020, {date("chậm nhất trước ngày 22/12/2020", 2020, 12, 22, false)});
}

TEST(Deadlines, DateTruocNgay) {
    expect_deadlines("báo cáo trước ngày 30/6/2024;", 2024,
                     {date("trước ngày 30/6/2024", 2024, 6, 30, false)});
    expect_deadlines("Trước ngày 30/6/2024, các đơn vị gửi báo cáo", 2024,
                     {date("Trước ngày 30/6/2024", 2024, 6, 30, false)});
}

TEST(Deadlines, DateXongTruocAndHoanThanhTruoc) {
    expect_deadlines("xong trước ngày 15/3/2024", 2024,
                     {date("trước ngày 15/3/2024", 2024, 3, 15, false)});
    expect_deadlines("hoàn thành trước ngày 15/3/2024", 2024,
                     {date("trước ngày 15/3/2024", 2024, 3, 15, false)});
}

TEST(Deadlines, DateHanChot) {
    expect_deadlines("hạn chót ngày 30/9/2024", 2024,
                     {date("hạn chót ngày 30/9/2024", 2024, 9, 30, true)});
    expect_deadlines("Hạn chót: ngày 30/9/2024.", 2024,
                     {date("Hạn chót: ngày 30/9/2024", 2024, 9, 30, true)});
}

TEST(Deadlines, DateThoiHan) {
    expect_deadlines("Thời hạn: ngày 30/9/2024", 2024,
                     {date("Thời hạn: ngày 30/9/2024", 2024, 9, 30, true)});
    expect_deadlines("thời hạn hoàn thành ngày 30/9/2024", 2024,
                     {date("thời hạn hoàn thành ngày 30/9/2024", 2024, 9, 30, true)});
    expect_deadlines("thời hạn hoàn thành trước ngày 30/9/2024", 2024,
                     {date("thời hạn hoàn thành trước ngày 30/9/2024", 2024, 9, 30, false)});
}

TEST(Deadlines, DateDenHetIsInclusive) {
    expect_deadlines("thực hiện đến hết ngày 31/12/2024", 2024,
                     {date("đến hết ngày 31/12/2024", 2024, 12, 31, true)});
}

TEST(Deadlines, DateMuonNhatAndKhongQua) {
    expect_deadlines("muộn nhất ngày 10/10/2024", 2024,
                     {date("muộn nhất ngày 10/10/2024", 2024, 10, 10, true)});
    expect_deadlines("không quá ngày 10/10/2024", 2024,
                     {date("không quá ngày 10/10/2024", 2024, 10, 10, true)});
}

TEST(Deadlines, DateInWords) {
    expect_deadlines("chậm nhất ngày 05 tháng 3 năm 2024", std::nullopt,
                     {date("chậm nhất ngày 05 tháng 3 năm 2024", 2024, 3, 5, true)});
}

TEST(Deadlines, DateWithoutYearTakesDocumentYear) {
    expect_deadlines("báo cáo trước ngày 16/6.", 2023,
                     {date("trước ngày 16/6", 2023, 6, 16, false)});
    expect_deadlines("chậm nhất ngày 20 tháng 7", 2023,
                     {date("chậm nhất ngày 20 tháng 7", 2023, 7, 20, true)});
}

TEST(Deadlines, DateWithoutYearAndWithoutDocumentYearIsSkipped) {
    expect_none("báo cáo trước ngày 16/6.", std::nullopt);
}

TEST(Deadlines, DateWithHourIsExclusive) {
    expect_deadlines("gửi trước 16 giờ ngày 15/3/2024", 2024,
                     {date("trước 16 giờ ngày 15/3/2024", 2024, 3, 15, false)});
    expect_deadlines("trước 16h00 ngày 15/3/2024", 2024,
                     {date("trước 16h00 ngày 15/3/2024", 2024, 3, 15, false)});
}

TEST(Deadlines, UppercaseCues) {
    expect_deadlines("Chậm nhất ngày 25/12/2020", 2020,
                     {date("Chậm nhất ngày 25/12/2020", 2020, 12, 25, true)});
    expect_deadlines("CHẬM NHẤT TRƯỚC NGÀY 22/12/2020.", 2020,
                     {date("CHẬM NHẤT TRƯỚC NGÀY 22/12/2020", 2020, 12, 22, false)});
}

TEST(Deadlines, ListedDatesUnderOneCue) {
    expect_deadlines("chậm nhất ngày 15/6/2024 và ngày 15/12/2024", 2024,
                     {date("chậm nhất ngày 15/6/2024", 2024, 6, 15, true),
                      date("ngày 15/12/2024", 2024, 12, 15, true)});
}

// --- citations and other non-deadlines --------------------------------------

TEST(Deadlines, CitationDatesGiveNothing) {
    expect_none("Thực hiện Công văn số 2319/UBND-KTTH ngày 24/5/2023 của UBND tỉnh");
    expect_none("Căn cứ Quyết định số 1100/QĐ-UBND ngày 12 tháng 11 năm 2021");
    expect_none("Ngày 15/3/2024, UBND huyện đã tổ chức hội nghị.");
}

TEST(Deadlines, CitationBeforeARealDeadline) {
    expect_deadlines(
        "Thực hiện Công văn số 2319/UBND-KTTH ngày 24/5/2023, đề nghị báo cáo trước "
        "ngày 30/6/2023.",
        2023, {date("trước ngày 30/6/2023", 2023, 6, 30, false)});
}

TEST(Deadlines, SpansAndBareYearsGiveNothing) {
    expect_none("Kế hoạch phát triển giai đoạn 2021 - 2025");
    expect_none("trong giai đoạn 2021-2025");
    expect_none("trong năm 2021 - 2025");
    expect_none("Kế hoạch năm 2024 của UBND huyện");
}

TEST(Deadlines, CuesWithoutTargetsGiveNothing) {
    expect_none("đúng thời hạn. Thời hạn hoàn thành, tiến độ thực hiện");
    expect_none("trong thời gian đến; như trước đây; trước ngày");
    expect_none("sau 30 ngày");
    expect_none("trước ngày 20");
    expect_none("chế độ báo cáo định kỳ theo chỉ đạo của UBND tỉnh");
    expect_none("trong ngày 15/3/2024");  // not a cue
}

TEST(Deadlines, EmptyInput) {
    expect_none("");
}

// --- yearly -------------------------------------------------------------------

TEST(Deadlines, YearlyTrailingHangNam) {
    expect_deadlines("gửi báo cáo trước ngày 15 tháng 12 hằng năm", 2024,
                     {yearly("trước ngày 15 tháng 12 hằng năm", 12, 15, std::nullopt)});
}

TEST(Deadlines, YearlyTypoHangNam) {
    expect_deadlines("chậm nhất ngày 16/6 hăng năm", 2024,
                     {yearly("chậm nhất ngày 16/6 hăng năm", 6, 16, std::nullopt)});
}

TEST(Deadlines, YearlyLeadingHangNam) {
    expect_deadlines("Hằng năm, trước ngày 31 tháng 12, gửi báo cáo Bộ Tư pháp", 2024,
                     {yearly("Hằng năm, trước ngày 31 tháng 12", 12, 31, "năm")});
}

TEST(Deadlines, YearlyLabelFromPrecedingPeriod) {
    expect_deadlines("báo cáo năm (trước ngày 15/12 hằng năm)", 2024,
                     {yearly("trước ngày 15/12 hằng năm", 12, 15, "năm")});
    expect_deadlines("báo cáo quý (trước ngày 15/3 hằng năm)", 2024,
                     {yearly("trước ngày 15/3 hằng năm", 3, 15, "quý")});
}

TEST(Deadlines, YearlyLabelDoesNotCrossSentences) {
    expect_deadlines("Báo cáo 6 tháng. Trước ngày 15 tháng 12 hằng năm gửi kế hoạch", 2024,
                     {yearly("Trước ngày 15 tháng 12 hằng năm", 12, 15, std::nullopt)});
}

TEST(Deadlines, YearlyWithoutDay) {
    expect_deadlines("thực hiện chế độ báo cáo định kỳ hằng năm về Sở Nội vụ", 2024,
                     {yearly("định kỳ hằng năm", std::nullopt, std::nullopt, "năm")});
    expect_deadlines("báo cáo định kỳ 6 tháng về UBND tỉnh", 2024,
                     {yearly("định kỳ 6 tháng", std::nullopt, std::nullopt, "6 tháng")});
}

TEST(Deadlines, YearlyCyclesListed) {
    expect_deadlines("định kỳ 6 tháng và hằng năm, tổng hợp kết quả", 2024,
                     {yearly("định kỳ 6 tháng", std::nullopt, std::nullopt, "6 tháng"),
                      yearly("hằng năm", std::nullopt, std::nullopt, "năm")});
}

TEST(Deadlines, YearlyTwoDatesShareTheRecurrence) {
    expect_deadlines(
        "Sáu tháng một lần, chậm nhất vào ngày 30 tháng 6 và ngày 31 tháng 12 hàng "
        "năm",
        2024,
        {yearly("chậm nhất vào ngày 30 tháng 6", 6, 30, "6 tháng"),
         yearly("ngày 31 tháng 12 hàng năm", 12, 31, "6 tháng")});
}

TEST(Deadlines, YearlyCycleThenDatedCueLaterInTheClause) {
    // The cue carries the cycle; "định kỳ hằng năm" is not reported twice.
    expect_deadlines("định kỳ hằng năm, tổng hợp báo cáo UBND tỉnh trước ngày 15/12", 2024,
                     {yearly("trước ngày 15/12", 12, 15, "năm")});
}

TEST(Deadlines, YearlyBareDateWithRecurrence) {
    expect_deadlines("tổ chức vào ngày 16/6 hằng năm", 2024,
                     {yearly("ngày 16/6 hằng năm", 6, 16, std::nullopt)});
}

TEST(Deadlines, YearlyNextYear) {
    expect_deadlines("Báo cáo năm trước ngày 28 tháng 02 của năm tiếp theo", 2024,
                     {yearly("trước ngày 28 tháng 02 của năm tiếp theo", 2, 28, "năm")});
}

TEST(Deadlines, YearlyLabelFromHalfYearReport) {
    // The half year is read as a period, and still labels the yearly cue.
    expect_deadlines("báo cáo 6 tháng đầu năm (chậm nhất ngày 16/6 hằng năm)", 2024,
                     {period("6 tháng đầu năm", {2024, {}, {}, 1}),
                      yearly("chậm nhất ngày 16/6 hằng năm", 6, 16, "6 tháng")});
}

TEST(Deadlines, LeadingCycleStaysOutOfANonRecurringDeadline) {
    expect_deadlines(
        "hằng năm, trong thời hạn 05 ngày làm việc", 2024,
        {within("trong thời hạn 05 ngày làm việc", 5, DurationUnit::working_day, std::nullopt)});
}

// --- quarterly ----------------------------------------------------------------

TEST(Deadlines, QuarterlyLastMonth) {
    expect_deadlines("gửi báo cáo trước ngày 15 của tháng cuối quý", 2024,
                     {quarterly("trước ngày 15 của tháng cuối quý", 15, 3)});
    expect_deadlines(
        "thời hạn gửi báo cáo chậm nhất vào ngày 20 của tháng cuối quý thuộc kỳ báo "
        "cáo",
        2024, {quarterly("chậm nhất vào ngày 20 của tháng cuối quý", 20, 3)});
}

TEST(Deadlines, QuarterlyFirstMonthWithoutCue) {
    expect_deadlines("báo cáo vào ngày 10 tháng đầu quý", 2024,
                     {quarterly("ngày 10 tháng đầu quý", 10, 1)});
}

TEST(Deadlines, QuarterlyMiddleMonth) {
    expect_deadlines("chậm nhất ngày 25 tháng thứ hai của quý", 2024,
                     {quarterly("chậm nhất ngày 25 tháng thứ hai của quý", 25, 2)});
}

TEST(Deadlines, QuarterlyLeadingHangQuy) {
    expect_deadlines("hằng quý, trước ngày 20", 2024,
                     {quarterly("hằng quý, trước ngày 20", 20, std::nullopt)});
}

TEST(Deadlines, QuarterlyWithoutDay) {
    expect_deadlines("báo cáo định kỳ hằng quý", 2024,
                     {quarterly("định kỳ hằng quý", std::nullopt, std::nullopt)});
}

// --- monthly ------------------------------------------------------------------

TEST(Deadlines, MonthlyDay) {
    expect_deadlines("trước ngày 20 hằng tháng", 2024, {monthly("trước ngày 20 hằng tháng", 20)});
    expect_deadlines("trước ngày 20 hàng tháng", 2024, {monthly("trước ngày 20 hàng tháng", 20)});
}

TEST(Deadlines, MonthlyWeekday) {
    expect_deadlines("họp giao ban vào thứ Sáu tuần cuối cùng hằng tháng", 2024,
                     {monthly("thứ Sáu tuần cuối cùng hằng tháng", std::nullopt, 5, -1)});
    expect_deadlines("thứ Hai tuần đầu tiên hằng tháng", 2024,
                     {monthly("thứ Hai tuần đầu tiên hằng tháng", std::nullopt, 1, 1)});
}

TEST(Deadlines, MonthlyNextMonthNeedsAMonthlyContext) {
    expect_deadlines("Báo cáo hàng tháng trước ngày 10 của tháng tiếp theo", 2024,
                     {monthly("hàng tháng trước ngày 10 của tháng tiếp theo", 10)});
    expect_deadlines("định kỳ hằng tháng, gửi báo cáo trước ngày 10 của tháng sau", 2024,
                     {monthly("trước ngày 10 của tháng sau", 10)});
    expect_none("trước ngày 10 của tháng tiếp theo");
}

TEST(Deadlines, MonthlyWithoutDay) {
    expect_deadlines("báo cáo định kỳ hằng tháng", 2024,
                     {monthly("định kỳ hằng tháng", std::nullopt)});
}

// --- weekly -------------------------------------------------------------------

TEST(Deadlines, WeeklyWithHour) {
    expect_deadlines("gửi trước 16 giờ thứ Sáu hằng tuần", 2024,
                     {weekly("trước 16 giờ thứ Sáu hằng tuần", 5)});
}

TEST(Deadlines, WeeklyAlone) {
    expect_deadlines("báo cáo hằng tuần về Văn phòng", 2024, {weekly("hằng tuần", std::nullopt)});
}

TEST(Deadlines, WeeklyCycleThenDatedCue) {
    expect_deadlines("định kỳ hằng tuần, báo cáo trước 16 giờ thứ Sáu", 2024,
                     {weekly("trước 16 giờ thứ Sáu", 5)});
    expect_deadlines("hằng tuần, báo cáo trước 16 giờ thứ Sáu", 2024,
                     {weekly("trước 16 giờ thứ Sáu", 5)});
}

TEST(Deadlines, WeeklyWeekdayForms) {
    expect_deadlines("thứ 6 hằng tuần", 2024, {weekly("thứ 6 hằng tuần", 5)});
    expect_deadlines("Chủ nhật hàng tuần", 2024, {weekly("Chủ nhật hàng tuần", 7)});
    expect_deadlines("thứ Tư hằng tuần", 2024, {weekly("thứ Tư hằng tuần", 3)});
    expect_deadlines("hằng tuần vào thứ Bảy", 2024, {weekly("hằng tuần vào thứ Bảy", 6)});
}

TEST(Deadlines, WeekdayWithoutRecurrenceGivesNothing) {
    expect_none("trước thứ Sáu");
    expect_none("Đại hội lần thứ XIII của Đảng");
}

// --- within -------------------------------------------------------------------

TEST(Deadlines, WithinWorkingDaysFromReceipt) {
    expect_deadlines(
        "báo cáo UBND Tỉnh trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản này.", 2024,
        {within("trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản này", 5,
                DurationUnit::working_day, "ngày nhận được văn bản này")});
}

TEST(Deadlines, WithinDaysFromSigning) {
    expect_deadlines(
        "trong thời hạn 15 ngày kể từ ngày ký, các đơn vị", 2024,
        {within("trong thời hạn 15 ngày kể từ ngày ký", 15, DurationUnit::day, "ngày ký")});
}

TEST(Deadlines, WithinMonthsWithoutAnchor) {
    expect_deadlines("hoàn thành trong vòng 02 tháng", 2024,
                     {within("trong vòng 02 tháng", 2, DurationUnit::month, std::nullopt)});
    expect_deadlines("trong thời gian 10 ngày", 2024,
                     {within("trong thời gian 10 ngày", 10, DurationUnit::day, std::nullopt)});
}

TEST(Deadlines, WithinAmountSpeltOut) {
    expect_deadlines("trong thời hạn 05 (năm) ngày làm việc kể từ ngày nhận đủ hồ sơ (theo mẫu)",
                     2024,
                     {within("trong thời hạn 05 (năm) ngày làm việc kể từ ngày nhận đủ hồ sơ", 5,
                             DurationUnit::working_day, "ngày nhận đủ hồ sơ")});
}

TEST(Deadlines, WithinAfter) {
    expect_deadlines("có hiệu lực sau 30 ngày kể từ ngày ký", 2024,
                     {within("sau 30 ngày kể từ ngày ký", 30, DurationUnit::day, "ngày ký")});
}

TEST(Deadlines, WithinAnchorKeepsDottedDate) {
    expect_deadlines("trong thời hạn 10 ngày kể từ ngày 01.7.2024. Sau đó", 2024,
                     {within("trong thời hạn 10 ngày kể từ ngày 01.7.2024", 10, DurationUnit::day,
                             "ngày 01.7.2024")});
}

// --- period -------------------------------------------------------------------

TEST(Deadlines, PeriodQuarter) {
    expect_deadlines("ban hành trong quý II năm 2024", 2023,
                     {period("trong quý II năm 2024", {2024, {}, 2, {}})});
    expect_deadlines("hoàn thành quý II/2024", 2023, {period("quý II/2024", {2024, {}, 2, {}})});
    expect_deadlines("Thời gian: Quý III/2024.", 2023, {period("Quý III/2024", {2024, {}, 3, {}})});
    expect_deadlines("ban hành trong quý I", 2021, {period("trong quý I", {2021, {}, 1, {}})});
    expect_deadlines("trong quý 4", std::nullopt,
                     {period("trong quý 4", {std::nullopt, {}, 4, {}})});
}

TEST(Deadlines, PeriodMonth) {
    expect_deadlines("trong tháng 10/2024", 2023,
                     {period("trong tháng 10/2024", {2024, 10, {}, {}})});
    expect_deadlines("trong tháng 10 năm 2024", 2023,
                     {period("trong tháng 10 năm 2024", {2024, 10, {}, {}})});
    expect_deadlines("Tháng 9/2024: tổ chức sơ kết", 2023,
                     {period("Tháng 9/2024", {2024, 9, {}, {}})});
    expect_deadlines("trong tháng 10", 2024, {period("trong tháng 10", {2024, 10, {}, {}})});
}

TEST(Deadlines, PeriodHalf) {
    expect_deadlines("6 tháng đầu năm 2024", 2023,
                     {period("6 tháng đầu năm 2024", {2024, {}, {}, 1})});
    expect_deadlines("hoàn thành trong 6 tháng cuối năm", 2024,
                     {period("trong 6 tháng cuối năm", {2024, {}, {}, 2})});
}

TEST(Deadlines, PeriodYearNeedsACue) {
    expect_deadlines("hoàn thành trong năm 2024", 2023,
                     {period("trong năm 2024", {2024, {}, {}, {}})});
    expect_deadlines("thực hiện trong năm 2025.", 2023,
                     {period("trong năm 2025", {2025, {}, {}, {}})});
    expect_deadlines("đến hết năm 2025", 2023, {period("đến hết năm 2025", {2025, {}, {}, {}})});
}

// --- ongoing ------------------------------------------------------------------

TEST(Deadlines, OngoingFirstOnly) {
    expect_deadlines("Thường xuyên theo dõi, đôn đốc; thường xuyên kiểm tra.", 2024,
                     {ongoing("Thường xuyên")});
    expect_deadlines("tập trung triển khai thực hiện, thường xuyên kiểm tra", 2024,
                     {ongoing("thường xuyên")});
}

// --- order, encoding, robustness ------------------------------------------------

TEST(Deadlines, InOrderOfAppearance) {
    expect_deadlines(
        "Thường xuyên rà soát; báo cáo định kỳ hằng quý; trong thời hạn 03 ngày làm "
        "việc kể từ ngày nhận văn bản, gửi dự thảo; hoàn thành trước ngày 30/6/2024.",
        2024,
        {ongoing("Thường xuyên"), quarterly("định kỳ hằng quý", std::nullopt, std::nullopt),
         within("trong thời hạn 03 ngày làm việc kể từ ngày nhận văn bản", 3,
                DurationUnit::working_day, "ngày nhận văn bản"),
         date("trước ngày 30/6/2024", 2024, 6, 30, false)});
}

TEST(Deadlines, PrecomposedInput) {
    // "chậm nhất" spelt with precomposed (NFC) code points, byte by byte.
    const std::string text = "ch\xe1\xba\xadm nh\xe1\xba\xa5t ng\xc3\xa0y 25/12/2020";
    expect_deadlines(text, 2020, {date(text, 2020, 12, 25, true)});
}

TEST(Deadlines, DecomposedInputDoesNotCrash) {
    // The contract asks for NFC; NFD text ("a" + combining marks) must not
    // break the scan, whatever it finds.
    const std::string text = "cha\xcc\xa3\xcc\x82m nha\xcc\x82\xcc\x81t nga\xcc\x80y 25/12/2020";
    const auto deadlines = find_deadlines(text, 2020);
    for (const Deadline& deadline : deadlines) {
        EXPECT_NE(text.find(deadline.text), std::string::npos);
    }
}

TEST(Deadlines, EveryPrefixOfARichTextIsSafe) {
    const std::string text =
        "Thường xuyên; định kỳ 6 tháng (chậm nhất ngày 16/6 hàng năm), trước 16 giờ thứ Sáu hằng "
        "tuần, trong thời hạn 05 (năm) ngày làm việc kể từ ngày ký; quý II/2024; trước ngày 15 của "
        "tháng cuối quý; Hằng năm, trước ngày 31 tháng 12; 6 tháng đầu năm 2024; đến hết ngày "
        "31/12/2024 – Công văn 2319/UBND-KTTH ngày 24/5/2023 “trích”.";
    for (std::size_t n = 0; n <= text.size(); ++n) {
        const std::string prefix = text.substr(0, n);
        for (const Deadline& deadline : find_deadlines(prefix, 2024)) {
            ASSERT_NE(prefix.find(deadline.text), std::string::npos) << deadline.text;
            ASSERT_FALSE(deadline.text.empty());
        }
    }
}

TEST(Deadlines, LargeFillerIsLinear) {
    std::string text;
    const std::string_view filler =
        "Thực hiện Công văn số 2319/UBND-KTTH ngày 24/5/2023 của UBND tỉnh về việc triển khai, ";
    while (text.size() < (1u << 20)) text += filler;
    text += "báo cáo chậm nhất ngày 25/12/2024.";
    const auto deadlines = find_deadlines(text, 2024);
    ASSERT_EQ(deadlines.size(), 1u);
    EXPECT_EQ(deadlines.front().text, "chậm nhất ngày 25/12/2024");
}

TEST(Deadlines, LargeRepeatedCuesAreLinear) {
    // Cues that all start a phrase and mostly fail: each must be read a
    // bounded number of times.
    std::string cycles;
    std::size_t repeats = 0;
    for (; cycles.size() < (1u << 20); ++repeats)
        cycles += "định kỳ hằng năm trước trong thời hạn ";
    EXPECT_EQ(find_deadlines(cycles, 2024).size(), repeats);

    // One anchor with no punctuation runs to the end of the text.
    std::string anchors;
    while (anchors.size() < (1u << 20)) anchors += "trong thời hạn 05 ngày kể từ ";
    EXPECT_EQ(find_deadlines(anchors, 2024).size(), 1u);
}

}  // namespace
}  // namespace dondoc::read
