#include "read/scan.h"

namespace dondoc::read {
Lexicon::Lexicon(std::initializer_list<std::string_view> phrases) {
    for (auto phrase : phrases) {
        // Every phrase has at least two bytes: the shortest words ("là", "có") do.
        if (phrase.size() >= 2) {
            m_buckets[bucket(static_cast<unsigned char>(phrase[0]),
                             static_cast<unsigned char>(phrase[1]))]
                .push_back(phrase);
        }
    }
}

std::size_t Lexicon::longest_at(std::string_view lower, std::size_t pos) const {
    if (pos + 1 >= lower.size()) return 0;
    std::size_t best = 0;
    for (auto phrase : m_buckets[bucket(static_cast<unsigned char>(lower[pos]),
                                        static_cast<unsigned char>(lower[pos + 1]))]) {
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

std::optional<int> read_number(std::string_view s, std::size_t& pos) {
    int value = 0;
    std::size_t digits = 0;
    while (pos + digits < s.size() && digits < 4 && s[pos + digits] >= '0' &&
           s[pos + digits] <= '9') {
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

}  // namespace dondoc::read
