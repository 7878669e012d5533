// The working calendar: holiday tables read, then every special day of the
// covered years worked out once, so that a lookup is a binary search.
//
// Order of precedence for a date (docs/calendar.md):
//   1. an announced row for that date (holiday, off, work);
//   2. a rule's holiday, unless the announcement lists that rule's days for
//      the year, in which case those rows replace the rule for that year;
//   3. a compensatory day (Điều 111.3) for a rule's holiday on a weekend;
//   4. Saturday and Sunday off, every other day a working day.
#include "domain/calendar.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "domain/lunar.h"
#include "text/normalize.h"

// The tables in data/holidays/, compiled in as text by src/domain/CMakeLists.txt.
namespace dondoc::domain::embedded {
extern const std::string_view k_holiday_rules;
extern const std::string_view k_holiday_announced;
}  // namespace dondoc::domain::embedded

namespace dondoc::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Rules are evaluated for the lunar calendar's supported years only.
constexpr int k_first_year = 1900;
constexpr int k_last_year = 2199;
// A holiday table is a few KiB; these bound whatever text a caller passes.
constexpr std::size_t k_max_table_bytes = 1 << 20;
constexpr std::size_t k_max_fields = 32;
constexpr int k_max_holiday_days = 31;
constexpr int k_max_offset_days = 60;

constexpr std::string_view k_rules_table = "rules.csv";
constexpr std::string_view k_announced_table = "announced.csv";
constexpr std::string_view k_rules_header =
    "id,calendar,month,day,offset,days,name,from_year,to_year,note";
constexpr std::string_view k_announced_header = "date,kind,rule,name,note";

// ---------------------------------------------------------------------------
// CSV: comma-separated fields, double-quoted when they hold commas, quotes
// ("" inside quotes) or line breaks; `#` at the start of a line makes it a
// comment; blank lines are skipped; LF or CRLF line ends.

struct Field {
    std::string text;
    int line = 0;
    int column = 0;  // in code points, from 1
};

using Row = std::vector<Field>;

class CsvReader {
  public:
    CsvReader(std::string_view text, std::string_view table) : m_text(text), m_table(table) {}

    Result<std::vector<Row>> read_all() {
        std::vector<Row> rows;
        while (m_pos < m_text.size()) {
            if (m_text[m_pos] == '#') {
                while (m_pos < m_text.size() && m_text[m_pos] != '\n') ++m_pos;
                if (auto ended = end_line(); !ended) return ended.error();
                continue;
            }
            if (at_line_end()) {
                if (auto ended = end_line(); !ended) return ended.error();
                continue;
            }
            auto row = read_row();
            if (!row) return row.error();
            rows.push_back(std::move(*row));
        }
        return rows;
    }

    // An error at a line and column of this table.
    Error error_at(int line, int column, std::string message) const {
        return make_error(ErrorCode::invalid_input, std::move(message),
                          std::string(m_table) + " line " + std::to_string(line) + ", column " +
                              std::to_string(column));
    }

  private:
    bool at_line_end() const {
        return m_text[m_pos] == '\n' ||
               (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n');
    }

    int column() const {
        int count = 1;
        for (std::size_t i = m_line_start; i < m_pos; ++i) {
            if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) ++count;
        }
        return count;
    }

    // Consumes a line end (or the end of the text).
    Result<void> end_line() {
        if (m_pos < m_text.size() && m_text[m_pos] == '\r') {
            if (m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != '\n') {
                return error_at(m_line, column(), "carriage return without a line feed");
            }
            ++m_pos;
        }
        if (m_pos < m_text.size()) ++m_pos;  // the '\n'
        ++m_line;
        m_line_start = m_pos;
        return {};
    }

