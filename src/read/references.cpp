// Cited documents: "Công văn số 2319/UBND-KTTH ngày 24/5/2023 của UBND tỉnh
// Quảng Ngãi", "Kết luận số 1753-KL/TU", "Nghị định số 30/2020/NĐ-CP".
#include <array>
#include <string>
#include <unordered_map>

#include "read/dates.h"
#include "read/document_types.h"
#include "read/parts.h"
#include "read/scan.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dondoc::read {
namespace {

using std::string_view_literals::operator""sv;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool upper_at(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return false;
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    return text::starts_upper(s.substr(pos, 4));
}

// One symbol group: an upper-case letter, then letters, digits or "&".
std::size_t symbol_group_end(std::string_view s, std::size_t pos) {
    if (!upper_at(s, pos)) return pos;
    std::size_t p = pos;
    while (p < s.size()) {
        const auto c = static_cast<unsigned char>(s[p]);
        if (c < 0x80) {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                is_digit(static_cast<char>(c)) || c == '&') {
                ++p;
                continue;
            }
            break;
        }
        if (!is_word_byte(s, p)) break;
        std::size_t next = p;
        text::next_code_point(s, next);
        p = next;
    }
    return p;
}

struct Notation {
    std::string number;
    std::string symbol;
    std::string notation;
    bool party = false;
    std::size_t end = 0;
};

// A notation starting at the digit at `pos`: "2319/UBND-KTTH", "1753-KL/TU",
// "30/2020/NĐ-CP".
std::optional<Notation> notation_at(std::string_view s, std::size_t pos) {
    if (pos > 0 &&
        (is_word_byte(s, pos - 1) || s[pos - 1] == '/' || s[pos - 1] == '-' || s[pos - 1] == '.')) {
        return std::nullopt;
    }
    std::size_t p = pos;
    while (p < s.size() && is_digit(s[p]) && p - pos < 6) ++p;
    if (p == pos || p >= s.size() || is_digit(s[p])) return std::nullopt;
    const char sep = s[p];
    if (sep != '/' && sep != '-') return std::nullopt;
    Notation n;
    n.number = std::string(s.substr(pos, p - pos));
    const std::size_t symbol_begin = p + 1;
    std::size_t q = symbol_begin;
    if (sep == '/') {
        // An optional year: "30/2020/NĐ-CP".
        if (q + 5 <= s.size() && is_digit(s[q]) && is_digit(s[q + 1]) && is_digit(s[q + 2]) &&
            is_digit(s[q + 3]) && s[q + 4] == '/') {
            q += 5;
        }
        std::size_t end = symbol_group_end(s, q);
        if (end == q) return std::nullopt;
        while (end < s.size() && s[end] == '-') {
            const std::size_t next = symbol_group_end(s, end + 1);
            if (next == end + 1) break;
            end = next;
        }
        q = end;
    } else {
        std::size_t end = symbol_group_end(s, q);
        if (end == q || end >= s.size() || s[end] != '/') return std::nullopt;
        std::size_t issuer_end = symbol_group_end(s, end + 1);
        if (issuer_end == end + 1) return std::nullopt;
        while (issuer_end < s.size() && s[issuer_end] == '-') {
            const std::size_t next = symbol_group_end(s, issuer_end + 1);
            if (next == issuer_end + 1) break;
            issuer_end = next;
        }
        q = issuer_end;
        n.party = true;
    }
    n.symbol = std::string(s.substr(symbol_begin, q - symbol_begin));
    n.notation = std::string(s.substr(pos, q - pos));
    n.end = q;
    return n;
}

// Words that end the issuer named after "của".
const Lexicon k_issuer_stops{
    "về"sv,         "tại"sv,   "nêu trên"sv, "đã"sv,       "theo"sv,    "thực hiện"sv,
    "triển khai"sv, "trong"sv, "ban hành"sv, "kèm theo"sv, "đối với"sv, "để"sv,
    "cho"sv,        "gửi"sv,   "cũng như"sv, "với"sv,      "trên"sv,    "năm"sv,
    "thì"sv,        "là"sv,    "đến"sv,      "được"sv,     "có"sv,      "quy định"sv,
    "hướng dẫn"sv,  "số"sv,    "ngày"sv,     "nhằm"sv,     "đang"sv,    "sẽ"sv};

