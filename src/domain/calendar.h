// Vietnamese working days: weekends, public holidays (Labour Code 2019, art.
// 112, lunar Tết and Giỗ Tổ included), and the compensatory days off and
// make-up working days the Government announces each year.
//
// Holidays are data: the rules and announced days live in CSV tables
// (data/holidays/*.csv, see docs/calendar.md) loaded at start; a new holiday
// is a line in a table, not a release. A WorkingCalendar is immutable after
// construction and safe to share between threads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace dondoc::domain {

using CivilDate = std::chrono::year_month_day;

enum class DayKind {
    working,           // an ordinary working day
    weekend,           // Saturday or Sunday
    holiday,           // a public holiday (nghỉ lễ, Tết)
    compensatory_off,  // nghỉ bù, or a working day swapped for a bridge
    makeup_working,    // a Saturday made a working day (làm bù)
};

struct DayInfo {
    CivilDate date;
    DayKind kind = DayKind::working;
    std::string
        name;  // "Tết Nguyên đán", "Quốc khánh", "Nghỉ bù Giỗ Tổ Hùng Vương"; "" for plain days
};

class WorkingCalendar {
  public:
    // The rules and announced days shipped in data/holidays/, compiled into
    // the program so that it works with no files beside it.
    static const WorkingCalendar& vietnam();

    // A calendar from the text of the rules table and of the announced-days
    // table (formats in docs/calendar.md). Errors name the table, line and column.
    static Result<WorkingCalendar> from_tables(std::string_view rules_csv,
                                               std::string_view announced_csv);

    [[nodiscard]] DayInfo day(CivilDate date) const;
    [[nodiscard]] bool is_working_day(CivilDate date) const;

    // The `n`th working day after `from` (n ≥ 1; `from` itself does not
    // count): "trong 05 ngày làm việc kể từ ngày nhận" from a receipt date.
    [[nodiscard]] CivilDate add_working_days(CivilDate from, int n) const;

    // Working days in (from, to]; negative when to < from.
    [[nodiscard]] int working_days_between(CivilDate from, CivilDate to) const;

    // The days off other than weekends in a year, in date order.
    [[nodiscard]] std::vector<DayInfo> days_off(int year) const;

  private:
    explicit WorkingCalendar(std::vector<DayInfo> special_days);

    // Every day that is not a plain weekday or a plain weekend day, in date
    // order, worked out from the tables for the years they cover.
    const std::vector<DayInfo> m_special_days;
};

}  // namespace dondoc::domain
