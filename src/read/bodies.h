// Names of bodies (cơ quan, đơn vị) in running text.
//
// Tasks name who must act: "Phòng Tài chính - Kế hoạch", "UBND các xã,
// phường", "Công an thành phố, Ban Chỉ huy Quân sự thành phố và Đoàn biên
// phòng …". This scanner reads such a list at a given offset and splits it
// into bodies: at ";", at commas and "và" that start a new body, and a shared
// head ("Các phòng: Tài chính - Kế hoạch, Y tế") is given to each member. The
// head of a body is dropped ("Thủ trưởng các sở" → "các sở", "Trưởng phòng
// Nội vụ" → "Phòng Nội vụ"). Heuristic and lexicon-driven; linear in the
// words it reads, at most k_max_body_words per body. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dondoc::read {

inline constexpr std::size_t k_max_body_words = 24;

struct BodyList {
    std::vector<std::string> names;  // as printed, normalized
    std::size_t end = 0;             // offset just past the list (before any stop word)
};

// Reads a list of bodies starting at `pos` of `text` (`lower` is its
// text::fold_case_aligned copy). Empty `names` when no body starts there.
BodyList read_bodies(std::string_view text, std::string_view lower, std::size_t pos);

// True when a body name starts at `pos` (a body noun, "các" + a unit noun, or
// a head such as "Chủ tịch" before one).
bool body_starts_at(std::string_view text, std::string_view lower, std::size_t pos);

}  // namespace dondoc::read
