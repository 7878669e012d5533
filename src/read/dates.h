// Dates as Vietnamese documents write them.
//
// Numeric (`14/4/2023`, `02/02/2024`, `01-10-1997`, `05.3.2020`) and in words
// (`ngày 02 tháng 02 năm 2024`), with or without a year, and header dates
// with blanks (`ngày   tháng 12 năm 2023`). Pure functions over lower-cased
// text (text::fold_case_aligned); thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "read/record.h"

namespace dondoc::read {

// A date found at some offset of a text.
struct DateMatch {
    PartialDate date;
    std::size_t end = 0;  // offset just past the date
};

// A numeric date starting exactly at `pos`: d/m/yyyy, d-m-yyyy, d.m.yyyy, or
// d/m without a year (year left empty). Day and month are range-checked.
std::optional<DateMatch> match_numeric_date(std::string_view lower, std::size_t pos);

// A date in words starting at `pos`, with the leading "ngày" optional:
// "ngày 02 tháng 02 năm 2024", "26 tháng 5 năm 2023", "ngày tháng năm 2024"
// (blanks allowed only when `allow_blanks`). Requires at least "tháng".
std::optional<DateMatch> match_word_date(std::string_view lower, std::size_t pos,
                                         bool allow_blanks);

// "ngày" followed by either form, at `pos` (the word "ngày" itself optional
// when `need_ngay` is false).
std::optional<DateMatch> match_date(std::string_view lower, std::size_t pos, bool need_ngay);

// True when y-m-d is a real Gregorian date.
bool valid_date(int year, int month, int day);

// "YYYY-MM-DD".
std::string iso_date(const Date& date);

}  // namespace dondoc::read
