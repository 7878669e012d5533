// Abbreviations the text defines, and the issuer inferred from the text.
#include <algorithm>
#include <string>

#include "read/bodies.h"
#include "read/parts.h"
#include "read/scan.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace dondoc::read {
namespace {

using std::string_view_literals::operator""sv;

std::string strip_quotes(std::string_view s) {
    std::string out = text::collapse_whitespace(s);
    for (auto quote : {"“"sv, "”"sv, "\""sv, "'"sv, "‘"sv, "’"sv}) {
        while (out.starts_with(quote)) out.erase(0, quote.size());
        while (out.ends_with(quote)) out.resize(out.size() - quote.size());
    }
    return std::string(text::trim(out));
}

// "(sau đây gọi tắt là Kết luận)": the long form is the phrase before the
// parenthesis that starts with the short form's first word.
void defined_names(const Paragraph& p, Record& record) {
    for (auto cue : {"sau đây gọi tắt là"sv, "sau đây gọi là"sv, "gọi tắt là"sv, "viết tắt là"sv}) {
        std::size_t at = 0;
        while ((at = find_phrase(p.lower, cue, at)) != std::string_view::npos) {
            const std::size_t open = p.lower.rfind('(', at);
            const std::size_t close = p.lower.find(')', at);
            const std::size_t from = at + cue.size();
            at = from;
            if (open == std::string::npos || close == std::string::npos ||
                at - open > cue.size() + 8) {
                continue;
            }
            const std::string short_form =
                strip_quotes(std::string_view(p.text).substr(from, close - from));
            if (short_form.empty() || record.abbreviations.contains(short_form)) continue;
            const std::string short_lower = text::fold_case_aligned(short_form);
            const std::size_t first_word_end = word_end(short_lower, 0);
            const std::string_view first_word =
                std::string_view(short_lower).substr(0, first_word_end);
            std::size_t start = std::string::npos;
            for (std::size_t k = open; k > 0 && open - k < 400; --k) {
                if (phrase_at(p.lower, k - 1, first_word)) {
                    start = k - 1;
                    break;
                }
            }
            if (start == std::string::npos) continue;
            std::string long_form =
                text::collapse_whitespace(std::string_view(p.text).substr(start, open - start));
            while (!long_form.empty() && (long_form.back() == ',' || long_form.back() == ' '))
                long_form.pop_back();
            if (!long_form.empty() && long_form != short_form)
                record.abbreviations[short_form] = long_form;
        }
    }
}

bool is_acronym(std::string_view s) {
    if (s.size() < 2 || s.size() > 24) return false;
    std::size_t letters = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = text::next_code_point(s, i);
        if (cp == ' ' || cp == '/' || cp == '-' || cp == '.') return false;
        std::string one;
        text::append_utf8(one, cp);
        if (cp >= '0' && cp <= '9') continue;
        if (!text::is_upper_text(one)) return false;
        ++letters;
    }
    return letters >= 2;
}

// "Ban Quản lý dự án … huyện (Ban QLDA)": a short name made of leading words
// and an acronym; the long form starts at the nearest earlier use of its first word.
bool named_acronym(const Paragraph& p, std::size_t open, const std::string& inside,
                   Record& record) {
    const std::size_t last_space = inside.rfind(' ');
    if (last_space == std::string::npos || !is_acronym(inside.substr(last_space + 1))) return false;
    if (std::count(inside.begin(), inside.end(), ' ') > 3 || !text::starts_upper(inside))
        return false;
    const std::string first = text::fold_case_aligned(inside.substr(0, inside.find(' ')));
    for (std::size_t k = open; k > 0 && open - k < 300; --k) {
        if (phrase_at(p.lower, k - 1, first)) {
            std::string long_form =
                text::collapse_whitespace(std::string_view(p.text).substr(k - 1, open - k + 1));
            if (!long_form.empty() && long_form != inside) record.abbreviations[inside] = long_form;
            return true;
        }
    }
    return false;
}

