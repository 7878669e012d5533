#include "read/deadlines.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "read/dates.h"
#include "read/scan.h"
#include "text/normalize.h"

namespace dondoc::read {
namespace {

using std::size_t;

constexpr size_t k_npos = std::string_view::npos;

// A cue looks back this far for the cycle it belongs to ("định kỳ 6 tháng
// (chậm nhất ngày 16/6 hàng năm)"). A fixed window keeps the scan linear.
constexpr size_t k_context_window = 160;
// "định kỳ hằng năm" is not reported on its own when a dated cue of the same
// cycle follows within this many bytes; kept below k_context_window so that
// cue's look-back still sees the cycle.
constexpr size_t k_cycle_reach = 100;
// "05 (năm) ngày": the words in parentheses are short; a bound keeps an
// unclosed "(" from making the scan quadratic.
constexpr size_t k_max_paren = 40;
// Dates listed after one cue ("ngày 30 tháng 6 và ngày 31 tháng 12").
constexpr int k_max_listed_dates = 8;

// ---------------------------------------------------------------------------
// Byte-level helpers.

bool is_space(char c) {
    return c == ' ' || c == '\t';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
}

// Start of the code point that ends just before `pos` (pos > 0).
size_t char_start_before(std::string_view s, size_t pos) {
    size_t p = pos - 1;
    while (p > 0 && is_continuation(s[p])) --p;
    return p;
}

// True when the code point before `pos` is a letter or digit.
bool glued_before(std::string_view s, size_t pos) {
    return pos > 0 && pos <= s.size() && is_word_byte(s, char_start_before(s, pos));
}

bool is_word_start(std::string_view s, size_t pos) {
    return pos < s.size() && !is_continuation(s[pos]) && is_word_byte(s, pos) &&
           !glued_before(s, pos);
}

// Sentence or clause end: a cycle named before it does not govern a cue after
// it. A dot between digits ("05.3.2020") is part of a date.
bool is_clause_end(std::string_view s, size_t pos) {
    const char c = s[pos];
    if (c == ';' || c == '\n' || c == '\r' || c == '!' || c == '?') return true;
    if (c != '.') return false;
    const bool digit_before = pos > 0 && is_digit(s[pos - 1]);
    const bool digit_after = pos + 1 < s.size() && is_digit(s[pos + 1]);
    return !(digit_before && digit_after);
}

// End of `phrase` at `pos`, or npos. A space in `phrase` matches a run of
// spaces; a phrase starting or ending with a letter must not be glued to
// letters in the text ("năm" does not match inside "nămx").
size_t eat(std::string_view s, size_t pos, std::string_view phrase) {
    // The first byte rejects almost every call; test it before the boundary.
    if (pos >= s.size() || phrase.empty() || s[pos] != phrase[0]) return k_npos;
    if (is_word_byte(phrase, 0) && glued_before(s, pos)) return k_npos;
    size_t p = pos;
    for (const char c : phrase) {
        if (c == ' ') {
            if (p >= s.size() || !is_space(s[p])) return k_npos;
            p = skip_spaces(s, p);
        } else {
            if (p >= s.size() || s[p] != c) return k_npos;
            ++p;
        }
    }
    const size_t last = char_start_before(phrase, phrase.size());
    if (is_word_byte(phrase, last) && p < s.size() && is_word_byte(s, p)) return k_npos;
    return p;
}

// eat() for the first phrase of `phrases` that matches.
template <size_t N>
size_t eat_any(std::string_view s, size_t pos, const std::array<std::string_view, N>& phrases) {
    for (const std::string_view phrase : phrases) {
        if (const size_t end = eat(s, pos, phrase); end != k_npos) return end;
    }
    return k_npos;
}

struct Number {
    int value = 0;
    size_t end = 0;
    size_t digits = 0;
};

// 1-4 digits at `pos` not glued to a preceding letter ("UBND2023").
std::optional<Number> number_at(std::string_view s, size_t pos) {
    if (pos >= s.size() || !is_digit(s[pos]) || glued_before(s, pos)) return std::nullopt;
    size_t p = pos;
    const auto value = read_number(s, p);
    if (!value) return std::nullopt;
    return Number{*value, p, p - pos};
}

// A number standing alone as a word (not "16h", not "2319/UBND"-style glue).
std::optional<Number> whole_number_at(std::string_view s, size_t pos) {
    auto number = number_at(s, pos);
    if (!number || (number->end < s.size() && is_word_byte(s, number->end))) return std::nullopt;
    return number;
}

// A four-digit year as a whole word.
std::optional<Number> year_at(std::string_view s, size_t pos) {
    auto number = whole_number_at(s, pos);
    if (!number || number->digits != 4 || number->value < 1900 || number->value > 2200) {
        return std::nullopt;
    }
    return number;
}

// "/2024" or " năm 2024" after a month or quarter.
std::optional<Number> year_after(std::string_view s, size_t pos) {
    if (pos < s.size() && s[pos] == '/') return year_at(s, pos + 1);
    const size_t nam = eat(s, skip_spaces(s, pos), "năm");
    if (nam == k_npos) return std::nullopt;
    return year_at(s, skip_spaces(s, nam));
}

// Text from `begin` up to (not including) the next clause punctuation, with
// trailing spaces removed: the anchor of a relative deadline.
size_t anchor_end(std::string_view s, size_t begin) {
    size_t p = begin;
    while (p < s.size()) {
        const char c = s[p];
        if (c == ',' || c == '(' || c == ')' || is_clause_end(s, p)) break;
        ++p;
    }
    while (p > begin && is_space(s[p - 1])) --p;
    return p;
}

// ---------------------------------------------------------------------------
// Cycles: "hằng năm", "định kỳ 6 tháng", and the context a cue inherits.

enum class Cycle { none, yearly, quarterly, monthly, weekly };

// The cycle a deadline phrase belongs to. `recurring` is true when the text
// says the cycle repeats ("hằng năm", "định kỳ …"), not just names a report
// ("báo cáo năm").
struct Context {
    Cycle cycle = Cycle::none;
    std::string_view label;  // yearly period label: "6 tháng", "năm", "quý"; empty for none
    bool recurring = false;
};

struct CycleMatch {
    Context context;
    size_t end = 0;
};

constexpr std::array<std::string_view, 4> k_every = {"hằng", "hàng", "hăng", "mỗi"};

bool is_every(std::string_view word) {
    return std::find(k_every.begin(), k_every.end(), word) != k_every.end();
}

// "hằng năm" / "hàng quý" / "hăng năm" (a real typo) / "mỗi tháng" / "hằng tuần".
std::optional<CycleMatch> every_cycle(std::string_view s, size_t pos) {
    const size_t every = eat_any(s, pos, k_every);
    if (every == k_npos || every >= s.size() || !is_space(s[every])) return std::nullopt;
    const size_t p = skip_spaces(s, every);
    static constexpr std::array<std::pair<std::string_view, Cycle>, 4> k_units = {{
        {"năm", Cycle::yearly},
        {"quý", Cycle::quarterly},
        {"tháng", Cycle::monthly},
        {"tuần", Cycle::weekly},
    }};
    for (const auto& [unit, cycle] : k_units) {
        if (const size_t end = eat(s, p, unit); end != k_npos) {
            std::string_view label;
            if (cycle == Cycle::yearly) label = "năm";
            if (cycle == Cycle::quarterly) label = "quý";
            return CycleMatch{{cycle, label, true}, end};
        }
    }
    return std::nullopt;
}

// True when a quarter numeral (I-IV or 1-4) starts at `pos`.
bool quarter_numeral_at(std::string_view s, size_t pos) {
    static constexpr std::array<std::string_view, 8> k_quarters = {"iv", "iii", "ii", "i",
                                                                   "1",  "2",   "3",  "4"};
    return eat_any(s, pos, k_quarters) != k_npos;
}

// True when `pos` (after spaces) starts "đầu năm" / "cuối năm": then "6 tháng"
// names a half of the year, not a reporting cycle.
bool half_of_year_follows(std::string_view s, size_t pos) {
    const size_t p = skip_spaces(s, pos);
    return eat(s, p, "đầu năm") != k_npos || eat(s, p, "cuối năm") != k_npos;
}

// The cycle after "định kỳ": "hằng năm", "6 tháng", "1 năm", "năm", "quý",
// "tháng", "tuần" (bare words only when they are not followed by a number:
// "quý II" is a period, "tháng 10" a month).
std::optional<CycleMatch> cycle_words(std::string_view s, size_t pos) {
    if (auto every = every_cycle(s, pos)) return every;
    struct Counted {
        std::string_view phrase;
        Cycle cycle;
        std::string_view label;
    };
    static constexpr std::array<Counted, 12> k_counted = {{
        {"1 năm", Cycle::yearly, "năm"},
        {"01 năm", Cycle::yearly, "năm"},
        {"một năm", Cycle::yearly, "năm"},
        {"6 tháng", Cycle::yearly, "6 tháng"},
        {"06 tháng", Cycle::yearly, "6 tháng"},
        {"sáu tháng", Cycle::yearly, "6 tháng"},
        {"9 tháng", Cycle::yearly, "9 tháng"},
        {"09 tháng", Cycle::yearly, "9 tháng"},
        {"chín tháng", Cycle::yearly, "9 tháng"},
        {"3 tháng", Cycle::quarterly, "quý"},
        {"03 tháng", Cycle::quarterly, "quý"},
        {"ba tháng", Cycle::quarterly, "quý"},
    }};
    for (const Counted& counted : k_counted) {
        const size_t end = eat(s, pos, counted.phrase);
        if (end == k_npos) continue;
        if (half_of_year_follows(s, end)) return std::nullopt;
        return CycleMatch{{counted.cycle, counted.label, true}, end};
    }
    const auto number_follows = [&](size_t end) {
        const size_t p = skip_spaces(s, end);
        return p < s.size() && is_digit(s[p]);
    };
    if (const size_t end = eat(s, pos, "năm"); end != k_npos && !number_follows(end)) {
        return CycleMatch{{Cycle::yearly, "năm", true}, end};
    }
    if (const size_t end = eat(s, pos, "quý");
        end != k_npos && !quarter_numeral_at(s, skip_spaces(s, end))) {
        return CycleMatch{{Cycle::quarterly, "quý", true}, end};
    }
    if (const size_t end = eat(s, pos, "tháng"); end != k_npos && !number_follows(end)) {
        return CycleMatch{{Cycle::monthly, {}, true}, end};
    }
    if (const size_t end = eat(s, pos, "tuần"); end != k_npos) {
        return CycleMatch{{Cycle::weekly, {}, true}, end};
    }
    return std::nullopt;
}

bool is_number_word(std::string_view word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), is_digit);
}

