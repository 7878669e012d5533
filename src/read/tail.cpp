// The tail: "Nơi nhận" and the signature block, which converters emit one
// after the other in either order (they stand side by side on paper).
#include <string>

#include "read/parts.h"
#include "read/scan.h"
#include "text/normalize.h"

namespace dondoc::read {
namespace {

using std::string_view_literals::operator""sv;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool is_bullet(std::string_view s) {
    return starts_with(s, "- ") || starts_with(s, "+ ") || starts_with(s, "• ") ||
           starts_with(s, "– ") || (s.size() > 1 && s[0] == '-' && s[1] != '-');
}

bool is_recipients_label(std::string_view s) {
    return starts_with(text::fold_diacritics(s.substr(0, 12)), "noi nhan");
}

// "TM.", "T/M", "KT.", "K/T", "TL.", "T/L", "TUQ.", "Q." at the start of a line.
std::optional<std::pair<Authority, std::size_t>> authority_at(std::string_view s) {
    struct Prefix {
        std::string_view text;
        Authority authority;
    };
    static constexpr Prefix k_prefixes[] = {
        {"TUQ.", Authority::tuq}, {"TUQ ", Authority::tuq}, {"T.U.Q.", Authority::tuq},
        {"TM.", Authority::tm},   {"T/M", Authority::tm},   {"TM ", Authority::tm},
        {"KT.", Authority::kt},   {"K/T", Authority::kt},   {"KT ", Authority::kt},
        {"TL.", Authority::tl},   {"T/L", Authority::tl},   {"TL ", Authority::tl},
        {"Q.", Authority::q},     {"Q ", Authority::q}};
    for (const auto& prefix : k_prefixes) {
        if (starts_with(s, prefix.text))
            return std::make_pair(prefix.authority, prefix.text.size());
    }
    return std::nullopt;
}

bool is_signed_mark(std::string_view s) {
    // "(Đã ký)", "Đã ký", "[daky]", "(Ký, đóng dấu)": short, and start with "(", "[" or "Đ"/"đ".
    if (s.empty() || s.size() > 40) return false;
    if (s[0] != '(' && s[0] != '[' && !s.starts_with("Đ") && !s.starts_with("đ")) return false;
    const std::string folded = text::fold_diacritics(s);
    return folded == "(da ky)" || folded == "da ky" || folded == "[daky]" ||
           starts_with(folded, "(ky") || starts_with(folded, "(da ky") || folded == "(ky ten)" ||
           starts_with(folded, "(ky, ") || folded == "(dau)";
}

// A person's name: 2-6 capitalized words, letters only.
bool is_person_name(std::string_view s) {
    if (s.size() > 60 || text::is_upper_text(s)) return false;
    std::size_t words = 0;
    std::size_t pos = 0;
    while (pos < s.size()) {
        pos = skip_spaces(s, pos);
        if (pos >= s.size()) break;
        if (!is_word_byte(s, pos) || !text::starts_upper(s.substr(pos, 4))) return false;
        const std::size_t end = word_end(s, pos);
        for (std::size_t k = pos; k < end; ++k) {
            if (s[k] >= '0' && s[k] <= '9') return false;
        }
        pos = end;
        ++words;
        if (pos < s.size() && s[pos] != ' ') return false;
    }
    return words >= 2 && words <= 6;
}

bool is_signature_line(std::string_view s) {
    if (s.empty()) return true;
    if (authority_at(s)) return true;
    if (is_signed_mark(s)) return true;
    if (text::is_upper_text(s) && s.size() < 90 && s.find(':') == std::string::npos) return true;
    return is_person_name(s);
}

void apply_signature(const std::vector<std::string>& block, Record& record) {
    Signer signer;
    std::vector<std::string> positions;
    for (const auto& line : block) {
        if (line.empty() || is_signed_mark(line)) continue;
        if (auto authority = authority_at(line)) {
            const std::string rest = text::collapse_whitespace(line.substr(authority->second));
            if (!signer.authority) {
                signer.authority = authority->first;
                signer.on_behalf_of = rest;
            } else {
                positions.push_back(rest);  // stacked: "TM. …" then "KT. CHỦ TỊCH"
            }
            continue;
        }
        if (text::is_upper_text(line)) {
            positions.push_back(line);
            continue;
        }
        if (is_person_name(line)) signer.name = line;
    }
    // The signer's own title is the last position printed below the authority
    // lines; a lone "Q. GIÁM ĐỐC" prints none.
    if (!positions.empty()) signer.title = positions.back();
    record.signer = signer;
}

}  // namespace

std::size_t read_tail(const std::vector<Line>& lines, std::size_t body_begin, Record& record) {
    const std::size_t n = lines.size();
    std::size_t label = n;
    for (std::size_t i = n; i > body_begin; --i) {
        if (!lines[i - 1].table_row() && is_recipients_label(lines[i - 1].text)) {
            label = i - 1;
            break;
        }
    }
    std::vector<std::string> signature;
    std::size_t body_end = n;
    if (label < n) {
        // Distribution entries after the label; what follows them is the signature.
        std::size_t i = label + 1;
        const std::string& label_text = lines[label].text;
        const std::size_t colon = label_text.find(':');
        if (colon != std::string::npos && colon + 1 < label_text.size()) {
            const std::string entry = clean_list_entry(label_text.substr(colon + 1));
            if (!entry.empty()) record.distribution.push_back(entry);
        }
        for (; i < n; ++i) {
            const std::string& s = lines[i].text;
            if (s.empty()) continue;
            if (is_bullet(s) || (!is_signature_line(s) && signature.empty())) {
                // One line may carry several entries: "TT Thành Ủy; TT HĐND (B/cáo);".
                std::string_view rest = s;
                std::size_t start = 0;
                while (start <= rest.size()) {
                    std::size_t semi = rest.find(';', start);
                    if (semi == std::string_view::npos) semi = rest.size();
                    const std::string entry = clean_list_entry(rest.substr(start, semi - start));
                    if (!entry.empty()) record.distribution.push_back(entry);
                    start = semi + 1;
                }
                continue;
            }
            signature.push_back(s);
        }
        body_end = label;
    }
    // A signature block printed before "Nơi nhận" (or with no "Nơi nhận").
    std::size_t j = body_end;
    std::vector<std::string> before;
    while (j > body_begin) {
        const std::string& s = lines[j - 1].text;
        if (lines[j - 1].table_row() || !is_signature_line(s)) break;
        if (!s.empty()) before.insert(before.begin(), s);
        --j;
    }
    bool before_has_signature = false;
    for (const auto& s : before) {
        if (authority_at(s) || is_person_name(s) || text::is_upper_text(s))
            before_has_signature = true;
    }
    if (before_has_signature && (signature.empty() || label == n)) {
        signature.insert(signature.begin(), before.begin(), before.end());
        body_end = j;
    } else if (before_has_signature && signature.empty()) {
        body_end = j;
    }
    apply_signature(signature, record);
    return std::max(body_end, body_begin);
}

}  // namespace dondoc::read
