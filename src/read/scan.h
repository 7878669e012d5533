// Small scanning primitives over lower-cased Vietnamese text.
//
// The reader lower-cases a paragraph with text::fold_case_aligned, finds
// phrases in that copy with these helpers, and slices the original text at
// the same byte offsets. Phrases are given in lower case NFC. No regex: every
// helper is linear in what it examines. Thread-safe.
#pragma once

#include <cstddef>
#include <array>
#include <initializer_list>
#include <optional>
#include <vector>
#include <string_view>

namespace dondoc::read {

// True when the byte at `pos` starts a letter or digit (any non-ASCII byte counts as a letter).
bool is_word_byte(std::string_view s, std::size_t pos);

// True when `phrase` occurs at `pos` and is not glued to letters on either side.
bool phrase_at(std::string_view lower, std::size_t pos, std::string_view phrase);

// A set of lower-case phrases, indexed by first byte so that asking "which
// phrase starts here?" costs a handful of comparisons, not one per phrase.
// Immutable after construction; thread-safe for concurrent lookups.
class Lexicon {
public:
    Lexicon(std::initializer_list<std::string_view> phrases);

    // Length in bytes of the longest phrase that stands at `pos` as whole
    // words (phrase_at), or 0.
    [[nodiscard]] std::size_t longest_at(std::string_view lower, std::size_t pos) const;

private:
    std::array<std::vector<std::string_view>, 256> m_by_first_byte;
};

// Offset of the next whole-word occurrence of `phrase` at or after `from`, or npos.
std::size_t find_phrase(std::string_view lower, std::string_view phrase, std::size_t from = 0);

// Offset of the first non-space byte at or after `pos`.
std::size_t skip_spaces(std::string_view s, std::size_t pos);

// Reads 1-4 ASCII digits at `pos` (advancing it); nullopt when none.
std::optional<int> read_number(std::string_view s, std::size_t& pos);

// Offset just past the word (run of word bytes) starting at `pos`.
std::size_t word_end(std::string_view s, std::size_t pos);

}  // namespace dondoc::read
