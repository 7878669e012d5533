// Small scanning primitives over lower-cased Vietnamese text.
//
// The reader lower-cases a paragraph with text::fold_case_aligned, finds
// phrases in that copy with these helpers, and slices the original text at
// the same byte offsets. Phrases are given in lower case NFC. No regex: every
// helper is linear in what it examines. Thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

namespace dondoc::read {

// True when the byte at `pos` starts a letter or digit (any non-ASCII byte
// counts as a letter, except typographic punctuation and Latin-1 symbols).
inline bool is_word_byte(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return false;
    const auto c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    // U+2000–U+206F (– — “ ” …) start E2 80; U+0080–U+00BF (no-break space, «, °) start C2.
    if (c == 0xE2 && pos + 1 < s.size() && static_cast<unsigned char>(s[pos + 1]) == 0x80)
        return false;
    if (c == 0xC2 && pos + 1 < s.size()) return false;
    return true;
}

// True when `phrase` occurs at `pos` and is not glued to letters on either side.
inline bool phrase_at(std::string_view lower, std::size_t pos, std::string_view phrase) {
    if (pos > lower.size() || lower.size() - pos < phrase.size()) return false;
    if (phrase.empty()) return true;
    if (lower[pos] != phrase[0]) return false;
    // Phrases are a few bytes long: a plain loop beats a call to memcmp.
    for (std::size_t k = 1; k < phrase.size(); ++k) {
        if (lower[pos + k] != phrase[k]) return false;
    }
    const auto continuation = [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0u) == 0x80u;
    };
    if (pos > 0) {
        std::size_t prev = pos - 1;
        while (prev > 0 && continuation(lower[prev])) --prev;
        if (is_word_byte(lower, prev) && is_word_byte(lower, pos)) return false;
    }
    const std::size_t end = pos + phrase.size();
    if (end < lower.size() && is_word_byte(lower, end)) {
        std::size_t last = end - 1;
        while (last > pos && continuation(lower[last])) --last;
        if (is_word_byte(lower, last)) return false;
    }
    return true;
}

// A set of lower-case phrases, indexed by their first two bytes so that
// asking "which phrase starts here?" costs a comparison or two, not one per
// phrase.
// Immutable after construction; thread-safe for concurrent lookups.
class Lexicon {
  public:
    Lexicon(std::initializer_list<std::string_view> phrases);

    // Length in bytes of the longest phrase that stands at `pos` as whole
    // words (phrase_at), or 0.
    [[nodiscard]] std::size_t longest_at(std::string_view lower, std::size_t pos) const;

  private:
    static constexpr std::size_t k_buckets = 1024;
    static std::size_t bucket(unsigned char first, unsigned char second) {
        return (first * 131u + second) % k_buckets;
    }
    std::array<std::vector<std::string_view>, k_buckets> m_buckets;
};

// Offset of the next whole-word occurrence of `phrase` at or after `from`, or npos.
std::size_t find_phrase(std::string_view lower, std::string_view phrase, std::size_t from = 0);

// Offset of the first non-space byte at or after `pos`.
inline std::size_t skip_spaces(std::string_view s, std::size_t pos) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
    return pos;
}

// Reads 1-4 ASCII digits at `pos` (advancing it); nullopt when none.
std::optional<int> read_number(std::string_view s, std::size_t& pos);

// Offset just past the word (run of word bytes) starting at `pos`.
inline std::size_t word_end(std::string_view s, std::size_t pos) {
    while (pos < s.size() && is_word_byte(s, pos)) {
        ++pos;
        while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0u) == 0x80u) ++pos;
    }
    return pos;
}

}  // namespace dondoc::read