// The cycle named in the clause before `start` (from `floor` on, which is
// the end of the previous deadline), nearest first. Reads only a fixed
// window, so calling it once per cue keeps the scan linear.
Context context_before(std::string_view s, size_t start, size_t floor) {
    size_t from = start > k_context_window ? start - k_context_window : 0;
    from = std::max(from, floor);
    while (from < start && is_continuation(s[from])) ++from;
    if (from < start && is_word_byte(s, from) && glued_before(s, from)) {
        while (from < start && is_word_byte(s, from)) ++from;  // a word cut by the window
    }
    // A 160-byte window holds at most 80 words.
    std::array<std::string_view, k_context_window / 2 + 1> words{};
    size_t count = 0;
    for (size_t p = from; p < start;) {
        if (is_clause_end(s, p)) {
            count = 0;
            ++p;
        } else if (is_word_byte(s, p)) {
            size_t end = p;
            while (end < start && is_word_byte(s, end)) ++end;
            if (count < words.size()) words[count++] = s.substr(p, end - p);
            p = end;
        } else {
            ++p;
        }
    }
    // "định kỳ" anywhere earlier in the clause makes the named cycle recurring.
    size_t dinh_ky = count;
    for (size_t k = 0; k + 1 < count; ++k) {
        if (words[k] == "định" && words[k + 1] == "kỳ") {
            dinh_ky = k;
            break;
        }
    }
    for (size_t i = count; i-- > 0;) {
        const std::string_view word = words[i];
        const std::string_view prev = i > 0 ? words[i - 1] : std::string_view{};
        const std::string_view next = i + 1 < count ? words[i + 1] : std::string_view{};
        const bool every = is_every(prev);
        const bool recurring = every || dinh_ky + 1 < i;
        if (word == "năm") {
            // "năm 2024" is a year, "thứ năm" a weekday, "05 năm" a duration,
            // "6 tháng đầu năm" a half whose "6 tháng" comes next.
            if (is_number_word(next) || prev == "thứ" || prev == "đầu" || prev == "cuối") continue;
            if (is_number_word(prev) && prev != "1" && prev != "01") continue;
            return {Cycle::yearly, "năm", recurring};
        }
        if (word == "tháng") {
            if (is_number_word(next)) continue;  // "tháng 12": a date
            if (prev == "6" || prev == "06" || prev == "sáu") {
                return {Cycle::yearly, "6 tháng", recurring};
            }
            if (prev == "9" || prev == "09" || prev == "chín") {
                return {Cycle::yearly, "9 tháng", recurring};
            }
            if (prev == "3" || prev == "03" || prev == "ba") {
                return {Cycle::quarterly, "quý", recurring};
            }
            if (is_number_word(prev)) continue;  // "02 tháng": a duration
            return {Cycle::monthly, {}, recurring};
        }
        if (word == "quý") {
            if (next == "i" || next == "ii" || next == "iii" || next == "iv" ||
                (next.size() == 1 && next[0] >= '1' && next[0] <= '4')) {
                continue;  // "quý II": a period
            }
            return {Cycle::quarterly, "quý", recurring};
        }
        if (word == "tuần" && every) return {Cycle::weekly, {}, true};
    }
    return {};
}

