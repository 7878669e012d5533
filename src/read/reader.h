// The document reader: text of one directive → Record.
//
// Input is the text as it comes out of a DOCX/PDF conversion (plain text or
// light Markdown, UTF-8, any line ends, NFC or NFD). A document with missing
// parts still yields a Record, with what could not be settled in `warnings`;
// only unreadable input (invalid UTF-8, over the size limit) is an error.
// Linear in the input size. Thread-safe: no shared mutable state.
#pragma once

#include <cstddef>
#include <string_view>

#include "base/error.h"
#include "read/record.h"

namespace dondoc::read {

// Bounds on hostile input. A document over `max_bytes` is refused; lists
// longer than their limit are cut, with a warning.
struct ReadLimits {
    std::size_t max_bytes = 32u << 20;  // 32 MiB
    std::size_t max_tasks = 2000;
    std::size_t max_references = 2000;
    std::size_t max_recipients = 500;
    std::size_t max_distribution = 500;
};

Result<Record> read_document(std::string_view raw, const ReadLimits& limits = {});

}  // namespace dondoc::read
