// Deadline rules evaluated to dates.
//
// A task's deadline comes from the reader (read::Deadline): a fixed date,
// "within N (working) days from receipt", a period ("trong quý II năm 2024"),
// a recurrence (yearly, quarterly, monthly, weekly) or none ("thường xuyên").
// This turns a rule into due dates on the Vietnamese working calendar.
// Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "read/record.h"

namespace dondoc::domain {

// What a relative deadline counts from.
struct DeadlineContext {
    std::optional<CivilDate> issued;    // the document's date
    std::optional<CivilDate> received;  // when the unit received it (defaults to issued)
};

// One due instance of a deadline; for a recurrence, one per period.
struct Occurrence {
    CivilDate due;
    bool inclusive = true;  // false for "trước ngày": due the day before, in effect
    std::string period_label;  // "6 tháng đầu năm 2024", "Quý II/2024", "Tháng 5/2024", "Năm 2024";
                               // "" for one-off
};

// The due date of a one-off deadline (date, within, period), or nullopt for
// recurrences, "thường xuyên", and relative deadlines with no anchor date.
std::optional<Occurrence> single_due(const read::Deadline& deadline, const DeadlineContext& context,
                                     const WorkingCalendar& calendar);

// Every occurrence of a deadline with its due date in [from, to]: for a
// one-off deadline at most one; for recurrences one per period. Yearly
// deadlines with no day fall on the last working day of their period.
std::vector<Occurrence> occurrences(const read::Deadline& deadline, const DeadlineContext& context,
                                    CivilDate from, CivilDate to, const WorkingCalendar& calendar);

}  // namespace dondoc::domain
