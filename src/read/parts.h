// The reader's parts, each filling some fields of a Record from the lines of
// one document. Internal to src/read: reader.cpp runs them in order
// (header → tail → body) and owns the limits. Thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "read/lines.h"
#include "read/record.h"

namespace dondoc::read {

// How a body paragraph is numbered.
enum class MarkerKind { none, section, number, sub, bullet };

// A paragraph of the body: lines joined, with its leading number or bullet.
struct Paragraph {
    std::string text;   // without the marker
    std::string lower;  // text::fold_case_aligned(text)
    MarkerKind marker = MarkerKind::none;
    std::string label;          // "1", "a", "1.2", "III"; "" for bullets and plain paragraphs
    const Line* row = nullptr;  // a task-table row, else null
};

// Reads the header (issuer, number and symbol, type, place, date, subject,
// recipients, family) from the top; returns the index of the first body line.
std::size_t read_header(const std::vector<Line>& lines, Record& record);

// Reads the signature and "Nơi nhận" from the bottom; returns the index just
// past the last body line (at least `body_begin`).
std::size_t read_tail(const std::vector<Line>& lines, std::size_t body_begin, Record& record);

// Groups body lines [begin, end) into paragraphs.
std::vector<Paragraph> make_paragraphs(const std::vector<Line>& lines, std::size_t begin,
                                       std::size_t end);

// Every cited document in the subject and body, at most `max_references`.
void read_references(const std::vector<Paragraph>& body, std::size_t max_references,
                     Record& record);

// The assignments the body makes, at most `max_tasks`.
void read_tasks(const std::vector<Paragraph>& body, std::size_t max_tasks, Record& record);

// Abbreviations the text defines ("(sau đây gọi tắt là …)", "… (CCHC)").
void read_abbreviations(const std::vector<Paragraph>& body, Record& record);

// The issuing body when the header lacks it: the body named in the text whose
// initials match the symbol's agency part ("SNV" → "Sở Nội vụ").
void infer_issuer(const std::vector<Paragraph>& body, Record& record);

// Strips a list item's separators: "- Như trên;" → "Như trên".
std::string clean_list_entry(std::string_view entry);

}  // namespace dondoc::read
