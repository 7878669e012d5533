// The document record: what the reader extracts from one directive.
//
// The field set and meaning follow ../shared/spec/record-format.md (the
// contract `dondoc parse --json` prints; see record_json.h). Plain value types
// owning their strings; no invariants beyond the spec's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dondoc::read {

// Decree 30/2020 layout, or the Party layout (`Số 1753-KL/TU`).
enum class Family { state, party };

// A calendar date; any part may be blank in a header (`ngày   tháng 12 năm 2023`).
struct PartialDate {
    std::optional<int> year;
    std::optional<int> month;
    std::optional<int> day;
    friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

// A full date, for references and deadlines.
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
    friend bool operator==(const Date&, const Date&) = default;
};

struct Issuer {
    std::optional<std::string> name;    // as printed: "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY"
    std::optional<std::string> parent;  // cơ quan chủ quản printed above it
    bool inferred = false;              // name taken from the symbol/text, not the header
};

struct DocumentType {
    std::string code;  // "CV", "KH", "QĐ", … (see document_types.h)
    std::string name;  // "Công văn", "Kế hoạch", …
};

// A cited document (căn cứ, thực hiện, or a plain citation).
enum class Relation { implements, cites };

struct Reference {
    std::optional<std::string> type;  // type code
    std::optional<std::string> number;
    std::optional<std::string> symbol;
    std::optional<std::string> notation;
    std::optional<Date> date;
    std::optional<std::string> issuer;  // the body after "của", as printed
    Relation relation = Relation::cites;
    std::string text;  // the citing phrase as printed
};

// chủ trì / phối hợp / thực hiện.
enum class Role { lead, coordinate, perform };

struct Assignee {
    std::string name;
    Role role = Role::perform;
};

enum class DeadlineKind { date, yearly, quarterly, monthly, weekly, within, period, ongoing };

// Unit of a relative (`within`) deadline.
enum class DurationUnit { day, working_day, month };

// One deadline phrase; which optional fields apply depends on `kind`
// (record-format.md, "A deadline").
struct Deadline {
    DeadlineKind kind = DeadlineKind::ongoing;
    std::string text;  // the phrase as printed
    // date
    std::optional<Date> date;
    bool inclusive = true;  // false for "trước ngày"
    // yearly / quarterly / monthly / weekly / period
    std::optional<int> year;
    std::optional<int> month;
    std::optional<int> day;
    std::optional<std::string> period_label;  // yearly: "6 tháng", "năm", "quý"
    std::optional<int> month_of_quarter;      // quarterly: 1-3
    std::optional<int> weekday;               // 1 = Monday … 7 = Sunday
    std::optional<int> week;                  // monthly: 1-5, or -1 for the last week
    std::optional<int> quarter;               // period
    std::optional<int> half;                  // period: 1 or 2
    // within
    std::optional<int> amount;
    DurationUnit unit = DurationUnit::day;
    std::optional<std::string> from;
    friend bool operator==(const Deadline&, const Deadline&) = default;
};

struct Task {
    std::optional<std::string> clause;  // "1", "2.b"
    std::vector<Assignee> assignees;
    std::string action;
    std::vector<Deadline> deadlines;
    std::optional<std::string> report_to;
    std::optional<std::string> report_via;
    std::optional<std::string> product;
};

enum class Authority { tm, kt, tl, tuq, q };

struct Signer {
    std::optional<Authority> authority;
    std::optional<std::string> on_behalf_of;
    std::optional<std::string> title;
    std::optional<std::string> name;
};

struct Record {
    Family family = Family::state;
    Issuer issuer;
    std::optional<std::string> number;
    std::optional<std::string> symbol;
    std::optional<std::string> notation;
    DocumentType type;
    std::optional<std::string> place;
    PartialDate date;
    std::optional<std::string> subject;
    std::vector<std::string> recipients;
    std::vector<Reference> references;
    std::vector<Task> tasks;
    Signer signer;
    std::vector<std::string> distribution;
    std::map<std::string, std::string> abbreviations;  // short form → long form
    std::vector<std::string> warnings;                 // "field: problem"
};

}  // namespace dondoc::read