// ---------------------------------------------------------------------------
// Deadline targets: what follows a cue.

// What follows a date and makes it recurring.
enum class Suffix {
    none,
    yearly,            // "16/6 hằng năm"
    quarterly,         // "ngày 15 của tháng cuối quý", "ngày 20 hằng quý"
    monthly,           // "ngày 20 hằng tháng", "thứ Sáu tuần cuối cùng hằng tháng"
    monthly_relative,  // "ngày 10 của tháng tiếp theo": monthly only in a monthly context
    weekly,            // "thứ Sáu hằng tuần"
};

struct SuffixMatch {
    Suffix kind = Suffix::none;
    std::optional<int> month_of_quarter;
    std::optional<int> week;
    size_t end = 0;
};

// The recurrence after a day or a day/month.
SuffixMatch date_suffix(std::string_view s, size_t pos) {
    SuffixMatch none;
    none.end = pos;
    size_t p = skip_spaces(s, pos);
    if (const size_t cua = eat(s, p, "của"); cua != k_npos) p = skip_spaces(s, cua);
    if (auto every = every_cycle(s, p)) {
        switch (every->context.cycle) {
            case Cycle::yearly:
                return {Suffix::yearly, std::nullopt, std::nullopt, every->end};
            case Cycle::quarterly:
                return {Suffix::quarterly, std::nullopt, std::nullopt, every->end};
            case Cycle::monthly:
                return {Suffix::monthly, std::nullopt, std::nullopt, every->end};
            default:
                return none;
        }
    }
    if (const size_t thang = eat(s, p, "tháng"); thang != k_npos) {
        const size_t q = skip_spaces(s, thang);
        static constexpr std::array<std::pair<std::string_view, int>, 14> k_in_quarter = {{
            {"cuối cùng của quý", 3},
            {"cuối của quý", 3},
            {"cuối quý", 3},
            {"thứ ba của quý", 3},
            {"thứ 3 của quý", 3},
            {"đầu tiên của quý", 1},
            {"đầu của quý", 1},
            {"đầu quý", 1},
            {"thứ nhất của quý", 1},
            {"thứ 1 của quý", 1},
            {"thứ hai của quý", 2},
            {"thứ 2 của quý", 2},
            {"giữa của quý", 2},
            {"giữa quý", 2},
        }};
        for (const auto& [phrase, month] : k_in_quarter) {
            size_t end = eat(s, q, phrase);
            if (end == k_npos) continue;
            // "tháng đầu quý sau": the report of a quarter due in the next one.
            const size_t r = skip_spaces(s, end);
            if (const size_t next =
                    eat_any(s, r, std::array<std::string_view, 2>{"tiếp theo", "sau"});
                next != k_npos) {
                end = next;
            }
            return {Suffix::quarterly, month, std::nullopt, end};
        }
        static constexpr std::array<std::string_view, 4> k_relative = {"tiếp theo", "kế tiếp",
                                                                       "sau", "báo cáo"};
        if (const size_t end = eat_any(s, q, k_relative); end != k_npos) {
            return {Suffix::monthly_relative, std::nullopt, std::nullopt, end};
        }
    }
    // "ngày 28 tháng 02 của năm tiếp theo": the yearly report due early in
    // the next year.
    if (const size_t nam = eat(s, p, "năm"); nam != k_npos) {
        static constexpr std::array<std::string_view, 3> k_next = {"tiếp theo", "kế tiếp", "sau"};
        if (const size_t end = eat_any(s, skip_spaces(s, nam), k_next); end != k_npos) {
            return {Suffix::yearly, std::nullopt, std::nullopt, end};
        }
    }
    return none;
}

struct WeekdayMatch {
    int weekday = 0;
    size_t end = 0;
};

// "thứ Hai" … "thứ Bảy", "thứ 2" … "thứ 7", "Chủ nhật".
std::optional<WeekdayMatch> weekday_at(std::string_view s, size_t pos) {
    if (const size_t end = eat(s, pos, "chủ nhật"); end != k_npos) return WeekdayMatch{7, end};
    const size_t thu = eat(s, pos, "thứ");
    if (thu == k_npos || thu >= s.size() || !is_space(s[thu])) return std::nullopt;
    const size_t p = skip_spaces(s, thu);
    static constexpr std::array<std::pair<std::string_view, int>, 7> k_days = {{
        {"hai", 1},
        {"ba", 2},
        {"tư", 3},
        {"bốn", 3},
        {"năm", 4},
        {"sáu", 5},
        {"bảy", 6},
    }};
    for (const auto& [word, day] : k_days) {
        if (const size_t end = eat(s, p, word); end != k_npos) return WeekdayMatch{day, end};
    }
    if (auto number = whole_number_at(s, p); number && number->value >= 2 && number->value <= 7) {
        return WeekdayMatch{number->value - 1, number->end};  // "thứ 6" is Friday
    }
    return std::nullopt;
}

