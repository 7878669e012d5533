#include "service/register_service.h"

#include <sodium.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <span>

#include "domain/civil_date.h"
#include "domain/deadline_rule.h"
#include "domain/demo_directory.h"
#include "read/reader.h"
#include "read/record_json.h"
#include "read/source.h"
#include "text/csv.h"
#include "text/markdown.h"
#include "text/normalize.h"

namespace dondoc::service {
namespace {

// Occurrences of recurring deadlines are kept for this many years after a
// document's date; the next release regenerates them (see docs/register.md).
constexpr int k_occurrence_years = 5;

CivilDate year_end(int year) {
    return CivilDate{std::chrono::year{year}, std::chrono::December, std::chrono::day{31}};
}

// A header date with blanks ("ngày   tháng 02 năm 2023", common in documents
// registered before their number and day were filled in) still places the
// document in time: the first day of what is known.
std::optional<CivilDate> earliest_date(const read::PartialDate& date) {
    if (auto full = domain::civil(date)) return full;
    if (!date.year) return std::nullopt;
    return domain::civil(read::PartialDate{date.year, date.month.value_or(1), 1});
}

// Units with parents before children (and successors before the units that
// name them), as the store's foreign keys require.
std::vector<const domain::Unit*> parents_first(const std::vector<const domain::Unit*>& units) {
    std::map<std::string, const domain::Unit*> by_id;
    for (const domain::Unit* u : units) by_id[u->id.value] = u;
    std::vector<const domain::Unit*> out;
    std::set<std::string> placed;
    std::set<std::string> visiting;
    std::function<void(const domain::Unit*)> place = [&](const domain::Unit* u) {
        if (placed.contains(u->id.value) || visiting.contains(u->id.value)) return;
        visiting.insert(u->id.value);
        if (u->parent) {
            if (auto it = by_id.find(u->parent->value); it != by_id.end()) place(it->second);
        }
        for (const auto& successor : u->successors) {
            if (auto it = by_id.find(successor.value); it != by_id.end()) place(it->second);
        }
        visiting.erase(u->id.value);
        placed.insert(u->id.value);
        out.push_back(u);
    };
    for (const domain::Unit* u : units) place(u);
    return out;
}

Result<void> save_units(store::Repository& repository,
                        const std::vector<const domain::Unit*>& units) {
    return repository.transaction([&]() -> Result<void> {
        for (const domain::Unit* unit : parents_first(units)) {
            if (auto ok = repository.save_unit(*unit); !ok) {
                Error e = ok.error();
                e.where = "unit " + unit->id.value;
                return e;
            }
        }
        return {};
    });
}

}  // namespace

std::string notation_key(std::string_view notation) {
    std::string key;
    for (char c : notation) {
        if (c != '-' && c != ' ') key.push_back(c);
    }
    return text::fold_case(key);
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : digest) {
        out.push_back(k_hex[b >> 4]);
        out.push_back(k_hex[b & 15]);
    }
    return out;
}

double ScoreRow::completion_rate() const {
    const std::size_t with_deadline = assigned - no_deadline;
    if (with_deadline == 0) return 0.0;
    return static_cast<double>(done_on_time + done_late) / static_cast<double>(with_deadline);
}

RegisterService::RegisterService(store::Repository& repository,
                                 const domain::WorkingCalendar& calendar)
    : m_repository(repository), m_calendar(calendar) {}

Result<void> RegisterService::load_directory() {
    // Another process or server loop may have changed the directory.
    auto version = m_repository.directory_version();
    if (!version) return version.error();
    if (m_directory && *version == m_directory_version) return {};
    auto units = m_repository.units();
    if (!units) return units.error();
    auto directory = std::make_unique<domain::Directory>();
    // Parents first: the repository returns units in insertion order, which
    // an import keeps; a second pass takes any unit whose parent came later.
    std::vector<domain::Unit> pending = std::move(*units);
    for (int pass = 0; pass < 3 && !pending.empty(); ++pass) {
        std::vector<domain::Unit> later;
        for (auto& unit : pending) {
            if (!directory->add(unit)) later.push_back(std::move(unit));
        }
        pending = std::move(later);
    }
    if (!pending.empty()) {
        return make_error(ErrorCode::corruption,
                          "unit '" + pending.front().id.value + "' has an unknown parent");
    }
    auto mappings = m_repository.mappings();
    if (!mappings) return mappings.error();
    for (auto& m : *mappings) directory->add_mapping(m.mention_key, m.issuer, m.units);
    m_directory = std::move(directory);
    m_directory_version = *version;
    m_resolutions.clear();
    return {};
}

const domain::Resolution& RegisterService::resolve(const std::string& mention,
                                                   const std::optional<UnitId>& issuer,
                                                   std::optional<CivilDate> on) {
    // Offices see the same names in document after document.
    ResolutionKey key{mention, issuer ? issuer->value : std::string(),
                      on ? std::chrono::sys_days{*on}.time_since_epoch().count() : -1};
    auto it = m_resolutions.find(key);
    if (it == m_resolutions.end())
        it = m_resolutions.emplace(std::move(key), m_directory->resolve(mention, issuer, on)).first;
    return it->second;
}

Result<std::size_t> RegisterService::import_units(std::string_view csv, std::string_view source) {
    domain::Directory directory;
    auto read = domain::import_units_csv(csv, source, directory);
    if (!read) return read.error();
    if (auto saved = save_units(m_repository, directory.all()); !saved) return saved.error();
    m_directory.reset();
    return *read;
}

Result<std::size_t> RegisterService::import_demo_units(std::string_view units_2024_csv,
                                                       std::string_view units_2025_csv) {
    auto directory = domain::quang_ngai_directory(units_2024_csv, units_2025_csv);
    if (!directory) return directory.error();
    const auto all = directory->all();
    if (auto saved = save_units(m_repository, all); !saved) return saved.error();
    m_directory.reset();
    return all.size();
}

Result<std::vector<domain::Unit>> RegisterService::units() {
    return m_repository.units();
}

// "Thực hiện Công văn số 2319/UBND-KTTH … về việc triển khai thực hiện Nghị
// quyết số 53/NQ-CP …": the text says that the cited 2319 itself implements
// 53. When 2319 is only a placeholder, this is all the register knows of its
// place in the cascade, so the link is recorded.
Result<void> RegisterService::link_cited_chain(std::string_view bytes,
                                               const std::vector<Cited>& cited) {
    // A registered document speaks for itself; only placeholders need this.
    if (std::none_of(cited.begin(), cited.end(), [](const Cited& c) { return c.placeholder; }))
        return {};
    std::string flat;
    {
        std::size_t start = 0;
        while (start <= bytes.size()) {
            std::size_t end = bytes.find('\n', start);
            if (end == std::string_view::npos) end = bytes.size();
            flat += text::strip_markdown(bytes.substr(start, end - start));
            flat += ' ';
            start = end + 1;
        }
    }
    auto normalized = text::normalize_input(text::collapse_whitespace(flat));
    if (!normalized) return {};
    const std::string& t = *normalized;
    for (const auto& [a, a_id, a_placeholder] : cited) {
        if (!a_placeholder) continue;
        const std::size_t at = t.find(a->text);
        if (at == std::string::npos) continue;
        const std::size_t after = at + a->text.size();
        for (const auto& [b, b_id, b_placeholder] : cited) {
            if (b_id == a_id) continue;
            const std::size_t b_at = t.find(b->text, after);
            if (b_at == std::string::npos || b_at - after > 120) continue;
            const std::string between =
                text::fold_diacritics(std::string_view(t).substr(after, b_at - after));
            if (between.find("thuc hien") == std::string::npos ||
                between.find(';') != std::string::npos)
                continue;
            if (auto ok = m_repository.add_citation(
                    domain::Citation{a_id, b_id, read::Relation::implements, b->text});
                !ok) {
                return ok;
            }
        }
    }
    return {};
}

