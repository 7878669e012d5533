#include "read/reader.h"

#include "read/lines.h"
#include "read/parts.h"
#include "text/normalize.h"

namespace dondoc::read {
namespace {

template <typename T>
void cap(std::vector<T>& list, std::size_t limit, const char* field, Record& record) {
    if (list.size() <= limit) return;
    list.resize(limit);
    record.warnings.push_back(std::string(field) + ": more than " + std::to_string(limit) +
                              ", the rest were not read");
}

void header_warnings(Record& record, bool had_header) {
    std::vector<std::string> warnings;
    if (!had_header) warnings.push_back("header: no header lines found");
    if (!record.notation) {
        warnings.push_back("number: not found");
    } else if (!record.number) {
        warnings.push_back("number: left blank");
    }
    if (!record.date.year && !record.date.month && !record.date.day) {
        warnings.push_back("date: not found");
    } else {
        if (!record.date.day) warnings.push_back("date: day left blank");
        if (!record.date.month) warnings.push_back("date: month left blank");
        if (!record.date.year) warnings.push_back("date: year left blank");
    }
    if (!record.place && (record.date.year || record.date.month)) {
        warnings.push_back("place: not found");
    }
    if (!record.subject) warnings.push_back("subject: not found");
    if (!record.signer.name && !record.signer.title) warnings.push_back("signer: not found");
    record.warnings.insert(record.warnings.begin(), warnings.begin(), warnings.end());
}

}  // namespace

Result<Record> read_document(std::string_view raw, const ReadLimits& limits) {
    if (raw.size() > limits.max_bytes) {
        return make_error(
            ErrorCode::invalid_input,
            "document is larger than the limit of " + std::to_string(limits.max_bytes) + " bytes",
            "byte " + std::to_string(limits.max_bytes));
    }
    auto text = text::normalize_input(raw);
    if (!text) return text.error();
    const std::vector<Line> lines = split_lines(*text);

    Record record;
    const std::size_t body_begin = read_header(lines, record);
    const std::size_t body_end = read_tail(lines, body_begin, record);
    const std::vector<Paragraph> body = make_paragraphs(lines, body_begin, body_end);

    read_references(body, limits.max_references, record);
    read_tasks(body, limits.max_tasks, record);
    read_abbreviations(body, record);
    const bool had_header = body_begin > 0;
    std::vector<std::string> later = std::move(record.warnings);
    record.warnings.clear();
    infer_issuer(body, record);
    std::vector<std::string> issuer_warnings = std::move(record.warnings);
    record.warnings.clear();
    header_warnings(record, had_header);
    record.warnings.insert(record.warnings.begin(), issuer_warnings.begin(), issuer_warnings.end());
    record.warnings.insert(record.warnings.end(), later.begin(), later.end());
    cap(record.recipients, limits.max_recipients, "recipients", record);
    cap(record.distribution, limits.max_distribution, "distribution", record);
    return record;
}

}  // namespace dondoc::read
