#include "domain/report_period.h"

#include <array>
#include <charconv>

namespace dondoc::domain {
namespace {

CivilDate day(int year, unsigned month, unsigned d) {
    return CivilDate{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{d}};
}

CivilDate last_day(int year, unsigned month) {
    return CivilDate{std::chrono::year_month_day_last{
        std::chrono::year{year}, std::chrono::month_day_last{std::chrono::month{month}}}};
}

}  // namespace

std::optional<ReportPeriod> parse_report_period(std::string_view text) {
    int year = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || end - text.data() != 4 || year < 1900) return std::nullopt;
    const std::string_view rest = text.substr(4);
    ReportPeriod p;
    p.name = std::string(text);
    const std::string year_text = std::to_string(year);
    if (rest.empty()) {
        p.from = day(year, 1, 1);
        p.to = day(year, 12, 31);
        p.label = "năm " + year_text;
        return p;
    }
    if (rest.size() != 3 || rest[0] != '-') return std::nullopt;
    const char kind = rest[1];
    const int n = rest[2] - '0';
    if ((kind == 'Q' || kind == 'q') && n >= 1 && n <= 4) {
        static constexpr std::array<const char*, 4> k_roman = {"I", "II", "III", "IV"};
        const auto first = static_cast<unsigned>(3 * (n - 1) + 1);
        p.from = day(year, first, 1);
        p.to = last_day(year, first + 2);
        p.label = "quý ";
        p.label += k_roman[static_cast<std::size_t>(n - 1)];
        p.label += " năm " + year_text;
        return p;
    }
    if ((kind == 'H' || kind == 'h') && (n == 1 || n == 2)) {
        p.from = day(year, n == 1 ? 1 : 7, 1);
        p.to = last_day(year, n == 1 ? 6 : 12);
        p.label = (n == 1 ? "6 tháng đầu năm " : "6 tháng cuối năm ") + year_text;
        return p;
    }
    return std::nullopt;
}

ReportPeriod custom_period(CivilDate from, CivilDate to) {
    ReportPeriod p;
    p.from = from;
    p.to = to;
    p.name = iso(from) + ".." + iso(to);
    p.label = "từ ngày " + vietnamese(from) + " đến ngày " + vietnamese(to);
    return p;
}

}  // namespace dondoc::domain