// "Thực hiện Công văn số 981/UBND …" from a commune that 981/UBND gave one
// task: the commune's tasks carry that task out, and roll up into it. With
// several candidate tasks the link is left to a person (task link).
Result<std::optional<TaskId>> RegisterService::implemented_task(
    const std::vector<Cited>& cited, const std::optional<UnitId>& issuer) {
    if (!issuer) return std::optional<TaskId>();
    std::optional<TaskId> found;
    for (const auto& c : cited) {
        if (c.placeholder || c.reference->relation != read::Relation::implements) continue;
        store::TaskFilter filter;
        filter.document = c.document;
        auto tasks = m_repository.tasks(filter);
        if (!tasks) return tasks.error();
        for (const auto& t : *tasks) {
            if (t.state == domain::TaskState::cancelled) continue;
            const bool assigned = std::any_of(
                t.assignments.begin(), t.assignments.end(), [&](const domain::TaskAssignment& a) {
                    return a.unit == issuer && a.role != read::Role::coordinate;
                });
            if (!assigned) continue;
            if (found && *found != t.id) return std::optional<TaskId>();
            found = t.id;
        }
    }
    return found;
}

Result<RegisterService::Cited> RegisterService::cite(const read::Reference& ref,
                                                     IngestResult& result) {
    const std::string key = notation_key(ref.notation.value_or(""));
    const std::optional<int> year = ref.date ? std::optional<int>(ref.date->year) : std::nullopt;
    auto candidates = m_repository.documents_by_notation(key, year);
    if (!candidates) return candidates.error();
    // A cited document is matched by notation, date and issuer together: a
    // candidate whose date differs is another document with the same number.
    for (const auto& d : *candidates) {
        if (ref.date && d.date && *d.date != domain::civil(*ref.date)) continue;
        return Cited{&ref, d.id, d.placeholder};
    }
    domain::Document placeholder;
    placeholder.placeholder = true;
    placeholder.notation = ref.notation.value_or("");
    placeholder.notation_key = key;
    placeholder.year = year;
    if (ref.date) placeholder.date = domain::civil(*ref.date);
    placeholder.type_code = ref.type.value_or("");
    placeholder.issuer_name = ref.issuer.value_or("");
    if (ref.issuer && m_directory) {
        placeholder.issuer =
            m_directory->resolve_issuer(*ref.issuer, std::nullopt, placeholder.date);
    }
    placeholder.subject = ref.text;
    placeholder.source_name = "";
    placeholder.record_json = "{}";
    auto id = m_repository.insert_document(placeholder);
    if (!id) return id.error();
    ++result.placeholders_created;
    return Cited{&ref, *id, true};
}

Result<IngestResult> RegisterService::ingest(std::string_view bytes, const std::string& source_name,
                                             const IngestOptions& options) {
    if (auto loaded = load_directory(); !loaded) return loaded.error();
    IngestResult result;
    const std::string hash = sha256_hex(bytes);
    auto existing = m_repository.document_by_hash(hash);
    if (!existing) return existing.error();
    if (*existing) {
        result.document = (*existing)->id;
        result.already_registered = true;
        result.notation = (*existing)->notation;
        return result;
    }
    // The hash above is of the file as received; the reader gets its text
    // (DOCX, PDF, scan or legacy encoding → UTF-8), and its warnings (OCR
    // confidence, a converted encoding) join the record's.
    auto source = read::to_text(bytes);
    auto record = source ? read::read_document(source->text) : Result<read::Record>(source.error());
    if (record) {
        for (auto& w : source->warnings) record->warnings.push_back(std::move(w));
    }
    if (!record) {
        Error e = record.error();
        e.where = e.where.empty() ? source_name : source_name + ", " + e.where;
        return e;
    }
    result.warnings = record->warnings;
    result.notation = record->notation.value_or("");

    domain::Document doc;
    doc.notation = record->notation.value_or("");
    doc.notation_key = notation_key(doc.notation);
    doc.year = record->date.year;
    doc.date = domain::civil(record->date);
    doc.type_code = record->type.code;
    doc.issuer_name = record->issuer.name.value_or("");
    if (record->issuer.name) {
        doc.issuer = m_directory->resolve_issuer(
            *record->issuer.name,
            record->issuer.parent ? std::optional<std::string_view>(*record->issuer.parent)
                                  : std::nullopt,
            doc.date ? doc.date : earliest_date(record->date));
    }
    doc.subject = record->subject.value_or("");
    doc.direction = options.direction;
    doc.registered = options.received_on ? options.received_on : doc.date;
    if (!doc.registered) doc.registered = earliest_date(record->date);
    doc.source_name = source_name;
    doc.source_hash = hash;
    doc.record_json = read::to_json(*record);
    // The text read from the file (for search and to show beside the
    // record), not the file's bytes: a DOCX or a scan is not text.
    doc.text = std::move(source->text);
    const std::optional<CivilDate> anchor = doc.date ? doc.date : earliest_date(record->date);
    const std::optional<CivilDate> received = options.received_on ? options.received_on : anchor;

    auto done = m_repository.transaction([&]() -> Result<void> {
        // Identity is issuer + notation + year: a placeholder left by an earlier
        // citation becomes this document; a registered twin is a conflict.
        if (record->number) {
            auto same = m_repository.documents_by_notation(doc.notation_key, doc.year);
            if (!same) return same.error();
            for (const auto& d : *same) {
                if (d.date && doc.date && *d.date != *doc.date) continue;
                if (!d.placeholder && d.issuer == doc.issuer && d.year == doc.year) {
                    return make_error(ErrorCode::conflict,
                                      "document " + doc.notation + " is already registered (id " +
                                          std::to_string(d.id.value) + ") from another file",
                                      source_name);
                }
                if (d.placeholder) {
                    if (auto filled = m_repository.fill_placeholder(d.id, doc); !filled)
                        return filled;
                    result.document = d.id;
                    result.filled_placeholder = true;
                    break;
                }
            }
        }
        if (!result.filled_placeholder) {
            auto id = m_repository.insert_document(doc);
            if (!id) return id.error();
            result.document = *id;
        }
        std::vector<Cited> cited;
        for (const auto& ref : record->references) {
            if (!ref.notation) continue;
            auto target = cite(ref, result);
            if (!target) return target.error();
            cited.push_back(*target);
            if (target->document == result.document) continue;
            if (auto ok = m_repository.add_citation(
                    domain::Citation{result.document, target->document, ref.relation, ref.text});
                !ok) {
                return ok;
            }
            ++result.references;
        }
        if (auto chained = link_cited_chain(bytes, cited); !chained) return chained;
        auto parent = implemented_task(cited, doc.issuer);
        if (!parent) return parent.error();
        result.parent_task = *parent;
        domain::DeadlineContext context{anchor, received};
        for (const auto& t : record->tasks) {
            domain::Task task;
            task.document = result.document;
            task.clause = t.clause.value_or("");
            task.action = t.action;
            task.evidence = (t.clause ? *t.clause + ". " : std::string()) + t.action;
            task.deadlines = t.deadlines;
            task.report_to = t.report_to;
            task.report_via = t.report_via;
            task.product = t.product;
            task.state = options.confirm ? domain::TaskState::active : domain::TaskState::proposed;
            task.parent = result.parent_task;
            task.assigned_on = anchor;
            task.received_on = received;
            for (const auto& a : t.assignees) {
                const domain::Resolution& r = resolve(a.name, doc.issuer, anchor);
                if (r.units.empty()) {
                    task.assignments.push_back(
                        domain::TaskAssignment{std::nullopt, a.name, a.role});
                    result.unresolved.push_back(a.name);
                    continue;
                }
                for (const auto& unit : r.units)
                    task.assignments.push_back(domain::TaskAssignment{unit, a.name, a.role});
            }
            std::vector<domain::TaskOccurrence> occurrences;
            if (anchor) {
                const int last_year = static_cast<int>(anchor->year()) + k_occurrence_years;
                for (const auto& deadline : t.deadlines) {
                    for (const auto& o : domain::occurrences(deadline, context, *anchor,
                                                             year_end(last_year), m_calendar)) {
                        occurrences.push_back(
                            domain::TaskOccurrence{TaskId{}, o.due, o.period_label});
                    }
                }
            }
            auto id = m_repository.insert_task(task, occurrences);
            if (!id) return id.error();
            result.tasks.push_back(*id);
        }
        return {};
    });
    if (!done) return done.error();
    return result;
}