// "hằng tuần" or "tuần cuối cùng hằng tháng" after a weekday.
SuffixMatch weekday_suffix(std::string_view s, size_t pos) {
    SuffixMatch none;
    none.end = pos;
    size_t p = skip_spaces(s, pos);
    if (const size_t cua = eat(s, p, "của"); cua != k_npos) p = skip_spaces(s, cua);
    if (auto every = every_cycle(s, p); every && every->context.cycle == Cycle::weekly) {
        return {Suffix::weekly, std::nullopt, std::nullopt, every->end};
    }
    const size_t tuan = eat(s, p, "tuần");
    if (tuan == k_npos) return none;
    const size_t q = skip_spaces(s, tuan);
    static constexpr std::array<std::pair<std::string_view, int>, 18> k_weeks = {{
        {"đầu tiên", 1},
        {"đầu", 1},
        {"thứ nhất", 1},
        {"thứ 1", 1},
        {"thứ hai", 2},
        {"thứ 2", 2},
        {"thứ ba", 3},
        {"thứ 3", 3},
        {"thứ tư", 4},
        {"thứ 4", 4},
        {"thứ năm", 5},
        {"thứ 5", 5},
        {"cuối cùng", -1},
        {"cuối", -1},
        {"1", 1},
        {"2", 2},
        {"3", 3},
        {"4", 4},
    }};
    for (const auto& [phrase, week] : k_weeks) {
        const size_t end = eat(s, q, phrase);
        if (end == k_npos) continue;
        size_t r = skip_spaces(s, end);
        if (const size_t cua = eat(s, r, "của"); cua != k_npos) r = skip_spaces(s, cua);
        if (auto every = every_cycle(s, r); every && every->context.cycle == Cycle::monthly) {
            return {Suffix::monthly, std::nullopt, week, every->end};
        }
        return none;
    }
    return none;
}

// Time of day before a date or weekday: "16 giờ", "16 giờ 30 phút", "16h", "16h30".
size_t time_at(std::string_view s, size_t pos) {
    const auto hour = number_at(s, pos);
    if (!hour || hour->value > 24) return k_npos;
    size_t p = hour->end;
    if (p < s.size() && s[p] == 'h') {
        ++p;
        if (p < s.size() && is_digit(s[p])) {
            if (!read_number(s, p)) return k_npos;
        }
        return p < s.size() && is_word_byte(s, p) ? k_npos : p;
    }
    if (p < s.size() && is_word_byte(s, p)) return k_npos;
    const size_t gio = eat(s, skip_spaces(s, p), "giờ");
    if (gio == k_npos) return k_npos;
    p = gio;
    // Minutes, unless the number starts the date ("16 giờ 15/3/2024").
    const size_t q = skip_spaces(s, gio);
    if (q < s.size() && is_digit(s[q]) && !match_date(s, q, false)) {
        if (auto minutes = whole_number_at(s, q)) {
            p = minutes->end;
            if (const size_t phut = eat(s, skip_spaces(s, p), "phút"); phut != k_npos) p = phut;
        }
    }
    return p;
}

enum class TargetKind { date, day, weekday, period, duration };

// One deadline as read after a cue, before the cycle context decides its kind.
struct Target {
    TargetKind kind = TargetKind::date;
    size_t start = 0;
    size_t end = 0;
    PartialDate date;  // date: day, month, maybe year; day: day only
    Suffix suffix = Suffix::none;
    std::optional<int> month_of_quarter;
    std::optional<int> weekday;
    std::optional<int> week;
    // period
    std::optional<int> year;
    std::optional<int> month;
    std::optional<int> quarter;
    std::optional<int> half;
    // duration
    int amount = 0;
    DurationUnit unit = DurationUnit::day;
    size_t from_begin = 0;
    size_t from_end = 0;
};

// A date, a bare day with a recurrence, or a weekday, optionally after a time
// of day: "ngày 25/12/2020", "16 giờ ngày 15/3/2024", "ngày 15 tháng 12 hằng
// năm", "ngày 20 của tháng cuối quý", "thứ Sáu hằng tuần".
std::optional<Target> date_target(std::string_view s, size_t pos, bool allow_time) {
    const size_t p = skip_spaces(s, pos);
    if (p >= s.size()) return std::nullopt;
    Target target;
    target.start = p;
    if (allow_time) {
        if (const size_t time_end = time_at(s, p); time_end != k_npos) {
            size_t q = skip_spaces(s, time_end);
            if (q < s.size() && s[q] == ',') q = skip_spaces(s, q + 1);
            if (const size_t vao = eat(s, q, "vào"); vao != k_npos) q = vao;
            auto rest = date_target(s, q, false);
            if (!rest) return std::nullopt;
            rest->start = p;
            return rest;
        }
    }
    if (auto weekday = weekday_at(s, p)) {
        const SuffixMatch suffix = weekday_suffix(s, weekday->end);
        target.kind = TargetKind::weekday;
        target.weekday = weekday->weekday;
        target.suffix = suffix.kind;
        target.week = suffix.week;
        target.end = suffix.end;
        return target;
    }
    if (auto date = match_date(s, p, false); date && date->date.day && date->date.month) {
        target.kind = TargetKind::date;
        target.date = date->date;
        const SuffixMatch suffix = date_suffix(s, date->end);
        target.suffix = suffix.kind;
        target.end = suffix.end;
        return target;
    }
    if (const size_t ngay = eat(s, p, "ngày"); ngay != k_npos) {
        const auto day = whole_number_at(s, skip_spaces(s, ngay));
        if (!day || day->value < 1 || day->value > 31) return std::nullopt;
        const size_t e = day->end;
        // "ngày 20-25" or a date the date parser refused: not a bare day.
        if (e + 1 < s.size() && (s[e] == '/' || s[e] == '-' || s[e] == '.') && is_digit(s[e + 1])) {
            return std::nullopt;
        }
        target.kind = TargetKind::day;
        target.date.day = day->value;
        const SuffixMatch suffix = date_suffix(s, e);
        target.suffix = suffix.kind;
        target.month_of_quarter = suffix.month_of_quarter;
        target.end = suffix.end;
        return target;
    }
    return std::nullopt;
}