// "cải cách hành chính (CCHC)": the words before the parenthesis whose
// initials spell the acronym.
void acronyms(const Paragraph& p, Record& record) {
    for (std::size_t open = p.text.find('('); open != std::string::npos;
         open = p.text.find('(', open + 1)) {
        const std::size_t close = p.text.find(')', open);
        if (close == std::string::npos) break;
        const std::string inside =
            std::string(text::trim(std::string_view(p.text).substr(open + 1, close - open - 1)));
        if (record.abbreviations.contains(inside)) continue;
        if (named_acronym(p, open, inside, record)) continue;
        if (!is_acronym(inside)) continue;
        const std::string letters = text::fold_diacritics(inside);
        // Walk back one word per letter.
        std::size_t end = open;
        while (end > 0 && p.text[end - 1] == ' ') --end;
        std::size_t start = end;
        std::size_t matched = letters.size();
        bool ok = true;
        while (matched > 0) {
            std::size_t b = start;
            while (b > 0 && p.text[b - 1] == ' ') --b;
            std::size_t w = b;
            while (w > 0 && (is_word_byte(p.text, w - 1) ||
                             (static_cast<unsigned char>(p.text[w - 1]) & 0xC0u) == 0x80u)) {
                --w;
            }
            if (w == b) {
                ok = false;
                break;
            }
            const std::string initial =
                text::fold_diacritics(std::string_view(p.text).substr(w, b - w)).substr(0, 1);
            if (initial.empty() || initial[0] != letters[matched - 1]) {
                ok = false;
                break;
            }
            --matched;
            start = w;
        }
        if (!ok) continue;
        record.abbreviations[inside] =
            text::collapse_whitespace(std::string_view(p.text).substr(start, end - start));
    }
}

std::string initials(std::string_view name) {
    std::string out;
    std::size_t pos = 0;
    while (pos < name.size()) {
        pos = skip_spaces(name, pos);
        if (pos >= name.size()) break;
        if (!is_word_byte(name, pos)) {
            ++pos;
            continue;
        }
        const std::size_t end = word_end(name, pos);
        out += text::fold_diacritics(name.substr(pos, end - pos)).substr(0, 1);
        pos = end;
    }
    return out;
}

}  // namespace

void read_abbreviations(const std::vector<Paragraph>& body, Record& record) {
    for (const auto& p : body) {
        defined_names(p, record);
        acronyms(p, record);
    }
}

void infer_issuer(const std::vector<Paragraph>& body, Record& record) {
    if (record.issuer.name) return;
    std::string agency;
    if (record.symbol) {
        std::string_view symbol = *record.symbol;
        if (record.family == Family::party) {
            const std::size_t slash = symbol.find('/');
            if (slash != std::string_view::npos) agency = std::string(symbol.substr(slash + 1));
        } else {
            // A công văn's symbol starts with the agency; a typed one has it second.
            const std::size_t dash = symbol.find('-');
            if (record.type.code == "CV" || dash == std::string_view::npos) {
                agency = std::string(symbol.substr(0, dash));
            } else {
                const std::size_t next = symbol.find('-', dash + 1);
                agency = std::string(symbol.substr(
                    dash + 1, next == std::string_view::npos ? next : next - dash - 1));
            }
        }
    }
    const std::string key = text::fold_diacritics(agency);
    if (key.size() >= 2) {
        for (const auto& p : body) {
            for (std::size_t pos = 0; pos < p.text.size();
                 pos = word_end(p.text, skip_spaces(p.text, pos)) + 1) {
                pos = skip_spaces(p.text, pos);
                if (pos >= p.text.size()) break;
                if (!text::starts_upper(std::string_view(p.text).substr(pos, 4))) continue;
                // The name's first letter is the symbol's first letter.
                if (text::fold_diacritics(std::string_view(p.lower).substr(pos, 4)).front() !=
                    key.front())
                    continue;
                if (!body_starts_at(p.text, p.lower, pos)) continue;
                for (const auto& name : read_bodies(p.text, p.lower, pos).names) {
                    if (initials(name) == key) {
                        record.issuer.name = name;
                        record.issuer.inferred = true;
                        record.warnings.push_back(
                            "issuer: not in the header, inferred from the symbol and text");
                        return;
                    }
                }
            }
        }
    }
    record.warnings.push_back("issuer: not found in the header");
}

}  // namespace dondoc::read