std::vector<Result<IngestResult>> RegisterService::ingest_batch(
    const std::vector<SourceFile>& files, const IngestOptions& options) {
    std::vector<Result<IngestResult>> results;
    results.reserve(files.size());
    // The outer transaction only groups the commits; each ingest is a savepoint.
    auto grouped = m_repository.transaction([&]() -> Result<void> {
        for (const auto& file : files) results.push_back(ingest(file.bytes, file.name, options));
        return {};
    });
    if (!grouped) {
        for (auto& r : results) {
            if (r) r = grouped.error();
        }
    }
    return results;
}

Result<std::vector<domain::Document>> RegisterService::documents(std::size_t limit) {
    return m_repository.documents(limit, 0);
}

Result<std::vector<domain::Document>> RegisterService::search(const std::string& query,
                                                              std::size_t limit) {
    return m_repository.search_documents(query, limit);
}

Result<domain::Document> RegisterService::document_by_notation(const std::string& notation) {
    auto found = m_repository.documents_by_notation(notation_key(notation), std::nullopt);
    if (!found) return found.error();
    if (found->empty())
        return make_error(ErrorCode::not_found, "no document " + notation + " in the register");
    // A registered document before a placeholder; the newest first.
    std::stable_sort(found->begin(), found->end(), [](const auto& a, const auto& b) {
        if (a.placeholder != b.placeholder) return !a.placeholder;
        return a.id > b.id;
    });
    return m_repository.document(found->front().id);
}

Result<bool> RegisterService::implements_another(DocumentId document,
                                                 const std::vector<DocumentId>& others) {
    auto citations = m_repository.citations_from(document);
    if (!citations) return citations.error();
    for (const auto& c : *citations) {
        if (c.relation != read::Relation::implements || c.to == document) continue;
        if (std::find(others.begin(), others.end(), c.to) != others.end()) return true;
    }
    return false;
}

Result<Cascade> RegisterService::cascade(const std::string& notation) {
    auto root = document_by_notation(notation);
    if (!root) return root.error();
    Cascade cascade;
    // Upward: follow "implements" citations (the first one at each step).
    std::set<std::int64_t> seen{root->id.value};
    DocumentId at = root->id;
    for (int depth = 0; depth < 16; ++depth) {
        auto up = m_repository.citations_from(at);
        if (!up) return up.error();
        // Of the documents this one implements, the nearest is the one the
        // others are reached through: 981/UBND implements 2319/UBND-KTTH and
        // 53/NQ-CP, and 2319 implements 53, so 2319 comes first.
        std::vector<DocumentId> targets;
        for (const auto& c : *up) {
            if (c.relation == read::Relation::implements && !seen.contains(c.to.value))
                targets.push_back(c.to);
        }
        std::optional<DocumentId> next;
        for (const auto& candidate : targets) {
            auto reaches_other = implements_another(candidate, targets);
            if (!reaches_other) return reaches_other.error();
            if (*reaches_other) {
                next = candidate;
                break;
            }
        }
        if (!next && !targets.empty()) next = targets.front();
        if (!next) break;
        auto doc = m_repository.document(*next);
        if (!doc) return doc.error();
        seen.insert(next->value);
        cascade.upward.push_back(std::move(*doc));
        at = *next;
    }
    // Downward: every document that implements this one, recursively.
    std::set<std::int64_t> visited{root->id.value};
    std::function<Result<void>(CascadeNode&, int)> expand = [&](CascadeNode& node,
                                                                int depth) -> Result<void> {
        if (depth > 16) return {};
        auto down = m_repository.citations_to(node.document.id);
        if (!down) return down.error();
        std::vector<DocumentId> implementers;
        for (const auto& c : *down) {
            if (c.relation == read::Relation::implements && !visited.contains(c.from.value))
                implementers.push_back(c.from);
        }
        // A document that implements a sibling hangs under that sibling:
        // 981/UBND implements both 2319/UBND-KTTH and 53/NQ-CP, and belongs under 2319.
        std::vector<DocumentId> direct;
        for (const auto& candidate : implementers) {
            auto under_sibling = implements_another(candidate, implementers);
            if (!under_sibling) return under_sibling.error();
            if (!*under_sibling) direct.push_back(candidate);
        }
        for (const auto& id : direct) {
            if (visited.contains(id.value)) continue;
            visited.insert(id.value);
            auto doc = m_repository.document(id);
            if (!doc) return doc.error();
            node.children.push_back(CascadeNode{std::move(*doc), read::Relation::implements, {}});
            if (auto ok = expand(node.children.back(), depth + 1); !ok) return ok;
        }
        return {};
    };
    cascade.downward.document = *root;
    if (auto ok = expand(cascade.downward, 0); !ok) return ok.error();
    return cascade;
}

