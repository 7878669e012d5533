#include "read/dates.h"

#include <cstdio>
#include <string>

#include "read/scan.h"

namespace dondoc::read {

bool valid_date(int year, int month, int day) {
    if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int max = k_days[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= max;
}

std::string iso_date(const Date& date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buf;
}

std::optional<DateMatch> match_numeric_date(std::string_view s, std::size_t pos) {
    if (pos > 0 && is_word_byte(s, pos - 1)) return std::nullopt;
    std::size_t p = pos;
    const auto day = read_number(s, p);
    if (!day || p >= s.size()) return std::nullopt;
    const char sep = s[p];
    if (sep != '/' && sep != '-' && sep != '.') return std::nullopt;
    ++p;
    const auto month = read_number(s, p);
    if (!month || *day < 1 || *day > 31 || *month < 1 || *month > 12) return std::nullopt;
    DateMatch match;
    match.date.day = *day;
    match.date.month = *month;
    if (p + 1 < s.size() && s[p] == sep) {
        std::size_t q = p + 1;
        const std::size_t digits_start = q;
        const auto year = read_number(s, q);
        if (year && q - digits_start == 4) {
            if (!valid_date(*year, *month, *day)) return std::nullopt;
            match.date.year = *year;
            p = q;
        } else if (year) {
            return std::nullopt;  // "16/6/24": a two-digit year is not a form documents use
        }
    }
    // "2319/UBND" is not a date; "16/6" followed by letters glued to it is not either.
    if (p < s.size() && is_word_byte(s, p)) return std::nullopt;
    if (!match.date.year && (*day > 31 || !valid_date(2024, *month, *day))) return std::nullopt;
    match.end = p;
    return match;
}

std::optional<DateMatch> match_word_date(std::string_view s, std::size_t pos, bool allow_blanks) {
    std::size_t p = skip_spaces(s, pos);
    DateMatch match;
    if (phrase_at(s, p, "ngày")) {
        p = skip_spaces(s, p + std::string_view("ngày").size());
        std::size_t q = p;
        if (auto day = read_number(s, q)) {
            match.date.day = *day;
            p = skip_spaces(s, q);
        } else if (!allow_blanks) {
            return std::nullopt;
        }
    } else {
        std::size_t q = p;
        auto day = read_number(s, q);
        if (!day) return std::nullopt;
        match.date.day = *day;
        p = skip_spaces(s, q);
    }
    if (!phrase_at(s, p, "tháng")) return std::nullopt;
    p = skip_spaces(s, p + std::string_view("tháng").size());
    {
        std::size_t q = p;
        if (auto month = read_number(s, q)) {
            if (*month < 1 || *month > 12) return std::nullopt;
            match.date.month = *month;
            p = skip_spaces(s, q);
        } else if (!allow_blanks) {
            return std::nullopt;
        }
    }
    std::size_t end = p;
    if (phrase_at(s, p, "năm")) {
        std::size_t q = skip_spaces(s, p + std::string_view("năm").size());
        const std::size_t digits = q;
        if (auto year = read_number(s, q); year && q - digits == 4) {
            match.date.year = *year;
            end = q;
        } else if (allow_blanks) {
            end = p + std::string_view("năm").size();
        }
    } else {
        // Strip the space we skipped after the month.
        while (end > pos && s[end - 1] == ' ') --end;
    }
    if (match.date.day && (*match.date.day < 1 || *match.date.day > 31)) return std::nullopt;
    if (match.date.year && match.date.month && match.date.day &&
        !valid_date(*match.date.year, *match.date.month, *match.date.day)) {
        return std::nullopt;
    }
    if (!allow_blanks && !match.date.day) return std::nullopt;
    match.end = end;
    return match;
}

std::optional<DateMatch> match_date(std::string_view s, std::size_t pos, bool need_ngay) {
    std::size_t p = skip_spaces(s, pos);
    if (phrase_at(s, p, "ngày")) {
        if (auto words = match_word_date(s, p, false)) return words;
        std::size_t q = skip_spaces(s, p + std::string_view("ngày").size());
        return match_numeric_date(s, q);
    }
    if (need_ngay) return std::nullopt;
    if (auto numeric = match_numeric_date(s, p)) return numeric;
    return match_word_date(s, p, false);
}

}  // namespace dondoc::read
