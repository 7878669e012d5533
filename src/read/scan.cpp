#include "read/scan.h"

namespace dondoc::read {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0u) == 0x80u; }

}  // namespace

bool is_word_byte(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return false;
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c >= 0x80) {
        // Typographic punctuation (– — “ ” … U+2000–U+206F) is not a letter.
        if (c == 0xE2 && pos + 1 < s.size() && static_cast<unsigned char>(s[pos + 1]) == 0x80) {
            return false;
        }
        if (c == 0xC2 && pos + 1 < s.size()) {  // U+0080–U+00BF: no-break space, «, », °
            return false;
        }
        return true;
    }
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool phrase_at(std::string_view lower, std::size_t pos, std::string_view phrase) {
    if (pos > lower.size() || lower.size() - pos < phrase.size()) return false;
    if (!phrase.empty() && lower[pos] != phrase[0]) return false;
    if (lower.compare(pos, phrase.size(), phrase) != 0) return false;
    if (pos > 0) {
        std::size_t prev = pos - 1;
        while (prev > 0 && is_continuation(static_cast<unsigned char>(lower[prev]))) --prev;
        if (is_word_byte(lower, prev) && is_word_byte(lower, pos)) return false;
    }
    const std::size_t end = pos + phrase.size();
    if (end < lower.size() && is_word_byte(lower, end) && end > 0) {
        std::size_t last = end - 1;
        while (last > pos && is_continuation(static_cast<unsigned char>(lower[last]))) --last;
        if (is_word_byte(lower, last)) return false;
    }
    return true;
}

Lexicon::Lexicon(std::initializer_list<std::string_view> phrases) {
    for (auto phrase : phrases) {
        if (!phrase.empty()) m_by_first_byte[static_cast<unsigned char>(phrase[0])].push_back(phrase);
    }
}

std::size_t Lexicon::longest_at(std::string_view lower, std::size_t pos) const {
    if (pos >= lower.size()) return 0;
    std::size_t best = 0;
    for (auto phrase : m_by_first_byte[static_cast<unsigned char>(lower[pos])]) {
        if (phrase.size() > best && phrase_at(lower, pos, phrase)) best = phrase.size();
    }
    return best;
}

std::size_t find_phrase(std::string_view lower, std::string_view phrase, std::size_t from) {
    while (from <= lower.size()) {
        const std::size_t at = lower.find(phrase, from);
        if (at == std::string_view::npos) return at;
        if (phrase_at(lower, at, phrase)) return at;
        from = at + 1;
    }
    return std::string_view::npos;
}

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
    return pos;
}

std::optional<int> read_number(std::string_view s, std::size_t& pos) {
    int value = 0;
    std::size_t digits = 0;
    while (pos + digits < s.size() && digits < 4 && s[pos + digits] >= '0' && s[pos + digits] <= '9') {
        value = value * 10 + (s[pos + digits] - '0');
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    if (pos + digits < s.size() && s[pos + digits] >= '0' && s[pos + digits] <= '9') {
        return std::nullopt;  // more than 4 digits: not a day, month or year
    }
    pos += digits;
    return value;
}

std::size_t word_end(std::string_view s, std::size_t pos) {
    while (pos < s.size() && is_word_byte(s, pos)) {
        ++pos;
        while (pos < s.size() && is_continuation(static_cast<unsigned char>(s[pos]))) ++pos;
    }
    return pos;
}

}  // namespace dondoc::read