    Result<Row> read_row() {
        Row row;
        while (true) {
            if (row.size() == k_max_fields) {
                return error_at(m_line, column(),
                                "more than " + std::to_string(k_max_fields) + " fields in a row");
            }
            auto field = m_text[m_pos] == '"' ? read_quoted() : read_plain();
            if (!field) return field.error();
            row.push_back(std::move(*field));
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                ++m_pos;
                if (m_pos == m_text.size()) {
                    row.push_back(Field{{}, m_line, column()});
                    break;
                }
                continue;
            }
            if (auto ended = end_line(); !ended) return ended.error();
            break;
        }
        return row;
    }

    Result<Field> read_plain() {
        Field field{{}, m_line, column()};
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '\n' &&
               m_text[m_pos] != '\r') {
            if (m_text[m_pos] == '"') {
                return error_at(m_line, column(),
                                "a quote inside an unquoted field (quote the whole field)");
            }
            ++m_pos;
        }
        // Spaces around a plain field are layout, not data ("1, 1").
        field.text = std::string(text::trim(m_text.substr(start, m_pos - start)));
        return field;
    }

    Result<Field> read_quoted() {
        Field field{{}, m_line, column()};
        ++m_pos;  // the opening quote
        while (true) {
            if (m_pos >= m_text.size()) {
                return error_at(field.line, field.column, "quoted field is never closed");
            }
            const char c = m_text[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                    field.text += '"';
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                break;
            }
            field.text += c;
            ++m_pos;
            if (c == '\n') {
                ++m_line;
                m_line_start = m_pos;
            }
        }
        if (m_pos < m_text.size() && m_text[m_pos] != ',' && !at_line_end()) {
            return error_at(m_line, column(), "text after the closing quote of a field");
        }
        return field;
    }

    std::string_view m_text;
    std::string_view m_table;
    std::size_t m_pos = 0;
    std::size_t m_line_start = 0;
    int m_line = 1;
};

// ---------------------------------------------------------------------------
// Table rows.

enum class Anchor { solar, lunar };

struct Rule {
    std::string id;
    Anchor calendar = Anchor::solar;
    int month = 0;
    int day = 0;
    int offset = 0;  // days from the anchor date to the first day off
    int days = 1;
    std::string name;
    int from_year = 0;
    int to_year = k_last_year;
};

enum class AnnouncedKind { holiday, off, work };

struct Announcement {
    CivilDate date;
    AnnouncedKind kind = AnnouncedKind::off;
    std::string rule;  // the rule whose days a `holiday` row replaces that year
    std::string name;
};

// Reads and checks a table's text up to its rows, header checked and removed.
Result<std::vector<Row>> read_table(std::string_view raw, std::string_view table,
                                    std::string_view header) {
    if (raw.size() > k_max_table_bytes) {
        return make_error(ErrorCode::invalid_input,
                          "table larger than " + std::to_string(k_max_table_bytes) + " bytes",
                          std::string(table));
    }
    auto normalized = text::normalize_input(raw);
    if (!normalized) {
        return make_error(ErrorCode::invalid_input, normalized.error().message,
                          std::string(table) + " " + normalized.error().where);
    }
    CsvReader reader(*normalized, table);
    auto rows = reader.read_all();
    if (!rows) return rows.error();
    if (rows->empty()) {
        return make_error(ErrorCode::invalid_input,
                          "no header row (expected \"" + std::string(header) + "\")",
                          std::string(table));
    }
    std::string found;
    for (const Field& field : rows->front()) {
        if (!found.empty()) found += ',';
        found += field.text;
    }
    if (found != header) {
        const Field& first = rows->front().front();
        return reader.error_at(
            first.line, first.column,
            "header is \"" + found + "\", expected \"" + std::string(header) + "\"");
    }
    rows->erase(rows->begin());
    const std::size_t expected =
        static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) + 1;
    for (const Row& row : *rows) {
        if (row.size() != expected) {
            return reader.error_at(row.front().line, row.front().column,
                                   "row has " + std::to_string(row.size()) + " fields, expected " +
                                       std::to_string(expected));
        }
    }
    return rows;
}

Error field_error(std::string_view table, const Field& field, std::string_view column_name,
                  std::string problem) {
    return make_error(
        ErrorCode::invalid_input,
        std::string(column_name) + ": " + std::move(problem) + " (found \"" + field.text + "\")",
        std::string(table) + " line " + std::to_string(field.line) + ", column " +
            std::to_string(field.column));
}

