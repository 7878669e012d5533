#include "domain/civil_date.h"

#include <cstdio>

namespace dondoc::domain {
namespace {

std::optional<int> digits(std::string_view s) {
    if (s.empty() || s.size() > 4) return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<CivilDate> make(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
    if (!y || !m || !d) return std::nullopt;
    const CivilDate date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                         std::chrono::day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

// `value` (below 10^width) as `width` digits at `out`.
void put_digits(char* out, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

}  // namespace

// By hand for the years of four digits: snprintf was a tenth of an import's
// instructions (several dates a row, and every status delta's day).
std::string iso(CivilDate date) {
    const int year = static_cast<int>(date.year());
    if (year < 0 || year > 9999 || !date.month().ok() || !date.day().ok()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, static_cast<unsigned>(date.month()),
                      static_cast<unsigned>(date.day()));
        return buf;
    }
    std::string out(10, '-');
    put_digits(out.data(), static_cast<unsigned>(year), 4);
    put_digits(out.data() + 5, static_cast<unsigned>(date.month()), 2);
    put_digits(out.data() + 8, static_cast<unsigned>(date.day()), 2);
    return out;
}

std::string vietnamese(CivilDate date) {
    const int year = static_cast<int>(date.year());
    if (year < 0 || year > 9999 || !date.month().ok() || !date.day().ok()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(date.day()),
                      static_cast<unsigned>(date.month()), year);
        return buf;
    }
    std::string out(10, '/');
    put_digits(out.data(), static_cast<unsigned>(date.day()), 2);
    put_digits(out.data() + 3, static_cast<unsigned>(date.month()), 2);
    put_digits(out.data() + 6, static_cast<unsigned>(year), 4);
    return out;
}

std::optional<CivilDate> parse_iso(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    return make(digits(t.substr(0, 4)), digits(t.substr(5, 2)), digits(t.substr(8, 2)));
}

std::optional<CivilDate> parse_date(std::string_view t) {
    if (auto d = parse_iso(t)) return d;
    const std::size_t a = t.find('/');
    const std::size_t b = a == std::string_view::npos ? a : t.find('/', a + 1);
    if (b == std::string_view::npos) return std::nullopt;
    const auto year = t.substr(b + 1);
    if (year.size() != 4) return std::nullopt;
    return make(digits(year), digits(t.substr(a + 1, b - a - 1)), digits(t.substr(0, a)));
}

CivilDate civil(const read::Date& d) {
    return CivilDate{std::chrono::year{d.year}, std::chrono::month{static_cast<unsigned>(d.month)},
                     std::chrono::day{static_cast<unsigned>(d.day)}};
}

std::optional<CivilDate> civil(const read::PartialDate& d) {
    return make(d.year, d.month, d.day);
}

CivilDate plus_days(CivilDate date, int days) {
    return CivilDate{std::chrono::sys_days{date} + std::chrono::days{days}};
}

}  // namespace dondoc::domain