// A calendar period: "quý II năm 2024", "quý III/2024", "tháng 10/2024",
// "tháng 10 năm 2024", "6 tháng đầu năm 2024", "năm 2024". `standalone`:
// read without a cue, so a year must be written (and a month as "10/2024");
// `bare_year`: "năm 2024" alone is allowed (only after a cue).
std::optional<Target> period_target(std::string_view s, size_t pos, bool standalone,
                                    bool bare_year) {
    const size_t p = skip_spaces(s, pos);
    Target target;
    target.kind = TargetKind::period;
    target.start = p;
    if (const size_t quy = eat(s, p, "quý"); quy != k_npos) {
        if (quy >= s.size() || !is_space(s[quy])) return std::nullopt;
        const size_t q = skip_spaces(s, quy);
        static constexpr std::array<std::pair<std::string_view, int>, 8> k_quarters = {{
            {"iv", 4},
            {"iii", 3},
            {"ii", 2},
            {"i", 1},
            {"1", 1},
            {"2", 2},
            {"3", 3},
            {"4", 4},
        }};
        for (const auto& [numeral, quarter] : k_quarters) {
            const size_t end = eat(s, q, numeral);
            if (end == k_npos) continue;
            target.quarter = quarter;
            target.end = end;
            if (auto year = year_after(s, end)) {
                target.year = year->value;
                target.end = year->end;
            } else if (standalone) {
                return std::nullopt;
            }
            return target;
        }
        return std::nullopt;
    }
    if (const size_t thang = eat(s, p, "tháng"); thang != k_npos) {
        const size_t q = skip_spaces(s, thang);
        const auto month = number_at(s, q);
        if (!month || month->value < 1 || month->value > 12) return std::nullopt;
        if (month->end < s.size() && is_word_byte(s, month->end)) return std::nullopt;
        target.month = month->value;
        target.end = month->end;
        const bool slash = month->end < s.size() && s[month->end] == '/';
        if (auto year = year_after(s, month->end)) {
            if (standalone && !slash) return std::nullopt;
            target.year = year->value;
            target.end = year->end;
        } else if (standalone || slash) {
            return std::nullopt;
        } else if (auto every = every_cycle(s, skip_spaces(s, month->end));
                   every && every->context.cycle == Cycle::yearly) {
            target.suffix = Suffix::yearly;  // "trong tháng 12 hằng năm"
            target.end = every->end;
        }
        return target;
    }
    static constexpr std::array<std::string_view, 3> k_six_months = {"6 tháng", "06 tháng",
                                                                     "sáu tháng"};
    if (const size_t six = eat_any(s, p, k_six_months); six != k_npos) {
        const size_t q = skip_spaces(s, six);
        size_t end = eat(s, q, "đầu năm");
        target.half = 1;
        if (end == k_npos) {
            end = eat(s, q, "cuối năm");
            target.half = 2;
        }
        if (end == k_npos) return std::nullopt;
        target.end = end;
        const size_t r = end < s.size() && s[end] == '/' ? end + 1 : skip_spaces(s, end);
        if (auto year = year_at(s, r)) {
            target.year = year->value;
            target.end = year->end;
        }
        return target;
    }
    if (bare_year) {
        const size_t nam = eat(s, p, "năm");
        if (nam == k_npos) return std::nullopt;
        const auto year = year_at(s, skip_spaces(s, nam));
        if (!year) return std::nullopt;
        // "năm 2021 - 2025" is a span (giai đoạn), not a deadline.
        const size_t r = skip_spaces(s, year->end);
        size_t after_dash = k_npos;
        if (r < s.size() && s[r] == '-') after_dash = r + 1;
        if (after_dash == k_npos) {
            after_dash = eat_any(s, r, std::array<std::string_view, 2>{"–", "—"});
        }
        if (after_dash != k_npos) {
            const size_t d = skip_spaces(s, after_dash);
            if (d < s.size() && is_digit(s[d])) return std::nullopt;
        }
        target.year = year->value;
        target.end = year->end;
        return target;
    }
    return std::nullopt;
}

// "05 ngày làm việc", "15 ngày", "02 tháng", "05 (năm) ngày làm việc",
// optionally followed by "kể từ <anchor>". `need_from`: "sau 30 ngày" is a
// deadline only with its anchor.
std::optional<Target> duration_target(std::string_view s, size_t pos, bool need_from) {
    const size_t p = skip_spaces(s, pos);
    Target target;
    target.kind = TargetKind::duration;
    target.start = p;
    size_t q = k_npos;
    if (auto number = whole_number_at(s, p); number && number->value > 0) {
        target.amount = number->value;
        q = number->end;
    } else {
        static constexpr std::array<std::pair<std::string_view, int>, 10> k_numerals = {{
            {"một", 1},
            {"hai", 2},
            {"ba", 3},
            {"bốn", 4},
            {"năm", 5},
            {"sáu", 6},
            {"bảy", 7},
            {"tám", 8},
            {"chín", 9},
            {"mười", 10},
        }};
        for (const auto& [word, value] : k_numerals) {
            if (const size_t end = eat(s, p, word); end != k_npos) {
                target.amount = value;
                q = end;
                break;
            }
        }
        if (q == k_npos) return std::nullopt;
    }
    q = skip_spaces(s, q);
    if (q < s.size() && s[q] == '(') {
        // The amount spelt out: "05 (năm) ngày".
        const size_t limit = std::min(s.size(), q + k_max_paren);
        size_t close = q + 1;
        while (close < limit && s[close] != ')' && s[close] != '(') ++close;
        if (close >= limit || s[close] != ')') return std::nullopt;
        q = skip_spaces(s, close + 1);
    }
    size_t end = eat(s, q, "ngày làm việc");
    if (end != k_npos) {
        target.unit = DurationUnit::working_day;
    } else if (end = eat(s, q, "ngày"); end != k_npos) {
        target.unit = DurationUnit::day;
    } else if (end = eat(s, q, "tháng"); end != k_npos) {
        if (half_of_year_follows(s, end)) return std::nullopt;  // "6 tháng đầu năm"
        target.unit = DurationUnit::month;
    } else {
        return std::nullopt;
    }
    target.end = end;
    size_t f = skip_spaces(s, end);
    if (f < s.size() && s[f] == ',') f = skip_spaces(s, f + 1);
    size_t from = eat(s, f, "kể từ");
    if (from == k_npos) from = eat(s, f, "tính từ");
    if (from != k_npos) {
        const size_t begin = skip_spaces(s, from);
        const size_t anchor = anchor_end(s, begin);
        if (anchor > begin) {
            target.from_begin = begin;
            target.from_end = anchor;
            target.end = anchor;
        }
    }
    if (need_from && target.from_end == 0) return std::nullopt;
    return target;
}