// An integer in [low, high], or an error naming the field.
Result<int> read_int(std::string_view table, const Field& field, std::string_view column_name,
                     int low, int high) {
    const std::string& s = field.text;
    std::size_t i = s.size() > 1 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size() || s.size() > 6) {
        return field_error(table, field, column_name, "expected a whole number");
    }
    int value = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return field_error(table, field, column_name, "expected a whole number");
        }
        value = value * 10 + (s[i] - '0');
    }
    if (s[0] == '-') value = -value;
    if (value < low || value > high) {
        return field_error(
            table, field, column_name,
            "expected a number from " + std::to_string(low) + " to " + std::to_string(high));
    }
    return value;
}

bool valid_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
}

Result<std::vector<Rule>> parse_rules(std::string_view raw) {
    const std::string_view table = k_rules_table;
    auto rows = read_table(raw, table, k_rules_header);
    if (!rows) return rows.error();
    std::vector<Rule> rules;
    std::vector<int> lines;
    for (const Row& row : *rows) {
        Rule rule;
        if (!valid_id(row[0].text)) {
            return field_error(table, row[0], "id", "expected lower-case letters, digits and _");
        }
        rule.id = row[0].text;
        if (row[1].text == "solar") {
            rule.calendar = Anchor::solar;
        } else if (row[1].text == "lunar") {
            rule.calendar = Anchor::lunar;
        } else {
            return field_error(table, row[1], "calendar", "expected solar or lunar");
        }
        auto month = read_int(table, row[2], "month", 1, 12);
        if (!month) return month.error();
        rule.month = *month;
        // 29/2 is allowed: the rule then applies in leap years only.
        static constexpr int k_month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const int max_day = rule.calendar == Anchor::lunar ? 30 : k_month_days[rule.month - 1];
        auto day = read_int(table, row[3], "day", 1, max_day);
        if (!day) return day.error();
        rule.day = *day;
        auto offset = read_int(table, row[4], "offset", -k_max_offset_days, k_max_offset_days);
        if (!offset) return offset.error();
        rule.offset = *offset;
        auto count = read_int(table, row[5], "days", 1, k_max_holiday_days);
        if (!count) return count.error();
        rule.days = *count;
        if (row[6].text.empty()) return field_error(table, row[6], "name", "must not be empty");
        rule.name = row[6].text;
        auto from_year = read_int(table, row[7], "from_year", k_first_year, k_last_year);
        if (!from_year) return from_year.error();
        rule.from_year = *from_year;
        if (!row[8].text.empty()) {
            auto to_year = read_int(table, row[8], "to_year", rule.from_year, k_last_year);
            if (!to_year) return to_year.error();
            rule.to_year = *to_year;
        }
        // Two rows for one holiday must cover different years, or the
        // holiday would be counted twice.
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (rules[i].id == rule.id && rules[i].from_year <= rule.to_year &&
                rule.from_year <= rules[i].to_year) {
                return field_error(
                    table, row[0], "id",
                    "rule already covers some of these years on line " + std::to_string(lines[i]));
            }
        }
        rules.push_back(std::move(rule));
        lines.push_back(row[0].line);
    }
    return rules;
}

// "YYYY-MM-DD", a real date.
std::optional<CivilDate> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8};
    const std::size_t lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            parts[p] = parts[p] * 10 + (s[i] - '0');
        }
    }
    const CivilDate date{std::chrono::year{parts[0]},
                         std::chrono::month{static_cast<unsigned>(parts[1])},
                         std::chrono::day{static_cast<unsigned>(parts[2])}};
    if (!date.ok()) return std::nullopt;
    return date;
}