Result<std::vector<UnitId>> RegisterService::unit_and_sub_units(const UnitId& unit) {
    if (auto loaded = load_directory(); !loaded) return loaded.error();
    if (m_directory->find(unit) == nullptr)
        return make_error(ErrorCode::not_found,
                          "không có đơn vị '" + unit.value + "' trong danh mục", "unit");
    return unit_with_descendants(unit);
}

std::vector<UnitId> RegisterService::unit_with_descendants(const UnitId& unit) const {
    std::vector<UnitId> out{unit};
    if (!m_directory) return out;
    for (std::size_t i = 0; i < out.size(); ++i) {
        for (const domain::Unit* child : m_directory->children(out[i])) out.push_back(child->id);
    }
    return out;
}

domain::StatusInputs occurrence_inputs(const store::TaskFacts& facts,
                                       const domain::TaskOccurrence& occurrence, CivilDate as_of) {
    const bool recurring = facts.occurrences.size() > 1;
    bool inclusive = true;
    for (const auto& d : facts.task.deadlines) {
        if (d.kind == read::DeadlineKind::date) inclusive = d.inclusive;
    }
    std::vector<domain::CompletionReport> reports;
    for (const auto& r : facts.reports) {
        if (!recurring || !r.occurrence_due || *r.occurrence_due == occurrence.due)
            reports.push_back(r);
    }
    return domain::inputs_as_of(occurrence.due, recurring || inclusive, reports, facts.extensions,
                                as_of);
}

namespace {

// The occurrence a task's status is about as of a date: the earliest one
// not done by then that is already due, else the next one, else the last.
struct Pick {
    domain::TaskStatus status = domain::TaskStatus::no_deadline;
    std::optional<CivilDate> due;
    std::string label;
};

// The rule, fed a task's occurrences in due order: the first overdue one
// settles it; otherwise the first not done, else the last done.
class PickRule {
  public:
    // False once the pick is settled (the rest need not be offered).
    bool offer(Pick here) {
        const bool done = here.status == domain::TaskStatus::done_on_time ||
                          here.status == domain::TaskStatus::done_late;
        if (here.status == domain::TaskStatus::overdue) {
            m_settled = std::move(here);
            return false;
        }
        if (done) {
            m_last_done = std::move(here);
        } else if (!m_upcoming) {
            m_upcoming = std::move(here);
        }
        return true;
    }
    Pick picked() && {
        if (m_settled) return std::move(*m_settled);
        if (m_upcoming) return std::move(*m_upcoming);
        return std::move(m_last_done);
    }

  private:
    std::optional<Pick> m_settled;
    std::optional<Pick> m_upcoming;
    Pick m_last_done;
};

Pick pick_status(const store::TaskFacts& facts, CivilDate as_of,
                 const domain::WorkingCalendar& calendar) {
    if (facts.occurrences.empty()) {
        Pick pick;
        const auto in =
            domain::inputs_as_of(std::nullopt, true, facts.reports, facts.extensions, as_of);
        pick.status = domain::status_as_of(in, as_of, calendar);
        pick.due = in.due;
        return pick;
    }
    PickRule rule;
    for (const auto& o : facts.occurrences) {
        const auto in = occurrence_inputs(facts, o, as_of);
        if (!rule.offer({domain::status_as_of(in, as_of, calendar), in.due, o.period_label})) break;
    }
    return std::move(rule).picked();
}

// The same pick from a task's exact timelines in due order (the occurrence
// index's rows): the status by domain::status_as_of on each, the due in
// force (an extension approved by then moves it).
Pick pick_from_timelines(std::span<const store::UnitTaskTimeline> rows, CivilDate as_of,
                         const domain::WorkingCalendar& calendar) {
    PickRule rule;
    for (const auto& row : rows) {
        const auto& t = row.timeline;
        if (!rule.offer({domain::status_as_of(t, as_of, calendar),
                         t.extended_on && *t.extended_on <= as_of ? t.extended_to : t.due,
                         row.period_label}))
            break;
    }
    return std::move(rule).picked();
}

std::string document_notation(store::Repository& repo, const std::optional<DocumentId>& id,
                              std::map<std::int64_t, std::string>& cache) {
    if (!id) return {};
    auto it = cache.find(id->value);
    if (it != cache.end()) return it->second;
    auto doc = repo.document(*id);
    std::string notation = doc ? doc->notation : std::string();
    cache.emplace(id->value, notation);
    return notation;
}

// A task as it is shown: its facts, the status picked, and its document's notation.
TaskView view_of(store::Repository& repo, domain::Task task, const Pick& pick,
                 std::map<std::int64_t, std::string>& notations) {
    TaskView view;
    view.document_notation = document_notation(repo, task.document, notations);
    view.task = std::move(task);
    view.status = pick.status;
    view.due = pick.due;
    view.period_label = pick.label;
    return view;
}

}  // namespace

Result<store::TaskFilter> RegisterService::task_filter(const TaskQuery& query) {
    if (auto loaded = load_directory(); !loaded) return loaded.error();
    store::TaskFilter filter;
    if (query.unit) {
        filter.units = unit_with_descendants(*query.unit);
        // A unit above every other one (the province) sees the whole
        // register, the tasks whose bodies are not resolved yet included:
        // listing thousands of units would only make the query slow.
        if (filter.units.size() >= m_directory->size()) filter.units.clear();
    }
    if (!query.include_proposed) filter.state = domain::TaskState::active;
    if (query.directive) {
        auto doc = document_by_notation(*query.directive);
        if (!doc) return doc.error();
        filter.document = doc->id;
    }
    return filter;
}

namespace {

// Whether a list is of some units' overdue tasks, which the occurrence
// index lists as they are. Not the province's (no units: the whole
// register), whose tasks of no unit the index does not hold.
bool overdue_through_index(const TaskQuery& query, const store::TaskFilter& filter) {
    return query.status == domain::TaskStatus::overdue && !query.include_proposed &&
           !filter.units.empty();
}

}  // namespace