// ---------------------------------------------------------------------------
// Cues.

struct Cue {
    std::string_view phrase;
    bool exclusive;  // "trước": the date itself is too late
    bool dates;      // a date, day or weekday may follow
    bool periods;    // "quý II năm 2024" may follow
    bool durations;  // "05 ngày làm việc" may follow
    bool need_from;  // the duration needs "kể từ …"
};

// Longer phrases first: "trong thời hạn" before "trong".
constexpr std::array<Cue, 12> k_cues = {{
    {"chậm nhất", false, true, false, true, false},
    {"muộn nhất", false, true, false, true, false},
    {"hạn chót", false, true, true, false, false},
    {"thời hạn", false, true, true, true, false},
    {"đến hết", false, true, true, false, false},
    {"không quá", false, true, false, true, false},
    {"trong thời hạn", false, false, true, true, false},
    {"trong thời gian", false, false, true, true, false},
    {"trong vòng", false, false, true, true, false},
    {"trong", false, false, true, true, false},
    {"trước", true, true, false, false, false},
    {"sau", false, false, false, true, true},
}};

struct CueMatch {
    size_t start = 0;
    bool exclusive = false;
    std::vector<Target> targets;
    size_t end = 0;
};

// A cue and what follows it: "chậm nhất là ngày 25/12/2020", "trước 16 giờ
// thứ Sáu hằng tuần", "trong thời hạn 05 ngày làm việc kể từ …",
// "chậm nhất vào ngày 30 tháng 6 và ngày 31 tháng 12 hàng năm".
std::optional<CueMatch> cue_at(std::string_view s, size_t pos) {
    for (const Cue& cue : k_cues) {
        const size_t cue_end = eat(s, pos, cue.phrase);
        if (cue_end == k_npos) continue;
        bool exclusive = cue.exclusive;
        bool periods = cue.periods;
        size_t q = cue_end;
        // Words between the cue and its target: "chậm nhất là/vào/trước ngày",
        // "thời hạn hoàn thành: ngày", "chậm nhất trong quý II".
        for (int i = 0; i < 4; ++i) {
            const size_t r = skip_spaces(s, q);
            if (r < s.size() && (s[r] == ':' || s[r] == ',')) {
                q = r + 1;
                continue;
            }
            if (cue.dates) {
                if (const size_t end = eat(s, r, "trước"); end != k_npos) {
                    exclusive = true;
                    q = end;
                    continue;
                }
                if (const size_t end = eat(s, r, "trong"); end != k_npos) {
                    periods = true;
                    q = end;
                    continue;
                }
            }
            static constexpr std::array<std::string_view, 4> k_fillers = {"là", "vào", "hoàn thành",
                                                                          "thực hiện"};
            if (const size_t end = eat_any(s, r, k_fillers); end != k_npos) {
                q = end;
                continue;
            }
            break;
        }
        std::optional<Target> target;
        if (cue.dates) target = date_target(s, q, true);
        if (!target && periods) target = period_target(s, q, false, true);
        if (!target && cue.durations) target = duration_target(s, q, cue.need_from);
        if (!target) continue;
        CueMatch match{pos, exclusive, {*target}, target->end};
        if (target->kind == TargetKind::date) {
            // More dates under the same cue: ", ngày …" / "và ngày …".
            for (int k = 0; k < k_max_listed_dates; ++k) {
                const size_t r = skip_spaces(s, match.end);
                size_t x = k_npos;
                if (r < s.size() && s[r] == ',') {
                    x = skip_spaces(s, r + 1);
                    if (const size_t va = eat(s, x, "và"); va != k_npos) x = va;
                } else {
                    x = eat(s, r, "và");
                }
                if (x == k_npos) break;
                x = skip_spaces(s, x);
                if (eat(s, x, "ngày") == k_npos) break;
                auto more = date_target(s, x, false);
                if (!more || more->kind != TargetKind::date) break;
                match.targets.push_back(*more);
                match.end = more->end;
            }
            // "ngày 30 tháng 6 và ngày 31 tháng 12 hàng năm": the last
            // recurrence covers the whole list.
            const Target& last = match.targets.back();
            if (last.suffix == Suffix::yearly) {
                for (Target& listed : match.targets) {
                    if (listed.suffix == Suffix::none && !listed.date.year) {
                        listed.suffix = Suffix::yearly;
                    }
                }
            }
        }
        return match;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// From a target and its context to a Deadline.

std::optional<std::string> yearly_label(const Context& context) {
    if ((context.cycle == Cycle::yearly || context.cycle == Cycle::quarterly) &&
        !context.label.empty()) {
        return std::string(context.label);
    }
    return std::nullopt;
}

std::optional<Deadline> resolve(const Target& target, bool exclusive, const Context& context,
                                std::optional<int> document_year) {
    Deadline deadline;
    switch (target.kind) {
        case TargetKind::date: {
            const PartialDate& date = target.date;
            if (!date.day || !date.month) return std::nullopt;
            if (date.year) {
                deadline.kind = DeadlineKind::date;
                deadline.date = Date{*date.year, *date.month, *date.day};
                deadline.inclusive = !exclusive;
                return deadline;
            }
            if (target.suffix == Suffix::yearly ||
                (target.suffix == Suffix::none && context.recurring &&
                 context.cycle == Cycle::yearly)) {
                deadline.kind = DeadlineKind::yearly;
                deadline.month = date.month;
                deadline.day = date.day;
                deadline.period_label = yearly_label(context);
                return deadline;
            }
            if (target.suffix != Suffix::none || !document_year ||
                !valid_date(*document_year, *date.month, *date.day)) {
                return std::nullopt;
            }
            deadline.kind = DeadlineKind::date;
            deadline.date = Date{*document_year, *date.month, *date.day};
            deadline.inclusive = !exclusive;
            return deadline;
        }
        case TargetKind::day: {
            Suffix suffix = target.suffix;
            if (suffix == Suffix::monthly_relative) {
                if (context.cycle != Cycle::monthly) return std::nullopt;
                suffix = Suffix::monthly;
            }
            if (suffix == Suffix::none) {
                // A bare day ("trước ngày 20") means something only in a cycle.
                if (context.cycle == Cycle::quarterly) suffix = Suffix::quarterly;
                if (context.cycle == Cycle::monthly) suffix = Suffix::monthly;
            }
            if (suffix == Suffix::quarterly) {
                deadline.kind = DeadlineKind::quarterly;
                deadline.day = target.date.day;
                deadline.month_of_quarter = target.month_of_quarter;
                return deadline;
            }
            if (suffix == Suffix::monthly) {
                deadline.kind = DeadlineKind::monthly;
                deadline.day = target.date.day;
                return deadline;
            }
            return std::nullopt;
        }
        case TargetKind::weekday: {
            if (target.suffix == Suffix::monthly) {
                deadline.kind = DeadlineKind::monthly;
                deadline.weekday = target.weekday;
                deadline.week = target.week;
                return deadline;
            }
            if (target.suffix == Suffix::weekly ||
                (target.suffix == Suffix::none && context.cycle == Cycle::weekly)) {
                deadline.kind = DeadlineKind::weekly;
                deadline.weekday = target.weekday;
                return deadline;
            }
            return std::nullopt;
        }
        case TargetKind::period: {
            if (target.suffix == Suffix::yearly) {
                deadline.kind = DeadlineKind::yearly;
                deadline.month = target.month;
                deadline.period_label = yearly_label(context);
                return deadline;
            }
            deadline.kind = DeadlineKind::period;
            deadline.year = target.year ? target.year : document_year;
            deadline.month = target.month;
            deadline.quarter = target.quarter;
            deadline.half = target.half;
            return deadline;
        }
        case TargetKind::duration: {
            deadline.kind = DeadlineKind::within;
            deadline.amount = target.amount;
            deadline.unit = target.unit;
            return deadline;
        }
    }
    return std::nullopt;
}

bool is_recurring(DeadlineKind kind) {
    return kind == DeadlineKind::yearly || kind == DeadlineKind::quarterly ||
           kind == DeadlineKind::monthly || kind == DeadlineKind::weekly;
}

// A deadline for a cycle named without a day: "định kỳ hằng năm", "hằng tuần".
Deadline cycle_deadline(const Context& context) {
    Deadline deadline;
    switch (context.cycle) {
        case Cycle::yearly:
            deadline.kind = DeadlineKind::yearly;
            deadline.period_label = yearly_label(context);
            break;
        case Cycle::quarterly:
            deadline.kind = DeadlineKind::quarterly;
            break;
        case Cycle::monthly:
            deadline.kind = DeadlineKind::monthly;
            break;
        case Cycle::weekly:
            deadline.kind = DeadlineKind::weekly;
            break;
        case Cycle::none:
            break;
    }
    return deadline;
}

// ---------------------------------------------------------------------------
// The scan: one pass over the words, each matcher reading a bounded stretch
// ahead of the current word and the scan resuming after what it consumed.

// The words a deadline phrase can start with: cues (chậm nhất, muộn nhất,
// hạn chót, thời hạn, đến hết, không quá, trong, trước, sau), cycles (hằng,
// hàng, hăng, mỗi, định kỳ, thường xuyên), periods (quý, tháng, năm, sáu
// tháng) and dates (ngày, thứ, chủ nhật); or a number. Any other word is
// skipped at once, which keeps the scan cheap on ordinary prose.
bool may_start_deadline(std::string_view lower, size_t pos) {
    if (is_digit(lower[pos])) return true;
    static const Lexicon k_first_words{
        "thường", "định",  "hằng",  "hàng", "hăng", "mỗi",   "chậm", "muộn", "hạn", "thời", "đến",
        "không",  "trong", "trước", "sau",  "quý",  "tháng", "năm",  "chủ",  "thứ", "ngày", "sáu"};
    return k_first_words.longest_at(lower, pos) != 0;
}

class Scanner {
  public:
    Scanner(std::string_view text, std::string_view lower, std::optional<int> document_year)
        : m_text(text), m_lower(lower), m_document_year(document_year) {}

    std::vector<Deadline> run() {
        size_t p = 0;
        while (p < m_lower.size()) {
            if (!is_word_start(m_lower, p)) {
                ++p;
                continue;
            }
            const size_t end = try_at(p);
            p = end != k_npos && end > p ? end : word_end(m_lower, p);
        }
        return std::move(m_out);
    }

  private:
    // The original text between two offsets, trimmed of spaces and of
    // punctuation a phrase does not end with.
    std::string slice(size_t begin, size_t end) const {
        std::string_view part = m_text.substr(begin, end - begin);
        while (!part.empty() && is_space(part.front())) part.remove_prefix(1);
        while (!part.empty()) {
            const char c = part.back();
            if (!is_space(c) && c != ',' && c != '.' && c != ';' && c != ':' && c != '(') break;
            part.remove_suffix(1);
        }
        return std::string(part);
    }

    void emit(Deadline deadline, size_t begin, size_t end) {
        deadline.text = slice(begin, end);
        // A period names no cycle a later cue could inherit except the half
        // year, which it should: "báo cáo 6 tháng đầu năm (chậm nhất ngày
        // 16/6 hằng năm)" is labelled "6 tháng".
        if (deadline.kind != DeadlineKind::period) m_floor = end;
        m_out.push_back(std::move(deadline));
    }

    size_t try_at(size_t p) {
        if (!may_start_deadline(m_lower, p)) return k_npos;
        if (const size_t end = eat(m_lower, p, "thường xuyên"); end != k_npos) {
            if (!m_ongoing_seen) {
                m_ongoing_seen = true;
                Deadline deadline;
                deadline.kind = DeadlineKind::ongoing;
                emit(std::move(deadline), p, end);
            }
            return end;
        }
        if (const size_t end = try_dinh_ky(p); end != k_npos) return end;
        if (const size_t end = try_every(p); end != k_npos) return end;
        if (auto cue = cue_at(m_lower, p)) {
            emit_cue(*cue, context_before(m_lower, p, m_floor), p);
            return cue->end;
        }
        if (auto period = period_target(m_lower, p, true, false)) {
            if (auto deadline = resolve(*period, false, {}, m_document_year)) {
                emit(std::move(*deadline), period->start, period->end);
            }
            return period->end;
        }
        return try_bare(p);
    }

    // Every deadline of one cue. The first one's text starts at the cue, or
    // at `cycle_start` when a cycle written before the cue ("Hằng năm, trước
    // ngày 31 tháng 12") made it recurring.
    void emit_cue(const CueMatch& cue, const Context& context, size_t cycle_start) {
        for (size_t i = 0; i < cue.targets.size(); ++i) {
            const Target& target = cue.targets[i];
            auto deadline = resolve(target, cue.exclusive, context, m_document_year);
            if (!deadline) continue;
            if (target.kind == TargetKind::duration && target.from_end > target.from_begin) {
                deadline->from = slice(target.from_begin, target.from_end);
            }
            size_t begin = target.start;
            if (i == 0) begin = is_recurring(deadline->kind) ? cycle_start : cue.start;
            emit(std::move(*deadline), begin, target.end);
        }
    }

    // True when a cue after `from`, in the same clause, gives a recurring
    // deadline of `context`: "định kỳ 6 tháng (chậm nhất ngày 16/6 hàng năm)"
    // is one deadline, not two.
    bool cycle_dated_later(size_t from, const Context& context) const {
        const size_t limit = std::min(m_lower.size(), from + k_cycle_reach);
        for (size_t x = from; x < limit;) {
            if (is_clause_end(m_lower, x)) return false;
            if (!is_word_start(m_lower, x)) {
                ++x;
                continue;
            }
            if (auto cue = cue_at(m_lower, x)) {
                for (const Target& target : cue->targets) {
                    auto deadline = resolve(target, cue->exclusive, context, m_document_year);
                    if (deadline && is_recurring(deadline->kind)) return true;
                }
                return false;
            }
            while (x < limit && is_word_byte(m_lower, x)) ++x;
        }
        return false;
    }

    // "định kỳ hằng năm", "định kỳ 6 tháng và hằng năm".
    size_t try_dinh_ky(size_t p) {
        const size_t dinh_ky = eat(m_lower, p, "định kỳ");
        if (dinh_ky == k_npos) return k_npos;
        auto cycle = cycle_words(m_lower, skip_spaces(m_lower, dinh_ky));
        if (!cycle) return dinh_ky;
        // A dated cue later in the clause carries the cycle; its look-back
        // finds the label.
        if (cycle_dated_later(cycle->end, cycle->context)) return cycle->end;
        emit(cycle_deadline(cycle->context), p, cycle->end);
        size_t end = cycle->end;
        for (int k = 0; k < 4; ++k) {
            const size_t r = skip_spaces(m_lower, end);
            size_t x = k_npos;
            static constexpr std::array<std::string_view, 2> k_and = {"và", "hoặc"};
            if (r < m_lower.size() && m_lower[r] == ',') {
                x = skip_spaces(m_lower, r + 1);
                if (const size_t va = eat_any(m_lower, x, k_and); va != k_npos) x = va;
            } else {
                x = eat_any(m_lower, r, k_and);
            }
            if (x == k_npos) break;
            x = skip_spaces(m_lower, x);
            auto more = cycle_words(m_lower, x);
            if (!more) break;
            emit(cycle_deadline(more->context), x, more->end);
            end = more->end;
        }
        return end;
    }

    // "Hằng năm, trước ngày 31 tháng 12", "hằng quý, trước ngày 20",
    // "hằng tuần vào thứ Sáu", "hằng tuần".
    size_t try_every(size_t p) {
        auto every = every_cycle(m_lower, p);
        if (!every) return k_npos;
        size_t q = skip_spaces(m_lower, every->end);
        if (q < m_lower.size() && m_lower[q] == ',') q = skip_spaces(m_lower, q + 1);
        if (auto cue = cue_at(m_lower, q)) {
            emit_cue(*cue, every->context, p);
            return cue->end;
        }
        size_t r = q;
        if (const size_t vao = eat(m_lower, r, "vào"); vao != k_npos) r = vao;
        if (auto target = date_target(m_lower, r, true)) {
            auto deadline = resolve(*target, false, every->context, m_document_year);
            if (deadline && is_recurring(deadline->kind)) {
                emit(std::move(*deadline), p, target->end);
                return target->end;
            }
        }
        if (every->context.cycle == Cycle::weekly &&
            !cycle_dated_later(every->end, every->context)) {
            emit(cycle_deadline(every->context), p, every->end);
            return every->end;
        }
        return k_npos;
    }

    // A date with no cue: a deadline only with a recurrence after it
    // ("ngày 10 tháng đầu quý", "thứ Sáu tuần cuối cùng hằng tháng");
    // otherwise a citation, consumed whole so its parts are not read again.
    size_t try_bare(size_t p) {
        auto target = date_target(m_lower, p, true);
        if (!target) return k_npos;
        if (target->suffix != Suffix::none) {
            const Context context = context_before(m_lower, p, m_floor);
            auto deadline = resolve(*target, false, context, m_document_year);
            if (deadline && is_recurring(deadline->kind)) {
                emit(std::move(*deadline), target->start, target->end);
                return target->end;
            }
        }
        return target->kind == TargetKind::weekday ? k_npos : target->end;
    }

    std::string_view m_text;
    std::string_view m_lower;
    std::optional<int> m_document_year;
    std::vector<Deadline> m_out;
    size_t m_floor = 0;  // end of the last deadline but a period: look-backs stop there
    bool m_ongoing_seen = false;
};

}  // namespace

std::vector<Deadline> find_deadlines(std::string_view text, std::optional<int> document_year) {
    const std::string lower = text::fold_case_aligned(text);
    return find_deadlines(text, lower, document_year);
}

std::vector<Deadline> find_deadlines(std::string_view text, std::string_view lower,
                                     std::optional<int> document_year) {
    // The fold keeps every byte offset; if it ever did not, slicing the
    // original at the folded offsets would be wrong.
    if (lower.size() != text.size()) return {};
    return Scanner(text, lower, document_year).run();
}

}  // namespace dondoc::read