Result<std::vector<Announcement>> parse_announced(std::string_view raw,
                                                  const std::vector<Rule>& rules) {
    const std::string_view table = k_announced_table;
    auto rows = read_table(raw, table, k_announced_header);
    if (!rows) return rows.error();
    std::vector<Announcement> announced;
    std::map<sys_days, int> lines;
    for (const Row& row : *rows) {
        Announcement entry;
        const auto date = parse_iso_date(row[0].text);
        if (!date || int{date->year()} < k_first_year || int{date->year()} > k_last_year) {
            return field_error(table, row[0], "date", "expected a date YYYY-MM-DD, 1900-2199");
        }
        entry.date = *date;
        if (const auto [it, inserted] = lines.emplace(sys_days{*date}, row[0].line); !inserted) {
            return field_error(table, row[0], "date",
                               "date already announced on line " + std::to_string(it->second));
        }
        if (row[1].text == "holiday") {
            entry.kind = AnnouncedKind::holiday;
        } else if (row[1].text == "off") {
            entry.kind = AnnouncedKind::off;
        } else if (row[1].text == "work") {
            entry.kind = AnnouncedKind::work;
        } else {
            return field_error(table, row[1], "kind", "expected holiday, off or work");
        }
        entry.rule = row[2].text;
        if (entry.kind == AnnouncedKind::holiday && entry.rule.empty()) {
            return field_error(table, row[2], "rule",
                               "a holiday row names the rule whose days it replaces");
        }
        if (!entry.rule.empty() && std::none_of(rules.begin(), rules.end(), [&](const Rule& rule) {
                return rule.id == entry.rule;
            })) {
            return field_error(table, row[2], "rule", "no rule with this id in rules.csv");
        }
        if (row[3].text.empty()) return field_error(table, row[3], "name", "must not be empty");
        entry.name = row[3].text;
        announced.push_back(std::move(entry));
    }
    return announced;
}

// ---------------------------------------------------------------------------
// Working out the days.

bool is_weekend(CivilDate date) {
    const std::chrono::weekday weekday{sys_days{date}};
    return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

// The date a rule's holiday starts from in `year`, if it has one that year
// (a lunar rule whose day does not exist that year has none).
std::optional<CivilDate> anchor_date(const Rule& rule, int year) {
    if (rule.calendar == Anchor::lunar) {
        return from_lunar(LunarDate{year, rule.month, rule.day, false});
    }
    const CivilDate date{std::chrono::year{year},
                         std::chrono::month{static_cast<unsigned>(rule.month)},
                         std::chrono::day{static_cast<unsigned>(rule.day)}};
    if (!date.ok()) return std::nullopt;  // 29/2 outside leap years
    return date;
}

std::vector<DayInfo> work_out_days(const std::vector<Rule>& rules,
                                   const std::vector<Announcement>& announced) {
    // Rules whose days an announcement lists for a year: (id, year).
    std::set<std::pair<std::string, int>> replaced;
    for (const Announcement& entry : announced) {
        if (entry.kind == AnnouncedKind::holiday) {
            replaced.emplace(entry.rule, int{entry.date.year()});
        }
    }

    std::map<sys_days, DayInfo> special;
    for (const Rule& rule : rules) {
        for (int year = rule.from_year; year <= rule.to_year; ++year) {
            const auto anchor = anchor_date(rule, year);
            if (!anchor || replaced.count({rule.id, int{anchor->year()}}) != 0) continue;
            for (int i = 0; i < rule.days; ++i) {
                const sys_days day = sys_days{*anchor} + days{rule.offset + i};
                auto [it, inserted] =
                    special.emplace(day, DayInfo{CivilDate{day}, DayKind::holiday, rule.name});
                // Two holidays on one day (not seen in practice) keep both names.
                if (!inserted && it->second.name != rule.name) it->second.name += "; " + rule.name;
            }
        }
    }

    // Điều 111.3: a holiday on a weekly rest day gives a day off on the next
    // working day. Walking the weekend holidays in date order lets two of
    // them (Tết over a whole weekend) take the next two working days.
    std::vector<std::pair<sys_days, std::string>> on_weekends;
    for (const auto& [day, info] : special) {
        if (is_weekend(info.date)) on_weekends.emplace_back(day, info.name);
    }
    for (const auto& [holiday, name] : on_weekends) {
        sys_days day = holiday + days{1};
        while (is_weekend(CivilDate{day}) || special.count(day) != 0) day += days{1};
        special.emplace(day, DayInfo{CivilDate{day}, DayKind::compensatory_off, "Nghỉ bù " + name});
    }

    for (const Announcement& entry : announced) {
        DayKind kind = DayKind::holiday;
        if (entry.kind == AnnouncedKind::off) kind = DayKind::compensatory_off;
        if (entry.kind == AnnouncedKind::work) {
            kind = is_weekend(entry.date) ? DayKind::makeup_working : DayKind::working;
        }
        special.insert_or_assign(sys_days{entry.date}, DayInfo{entry.date, kind, entry.name});
    }

    std::vector<DayInfo> result;
    result.reserve(special.size());
    for (auto& [day, info] : special) result.push_back(std::move(info));
    return result;
}

bool is_working_kind(DayKind kind) {
    return kind == DayKind::working || kind == DayKind::makeup_working;
}

// Monday-Friday days in (from, to], from <= to.
long weekdays_between(sys_days from, sys_days to) {
    const long span = (to - from).count();
    long count = span / 7 * 5;
    for (sys_days day = from + days{span / 7 * 7 + 1}; day <= to; day += days{1}) {
        if (!is_weekend(CivilDate{day})) ++count;
    }
    return count;
}

}  // namespace

