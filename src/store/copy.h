// Moving a whole register between backends (`dondoc db copy`): an office's
// SQLite file up to the provincial PostgreSQL server, or a province's
// register down to a file (a backup anyone can open). Every record is
// copied with its id (units, name mappings, documents with their text and
// record, citations, tasks with mentions, occurrences, events and progress,
// accounts, sessions, tokens, the audit log); what is derived (the search
// index, the status index) is rebuilt in the target; then both sides are
// counted and checksummed table by table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"

namespace dondoc::store {

// One table's verification: rows and an order-independent checksum of the
// rows' values, on each side. The status index's per-day and per-month
// rows are compared without the rows that sum to nothing.
struct TableCheck {
    std::string table;
    std::int64_t source_rows = 0;
    std::int64_t target_rows = 0;
    std::string source_checksum;  // 16 hex digits
    std::string target_checksum;
    [[nodiscard]] bool matches() const {
        return source_rows == target_rows && source_checksum == target_checksum;
    }
};

// Copies the register at `from` into the empty register at `to` (each a
// `--db` value: a SQLite path or a postgresql:// URL; the target is created
// and migrated when missing), and returns each table's check: the caller
// reports a copy whose checks do not all match. Errors: conflict when the
// target already holds records, invalid_input when both are one, io_error
// from either side. The records are copied in one transaction of the
// target: all or nothing.
Result<std::vector<TableCheck>> copy_register(const std::string& from, const std::string& to);

}  // namespace dondoc::store
