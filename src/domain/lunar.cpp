// The Vietnamese lunisolar calendar from first principles.
//
// Written from the published method, not from any existing converter:
//   - Jean Meeus, "Astronomical Algorithms" (2nd ed., 1998): ch. 49 for the
//     instants of new moon (mean lunation plus the periodic and planetary
//     corrections), ch. 25 for the Sun's apparent longitude (low-accuracy
//     method, about 0.01°);
//   - Espenak & Meeus, "Five Millennium Canon of Solar Eclipses" (NASA, 2006):
//     the polynomials for ΔT = TT − UT, since Meeus' series give dynamical time;
//   - the calendar rules as published on Hồ Ngọc Đức's calrules page (in
//     words; summarized in ../shared/spec/standards.md §5.3): a month starts
//     on the local day of the new moon, month 11 holds the December solstice,
//     and in a 13-month year the first month after month 11 without a
//     principal term (trung khí) is the leap month.
// Everything is computed for UTC+7 (105°E), the meridian of Vietnam's
// calendar; China's uses UTC+8, which is why Tết differs in 1985, 2007 and
// 2030.
//
// Days are counted as std::chrono::sys_days (days since 1970-01-01), which is
// the Julian day number minus 2440588.
#include "domain/lunar.h"

#include <cmath>

namespace dondoc::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr double k_pi = 3.14159265358979323846;
constexpr double k_unix_epoch_jd = 2440587.5;  // Julian date of 1970-01-01 00:00 UT
constexpr double k_utc_offset_days = 7.0 / 24.0;
constexpr double k_seconds_per_day = 86400.0;
constexpr double k_synodic_month = 29.530588861;
constexpr double k_first_new_moon_jde = 2451550.09766;  // Meeus' lunation k = 0 (2000-01-06)

double sin_deg(double degrees) {
    return std::sin(degrees * k_pi / 180.0);
}

double normalize_degrees(double degrees) {
    const double reduced = std::fmod(degrees, 360.0);
    return reduced < 0 ? reduced + 360.0 : reduced;
}