WorkingCalendar::WorkingCalendar(std::vector<DayInfo> special_days)
    : m_special_days(std::move(special_days)) {}

const WorkingCalendar& WorkingCalendar::vietnam() {
    // Built on first use; C++ makes that thread-safe. The shipped tables are
    // tested, so a failure here is a bug, not an input error.
    static const WorkingCalendar shipped = [] {
        auto built = from_tables(embedded::k_holiday_rules, embedded::k_holiday_announced);
        if (!built) throw std::logic_error("shipped holiday tables: " + built.error().describe());
        return std::move(built).value();
    }();
    return shipped;
}

Result<WorkingCalendar> WorkingCalendar::from_tables(std::string_view rules_csv,
                                                     std::string_view announced_csv) {
    auto rules = parse_rules(rules_csv);
    if (!rules) return rules.error();
    auto announced = parse_announced(announced_csv, *rules);
    if (!announced) return announced.error();
    return WorkingCalendar(work_out_days(*rules, *announced));
}

DayInfo WorkingCalendar::day(CivilDate date) const {
    const auto found = std::lower_bound(
        m_special_days.begin(), m_special_days.end(), sys_days{date},
        [](const DayInfo& info, sys_days day) { return sys_days{info.date} < day; });
    if (found != m_special_days.end() && found->date == date) return *found;
    return DayInfo{date, is_weekend(date) ? DayKind::weekend : DayKind::working, {}};
}

bool WorkingCalendar::is_working_day(CivilDate date) const {
    return is_working_kind(day(date).kind);
}

CivilDate WorkingCalendar::add_working_days(CivilDate from, int n) const {
    const int step = n >= 0 ? 1 : -1;
    sys_days day{from};
    for (int remaining = n >= 0 ? n : -n; remaining > 0;) {
        day += days{step};
        if (is_working_day(CivilDate{day})) --remaining;
    }
    return CivilDate{day};
}

int WorkingCalendar::working_days_between(CivilDate from, CivilDate to) const {
    if (sys_days{to} < sys_days{from}) return -working_days_between(to, from);
    // Weekdays by arithmetic, then a correction for each special day in range.
    long count = weekdays_between(sys_days{from}, sys_days{to});
    const auto by_date = [](const DayInfo& info, sys_days day) {
        return sys_days{info.date} <= day;
    };
    auto it =
        std::lower_bound(m_special_days.begin(), m_special_days.end(), sys_days{from}, by_date);
    for (; it != m_special_days.end() && sys_days{it->date} <= sys_days{to}; ++it) {
        const bool plain_working = !is_weekend(it->date);
        if (is_working_kind(it->kind) != plain_working) count += plain_working ? -1 : 1;
    }
    return static_cast<int>(count);
}

std::vector<DayInfo> WorkingCalendar::days_off(int year) const {
    std::vector<DayInfo> result;
    for (const DayInfo& info : m_special_days) {
        if (int{info.date.year()} == year && !is_working_kind(info.kind)) result.push_back(info);
    }
    return result;
}

}  // namespace dondoc::domain
