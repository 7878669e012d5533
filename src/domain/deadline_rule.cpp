// Deadline rules to due dates.
//
// Choices the reader's record leaves open (docs/calendar.md, "Deadlines"):
//   - a relative deadline counts from the receipt date, else the issue date;
//     "ngày" is calendar days, "ngày làm việc" working days, "tháng" months
//     (a day the target month lacks becomes its last day: 31/1 + 1 month is
//     28/2 or 29/2);
//   - a period ends on its last calendar day (30/6 for the first half);
//   - a recurrence without a day falls on the last working day of its
//     period (the header's contract), so that it is never due on a day off;
//   - a recurrence with a day keeps that day even on a weekend: the text
//     fixes it, and "chậm nhất ngày 16/6" on a Sunday is still 16/6.
#include "domain/deadline_rule.h"

#include <string>

namespace dondoc::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// A relative deadline longer than this (about 27 years in days) is a misread
// number, not a deadline; it has no due date rather than a far one.
constexpr int k_max_amount = 10000;

std::chrono::month month_of(int month) {
    return std::chrono::month{static_cast<unsigned>(month)};
}

CivilDate last_day_of_month(int year, int month) {
    return CivilDate{std::chrono::year{year} / month_of(month) / std::chrono::last};
}

// Day `day` of a month, or its last day when the month is shorter.
CivilDate clamped_date(int year, int month, int day) {
    const CivilDate last = last_day_of_month(year, month);
    if (day >= static_cast<int>(unsigned{last.day()})) return last;
    return CivilDate{std::chrono::year{year}, month_of(month),
                     std::chrono::day{static_cast<unsigned>(day)}};
}

CivilDate last_working_day_of_month(int year, int month, const WorkingCalendar& calendar) {
    sys_days day{last_day_of_month(year, month)};
    while (!calendar.is_working_day(CivilDate{day})) day -= days{1};
    return CivilDate{day};
}

std::optional<CivilDate> to_civil(const read::Date& date) {
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) return std::nullopt;
    const CivilDate civil{std::chrono::year{date.year}, month_of(date.month),
                          std::chrono::day{static_cast<unsigned>(date.day)}};
    if (!civil.ok()) return std::nullopt;
    return civil;
}

bool valid_month(const std::optional<int>& month) {
    return month && *month >= 1 && *month <= 12;
}

bool valid_day(const std::optional<int>& day) {
    return day && *day >= 1 && *day <= 31;
}

int year_of(CivilDate date) {
    return int{date.year()};
}

int month_number(CivilDate date) {
    return static_cast<int>(unsigned{date.month()});
}

std::string quarter_label(int quarter, int year) {
    static constexpr const char* k_roman[] = {"I", "II", "III", "IV"};
    return std::string("Quý ") + k_roman[quarter - 1] + "/" + std::to_string(year);
}