Result<TaskPage> RegisterService::task_page(const TaskPageQuery& page) {
    TaskPage out;
    if (page.sort == TaskSort::id && !page.query.status) {
        auto filter = task_filter(page.query);
        if (!filter) return filter.error();
        if (!filter->units.empty() && filter->state == domain::TaskState::active &&
            !filter->document) {
            auto indexed = indexed_page(page, *filter);
            if (!indexed) return indexed.error();
            if (*indexed) return std::move(**indexed);
        }
        if (!filter->units.empty()) {
            // A unit's tasks: their ids, from the indexes, give both the
            // count and the page; only the page's rows are read.
            filter->newest_first = page.descending;
            auto ids = m_repository.task_ids(*filter);
            if (!ids) return ids.error();
            out.total = ids->size();
            store::TaskFilter slice;
            slice.newest_first = page.descending;
            for (std::size_t i = page.offset; i < ids->size() && i < page.offset + page.limit; ++i)
                slice.ids.push_back((*ids)[i]);
            if (slice.ids.empty()) return out;
            auto facts = m_repository.task_facts(slice);
            if (!facts) return facts.error();
            out.items = views_of(std::move(*facts), page.query);
            return out;
        }
        auto total = m_repository.count_tasks(*filter);
        if (!total) return total.error();
        out.total = *total;
        filter->newest_first = page.descending;
        filter->limit = page.limit;
        filter->offset = page.offset;
        auto facts = m_repository.task_facts(*filter);
        if (!facts) return facts.error();
        out.items = views_of(std::move(*facts), page.query);
        return out;
    }
    if (page.sort == TaskSort::id && page.query.unit &&
        page.query.status == domain::TaskStatus::overdue && !page.query.include_proposed &&
        !page.query.directive && page.query.limit == 0) {
        auto paged = overdue_page(page);
        if (!paged) return paged.error();
        if (*paged) return std::move(**paged);
    }
    // Any other order, or a status: each task's status as of the date is
    // worked out, a batch of tasks at a time, keeping only what can still be
    // on the page (the first offset + limit in the page's order). The whole
    // list is never held: a province's million tasks as views took
    // gigabytes and most of a minute.
    auto filter = task_filter(page.query);
    if (!filter) return filter.error();
    std::vector<TaskId> ids;
    if (overdue_through_index(page.query, *filter)) {
        auto overdue = m_repository.overdue_tasks(filter->units, page.query.as_of);
        if (!overdue) return overdue.error();
        ids = std::move(*overdue);
    } else {
        auto listed = m_repository.task_ids(*filter);
        if (!listed) return listed.error();
        ids = std::move(*listed);
    }
    const auto key_less = [&page](const TaskView& a, const TaskView& b) {
        switch (page.sort) {
            case TaskSort::due:
                if (a.due != b.due) {
                    if (!a.due) return false;
                    if (!b.due) return true;
                    return *a.due < *b.due;
                }
                break;
            case TaskSort::status:
                if (a.status != b.status) return a.status < b.status;
                break;
            case TaskSort::document:
                if (a.document_notation != b.document_notation)
                    return a.document_notation < b.document_notation;
                break;
            case TaskSort::id:
                break;
        }
        return a.task.id < b.task.id;
    };
    const auto in_order = [&](const TaskView& a, const TaskView& b) {
        return page.descending ? key_less(b, a) : key_less(a, b);
    };
    constexpr std::size_t k_batch = 1000;
    const std::size_t keep = page.offset + page.limit;
    TaskQuery each = page.query;
    each.limit = 0;
    std::vector<TaskView> best;
    for (std::size_t next = 0; next < ids.size();) {
        store::TaskFilter batch;
        batch.state = filter->state;
        batch.document = filter->document;
        for (; next < ids.size() && batch.ids.size() < k_batch; ++next)
            batch.ids.push_back(ids[next]);
        auto facts = m_repository.task_facts(batch);
        if (!facts) return facts.error();
        for (auto& v : views_of(std::move(*facts), each)) {
            ++out.total;
            best.push_back(std::move(v));
        }
        if (best.size() >= 2 * keep + k_batch) {
            std::nth_element(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(keep),
                             best.end(), in_order);
            best.resize(keep);
        }
    }
    std::sort(best.begin(), best.end(), in_order);
    for (std::size_t i = page.offset; i < best.size() && i < keep; ++i)
        out.items.push_back(std::move(best[i]));
    return out;
}

Result<std::optional<TaskPage>> RegisterService::overdue_page(const TaskPageQuery& page) {
    // The overdue list of the units (the occurrence index, which agrees with
    // the events: a property test checks it) gives the total and the page's
    // ids; only the page's tasks are read. Should a task of the page not be
    // overdue by its events after all, the caller reads every listed task.
    auto filter = task_filter(page.query);
    if (!filter) return filter.error();
    if (!overdue_through_index(page.query, *filter)) return std::optional<TaskPage>();
    auto overdue = m_repository.overdue_tasks(filter->units, page.query.as_of);
    if (!overdue) return overdue.error();
    TaskPage out;
    out.total = overdue->size();
    store::TaskFilter slice;
    slice.state = domain::TaskState::active;
    slice.newest_first = page.descending;
    for (std::size_t i = page.offset; i < overdue->size() && i < page.offset + page.limit; ++i)
        slice.ids.push_back(page.descending ? (*overdue)[overdue->size() - 1 - i] : (*overdue)[i]);
    if (slice.ids.empty()) return std::optional<TaskPage>(std::move(out));
    // The statuses from the page's rows of the occurrence index, as a
    // unit's page does; the events when a timeline is inexact.
    auto views = views_from_index(slice.ids, filter->units, page.query.as_of, page.descending);
    if (!views) return views.error();
    if (*views) {
        out.items = std::move(**views);
    } else {
        auto facts = m_repository.task_facts(slice);
        if (!facts) return facts.error();
        out.items = views_of(std::move(*facts), page.query);
    }
    const bool all_overdue = std::all_of(out.items.begin(), out.items.end(), [](const TaskView& v) {
        return v.status == domain::TaskStatus::overdue;
    });
    if (out.items.size() != slice.ids.size() || !all_overdue) return std::optional<TaskPage>();
    return std::optional<TaskPage>(std::move(out));
}

Result<std::optional<TaskPage>> RegisterService::indexed_page(const TaskPageQuery& page,
                                                              const store::TaskFilter& filter) {
    // The count and the page's ids, each counted or skipped inside SQLite
    // (the unit's whole list of ids, returned row by row, cost twice more).
    auto total = m_repository.count_tasks(filter);
    if (!total) return total.error();
    TaskPage out;
    out.total = *total;
    if (page.limit == 0) return std::optional<TaskPage>(std::move(out));  // (0: no limit, below)
    store::TaskFilter listed = filter;
    listed.newest_first = page.descending;
    listed.offset = page.offset;
    listed.limit = page.limit;
    auto listed_ids = m_repository.task_ids(listed);
    if (!listed_ids) return listed_ids.error();
    std::vector<TaskId> ids = std::move(*listed_ids);
    if (ids.empty()) return std::optional<TaskPage>(std::move(out));
    auto views = views_from_index(ids, filter.units, page.query.as_of, page.descending);
    if (!views) return views.error();
    if (!*views) return std::optional<TaskPage>();
    out.items = std::move(**views);
    return std::optional<TaskPage>(std::move(out));
}

