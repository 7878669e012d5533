// Deadline phrases in a task's text.
//
// Finds every deadline a task's text states (record-format.md, "A deadline"):
// fixed dates (`chậm nhất ngày 25/12/2020`, `trước ngày 22/12/2020`), yearly,
// quarterly, monthly and weekly recurrences, relative periods (`trong thời
// hạn 05 ngày làm việc kể từ ngày nhận được văn bản này`), calendar periods
// (`trong quý II năm 2024`) and `thường xuyên`. Linear in the text's length;
// thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "read/record.h"

namespace dondoc::read {

// The deadlines of one task, in order of appearance. `text` is the task's
// text, NFC, markup stripped, white space collapsed. `document_year` gives the
// year of a date written without one (`16/6`), except in yearly deadlines.
// At most one `ongoing` deadline is returned (the first "thường xuyên").
std::vector<Deadline> find_deadlines(std::string_view text, std::optional<int> document_year);

// The same, with `lower` = text::fold_case_aligned(text) already at hand.
std::vector<Deadline> find_deadlines(std::string_view text, std::string_view lower,
                                     std::optional<int> document_year);

}  // namespace dondoc::read