// The period a yearly due date reports on, from the reader's period label.
std::string yearly_label(const std::optional<std::string>& period, CivilDate due) {
    const int year = year_of(due);
    const int month = month_number(due);
    if (period == "6 tháng") {
        return (month <= 6 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + std::to_string(year);
    }
    if (period == "9 tháng") return "9 tháng năm " + std::to_string(year);
    if (period == "quý") return quarter_label((month - 1) / 3 + 1, year);
    return "Năm " + std::to_string(year);
}

CivilDate add_months(CivilDate from, int months) {
    const int total = year_of(from) * 12 + (month_number(from) - 1) + months;
    const int year = total >= 0 ? total / 12 : (total - 11) / 12;
    const int month = total - year * 12 + 1;
    return clamped_date(year, month, static_cast<int>(unsigned{from.day()}));
}

// The `week`th `weekday` (1 = Monday … 7 = Sunday) of a month; week -1, or a
// fifth week the month does not have, gives the last one.
CivilDate weekday_of_month(int year, int month, int weekday, int week) {
    const std::chrono::weekday target{static_cast<unsigned>(weekday % 7)};
    const auto ym = std::chrono::year{year} / month_of(month);
    if (week >= 1 && week <= 4) {
        return CivilDate{ym / target[static_cast<unsigned>(week)]};
    }
    if (week == 5) {
        const auto fifth = ym / target[5];
        if (fifth.ok()) return CivilDate{fifth};
    }
    return CivilDate{ym / target[std::chrono::last]};
}

// "Tuần 23/2024": the ISO 8601 week number and its year.
std::string week_label(CivilDate date) {
    const sys_days day{date};
    const unsigned iso_weekday = std::chrono::weekday{day}.iso_encoding();
    const sys_days thursday = day + days{4 - static_cast<int>(iso_weekday)};
    const CivilDate thursday_date{thursday};
    const sys_days new_year{thursday_date.year() / std::chrono::January / 1};
    const long week = (thursday - new_year).count() / 7 + 1;
    return "Tuần " + std::to_string(week) + "/" + std::to_string(year_of(thursday_date));
}

void add_if_in_range(std::vector<Occurrence>& out, Occurrence occurrence, CivilDate from,
                     CivilDate to) {
    if (sys_days{occurrence.due} >= sys_days{from} && sys_days{occurrence.due} <= sys_days{to}) {
        out.push_back(std::move(occurrence));
    }
}

std::vector<Occurrence> yearly(const read::Deadline& deadline, CivilDate from, CivilDate to,
                               const WorkingCalendar& calendar) {
    std::vector<Occurrence> out;
    for (int year = year_of(from); year <= year_of(to); ++year) {
        std::vector<CivilDate> dues;
        if (valid_month(deadline.month) && valid_day(deadline.day)) {
            dues.push_back(clamped_date(year, *deadline.month, *deadline.day));
        } else if (valid_month(deadline.month) && !deadline.day) {
            dues.push_back(last_working_day_of_month(year, *deadline.month, calendar));
        } else if (!deadline.month && !deadline.day) {
            // "báo cáo định kỳ 6 tháng": the end of each period the label names.
            if (deadline.period_label == "6 tháng") {
                dues = {last_working_day_of_month(year, 6, calendar),
                        last_working_day_of_month(year, 12, calendar)};
            } else if (deadline.period_label == "9 tháng") {
                dues = {last_working_day_of_month(year, 9, calendar)};
            } else if (deadline.period_label == "quý") {
                for (int month = 3; month <= 12; month += 3) {
                    dues.push_back(last_working_day_of_month(year, month, calendar));
                }
            } else {
                dues = {last_working_day_of_month(year, 12, calendar)};
            }
        }
        for (const CivilDate due : dues) {
            add_if_in_range(
                out, {due, deadline.inclusive, yearly_label(deadline.period_label, due)}, from, to);
        }
    }
    return out;
}

std::vector<Occurrence> quarterly(const read::Deadline& deadline, CivilDate from, CivilDate to,
                                  const WorkingCalendar& calendar) {
    std::vector<Occurrence> out;
    const int month_of_quarter = deadline.month_of_quarter.value_or(3);
    if (month_of_quarter < 1 || month_of_quarter > 3) return out;
    if (deadline.day && !valid_day(deadline.day)) return out;
    for (int year = year_of(from); year <= year_of(to); ++year) {
        for (int quarter = 1; quarter <= 4; ++quarter) {
            const int month = (quarter - 1) * 3 + month_of_quarter;
            const CivilDate due = deadline.day ? clamped_date(year, month, *deadline.day)
                                               : last_working_day_of_month(year, month, calendar);
            add_if_in_range(out, {due, deadline.inclusive, quarter_label(quarter, year)}, from, to);
        }
    }
    return out;
}

std::vector<Occurrence> monthly(const read::Deadline& deadline, CivilDate from, CivilDate to,
                                const WorkingCalendar& calendar) {
    std::vector<Occurrence> out;
    if (deadline.day && !valid_day(deadline.day)) return out;
    if (deadline.weekday && (*deadline.weekday < 1 || *deadline.weekday > 7)) return out;
    const int first = year_of(from) * 12 + month_number(from) - 1;
    const int last = year_of(to) * 12 + month_number(to) - 1;
    for (int index = first; index <= last; ++index) {
        const int year = index / 12;
        const int month = index % 12 + 1;
        CivilDate due;
        if (deadline.day) {
            due = clamped_date(year, month, *deadline.day);
        } else if (deadline.weekday) {
            due = weekday_of_month(year, month, *deadline.weekday, deadline.week.value_or(1));
        } else {
            due = last_working_day_of_month(year, month, calendar);
        }
        add_if_in_range(out,
                        {due, deadline.inclusive,
                         "Tháng " + std::to_string(month) + "/" + std::to_string(year)},
                        from, to);
    }
    return out;
}

std::vector<Occurrence> weekly(const read::Deadline& deadline, CivilDate from, CivilDate to) {
    std::vector<Occurrence> out;
    const int weekday = deadline.weekday.value_or(5);  // "hằng tuần" with no day: Friday
    if (weekday < 1 || weekday > 7) return out;
    const std::chrono::weekday target{static_cast<unsigned>(weekday % 7)};
    sys_days day{from};
    day += target - std::chrono::weekday{day};
    for (; day <= sys_days{to}; day += days{7}) {
        out.push_back({CivilDate{day}, deadline.inclusive, week_label(CivilDate{day})});
    }
    return out;
}

}  // namespace

