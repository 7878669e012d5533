// The register's records: documents, their citations, tasks and what
// happens to a task over time (progress, completion report, review,
// extension). Plain value types owned by whoever holds them; the store
// persists them, the service changes them. Thread-compatible.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/unit.h"
#include "read/record.h"

namespace dondoc::domain {

struct DocumentId {
    std::int64_t value = 0;
    // clang-tidy 14 mistakes the defaulted comparison for a literal 0.
    friend auto operator<=>(const DocumentId&,
                            const DocumentId&) = default;  // NOLINT(modernize-use-nullptr)
};

struct TaskId {
    std::int64_t value = 0;
    friend auto operator<=>(const TaskId&,
                            const TaskId&) = default;  // NOLINT(modernize-use-nullptr)
};

enum class Direction { incoming, outgoing };

// A registered document (văn bản đến/đi) with the record read from it. A
// placeholder stands for a document cited before it was registered: it has
// the citation's notation, date and issuer, and no record text.
struct Document {
    DocumentId id;
    bool placeholder = false;
    std::string notation;      // "981/UBND"; "/UBND-TH" when the number is blank
    std::string notation_key;  // notation without '-' and spaces, lower case
    std::optional<int> year;   // of the date; identity is issuer + notation + year
    std::optional<CivilDate> date;
    std::string type_code;         // "CV", "KH", …
    std::string issuer_name;       // as printed
    std::optional<UnitId> issuer;  // resolved
    std::string subject;
    Direction direction = Direction::incoming;
    std::optional<CivilDate> registered;  // ngày đến / ngày đi
    std::string source_name;              // the file it came from
    std::string source_hash;              // SHA-256 of the file's bytes, hex
    std::string record_json;              // the reader's record (dondoc.record/1)
    std::string text;                     // the document's text, for search
};

// A citation from one document to another (resolved, or to a placeholder).
struct Citation {
    DocumentId from;
    DocumentId to;
    read::Relation relation = read::Relation::cites;
    std::string text;  // the citing phrase
};

enum class TaskState {
    proposed,   // read from a document, waiting for a person to confirm
    active,     // confirmed: being tracked
    cancelled,  // withdrawn (kept for history)
};

struct TaskAssignment {
    std::optional<UnitId> unit;  // resolved unit; empty while unresolved
    std::string mention;  // as printed ("UBND các xã"), kept for unresolved ones and history
    read::Role role = read::Role::perform;
};

struct Task {
    TaskId id;
    std::optional<DocumentId> document;  // none for tasks entered by hand
    std::optional<TaskId> parent;  // a province task → district sub-tasks → commune sub-tasks
    std::string clause;            // "2.b"
    std::string action;
    std::string evidence;  // the source sentence, as printed; empty when not read from a document
    std::vector<TaskAssignment> assignments;
    std::vector<read::Deadline> deadlines;
    std::optional<std::string> report_to;
    std::optional<std::string> report_via;
    std::optional<std::string> product;
    TaskState state = TaskState::proposed;
    std::optional<CivilDate> assigned_on;  // the document's date, or when entered
    std::optional<CivilDate> received_on;  // anchor of "within N days of receipt"
    std::int64_t version = 0;              // optimistic concurrency
    // Tasks brought in from another register (an Excel sheet, an e-office
    // export): the unit that assigned it, its key there (unique in the
    // register: importing the same rows again changes nothing) and its
    // status in that register's words.
    std::optional<UnitId> assigned_by;
    std::optional<std::string> source_key;
    std::optional<std::string> source_status;
};

// One due instance of a task (a recurring report has one per period).
struct TaskOccurrence {
    TaskId task;
    CivilDate due;
    std::string period_label;
};

// Events on a task. Each has a date (when it happened, for as-of queries)
// and the unit that did it.
struct ProgressUpdate {
    TaskId task;
    CivilDate on;
    std::optional<UnitId> unit;
    std::string text;
    std::optional<int> percent;
    std::optional<DocumentId> evidence;
};

enum class ReviewOutcome { confirmed, returned };

struct CompletionReport {
    std::int64_t id = 0;
    TaskId task;
    std::optional<CivilDate> occurrence_due;  // which occurrence, for recurring tasks
    CivilDate reported_on;
    std::optional<UnitId> unit;
    std::string text;
    std::optional<DocumentId> evidence;
    std::optional<ReviewOutcome> outcome;  // set by the tracking office
    std::optional<CivilDate> reviewed_on;
    std::string review_note;
};

enum class ExtensionDecision { pending, approved, rejected };

struct Extension {
    std::int64_t id = 0;
    TaskId task;
    CivilDate requested_on;
    CivilDate new_due;
    std::string reason;
    ExtensionDecision decision = ExtensionDecision::pending;
    std::optional<CivilDate> decided_on;
};

}  // namespace dondoc::domain