std::size_t issuer_end(std::string_view s, std::string_view lower, std::size_t pos) {
    std::size_t p = pos;
    std::size_t last = pos;
    for (int words = 0; words < 12; ++words) {
        const std::size_t w = skip_spaces(s, p);
        if (w >= s.size()) break;
        if (!is_word_byte(s, w)) {
            if ((s[w] == '-' || s[w] == '&') && w + 1 < s.size()) {
                p = w + 1;
                continue;
            }
            break;
        }
        bool stop = k_issuer_stops.longest_at(lower, w) != 0;
        if (phrase_at(lower, w, "và")) {
            const std::size_t after = skip_spaces(s, w + "và"sv.size());
            stop = !upper_at(s, after);
        }
        if (stop) break;
        p = last = word_end(s, w);
    }
    return last;
}

struct Mention {
    Reference reference;
    bool implements = false;
};

// The start of the citing phrase: the type word before "số" (a few words
// back, within the clause), else "số", else the notation.
std::size_t phrase_start(std::string_view lower, std::size_t number_pos,
                         std::optional<TypeInfo>& type_word) {
    std::size_t p = number_pos;
    while (p > 0 && lower[p - 1] == ' ') --p;
    std::size_t start = number_pos;
    if (p >= "số"sv.size() && lower.substr(p - "số"sv.size(), "số"sv.size()) == "số"sv &&
        phrase_at(lower, p - "số"sv.size(), "số")) {
        start = p - "số"sv.size();
        p = start;
    }
    // Walk back word by word (at most 8) looking for a type name.
    std::size_t cursor = p;
    for (int words = 0; words < 8 && cursor > 0; ++words) {
        std::size_t e = cursor;
        while (e > 0 && lower[e - 1] == ' ') --e;
        if (e == 0 || !is_word_byte(lower, e - 1)) {
            // Punctuation (other than a continuation byte) ends the clause.
            if (e > 0 && (static_cast<unsigned char>(lower[e - 1]) < 0x80)) break;
        }
        std::size_t b = e;
        while (b > 0 && (is_word_byte(lower, b - 1) ||
                         (static_cast<unsigned char>(lower[b - 1]) & 0xC0u) == 0x80u)) {
            --b;
        }
        if (b == e) break;
        if (auto type = type_name_at(lower, b)) {
            type_word = type->first;
            start = b;
            // A compound name: "Thông báo kết luận", "Công văn hướng dẫn".
            std::size_t e2 = b;
            while (e2 > 0 && lower[e2 - 1] == ' ') --e2;
            for (std::size_t b2 = e2; b2 > 0 && e2 - b2 < 24; --b2) {
                if (auto outer = type_name_at(lower, b2 - 1);
                    outer && b2 - 1 + outer->second == e2) {
                    type_word = outer->first;
                    start = b2 - 1;
                    break;
                }
            }
        }
        cursor = b;
        if (type_word) break;
    }
    return start;
}

std::string key_of(std::string_view notation) {
    std::string key;
    for (char c : notation) {
        if (c != '-' && c != ' ') key.push_back(c);
    }
    return text::fold_case(key);
}