Result<std::optional<std::vector<TaskView>>> RegisterService::views_from_index(
    const std::vector<TaskId>& ids, const std::vector<UnitId>& units, CivilDate as_of,
    bool descending) {
    using Views = std::optional<std::vector<TaskView>>;
    if (ids.empty()) return Views(std::vector<TaskView>());
    const auto [lowest, highest] = std::minmax_element(ids.begin(), ids.end());
    auto rows = m_repository.unit_timelines(units, *lowest, *highest);
    if (!rows) return rows.error();
    // Each task's occurrences together, in due order, once each (a task
    // assigned to several of the units comes once per unit).
    std::sort(rows->begin(), rows->end(), [](const auto& a, const auto& b) {
        if (a.task != b.task) return a.task < b.task;
        return a.timeline.due < b.timeline.due;
    });
    rows->erase(std::unique(rows->begin(), rows->end(),
                            [](const auto& a, const auto& b) {
                                return a.task == b.task && a.timeline.due == b.timeline.due;
                            }),
                rows->end());
    std::vector<Pick> picks;
    for (const TaskId id : ids) {
        const auto first = std::lower_bound(rows->begin(), rows->end(), id,
                                            [](const auto& r, TaskId key) { return r.task < key; });
        auto end = first;
        for (; end != rows->end() && end->task == id; ++end) {
            if (!end->timeline.exact) return Views();
        }
        // Listed by the index a moment ago, in the same read: never empty.
        if (first == end) return Views();
        picks.push_back(pick_from_timelines(std::span(first, end), as_of, m_calendar));
    }
    store::TaskFilter slice;
    slice.ids = ids;
    slice.state = domain::TaskState::active;
    slice.newest_first = descending;
    slice.without_deadlines = true;  // a page shows none
    auto tasks = m_repository.tasks(slice);
    if (!tasks) return tasks.error();
    // The index is kept in step with every change in the same transaction:
    // a task missing here means the read is not the index's snapshot.
    if (tasks->size() != ids.size()) return Views();
    std::vector<TaskView> out;
    std::map<std::int64_t, std::string> notations;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if ((*tasks)[i].id != ids[i]) return Views();
        out.push_back(view_of(m_repository, std::move((*tasks)[i]), picks[i], notations));
    }
    return Views(std::move(out));
}

Result<std::vector<TaskView>> RegisterService::tasks(const TaskQuery& query) {
    auto built = task_filter(query);
    if (!built) return built.error();
    store::TaskFilter filter = std::move(*built);
    if (overdue_through_index(query, filter)) {
        auto overdue = m_repository.overdue_tasks(filter.units, query.as_of);
        if (!overdue) return overdue.error();
        filter.units.clear();
        // Read a slice of ids at a time: a district's overdue tasks in a large
        // register are more than one statement may bind (SQLite: 32,766).
        constexpr std::size_t k_slice = 5000;
        std::vector<TaskView> out;
        for (std::size_t from = 0; from < overdue->size(); from += k_slice) {
            const auto first = overdue->begin() + static_cast<std::ptrdiff_t>(from);
            filter.ids.assign(first, first + static_cast<std::ptrdiff_t>(
                                                 std::min(k_slice, overdue->size() - from)));
            auto facts = m_repository.task_facts(filter);
            if (!facts) return facts.error();
            TaskQuery rest = query;
            if (query.limit != 0) rest.limit = query.limit - out.size();
            for (auto& v : views_of(std::move(*facts), rest)) out.push_back(std::move(v));
            if (query.limit != 0 && out.size() >= query.limit) break;
        }
        return out;
    }
    auto facts = m_repository.task_facts(filter);
    if (!facts) return facts.error();
    return views_of(std::move(*facts), query);
}

namespace {

bool is_open(domain::TaskStatus s) {
    return s == domain::TaskStatus::in_progress || s == domain::TaskStatus::due_soon ||
           s == domain::TaskStatus::overdue;
}

// A report the unit owes: the task recurs (a periodic report: hằng tháng,
// hằng quý…) or its product is a report.
bool is_report(const TaskView& v) {
    if (!v.period_label.empty()) return true;
    if (!v.task.product) return false;
    const std::string& p = *v.task.product;
    return p.find("áo cáo") != std::string::npos || p.find("ÁO CÁO") != std::string::npos;
}

}  // namespace

Result<std::vector<TaskView>> RegisterService::falling_due(const DueQuery& due) {
    auto candidates = m_repository.due_candidates(due.from, due.to, due.reports_only);
    if (!candidates) return candidates.error();
    auto scoped = task_filter(due.query);
    if (!scoped) return scoped.error();
    TaskQuery exact = due.query;
    exact.status.reset();
    exact.limit = 0;
    const auto sooner = [](const TaskView& a, const TaskView& b) {
        return *a.due != *b.due ? *a.due < *b.due : a.task.id < b.task.id;
    };
    // A task's status is about one of its candidate days, and the candidates
    // come in (day, task) order, so a task not read yet comes no sooner than
    // the next candidate, in that order: on a day with hundreds due, the
    // reading stops at the tenth open task, not at the end of the day.
    // Most tasks falling due are open, so the first batch is a few times the
    // rows asked for, and batches grow while too few are found.
    constexpr std::size_t k_batch = 200;
    std::size_t batch_size = due.limit == 0 ? k_batch : std::min(k_batch, 3 * due.limit);
    std::vector<TaskView> found;
    std::set<std::int64_t> seen;
    std::size_t next = 0;
    while (next < candidates->size()) {
        if (due.limit != 0 && found.size() >= due.limit) {
            std::sort(found.begin(), found.end(), sooner);
            found.resize(due.limit);
            const auto& last = found.back();
            const auto& candidate = (*candidates)[next];
            if (*last.due < candidate.due ||
                (*last.due == candidate.due && last.task.id < candidate.task))
                break;
        }
        store::TaskFilter batch = *scoped;
        for (; next < candidates->size() && batch.ids.size() < batch_size; ++next) {
            const TaskId id = (*candidates)[next].task;
            if (seen.insert(id.value).second) batch.ids.push_back(id);
        }
        batch_size = std::min(k_batch, 2 * batch_size);
        if (batch.ids.empty()) continue;
        auto facts = m_repository.task_facts(batch);
        if (!facts) return facts.error();
        for (auto& v : views_of(std::move(*facts), exact)) {
            if (!is_open(v.status) || !v.due || *v.due < due.from || *v.due > due.to) continue;
            if (due.reports_only && !is_report(v)) continue;
            found.push_back(std::move(v));
        }
    }
    std::sort(found.begin(), found.end(), sooner);
    if (due.limit != 0 && found.size() > due.limit) found.resize(due.limit);
    return found;
}

std::vector<TaskView> RegisterService::views_of(std::vector<store::TaskFacts> facts,
                                                const TaskQuery& query) {
    std::vector<TaskView> out;
    std::map<std::int64_t, std::string> notations;
    for (auto& f : facts) {
        const Pick pick = pick_status(f, query.as_of, m_calendar);
        if (query.status) {
            const bool in_progress_family = *query.status == domain::TaskStatus::in_progress &&
                                            pick.status == domain::TaskStatus::due_soon;
            if (pick.status != *query.status && !in_progress_family) continue;
        }
        out.push_back(view_of(m_repository, std::move(f.task), pick, notations));
        if (query.limit != 0 && out.size() >= query.limit) break;
    }
    return out;
}