// ΔT in seconds for a decimal year (Espenak & Meeus). The supported range is
// 1900-2199; the long-term parabola covers anything outside the fitted spans.
double delta_t_seconds(double year) {
    if (year >= 1860 && year < 1900) {
        const double t = year - 1860;
        return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * t * t * t -
               0.0004473624 * t * t * t * t + t * t * t * t * t / 233174;
    }
    if (year >= 1900 && year < 1920) {
        const double t = year - 1900;
        return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t -
               0.000197 * t * t * t * t;
    }
    if (year >= 1920 && year < 1941) {
        const double t = year - 1920;
        return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t;
    }
    if (year >= 1941 && year < 1961) {
        const double t = year - 1950;
        return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
    }
    if (year >= 1961 && year < 1986) {
        const double t = year - 1975;
        return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
    }
    if (year >= 1986 && year < 2005) {
        const double t = year - 2000;
        return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t +
               0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t;
    }
    if (year >= 2005 && year < 2050) {
        const double t = year - 2000;
        return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
    const double u = (year - 1820) / 100;
    if (year >= 2050 && year < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - year);
    return -20 + 32 * u * u;
}

double delta_t_days(double jd) {
    return delta_t_seconds(2000.0 + (jd - 2451545.0) / 365.25) / k_seconds_per_day;
}

// The instant (Julian ephemeris day, TT) of the new moon of lunation `k`
// (Meeus ch. 49, phase 0).
double new_moon_jde(long k) {
    const double kd = static_cast<double>(k);
    const double t = kd / 1236.85;
    const double t2 = t * t;
    const double t3 = t2 * t;
    const double t4 = t3 * t;
    const double mean = k_first_new_moon_jde + k_synodic_month * kd + 0.00015437 * t2 -
                        0.000000150 * t3 + 0.00000000073 * t4;
    const double e = 1 - 0.002516 * t - 0.0000074 * t2;  // Earth's orbit eccentricity factor
    const double m = 2.5534 + 29.10535670 * kd - 0.0000014 * t2 - 0.00000011 * t3;
    const double mp =
        201.5643 + 385.81693528 * kd + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
    const double f =
        160.7108 + 390.67050284 * kd - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
    const double omega = 124.7746 - 1.56375588 * kd + 0.0020672 * t2 + 0.00000215 * t3;

    double periodic = -0.40720 * sin_deg(mp) + 0.17241 * e * sin_deg(m) +
                      0.01608 * sin_deg(2 * mp) + 0.01039 * sin_deg(2 * f) +
                      0.00739 * e * sin_deg(mp - m) - 0.00514 * e * sin_deg(mp + m) +
                      0.00208 * e * e * sin_deg(2 * m) - 0.00111 * sin_deg(mp - 2 * f) -
                      0.00057 * sin_deg(mp + 2 * f) + 0.00056 * e * sin_deg(2 * mp + m) -
                      0.00042 * sin_deg(3 * mp) + 0.00042 * e * sin_deg(m + 2 * f) +
                      0.00038 * e * sin_deg(m - 2 * f) - 0.00024 * e * sin_deg(2 * mp - m) -
                      0.00017 * sin_deg(omega) - 0.00007 * sin_deg(mp + 2 * m) +
                      0.00004 * sin_deg(2 * mp - 2 * f) + 0.00004 * sin_deg(3 * m) +
                      0.00003 * sin_deg(mp + m - 2 * f) + 0.00003 * sin_deg(2 * mp + 2 * f) -
                      0.00003 * sin_deg(mp + m + 2 * f) + 0.00003 * sin_deg(mp - m + 2 * f) -
                      0.00002 * sin_deg(mp - m - 2 * f) - 0.00002 * sin_deg(3 * mp + m) +
                      0.00002 * sin_deg(4 * mp);

    // The planetary arguments A1-A14: base + rate·k (+ a T² term for A1 only).
    struct Planetary {
        double base;
        double rate;
        double t2;
        double coefficient;
    };
    static constexpr Planetary k_planetary[] = {
        {299.77, 0.107408, -0.009173, 0.000325}, {251.88, 0.016321, 0, 0.000165},
        {251.83, 26.651886, 0, 0.000164},        {349.42, 36.412478, 0, 0.000126},
        {84.66, 18.206239, 0, 0.000110},         {141.74, 53.303771, 0, 0.000062},
        {207.14, 2.453732, 0, 0.000060},         {154.84, 7.306860, 0, 0.000056},
        {34.52, 27.261239, 0, 0.000047},         {207.19, 0.121824, 0, 0.000042},
        {291.34, 1.844379, 0, 0.000040},         {161.72, 24.198154, 0, 0.000037},
        {239.56, 25.513099, 0, 0.000035},        {331.55, 3.592518, 0, 0.000023},
    };
    for (const Planetary& term : k_planetary) {
        periodic += term.coefficient * sin_deg(term.base + term.rate * kd + term.t2 * t2);
    }
    return mean + periodic;
}

// The Sun's apparent geocentric longitude in degrees [0, 360) at a Julian
// ephemeris day (Meeus ch. 25, low accuracy: good to about 0.01°, i.e. a
// quarter of an hour in the time of a principal term).
double sun_longitude(double jde) {
    const double t = (jde - 2451545.0) / 36525.0;
    const double mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    const double anomaly = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
    const double center = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin_deg(anomaly) +
                          (0.019993 - 0.000101 * t) * sin_deg(2 * anomaly) +
                          0.000289 * sin_deg(3 * anomaly);
    const double omega = 125.04 - 1934.136 * t;
    return normalize_degrees(mean_longitude + center - 0.00569 - 0.00478 * sin_deg(omega));
}

// The local (UTC+7) day on which new moon `k` falls.
long new_moon_day(long k) {
    const double jde = new_moon_jde(k);
    const double jd_ut = jde - delta_t_days(jde);
    return static_cast<long>(std::floor(jd_ut + k_utc_offset_days - k_unix_epoch_jd));
}

// The Sun's longitude at 00:00 local time of `day`: a principal term that
// falls during a day belongs to that day, so months are compared by these.
double sun_longitude_at_start(long day) {
    const double jd_ut = k_unix_epoch_jd + static_cast<double>(day) - k_utc_offset_days;
    return sun_longitude(jd_ut + delta_t_days(jd_ut));
}

// The lunation whose month contains `day`.
long lunation_containing(long day) {
    const double jd = k_unix_epoch_jd + static_cast<double>(day);
    long k = static_cast<long>(std::floor((jd - k_first_new_moon_jde) / k_synodic_month));
    while (new_moon_day(k + 1) <= day) ++k;
    while (new_moon_day(k) > day) --k;
    return k;
}

long day_number(std::chrono::year_month_day date) {
    return sys_days{date}.time_since_epoch().count();
}

std::chrono::year_month_day civil(long day) {
    return sys_days{days{day}};
}

// The lunation of month 11 of the lunar year that begins in Gregorian
// `year`'s December: the month holding the December solstice.
long month_eleven(int year) {
    using namespace std::chrono;
    // The solstice falls on 21 or 22 December; start a few days early and
    // find the local day during which the Sun passes 270°.
    long day = day_number(std::chrono::year{year} / December / 18);
    while (sun_longitude_at_start(day + 1) <= 270.0) ++day;
    return lunation_containing(day);
}

// True when the month of lunation `k` holds a principal term (a multiple of
// 30° of solar longitude), counting by local days.
bool has_principal_term(long k) {
    const double start = sun_longitude_at_start(new_moon_day(k));
    double end = sun_longitude_at_start(new_moon_day(k + 1));
    if (end < start) end += 360.0;
    return std::ceil(end / 30.0) > std::ceil(start / 30.0);
}

// The months from month 11 of one year to month 11 of the next.
struct LunarSpan {
    long month11 = 0;       // lunation of month 11
    long next_month11 = 0;  // lunation of the following month 11
    int leap_index = 0;     // months after month 11 to the leap month; 0 when none
};

LunarSpan span_from(int december_year) {
    LunarSpan span;
    span.month11 = month_eleven(december_year);
    span.next_month11 = month_eleven(december_year + 1);
    if (span.next_month11 - span.month11 == 13) {
        for (int i = 1; i <= 12; ++i) {
            if (!has_principal_term(span.month11 + i)) {
                span.leap_index = i;
                break;
            }
        }
    }
    return span;
}

}  // namespace