std::optional<Occurrence> single_due(const read::Deadline& deadline, const DeadlineContext& context,
                                     const WorkingCalendar& calendar) {
    switch (deadline.kind) {
        case read::DeadlineKind::date: {
            if (!deadline.date) return std::nullopt;
            const auto due = to_civil(*deadline.date);
            if (!due) return std::nullopt;
            return Occurrence{*due, deadline.inclusive, {}};
        }
        case read::DeadlineKind::within: {
            const auto anchor = context.received ? context.received : context.issued;
            if (!anchor || !deadline.amount || *deadline.amount < 0 ||
                *deadline.amount > k_max_amount) {
                return std::nullopt;
            }
            CivilDate due = *anchor;
            switch (deadline.unit) {
                case read::DurationUnit::day:
                    due = CivilDate{sys_days{*anchor} + days{*deadline.amount}};
                    break;
                case read::DurationUnit::working_day:
                    due = calendar.add_working_days(*anchor, *deadline.amount);
                    break;
                case read::DurationUnit::month:
                    due = add_months(*anchor, *deadline.amount);
                    break;
            }
            return Occurrence{due, true, {}};
        }
        case read::DeadlineKind::period: {
            std::optional<int> year = deadline.year;
            if (!year && context.issued) year = year_of(*context.issued);
            if (!year) return std::nullopt;
            int month = 12;
            if (deadline.month) {
                if (!valid_month(deadline.month)) return std::nullopt;
                month = *deadline.month;
            } else if (deadline.quarter) {
                if (*deadline.quarter < 1 || *deadline.quarter > 4) return std::nullopt;
                month = *deadline.quarter * 3;
            } else if (deadline.half) {
                if (*deadline.half < 1 || *deadline.half > 2) return std::nullopt;
                month = *deadline.half * 6;
            }
            return Occurrence{last_day_of_month(*year, month), true, {}};
        }
        case read::DeadlineKind::yearly:
        case read::DeadlineKind::quarterly:
        case read::DeadlineKind::monthly:
        case read::DeadlineKind::weekly:
        case read::DeadlineKind::ongoing:
            return std::nullopt;
    }
    return std::nullopt;
}

std::vector<Occurrence> occurrences(const read::Deadline& deadline, const DeadlineContext& context,
                                    CivilDate from, CivilDate to, const WorkingCalendar& calendar) {
    if (sys_days{to} < sys_days{from}) return {};
    switch (deadline.kind) {
        case read::DeadlineKind::date:
        case read::DeadlineKind::within:
        case read::DeadlineKind::period: {
            std::vector<Occurrence> out;
            if (auto due = single_due(deadline, context, calendar)) {
                add_if_in_range(out, std::move(*due), from, to);
            }
            return out;
        }
        case read::DeadlineKind::yearly:
            return yearly(deadline, from, to, calendar);
        case read::DeadlineKind::quarterly:
            return quarterly(deadline, from, to, calendar);
        case read::DeadlineKind::monthly:
            return monthly(deadline, from, to, calendar);
        case read::DeadlineKind::weekly:
            return weekly(deadline, from, to);
        case read::DeadlineKind::ongoing:
            return {};
    }
    return {};
}

}  // namespace dondoc::domain