std::vector<std::string> exported_task_headers(CivilDate as_of) {
    // The columns tasks import reads back; the last one is for people only.
    return {"Mã",
            "STT",
            "Nội dung",
            "Đơn vị giao",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Ngày giao",
            "Thời hạn",
            "Tình trạng",
            "Ngày hoàn thành",
            "Văn bản giao",
            "Trạng thái đến ngày " + domain::vietnamese(as_of)};
}

Result<std::string> RegisterService::export_tasks_csv(CivilDate as_of) {
    auto tasks = exported_tasks(as_of);
    if (!tasks) return tasks.error();
    std::string out;
    const auto row = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) out += ',';
            text::append_csv_field(out, cells[i]);
        }
        out += "\r\n";
    };
    row(exported_task_headers(as_of));
    const auto date_cell = [](const std::optional<CivilDate>& d) {
        return d ? domain::vietnamese(*d) : std::string();
    };
    for (const auto& t : *tasks) {
        row({t.id, t.clause, t.title, t.assigned_by, t.lead, t.coordinate, date_cell(t.start),
             date_cell(t.due), t.state, date_cell(t.done_on), t.directive, t.status});
    }
    return out;
}

Result<std::vector<ExportedTask>> RegisterService::exported_tasks(CivilDate as_of) {
    if (auto loaded = load_directory(); !loaded) return loaded.error();
    auto facts = m_repository.task_facts(store::TaskFilter{});
    if (!facts) return facts.error();
    std::vector<ExportedTask> out;
    std::map<std::int64_t, std::string> notations;
    const auto units_of = [](const domain::Task& t, bool lead) {
        std::string cell;
        std::set<std::string> seen;
        for (const auto& a : t.assignments) {
            if ((a.role == read::Role::coordinate) == lead) continue;
            const std::string name = a.unit ? a.unit->value : a.mention;
            if (!seen.insert(name).second) continue;
            if (!cell.empty()) cell += "; ";
            cell += name;
        }
        return cell;
    };
    for (const auto& f : *facts) {
        const domain::Task& t = f.task;
        if (t.state == domain::TaskState::proposed) continue;  // not in the register yet
        std::optional<CivilDate> done_on;
        bool waiting = false;
        for (const auto& r : f.reports) {
            if (r.outcome == domain::ReviewOutcome::confirmed &&
                (!done_on || r.reported_on < *done_on))
                done_on = r.reported_on;
            if (!r.outcome) waiting = true;
        }
        ExportedTask row;
        row.state = "Đang thực hiện";
        if (t.state == domain::TaskState::cancelled) {
            row.state = "Đã hủy";
        } else if (done_on && f.occurrences.size() <= 1) {
            row.state = "Hoàn thành";
        } else if (waiting) {
            row.state = "Chờ xác nhận";
        }
        row.id = std::to_string(t.id.value);
        if (t.source_key) row.id = t.source_key->substr(t.source_key->find(':') + 1);
        const Pick pick = pick_status(f, as_of, m_calendar);
        row.clause = t.clause;
        row.title = t.action;
        if (t.assigned_by) row.assigned_by = t.assigned_by->value;
        row.lead = units_of(t, true);
        row.coordinate = units_of(t, false);
        row.start = t.assigned_on;
        if (!f.occurrences.empty()) row.due = f.occurrences.front().due;
        if (row.state == "Hoàn thành") row.done_on = done_on;
        row.directive = document_notation(m_repository, t.document, notations);
        row.status = t.state == domain::TaskState::cancelled
                         ? std::string("Đã hủy")
                         : std::string(domain::task_status_label(pick.status));
        out.push_back(std::move(row));
    }
    return out;
}

Result<TaskView> RegisterService::task(TaskId id, CivilDate as_of) {
    store::TaskFilter filter;
    filter.ids = {id};  // this task's facts only
    auto facts = m_repository.task_facts(filter);
    if (!facts) return facts.error();
    for (auto& f : *facts) {
        if (f.task.id != id) continue;
        const Pick pick = pick_status(f, as_of, m_calendar);
        std::map<std::int64_t, std::string> notations;
        return view_of(m_repository, std::move(f.task), pick, notations);
    }
    return make_error(ErrorCode::not_found, "no task " + std::to_string(id.value));
}

Result<std::size_t> RegisterService::confirm_tasks(DocumentId document) {
    store::TaskFilter filter;
    filter.document = document;
    filter.state = domain::TaskState::proposed;
    auto proposed = m_repository.tasks(filter);
    if (!proposed) return proposed.error();
    auto done = m_repository.transaction([&]() -> Result<void> {
        for (auto& t : *proposed) {
            t.state = domain::TaskState::active;
            if (auto ok = m_repository.update_task(t); !ok) return ok;
        }
        return {};
    });
    if (!done) return done.error();
    return proposed->size();
}

Result<void> RegisterService::confirm_task(TaskId id) {
    auto t = m_repository.task(id);
    if (!t) return t.error();
    if (t->state == domain::TaskState::active) return {};
    t->state = domain::TaskState::active;
    return m_repository.update_task(*t);
}

Result<void> RegisterService::progress(TaskId id, CivilDate on, const std::string& text,
                                       std::optional<int> percent) {
    if (percent && (*percent < 0 || *percent > 100)) {
        return make_error(ErrorCode::invalid_input, "percent must be between 0 and 100",
                          std::to_string(*percent));
    }
    auto t = m_repository.task(id);
    if (!t) return t.error();
    domain::ProgressUpdate update;
    update.task = id;
    update.on = on;
    update.text = text;
    update.percent = percent;
    for (const auto& a : t->assignments) {
        if (a.role == read::Role::lead && a.unit) update.unit = a.unit;
    }
    return m_repository.add_progress(update);
}

Result<std::int64_t> RegisterService::report_done(TaskId id, CivilDate on,
                                                  const std::string& text) {
    auto t = m_repository.task(id);
    if (!t) return t.error();
    if (t->state != domain::TaskState::active) {
        return make_error(ErrorCode::conflict,
                          "task " + std::to_string(id.value) + " is not confirmed yet");
    }
    auto view = task(id, on);
    if (!view) return view.error();
    domain::CompletionReport report;
    report.task = id;
    report.reported_on = on;
    report.text = text;
    if (!view->period_label.empty()) report.occurrence_due = view->due;
    return m_repository.add_report(report);
}

Result<void> RegisterService::link_subtask(TaskId child, TaskId parent) {
    auto t = m_repository.task(child);
    if (!t) return t.error();
    // Walk up from the parent: meeting the child would close a cycle.
    std::optional<TaskId> at = parent;
    for (int depth = 0; at && depth < 64; ++depth) {
        if (*at == child) {
            return make_error(ErrorCode::conflict, "task " + std::to_string(parent.value) +
                                                       " is task " + std::to_string(child.value) +
                                                       " or one of its sub-tasks");
        }
        auto up = m_repository.task(*at);
        if (!up) return up.error();
        at = up->parent;
    }
    t->parent = parent;
    return m_repository.update_task(*t);
}