LunarDate to_lunar(std::chrono::year_month_day solar) {
    const long day = day_number(solar);
    const long k = lunation_containing(day);
    int december_year = static_cast<int>(solar.year());
    if (k < month_eleven(december_year)) --december_year;
    const LunarSpan span = span_from(december_year);

    const int index = static_cast<int>(k - span.month11);
    const bool after_leap = span.leap_index != 0 && index >= span.leap_index;
    int month = 11 + index - (after_leap ? 1 : 0);
    LunarDate lunar;
    lunar.year = december_year;
    if (month > 12) {
        month -= 12;
        lunar.year = december_year + 1;
    }
    lunar.month = month;
    lunar.day = static_cast<int>(day - new_moon_day(k)) + 1;
    lunar.leap = span.leap_index != 0 && index == span.leap_index;
    return lunar;
}

std::optional<std::chrono::year_month_day> from_lunar(const LunarDate& lunar) {
    if (lunar.month < 1 || lunar.month > 12 || lunar.day < 1 || lunar.day > 30) {
        return std::nullopt;
    }
    // Months 11 and 12 of lunar year Y follow the solstice of December Y;
    // months 1-10 follow the one of December Y-1.
    const int december_year = lunar.month >= 11 ? lunar.year : lunar.year - 1;
    const LunarSpan span = span_from(december_year);
    const int offset = lunar.month >= 11 ? lunar.month - 11 : lunar.month + 1;

    int index = offset;
    if (lunar.leap) {
        // A leap month repeats the number of the month before it; a year
        // without one, or with another, has no such month.
        if (span.leap_index == 0 || span.leap_index - 1 != offset) return std::nullopt;
        index = span.leap_index;
    } else if (span.leap_index != 0 && offset >= span.leap_index) {
        index = offset + 1;
    }
    const long start = new_moon_day(span.month11 + index);
    const long length = new_moon_day(span.month11 + index + 1) - start;
    if (lunar.day > length) return std::nullopt;
    return civil(start + lunar.day - 1);
}

std::chrono::year_month_day tet(int lunar_year) {
    // Month 1 day 1 always exists.
    return *from_lunar(LunarDate{lunar_year, 1, 1, false});
}

}  // namespace dondoc::domain
