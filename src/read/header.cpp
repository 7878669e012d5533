// The header: issuer block, national title, number and symbol, place and
// date, type name and subject, "Kính gửi". Converters serialize the two
// columns of the printed header in any order, so each line is classified by
// what it says, not by where it stands.
#include <string>

#include "read/dates.h"
#include "read/document_types.h"
#include "read/parts.h"
#include "read/scan.h"
#include "text/normalize.h"

namespace dondoc::read {
namespace {

using std::string_view_literals::operator""sv;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// The national title and motto; "Cộng hòa…"/"Đảng Cộng sản…" only in capitals,
// so a subject line that names them is not taken for the title.
bool is_national_title(std::string_view line, std::string_view folded) {
    // The dashes between the words: a hyphen, an en dash, or an em dash as
    // some type it.
    if (starts_with(folded, "doc lap - tu do") || starts_with(folded, "doc lap – tu do") ||
        starts_with(folded, "doc lap — tu do") || starts_with(folded, "doc lap-tu do")) {
        return true;
    }
    return (starts_with(folded, "cong hoa xa hoi chu nghia viet nam") ||
            starts_with(folded, "dang cong san viet nam")) &&
           text::is_upper_text(line);
}

// A prefix of at most `max` bytes that does not cut a character.
std::size_t prefix_length(std::string_view s, std::size_t max) {
    if (s.size() <= max) return s.size();
    while (max > 0 && (static_cast<unsigned char>(s[max]) & 0xC0u) == 0x80u) --max;
    return max;
}

bool is_decoration(std::string_view line) {
    for (char c : line) {
        if (c != '-' && c != '_' && c != '*' && c != '=' && c != ' ' && c != '~') {
            return false;
        }
    }
    return true;
}

// "Số: 981 /UBND", "Số 12-KH/HU", "SỐ: /UBND-TH". Returns the notation text
// with spaces removed, or nullopt when the line is not a number line.
std::optional<std::string> number_line(std::string_view line) {
    std::string_view rest;
    if (starts_with(line, "Số") || starts_with(line, "SỐ")) {
        rest = line.substr("Số"sv.size());
    } else {
        return std::nullopt;
    }
    if (!rest.empty() && rest.front() == ':')
        rest.remove_prefix(1);
    else if (rest.empty() || rest.front() != ' ')
        return std::nullopt;
    std::string compact;
    for (char c : rest) {
        if (c != ' ') compact.push_back(c);
    }
    // Trailing dots and dashes of a blank form ("Số: …/UBND").
    if (compact.find('/') == std::string::npos && compact.find('-') == std::string::npos) {
        return std::nullopt;
    }
    bool has_letter = false;
    for (char c : compact) {
        if ((c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80) has_letter = true;
    }
    if (!has_letter) return std::nullopt;
    std::size_t start = 0;
    while (start < compact.size() && (compact[start] == '.' || compact[start] == '_')) ++start;
    return compact.substr(start);
}

void apply_notation(const std::string& notation, Record& record) {
    std::size_t digits = 0;
    while (digits < notation.size() && notation[digits] >= '0' && notation[digits] <= '9') {
        ++digits;
    }
    const std::string number = notation.substr(0, digits);
    std::string symbol;
    if (digits < notation.size()) symbol = notation.substr(digits + 1);
    if (digits < notation.size() && notation[digits] == '-' &&
        symbol.find('/') != std::string::npos) {
        record.family = Family::party;
    }
    if (!number.empty()) record.number = number;
    if (!symbol.empty()) record.symbol = symbol;
    record.notation = notation;
}

// "Sơn Tây, ngày 26 tháng 5 năm 2023".
bool date_line(std::string_view line, Record& record) {
    if (line.size() > 160) return false;
    const std::string lower = text::fold_case_aligned(line);
    const std::size_t at = find_phrase(lower, "ngày");
    if (at == std::string::npos) return false;
    auto date = match_word_date(lower, at, true);
    if (!date) return false;
    if (!date->date.year && !date->date.month && !date->date.day) return false;
    std::string place = text::collapse_whitespace(line.substr(0, at));
    while (!place.empty() && (place.back() == ',' || place.back() == ' ')) place.pop_back();
    if (!place.empty()) record.place = place;
    record.date = date->date;
    return true;
}

// "V/v …", "Về việc …" (Party công văn), "Về …" under a type name.
std::optional<std::string_view> subject_start(std::string_view line, bool after_type) {
    for (auto prefix : {"V/v"sv, "V/V"sv, "v/v"sv, "Về việc"sv, "về việc"sv, "VỀ VIỆC"sv}) {
        if (starts_with(line, prefix)) {
            auto rest = text::trim(line.substr(prefix.size()));
            if (!rest.empty() && rest.front() == ':') rest = text::trim(rest.substr(1));
            return rest;
        }
    }
    if (after_type) {
        if (starts_with(line, "Về ") || starts_with(line, "VỀ ")) {
            return text::trim(line.substr("Về"sv.size()));
        }
        return line;
    }
    return std::nullopt;
}

bool starts_new_body_name(std::string_view folded) {
    for (auto word :
         {"so "sv,      "ban "sv,      "phong "sv,    "huyen uy"sv,  "tinh uy"sv,
          "thanh uy"sv, "thi uy"sv,    "dang uy"sv,   "van phong"sv, "chi cuc"sv,
          "cuc "sv,     "tong cuc"sv,  "trung tam"sv, "bo "sv,       "uy ban kiem tra"sv,
          "hoi dong"sv, "thanh tra"sv, "kho bac"sv,   "cong an"sv,   "bo chi huy"sv,
          "doan "sv,    "truong "sv,   "benh vien"sv, "ubkt"sv,      "ban chi huy"sv}) {
        if (starts_with(folded, word)) return true;
    }
    return false;
}

// The issuer block's lines: a parent above the issuer ("UBND TỈNH QUẢNG NGÃI"
// / "SỞ NỘI VỤ"), or one name wrapped over lines ("ỦY BAN NHÂN DÂN" / "HUYỆN SƠN TÂY").
void apply_issuer(const std::vector<std::string>& block, Record& record) {
    if (block.empty()) return;
    std::vector<std::string> names;
    for (const auto& line : block) {
        const std::string folded = text::fold_diacritics(line);
        if (names.empty() || starts_new_body_name(folded)) {
            names.push_back(line);
        } else {
            names.back() += " " + line;
        }
    }
    record.issuer.name = names.back();
    if (names.size() >= 2) {
        std::string parent;
        for (std::size_t i = 0; i + 1 < names.size(); ++i) {
            if (!parent.empty()) parent += " ";
            parent += names[i];
        }
        record.issuer.parent = parent;
    }
}

}  // namespace

std::string clean_list_entry(std::string_view entry) {
    entry = text::trim(entry);
    for (auto bullet : {"- "sv, "+ "sv, "• "sv, "* "sv, "– "sv, "-"sv}) {
        if (starts_with(entry, bullet)) {
            entry = text::trim(entry.substr(bullet.size()));
            break;
        }
    }
    while (!entry.empty() && (entry.back() == ';' || entry.back() == ',' || entry.back() == '.')) {
        if (entry.size() >= 2 && entry.substr(entry.size() - 2) == "./") break;
        entry.remove_suffix(1);
        entry = text::trim(entry);
    }
    if (entry.size() >= 2 && entry.substr(entry.size() - 2) == "./") {
        entry = text::trim(entry.substr(0, entry.size() - 2));
    }
    return std::string(entry);
}

std::size_t read_header(const std::vector<Line>& lines, Record& record) {
    enum class Mode { scan, subject, recipients };
    Mode mode = Mode::scan;
    std::vector<std::string> issuer_block;
    bool seen_type = false;
    bool subject_done = false;
    std::string subject;
    std::size_t i = 0;
    for (; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (line.table_row()) break;
        const std::string& s = line.text;
        if (s.empty()) {
            if (mode == Mode::subject) {
                mode = Mode::scan;
                subject_done = true;
            }
            continue;
        }
        // The cues below are all near the start of a line.
        const std::string folded =
            text::fold_diacritics(std::string_view(s).substr(0, prefix_length(s, 64)));
        if (is_national_title(s, folded)) {
            if (starts_with(folded, "dang cong san")) record.family = Family::party;
            if (mode == Mode::subject) subject_done = true;
            mode = Mode::scan;
            continue;
        }
        if (is_decoration(s)) continue;
        if (auto notation = number_line(s)) {
            apply_notation(*notation, record);
            if (mode == Mode::subject) subject_done = true;
            mode = Mode::scan;
            continue;
        }
        if (starts_with(folded, "kinh gui")) {
            if (mode == Mode::subject) subject_done = true;
            mode = Mode::recipients;
            const std::size_t colon = s.find(':');
            const std::string_view rest = std::string_view(s).substr(
                colon == std::string::npos ? std::min(s.size(), "Kính gửi"sv.size()) : colon + 1);
            const std::string entry = clean_list_entry(rest);
            if (!entry.empty()) record.recipients.push_back(entry);
            continue;
        }
        if (mode == Mode::recipients) {
            const bool bullet = s[0] == '-' || s[0] == '+' || starts_with(s, "•");
            if (bullet || (record.recipients.empty() && s.size() < 200)) {
                record.recipients.push_back(clean_list_entry(s));
                continue;
            }
            break;  // the body starts
        }
        if (date_line(s, record)) {
            if (mode == Mode::subject) subject_done = true;
            mode = Mode::scan;
            continue;
        }
        if (mode == Mode::subject) {
            subject += " " + s;
            continue;
        }
        if (!seen_type && subject.empty() && text::is_upper_text(s) &&
            s.find(':') == std::string::npos) {
            std::string_view name = s;
            if (auto type = type_by_name(name)) {
                record.type = DocumentType{std::string(type->code), std::string(type->name)};
                seen_type = true;
                // The subject follows on the next lines.
                std::size_t j = i + 1;
                while (j < lines.size() && lines[j].text.empty()) ++j;
                if (j < lines.size() && !lines[j].table_row()) {
                    if (auto start = subject_start(lines[j].text, true)) {
                        subject = std::string(*start);
                        mode = Mode::subject;
                        i = j;
                    }
                }
                continue;
            }
        }
        if (!subject_done && subject.empty()) {
            if (auto start = subject_start(s, false)) {
                subject = std::string(*start);
                mode = Mode::subject;
                continue;
            }
        }
        if (subject.empty() && !seen_type && text::is_upper_text(s) && s.size() < 120) {
            issuer_block.push_back(s);
            continue;
        }
        if (s == "*") continue;
        break;  // the first line that is not a header part starts the body
    }
    apply_issuer(issuer_block, record);
    subject = text::collapse_whitespace(subject);
    while (!subject.empty() &&
           (subject.back() == '.' || subject.back() == ';' || subject.back() == ',')) {
        subject.pop_back();
    }
    if (!subject.empty()) record.subject = subject;
    if (record.type.code.empty()) {
        // A công văn has no type name, only "V/v"; a typed symbol ("KH-UBND",
        // Party "KL/TU") names its type.
        std::optional<TypeInfo> from_symbol;
        if (record.symbol) {
            std::string_view symbol = *record.symbol;
            const std::size_t cut =
                record.family == Family::party ? symbol.find('/') : symbol.find('-');
            from_symbol = type_by_code(symbol.substr(0, cut), record.family);
        }
        const TypeInfo info = from_symbol ? *from_symbol : cong_van_type();
        record.type = DocumentType{std::string(info.code), std::string(info.name)};
    }
    return i;
}

}  // namespace dondoc::read