void scan_text(std::string_view text, std::string_view lower, bool implements_here,
               std::vector<Mention>& out, std::size_t max_mentions) {
    for (std::size_t i = 0; i < text.size() && out.size() < max_mentions; ++i) {
        while (i < text.size() && !is_digit(text[i])) ++i;
        if (i >= text.size()) break;
        auto n = notation_at(text, i);
        if (!n) {
            while (i + 1 < text.size() && is_digit(text[i + 1])) ++i;
            continue;
        }
        Mention m;
        Reference& ref = m.reference;
        std::optional<TypeInfo> type_word;
        const std::size_t start = phrase_start(lower, i, type_word);
        ref.number = n->number;
        ref.symbol = n->symbol;
        ref.notation = n->notation;
        std::size_t end = n->end;
        // ", ngày 14/4/2023" or " ngày 02 tháng 02 năm 2024".
        std::size_t p = end;
        if (p < text.size() && text[p] == ',') ++p;
        if (auto date = match_date(lower, p, true)) {
            if (date->date.year && date->date.month && date->date.day) {
                ref.date = Date{*date->date.year, *date->date.month, *date->date.day};
            }
            end = date->end;
        }
        p = skip_spaces(lower, end);
        if (phrase_at(lower, p, "của")) {
            const std::size_t name = skip_spaces(lower, p + "của"sv.size());
            if (upper_at(text, name)) {
                const std::size_t stop = issuer_end(text, lower, name);
                if (stop > name) {
                    ref.issuer = text::collapse_whitespace(text.substr(name, stop - name));
                    end = stop;
                }
            }
        }
        // The type: the symbol's type part, else the type word, else a công văn.
        const Family family = n->party ? Family::party : Family::state;
        std::string_view symbol = n->symbol;
        if (!n->party && symbol.size() > 5 && is_digit(symbol[0]) && symbol[4] == '/') {
            symbol.remove_prefix(5);
        }
        const std::size_t cut = n->party ? symbol.find('/') : symbol.find('-');
        std::optional<TypeInfo> type = type_by_code(symbol.substr(0, cut), family);
        if (type && n->party && type->code == "QĐ" && type_word && type_word->name == "Quy định") {
            type = TypeInfo{"QĐi", "Quy định"};
        }
        if (!type && type_word) type = type_word;
        if (!type) type = cong_van_type();
        ref.type = std::string(type->code);
        ref.text = text::collapse_whitespace(text.substr(start, end - start));
        m.implements = implements_here;
        out.push_back(std::move(m));
        i = end > i ? end - 1 : i;
    }
}

bool opens_with_implementation(std::string_view lower) {
    for (auto cue : {"thực hiện"sv, "triển khai"sv, "căn cứ"sv}) {
        if (phrase_at(lower, 0, cue)) return true;
    }
    return false;
}

}  // namespace

void read_references(const std::vector<Paragraph>& body, std::size_t max_references,
                     Record& record) {
    std::vector<Mention> mentions;
    const std::size_t max_mentions = max_references * 8;
    if (record.subject) {
        scan_text(*record.subject, text::fold_case_aligned(*record.subject), true, mentions,
                  max_mentions);
    }
    bool preamble = true;
    for (const auto& paragraph : body) {
        if (paragraph.marker != MarkerKind::none) preamble = false;
        const bool implements = preamble && opens_with_implementation(paragraph.lower);
        scan_text(paragraph.text, paragraph.lower, implements, mentions, max_mentions);
    }
    const std::string own = record.notation ? key_of(*record.notation) : std::string();
    std::unordered_map<std::string, std::size_t> index;
    for (auto& mention : mentions) {
        const std::string key = key_of(*mention.reference.notation);
        if (!own.empty() && record.number && key == own) continue;
        auto found = index.find(key);
        if (found == index.end()) {
            if (record.references.size() >= max_references) {
                record.warnings.push_back("references: more than " +
                                          std::to_string(max_references) +
                                          ", the rest were not read");
                break;
            }
            mention.reference.relation =
                mention.implements ? Relation::implements : Relation::cites;
            index.emplace(key, record.references.size());
            record.references.push_back(std::move(mention.reference));
            continue;
        }
        Reference& first = record.references[found->second];
        if (mention.implements) first.relation = Relation::implements;
        if (!first.date && mention.reference.date) first.date = mention.reference.date;
        if (!first.issuer && mention.reference.issuer) first.issuer = mention.reference.issuer;
    }
}

}  // namespace dondoc::read