Result<Rollup> RegisterService::rollup(TaskId id, CivilDate as_of) {
    Rollup rollup;
    std::set<std::int64_t> seen{id.value};
    std::vector<TaskId> level{id};
    std::map<std::int64_t, std::string> notations;
    for (int depth = 0; !level.empty() && depth < 16; ++depth) {
        std::vector<TaskId> next;
        for (const auto& parent : level) {
            store::TaskFilter filter;
            filter.parent = parent;
            auto facts = m_repository.task_facts(filter);
            if (!facts) return facts.error();
            for (auto& f : *facts) {
                if (!seen.insert(f.task.id.value).second) continue;
                next.push_back(f.task.id);
                if (f.task.state == domain::TaskState::cancelled) continue;
                const Pick pick = pick_status(f, as_of, m_calendar);
                if (depth == 0) {
                    rollup.subtasks.push_back(view_of(m_repository, f.task, pick, notations));
                }
                // Proposed sub-tasks are listed, but not tracked until confirmed.
                if (f.task.state != domain::TaskState::active) continue;
                ++rollup.descendants;
                switch (pick.status) {
                    case domain::TaskStatus::done_on_time:
                        ++rollup.done_on_time;
                        break;
                    case domain::TaskStatus::done_late:
                        ++rollup.done_late;
                        break;
                    case domain::TaskStatus::in_progress:
                    case domain::TaskStatus::due_soon:
                        ++rollup.in_progress;
                        break;
                    case domain::TaskStatus::overdue:
                        ++rollup.overdue;
                        break;
                    case domain::TaskStatus::no_deadline:
                        ++rollup.no_deadline;
                        break;
                }
            }
        }
        level = std::move(next);
    }
    return rollup;
}

Result<void> RegisterService::review(TaskId id, domain::ReviewOutcome outcome, CivilDate on,
                                     const std::string& note) {
    store::TaskFilter filter;
    filter.ids = {id};
    auto facts = m_repository.task_facts(filter);
    if (!facts) return facts.error();
    if (facts->empty())
        return make_error(ErrorCode::not_found, "no task " + std::to_string(id.value));
    for (const auto& f : *facts) {
        if (f.task.id != id) continue;
        for (auto it = f.reports.rbegin(); it != f.reports.rend(); ++it) {
            if (!it->outcome) return m_repository.review_report(it->id, outcome, on, note);
        }
    }
    return make_error(ErrorCode::conflict, "task " + std::to_string(id.value) +
                                               " has no completion report waiting for review");
}

Result<std::int64_t> RegisterService::request_extension(TaskId id, CivilDate on, CivilDate new_due,
                                                        const std::string& reason) {
    auto t = m_repository.task(id);
    if (!t) return t.error();
    domain::Extension e;
    e.task = id;
    e.requested_on = on;
    e.new_due = new_due;
    e.reason = reason;
    return m_repository.add_extension(e);
}

Result<void> RegisterService::decide_extension(TaskId id, domain::ExtensionDecision decision,
                                               CivilDate on) {
    store::TaskFilter filter;
    filter.ids = {id};
    auto facts = m_repository.task_facts(filter);
    if (!facts) return facts.error();
    if (facts->empty())
        return make_error(ErrorCode::not_found, "no task " + std::to_string(id.value));
    for (const auto& f : *facts) {
        if (f.task.id != id) continue;
        for (auto it = f.extensions.rbegin(); it != f.extensions.rend(); ++it) {
            if (it->decision == domain::ExtensionDecision::pending)
                return m_repository.decide_extension(it->id, decision, on);
        }
    }
    return make_error(ErrorCode::conflict,
                      "task " + std::to_string(id.value) + " has no pending extension request");
}

Result<std::vector<ScoreRow>> RegisterService::scoreboard(const ScoreQuery& query) {
    if (auto loaded = load_directory(); !loaded) return loaded.error();
    // Each occurrence due in the window counts once for each unit that leads
    // or performs the task (coordinating units are not scored for it).
    store::StatusCountQuery counted{query.as_of, query.from, query.to, {}};
    if (query.unit) counted.units = unit_with_descendants(*query.unit);
    auto counts = m_repository.status_counts(counted);
    if (!counts) return counts.error();
    std::map<UnitId, ScoreRow> rows;
    for (const auto& c : *counts) {
        ScoreRow& row = rows[c.unit];
        row.unit = c.unit;
        row.done_on_time = c.done_on_time;
        row.done_late = c.done_late;
        row.in_progress = c.in_progress;
        row.overdue = c.overdue;
        row.no_deadline = c.no_deadline;
        row.assigned = c.done_on_time + c.done_late + c.in_progress + c.overdue + c.no_deadline;
    }
    // The enforcement acts of the window that happened by the as-of date;
    // a unit pressed in the period with nothing due in it still has a row.
    store::EnforcementFilter acts;
    acts.from = query.from;
    acts.to = query.to && *query.to < query.as_of ? *query.to : query.as_of;
    acts.units = counted.units;
    auto enforcement = m_repository.enforcement_counts(acts);
    if (!enforcement) return enforcement.error();
    for (const auto& e : *enforcement) {
        ScoreRow& row = rows[e.unit];
        row.unit = e.unit;
        row.enforcement = e.counts;
    }
    std::vector<ScoreRow> out;
    for (auto& [id, row] : rows) {
        if (const domain::Unit* unit = m_directory->find(id)) row.unit_name = unit->name;
        out.push_back(std::move(row));
    }
    std::sort(out.begin(), out.end(), [](const ScoreRow& a, const ScoreRow& b) {
        if (a.overdue != b.overdue) return a.overdue > b.overdue;
        return a.unit_name < b.unit_name;
    });
    return out;
}

Result<std::size_t> RegisterService::merge_unit(const UnitId& from, const UnitId& to,
                                                CivilDate on) {
    if (auto loaded = load_directory(); !loaded) return loaded.error();
    const domain::Unit* old_unit = m_directory->find(from);
    const domain::Unit* new_unit = m_directory->find(to);
    if (!old_unit) return make_error(ErrorCode::not_found, "no unit " + from.value);
    if (!new_unit) return make_error(ErrorCode::not_found, "no unit " + to.value);
    domain::Unit changed = *old_unit;
    changed.valid_to = domain::plus_days(on, -1);
    if (std::find(changed.successors.begin(), changed.successors.end(), to) ==
        changed.successors.end()) {
        changed.successors.push_back(to);
    }
    std::size_t moved = 0;
    auto done = m_repository.transaction([&]() -> Result<void> {
        if (auto ok = m_repository.save_unit(changed); !ok) return ok;
        auto n = m_repository.reassign_open_tasks(from, to, on);
        if (!n) return n.error();
        moved = *n;
        return {};
    });
    if (!done) return done.error();
    m_directory.reset();
    return moved;
}

Result<void> RegisterService::map_name(const std::string& mention,
                                       const std::optional<UnitId>& issuer,
                                       const std::vector<UnitId>& units) {
    auto saved = m_repository.save_mapping(domain::mention_key(mention), issuer, units);
    if (!saved) return saved;
    m_directory.reset();
    return {};
}

}  // namespace dondoc::service
