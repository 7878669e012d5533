// The register over a SQL connection, written once for SQLite and
// PostgreSQL (what differs is in Dialect): migrations applied at open,
// documents searchable without diacritics through an index of their folded
// text, and the per-unit occurrence statuses that scoreboards and overdue
// lists read (unit_occurrences), kept in step with every change to a task.
#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <future>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "domain/civil_date.h"
#include "domain/enforcement.h"
#include "domain/status.h"
#include "read/record_json.h"
#include "store/accounts.h"
#include "store/dialect.h"
#include "store/repository.h"
#include "store/schema.h"
#include "store/sql.h"
#include "text/normalize.h"

namespace dondoc::store {
namespace {

using domain::iso;
using domain::parse_iso;

std::optional<std::string> iso_opt(const std::optional<CivilDate>& d) {
    return d ? std::optional<std::string>(iso(*d)) : std::nullopt;
}

std::optional<CivilDate> date_opt(const std::optional<std::string>& s) {
    return s ? parse_iso(*s) : std::nullopt;
}

// Dates in unit_occurrences: days since 1970-01-01.
std::int64_t day_number(CivilDate d) {
    return std::chrono::sys_days{d}.time_since_epoch().count();
}
std::optional<std::int64_t> day_number(const std::optional<CivilDate>& d) {
    return d ? std::optional<std::int64_t>(day_number(*d)) : std::nullopt;
}
CivilDate from_day_number(std::int64_t n) {
    return CivilDate{std::chrono::sys_days{std::chrono::days{n}}};
}

// The day key of the statuses held from the start (see unit_status_days).
constexpr std::int64_t k_beginning = -(std::int64_t{1} << 30);

// The first day of the month of a day number (k_beginning stays itself).
std::int64_t month_of(std::int64_t day) {
    if (day == k_beginning) return k_beginning;
    const std::chrono::year_month_day date = from_day_number(day);
    return day_number(CivilDate{date.year(), date.month(), std::chrono::day{1}});
}

std::size_t status_slot(domain::TaskStatus s) {
    switch (s) {
        case domain::TaskStatus::done_on_time:
            return 0;
        case domain::TaskStatus::done_late:
            return 1;
        case domain::TaskStatus::in_progress:
        case domain::TaskStatus::due_soon:
            return 2;
        case domain::TaskStatus::overdue:
            return 3;
        case domain::TaskStatus::no_deadline:
            return 4;
    }
    return 2;
}

// Status deltas gathered for one write, per (day or month, unit).
// (Hashed: a batch adds hundreds of thousands of moves; written in key order.)
using DeltaKey = std::pair<std::int64_t, std::string>;
struct DeltaKeyHash {
    std::size_t operator()(const DeltaKey& k) const {
        return std::hash<std::string>{}(k.second) * 1000003U ^ std::hash<std::int64_t>{}(k.first);
    }
};
using StatusDeltas = std::unordered_map<DeltaKey, std::array<std::int64_t, 5>, DeltaKeyHash>;

// The deltas in key order (day or month, then unit): two servers adding to
// the same rows take their locks in the same order.
std::vector<const StatusDeltas::value_type*> in_key_order(const StatusDeltas& deltas) {
    std::vector<const StatusDeltas::value_type*> out;
    out.reserve(deltas.size());
    for (const auto& entry : deltas) out.push_back(&entry);
    std::sort(out.begin(), out.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    return out;
}

// A task's deadlines as stored. The one deadline of a task imported from a
// sheet (a date, shown as "dd/mm/yyyy", inclusive, nothing else) is stored
// as its ISO date: 10 bytes instead of its 74 of JSON, and no JSON written
// or parsed (migration 9; older binaries refuse a register that may hold
// it). Any other list is the JSON of read/record_json.h.
read::Deadline date_deadline(CivilDate date) {
    read::Deadline d;
    d.kind = read::DeadlineKind::date;
    d.inclusive = true;
    d.text = domain::vietnamese(date);
    d.date = read::Date{static_cast<int>(date.year()),
                        static_cast<int>(static_cast<unsigned>(date.month())),
                        static_cast<int>(static_cast<unsigned>(date.day()))};
    return d;
}

std::string stored_deadlines(const std::vector<read::Deadline>& deadlines) {
    if (deadlines.size() == 1 && deadlines.front().kind == read::DeadlineKind::date &&
        deadlines.front().date) {
        const read::Date& on = *deadlines.front().date;
        const CivilDate date{std::chrono::year{on.year},
                             std::chrono::month{static_cast<unsigned>(on.month)},
                             std::chrono::day{static_cast<unsigned>(on.day)}};
        if (date.ok() && on.year >= 1000 && on.year <= 9999 &&
            deadlines.front() == date_deadline(date))
            return iso(date);
    }
    return read::deadlines_to_json(deadlines);
}

Result<std::vector<read::Deadline>> deadlines_from_column(std::string_view stored) {
    if (stored.size() == 10 && stored.front() != '[') {
        auto date = parse_iso(stored);
        if (!date)
            return make_error(ErrorCode::corruption, "not a deadline: " + std::string(stored));
        return std::vector<read::Deadline>{date_deadline(*date)};
    }
    return read::deadlines_from_json(stored);
}

bool inclusive_deadline(const domain::Task& t) {
    bool inclusive = true;
    for (const auto& d : t.deadlines) {
        if (d.kind == read::DeadlineKind::date) inclusive = d.inclusive;
    }
    return inclusive;
}

std::string_view state_name(domain::TaskState s) {
    switch (s) {
        case domain::TaskState::proposed:
            return "proposed";
        case domain::TaskState::active:
            return "active";
        case domain::TaskState::cancelled:
            return "cancelled";
    }
    return "proposed";
}

std::string_view outcome_name(domain::ReviewOutcome o) {
    return o == domain::ReviewOutcome::confirmed ? "confirmed" : "returned";
}

std::string_view decision_name(domain::ExtensionDecision d) {
    switch (d) {
        case domain::ExtensionDecision::approved:
            return "approved";
        case domain::ExtensionDecision::rejected:
            return "rejected";
        case domain::ExtensionDecision::pending:
            return "pending";
    }
    return "pending";
}

domain::TaskState state_from(std::string_view s) {
    if (s == "active") return domain::TaskState::active;
    if (s == "cancelled") return domain::TaskState::cancelled;
    return domain::TaskState::proposed;
}

read::Role role_from(std::string_view s) {
    if (s == "lead") return read::Role::lead;
    if (s == "coordinate") return read::Role::coordinate;
    return read::Role::perform;
}

// The text the full-text index holds for a document: folded, so that a
// query typed without diacritics matches.
std::string search_body(const domain::Document& d) {
    return text::fold_diacritics(d.notation + " " + d.type_code + " " + d.issuer_name + " " +
                                 d.subject + " " + d.text);
}

// LIMIT for "all rows": both dialects take a number, not -1 or NULL.
constexpr std::int64_t k_no_limit = std::numeric_limits<std::int64_t>::max();

static_assert(k_migrations.back().version == k_schema_version);

class SqlRepository final : public Repository {
  public:
    SqlRepository(std::unique_ptr<sql::Connection> db, const Dialect& dialect)
        : m_connection(std::move(db)), m_db(*m_connection), m_dialect(dialect) {}

    Result<void> migrate() {
        if (!m_dialect.setup.empty()) DONDOC_TRY(m_db.exec(m_dialect.setup));
        // Several servers opening one new register at once migrate it once.
        if (!m_dialect.lock_migrations.empty()) DONDOC_TRY(m_db.exec(m_dialect.lock_migrations));
        auto migrated = migrate_locked();
        if (!m_dialect.unlock_migrations.empty()) {
            auto unlocked = m_db.exec(m_dialect.unlock_migrations);
            if (migrated && !unlocked) return unlocked;
        }
        return migrated;
    }

    Result<void> migrate_locked() {
        DONDOC_TRY(m_db.exec(m_dialect.migrations_table));
        auto current = m_db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
        if (!current) return current.error();
        auto row = current->step();
        if (!row) return row.error();
        const auto version = static_cast<int>(current->integer(0));
        current->reset();  // a statement left active would lock the tables a migration drops
        if (version > k_schema_version) {
            return make_error(ErrorCode::corruption,
                              "this register was written by a newer dondoc (schema " +
                                  std::to_string(version) + ", this build knows " +
                                  std::to_string(k_schema_version) + ")");
        }
        // The rebuild is this build's code, written for the latest schema:
        // it runs once every migration is in (a register of schema 1 gets
        // the columns of later migrations before its derived rows).
        bool rebuild = false;
        for (const auto& migration : m_dialect.migrations) {
            if (migration.version <= version) continue;
            auto applied = transaction([&]() -> Result<void> {
                DONDOC_TRY(m_db.exec(migration.sql));
                auto record = m_db.prepare(
                    "INSERT INTO schema_migrations(version, description) VALUES (?, ?)");
                if (!record) return record.error();
                record->bind(1, static_cast<std::int64_t>(migration.version))
                    .bind(2, migration.description);
                return record->run();
            });
            if (!applied) return applied.error();
            rebuild = rebuild || migration.rebuilds_derived;
        }
        if (rebuild) return rebuild_derived();
        return {};
    }

    // Converts what a migration left for code to convert, and refills the
    // search index and the occurrence statuses from the records.
    // Schema 1 kept one row per assigned unit; schema 2 a row per mention
    // with a shared unit set. Merger history pointed at assignment rows and
    // now points at the mention (the first row of its group).
    Result<void> convert_v1_assignments() {
        auto exists = m_db.prepare(m_dialect.table_exists);
        if (!exists) return exists.error();
        exists->bind(1, "v1_task_assignments");
        auto found = exists->step();
        if (!found) return found.error();
        if (!*found) return {};
        exists->reset();
        std::map<std::int64_t, std::vector<domain::TaskAssignment>> by_task;
        std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> mention_of;  // row → mention
        {
            auto st = m_db.prepare(
                "SELECT task_id, position, unit_id, mention, role FROM v1_task_assignments ORDER "
                "BY task_id, position");
            if (!st) return st.error();
            std::int64_t group_start = 0;
            DONDOC_TRY(st->for_each_row([&] {
                const std::int64_t task = st->integer(0);
                const std::int64_t position = st->integer(1);
                auto& list = by_task[task];
                domain::TaskAssignment a;
                if (auto unit = st->optional_text(2)) a.unit = UnitId{*unit};
                a.mention = st->text(3);
                a.role = role_from(st->text(4));
                const bool continues = !list.empty() && list.back().unit && a.unit &&
                                       list.back().mention == a.mention &&
                                       list.back().role == a.role;
                if (!continues) group_start = static_cast<std::int64_t>(list.size());
                mention_of[{task, position}] = group_start;
                list.push_back(std::move(a));
            }));
        }
        for (const auto& [task, list] : by_task) DONDOC_TRY(write_assignments(TaskId{task}, list));
        auto history = m_db.prepare(
            "UPDATE assignment_history SET position = ? WHERE task_id = ? AND position = ?");
        if (!history) return history.error();
        for (const auto& [row, mention] : mention_of) {
            if (row.second == mention) continue;
            history->reset();
            history->bind(1, mention).bind(2, row.first).bind(3, row.second);
            DONDOC_TRY(history->run());
        }
        return m_db.exec("DROP TABLE v1_task_assignments");
    }

    Result<void> rebuild_derived() override {
        return transaction([&]() -> Result<void> {
            DONDOC_TRY(convert_v1_assignments());
            DONDOC_TRY(m_db.exec(m_dialect.index_clear));
            auto all = query_documents(std::string("SELECT ") + std::string(k_document_columns) +
                                           " FROM documents ORDER BY id",
                                       [](sql::Statement&) {});
            if (!all) return all.error();
            for (const auto& d : *all) DONDOC_TRY(index_document(d.id, d, nullptr));
            DONDOC_TRY(
                m_db.exec("DELETE FROM unit_occurrences; DELETE FROM unit_status_days; "
                          "DELETE FROM unit_status_months"));
            // By chunks of ids (a key range each, not an offset to skip to).
            constexpr std::size_t k_chunk = 20000;
            std::optional<TaskId> after;
            while (true) {
                TaskFilter filter;
                filter.state = domain::TaskState::active;
                filter.limit = k_chunk;
                filter.after = after;
                auto facts = task_facts(filter);
                if (!facts) return facts.error();
                // The tables were just emptied: nothing to take back or delete.
                DONDOC_TRY(write_unit_occurrences_in_bulk(*facts));
                if (facts->size() < k_chunk) break;
                after = facts->back().task.id;
            }
            return {};
        });
    }

    Result<void> read_snapshot(const std::function<Result<void>()>& work) override {
        return sql::in_read_snapshot(m_db, m_depth, m_reading, m_dialect.begin_snapshot, work);
    }

    Result<std::unique_ptr<AccountStore>> accounts_on_this_connection() override {
        return open_sql_accounts_beside(*this, m_db, m_dialect);
    }

    Result<void> transaction(const std::function<Result<void>()>& work) override {
        if (m_reading)
            throw std::logic_error("transaction() inside read_snapshot(): a read request wrote");
        // The outermost call is a transaction; a nested one is a savepoint, so
        // that a failure inside it undoes only its own part (one document of a
        // batch) and the caller decides about the rest.
        const std::string savepoint = "dondoc_" + std::to_string(m_depth);
        const bool outermost = m_depth == 0;
        DONDOC_TRY(run_sql(outermost ? std::string(m_dialect.begin) : "SAVEPOINT " + savepoint));
        const auto undo = [&] {
            // Index changes and unit sets made inside the undone level go with it.
            std::erase_if(m_pending_index,
                          [&](const PendingIndex& change) { return change.depth > m_depth; });
            std::erase_if(m_unit_sets,
                          [&](const auto& known) { return known.second.depth > m_depth; });
            std::erase_if(m_pending_deltas,
                          [&](const PendingDeltas& pending) { return pending.depth > m_depth; });
            if (outermost) {
                m_analyze_after_commit = false;
                (void)run_sql("ROLLBACK");
            } else {
                (void)run_sql("ROLLBACK TO " + savepoint);
                (void)run_sql("RELEASE " + savepoint);
            }
        };
        ++m_depth;
        Result<void> result;
        try {
            result = work();
        } catch (...) {
            --m_depth;
            undo();
            throw;
        }
        --m_depth;
        if (!result) {
            undo();
            return result;
        }
        if (outermost) {
            auto flushed = flush_index();
            if (flushed) flushed = flush_pending_deltas();
            if (!flushed) {
                m_pending_deltas.clear();
                undo();
                return flushed;
            }
        }
        if (auto committed = run_sql(outermost ? std::string("COMMIT") : "RELEASE " + savepoint);
            !committed) {
            if (outermost) {
                m_analyze_after_commit = false;
                m_pending_index.clear();
                m_pending_deltas.clear();
                m_unit_sets.clear();
                (void)run_sql("ROLLBACK");
            }
            return committed;
        }
        if (outermost) {
            for (auto& [members, known] : m_unit_sets) known.depth = 0;
            if (m_analyze_after_commit) {
                m_analyze_after_commit = false;
                // The planner's statistics of the tables a large batch
                // filled, once its rows are committed. Only a hint: the
                // batch is in whatever this says (a lost connection shows
                // at the next statement).
                (void)m_db.exec(m_dialect.analyze_bulk);
            }
            return {};
        }
        // What the released level made now belongs to the enclosing one: a
        // later sibling that fails must not take it away. (Its unit sets may
        // be forgotten then: the cache only misses.) Changes made inside the
        // level are the last ones pending.
        for (auto it = m_pending_index.rbegin();
             it != m_pending_index.rend() && it->depth > m_depth; ++it)
            it->depth = m_depth;
        merge_pending_deltas();
        return {};
    }

    // A batch of tasks worth writing apart (see defer_indexes and
    // bulk_transaction): at least this many, and more than the register
    // holds (`first` the first id it takes).
    static constexpr std::size_t k_bulk_from = 5000;
    static bool larger_than_register(std::size_t batch, std::int64_t first) {
        return batch >= k_bulk_from && static_cast<std::size_t>(first) <= batch;
    }

    Result<void> bulk_transaction(std::size_t tasks,
                                  const std::function<Result<void>()>& work) override {
        if (m_depth > 0 || m_reading || m_dialect.bulk_journal.empty() || tasks < k_bulk_from)
            return transaction(work);
        std::int64_t first = 1;
        {
            auto st = m_db.prepare("SELECT coalesce(max(id), 0) + 1 FROM tasks");
            if (!st) return st.error();
            DONDOC_TRY(st->for_each_row([&] { first = st->integer(0); }));
        }
        // Another connection on the register (a server): the journal stays.
        if (!larger_than_register(tasks, first) || !m_db.exec(m_dialect.bulk_journal))
            return transaction(work);
        const auto restore = [&] {
            // When a reader came meanwhile and holds on past the busy
            // timeout, the register stays in the rollback journal until the
            // next connection opens it (the dialect's setup asks for WAL
            // again); the batch is in either way.
            (void)m_db.exec(m_dialect.bulk_journal_end);
        };
        Result<void> done;
        try {
            done = transaction(work);
        } catch (...) {
            restore();
            throw;
        }
        restore();
        return done;
    }

    // Status deltas made at levels above the current one, summed into one
    // entry of the current level (memory stays bounded by the days and
    // units touched, not by the writes made).
    void merge_pending_deltas() {
        PendingDeltas* into = nullptr;
        for (auto& pending : m_pending_deltas) {
            if (pending.depth == m_depth) into = &pending;
        }
        for (auto& pending : m_pending_deltas) {
            if (pending.depth <= m_depth) continue;
            if (!into) {
                pending.depth = m_depth;
                into = &pending;
                continue;
            }
            add_deltas(into->days, pending.days);
            pending.depth = -1;  // taken in
        }
        std::erase_if(m_pending_deltas, [](const PendingDeltas& p) { return p.depth < 0; });
    }

    static void add_deltas(StatusDeltas& sum, const StatusDeltas& more) {
        for (const auto& [key, d] : more) {
            auto& to = sum[key];
            for (std::size_t i = 0; i < d.size(); ++i) to[i] += d[i];
        }
    }

    // Deltas of the current level, added to its last entry when it has one.
    void add_pending_deltas(StatusDeltas days) {
        if (!m_pending_deltas.empty() && m_pending_deltas.back().depth == m_depth) {
            add_deltas(m_pending_deltas.back().days, days);
            return;
        }
        m_pending_deltas.push_back({m_depth, std::move(days)});
    }

    Result<void> save_unit(const domain::Unit& u) override {
        return transaction([&]() -> Result<void> {
            auto st = m_db.prepare(
                "INSERT INTO units(id, name, kind, parent_id, valid_from, valid_to, note) VALUES "
                "(?,?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind, "
                "parent_id=excluded.parent_id, "
                "valid_from=excluded.valid_from, valid_to=excluded.valid_to, note=excluded.note");
            if (!st) return st.error();
            st->bind(1, u.id.value).bind(2, u.name).bind(3, domain::unit_kind_name(u.kind));
            st->bind(4, u.parent ? std::optional<std::string>(u.parent->value) : std::nullopt);
            st->bind(5, iso_opt(u.valid_from)).bind(6, iso_opt(u.valid_to)).bind(7, u.note);
            DONDOC_TRY(st->run());
            auto clear = m_db.prepare("DELETE FROM unit_aliases WHERE unit_id = ?");
            if (!clear) return clear.error();
            clear->bind(1, u.id.value);
            DONDOC_TRY(clear->run());
            for (const auto& alias : u.aliases) {
                auto add = m_db.prepare(
                    "INSERT INTO unit_aliases(unit_id, alias) VALUES (?, ?) ON CONFLICT DO "
                    "NOTHING");
                if (!add) return add.error();
                add->bind(1, u.id.value).bind(2, alias);
                DONDOC_TRY(add->run());
            }
            auto clear_successors = m_db.prepare("DELETE FROM unit_successors WHERE unit_id = ?");
            if (!clear_successors) return clear_successors.error();
            clear_successors->bind(1, u.id.value);
            DONDOC_TRY(clear_successors->run());
            for (const auto& successor : u.successors) {
                auto add = m_db.prepare(
                    "INSERT INTO unit_successors(unit_id, successor_id) VALUES (?, ?) ON CONFLICT "
                    "DO NOTHING");
                if (!add) return add.error();
                add->bind(1, u.id.value).bind(2, successor.value);
                DONDOC_TRY(add->run());
            }
            return {};
        });
    }

    Result<std::vector<domain::Unit>> units() override {
        std::vector<domain::Unit> out;
        std::map<std::string, std::size_t> index;
        auto st = m_db.prepare(
            "SELECT id, name, kind, parent_id, valid_from, valid_to, note FROM units ORDER BY "
            "rowid");
        if (!st) return st.error();
        DONDOC_TRY(st->for_each_row([&] {
            domain::Unit u;
            u.id = UnitId{st->text(0)};
            u.name = st->text(1);
            u.kind = domain::unit_kind_from_name(st->text(2)).value_or(domain::UnitKind::other);
            if (auto parent = st->optional_text(3)) u.parent = UnitId{*parent};
            u.valid_from = date_opt(st->optional_text(4));
            u.valid_to = date_opt(st->optional_text(5));
            u.note = st->text(6);
            index[u.id.value] = out.size();
            out.push_back(std::move(u));
        }));
        auto aliases = m_db.prepare("SELECT unit_id, alias FROM unit_aliases ORDER BY rowid");
        if (!aliases) return aliases.error();
        DONDOC_TRY(aliases->for_each_row([&] {
            if (auto it = index.find(aliases->text(0)); it != index.end())
                out[it->second].aliases.push_back(aliases->text(1));
        }));
        auto successors =
            m_db.prepare("SELECT unit_id, successor_id FROM unit_successors ORDER BY rowid");
        if (!successors) return successors.error();
        DONDOC_TRY(successors->for_each_row([&] {
            if (auto it = index.find(successors->text(0)); it != index.end()) {
                out[it->second].successors.push_back(UnitId{successors->text(1)});
            }
        }));
        return out;
    }

    Result<void> save_mapping(const std::string& key, const std::optional<UnitId>& issuer,
                              const std::vector<UnitId>& units) override {
        return transaction([&]() -> Result<void> {
            auto clear =
                m_db.prepare("DELETE FROM name_mappings WHERE mention_key = ? AND issuer_id = ?");
            if (!clear) return clear.error();
            clear->bind(1, key).bind(2, issuer ? issuer->value : std::string());
            DONDOC_TRY(clear->run());
            for (const auto& unit : units) {
                auto add = m_db.prepare(
                    "INSERT INTO name_mappings(mention_key, issuer_id, unit_id) VALUES (?,?,?)");
                if (!add) return add.error();
                add->bind(1, key)
                    .bind(2, issuer ? issuer->value : std::string())
                    .bind(3, unit.value);
                DONDOC_TRY(add->run());
            }
            return {};
        });
    }

    Result<std::int64_t> directory_version() override {
        auto st = m_db.prepare("SELECT version FROM register_versions WHERE name = 'directory'");
        if (!st) return st.error();
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) return make_error(ErrorCode::corruption, "the directory has no version row");
        return st->integer(0);
    }

    Result<std::vector<Mapping>> mappings() override {
        std::map<std::pair<std::string, std::string>, std::vector<UnitId>> grouped;
        auto st = m_db.prepare(
            "SELECT mention_key, issuer_id, unit_id FROM name_mappings ORDER BY rowid");
        if (!st) return st.error();
        DONDOC_TRY(st->for_each_row([&] {
            grouped[{st->text(0), st->text(1)}].push_back(UnitId{st->text(2)});
        }));
        std::vector<Mapping> out;
        out.reserve(grouped.size());
        for (auto& [key, units] : grouped) {
            out.push_back(Mapping{
                key.first,
                key.second.empty() ? std::nullopt : std::optional<UnitId>(UnitId{key.second}),
                std::move(units)});
        }
        return out;
    }

    static constexpr std::string_view k_document_columns =
        "id, placeholder, notation, notation_key, year, date, type_code, issuer_name, issuer_id, "
        "subject, "
        "direction, registered, source_name, source_hash, record_json, text";
    // The same without the record and the text, for matching by notation.
    static constexpr std::string_view k_document_head_columns =
        "id, placeholder, notation, notation_key, year, date, type_code, issuer_name, issuer_id, "
        "subject, direction, registered, source_name, source_hash, '', ''";

    static domain::Document read_document_row(const sql::Statement& st) {
        domain::Document d;
        d.id = DocumentId{st.integer(0)};
        d.placeholder = st.integer(1) != 0;
        d.notation = st.text(2);
        d.notation_key = st.text(3);
        if (!st.is_null(4)) d.year = static_cast<int>(st.integer(4));
        d.date = date_opt(st.optional_text(5));
        d.type_code = st.text(6);
        d.issuer_name = st.text(7);
        if (auto issuer = st.optional_text(8)) d.issuer = UnitId{*issuer};
        d.subject = st.text(9);
        d.direction =
            st.text(10) == "outgoing" ? domain::Direction::outgoing : domain::Direction::incoming;
        d.registered = date_opt(st.optional_text(11));
        d.source_name = st.text(12);
        d.source_hash = st.text(13);
        d.record_json = st.text(14);
        d.text = st.text(15);
        return d;
    }

    Result<std::vector<domain::Document>> query_documents(
        std::string_view sql, const std::function<void(sql::Statement&)>& bind) {
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        bind(*st);
        std::vector<domain::Document> out;
        DONDOC_TRY(st->for_each_row([&] { out.push_back(read_document_row(*st)); }));
        return out;
    }

    Result<std::optional<domain::Document>> document_by_hash(const std::string& hash) override {
        auto found =
            query_documents(std::string("SELECT ") + std::string(k_document_columns) +
                                " FROM documents WHERE source_hash = ? AND source_hash <> ''",
                            [&](sql::Statement& st) { st.bind(1, hash); });
        if (!found) return found.error();
        if (found->empty()) return std::optional<domain::Document>();
        return std::optional<domain::Document>(std::move(found->front()));
    }

    Result<std::vector<domain::Document>> documents_by_notation(const std::string& key,
                                                                std::optional<int> year) override {
        return query_documents(std::string("SELECT ") + std::string(k_document_head_columns) +
                                   " FROM documents WHERE notation_key = ? AND (? IS NULL OR year "
                                   "IS NULL OR year = ?) "
                                   "ORDER BY id",
                               [&](sql::Statement& st) {
                                   st.bind(1, key);
                                   const std::optional<std::int64_t> y =
                                       year ? std::optional<std::int64_t>(*year) : std::nullopt;
                                   st.bind(2, y).bind(3, y);
                               });
    }

    Result<domain::Document> document(DocumentId id) override {
        auto found = query_documents(std::string("SELECT ") + std::string(k_document_columns) +
                                         " FROM documents WHERE id = ?",
                                     [&](sql::Statement& st) { st.bind(1, id.value); });
        if (!found) return found.error();
        if (found->empty())
            return make_error(ErrorCode::not_found, "no document " + std::to_string(id.value));
        return std::move(found->front());
    }

    void bind_document(sql::Statement& st, const domain::Document& d) {
        st.bind(1, static_cast<std::int64_t>(d.placeholder ? 1 : 0))
            .bind(2, d.notation)
            .bind(3, d.notation_key);
        st.bind(4, d.year ? std::optional<std::int64_t>(*d.year) : std::nullopt);
        st.bind(5, iso_opt(d.date)).bind(6, d.type_code).bind(7, d.issuer_name);
        st.bind(8, d.issuer ? std::optional<std::string>(d.issuer->value) : std::nullopt);
        st.bind(9, d.subject)
            .bind(10, d.direction == domain::Direction::outgoing ? "outgoing" : "incoming");
        st.bind(11, iso_opt(d.registered)).bind(12, d.source_name);
        st.bind(13,
                d.source_hash.empty() ? std::nullopt : std::optional<std::string>(d.source_hash));
        st.bind(14, d.record_json).bind(15, d.text);
    }

    // The index holds no copy of the text (contentless): taking a document
    // out of it needs the body it was indexed with, from `replaced`.
    // Changes wait for the commit: FTS5 writes its pending changes out at
    // every savepoint, which would make one index segment per document of
    // a batch.
    Result<void> index_document(DocumentId id, const domain::Document& d,
                                const domain::Document* replaced) {
        if (replaced) {
            m_pending_index.push_back(
                {m_depth, id, m_dialect.index_body(search_body(*replaced)), true});
        }
        m_pending_index.push_back({m_depth, id, m_dialect.index_body(search_body(d)), false});
        return {};
    }

    Result<void> flush_index() {
        if (m_pending_index.empty()) return {};
        auto add = m_db.prepare(m_dialect.index_add);
        if (!add) return add.error();
        auto del = m_db.prepare(m_dialect.index_remove);
        if (!del) return del.error();
        for (const auto& change : m_pending_index) {
            sql::Statement& st = change.remove ? *del : *add;
            st.reset();
            st.bind(1, change.document.value).bind(2, change.body);
            DONDOC_TRY(st.run());
        }
        m_pending_index.clear();
        return {};
    }

    Result<DocumentId> insert_document(const domain::Document& d) override {
        DocumentId id;
        auto done = transaction([&]() -> Result<void> {
            auto st = m_db.prepare(
                "INSERT INTO documents(placeholder, notation, notation_key, year, date, type_code, "
                "issuer_name, "
                "issuer_id, subject, direction, registered, source_name, source_hash, record_json, "
                "text) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            if (!st) return st.error();
            bind_document(*st, d);
            DONDOC_TRY(st->run());
            auto inserted = m_db.last_insert_id();
            if (!inserted) return inserted.error();
            id = DocumentId{*inserted};
            return index_document(id, d, nullptr);
        });
        if (!done) return done.error();
        return id;
    }

    Result<void> fill_placeholder(DocumentId id, const domain::Document& d) override {
        return transaction([&]() -> Result<void> {
            auto before = document(id);
            if (!before) return before.error();
            auto st = m_db.prepare(
                "UPDATE documents SET placeholder=?, notation=?, notation_key=?, year=?, date=?, "
                "type_code=?, "
                "issuer_name=?, issuer_id=?, subject=?, direction=?, registered=?, source_name=?, "
                "source_hash=?, "
                "record_json=?, text=? WHERE id=?");
            if (!st) return st.error();
            bind_document(*st, d);
            st->bind(16, id.value);
            DONDOC_TRY(st->run());
            if (m_db.changes() == 0)
                return make_error(ErrorCode::not_found, "no document " + std::to_string(id.value));
            return index_document(id, d, &*before);
        });
    }

    Result<std::vector<domain::Document>> documents(std::size_t limit,
                                                    std::size_t offset) override {
        return query_documents(
            std::string("SELECT ") + std::string(k_document_columns) +
                " FROM documents ORDER BY coalesce(date, '9999') DESC, id DESC LIMIT ? OFFSET ?",
            [&](sql::Statement& st) {
                st.bind(1, static_cast<std::int64_t>(
                               limit == 0 ? k_no_limit : static_cast<std::int64_t>(limit)));
                st.bind(2, static_cast<std::int64_t>(offset));
            });
    }

    Result<std::vector<domain::Document>> search_documents(const std::string& query,
                                                           std::size_t limit) override {
        const auto words = search_words(text::fold_diacritics(query));
        if (words.empty()) return std::vector<domain::Document>();
        const std::string match = m_dialect.match_text(words);
        std::string sql = "SELECT ";
        for (std::string_view column :
             {"id", "placeholder", "notation", "notation_key", "year", "date", "type_code",
              "issuer_name", "issuer_id", "subject", "direction", "registered", "source_name",
              "source_hash", "record_json", "text"}) {
            if (sql.size() > 7) sql += ", ";
            sql += "d.";
            sql += column;
        }
        sql += m_dialect.search_tail;
        return query_documents(sql, [&](sql::Statement& st) {
            st.bind(1, match).bind(2, static_cast<std::int64_t>(limit == 0 ? 50 : limit));
        });
    }

    Result<void> add_citation(const domain::Citation& c) override {
        auto st = m_db.prepare(
            "INSERT INTO citations(from_id, to_id, relation, text) VALUES (?,?,?,?) "
            "ON CONFLICT(from_id, to_id) DO UPDATE SET relation = CASE WHEN excluded.relation = "
            "'implements' "
            "THEN 'implements' ELSE citations.relation END");
        if (!st) return st.error();
        st->bind(1, c.from.value).bind(2, c.to.value);
        st->bind(3, c.relation == read::Relation::implements ? "implements" : "cites")
            .bind(4, c.text);
        return st->run();
    }

    Result<std::vector<domain::Citation>> citations(std::string_view where, DocumentId id) {
        auto st = m_db.prepare(
            std::string("SELECT from_id, to_id, relation, text FROM citations WHERE ") +
            std::string(where) + " = ? ORDER BY rowid");
        if (!st) return st.error();
        st->bind(1, id.value);
        std::vector<domain::Citation> out;
        DONDOC_TRY(st->for_each_row([&] {
            out.push_back(domain::Citation{
                DocumentId{st->integer(0)}, DocumentId{st->integer(1)},
                st->text(2) == "implements" ? read::Relation::implements : read::Relation::cites,
                st->text(3)});
        }));
        return out;
    }
    Result<std::vector<domain::Citation>> citations_from(DocumentId id) override {
        return citations("from_id", id);
    }
    Result<std::vector<domain::Citation>> citations_to(DocumentId id) override {
        return citations("to_id", id);
    }

    // The id of the unit set with these members, in this order; made when new.
    Result<std::int64_t> unit_set(const std::vector<std::string>& members) {
        std::string key;
        for (const auto& m : members) {
            if (!key.empty()) key += '\n';
            key += m;
        }
        if (auto known = m_unit_sets.find(key); known != m_unit_sets.end()) return known->second.id;
        auto find = m_db.prepare("SELECT id FROM unit_sets WHERE members = ?");
        if (!find) return find.error();
        find->bind(1, key);
        auto row = find->step();
        if (!row) return row.error();
        if (*row) {
            const std::int64_t id = find->integer(0);
            m_unit_sets.emplace(std::move(key), KnownSet{id, 0});
            return id;
        }
        // Another server may make the same set at the same time: its row is then used.
        auto add = m_db.prepare(
            "INSERT INTO unit_sets(members) VALUES (?) ON CONFLICT(members) DO NOTHING RETURNING "
            "id");
        if (!add) return add.error();
        add->bind(1, key);
        auto made = add->step();
        if (!made) return made.error();
        if (!*made) {
            add->reset();
            find->reset();
            find->bind(1, key);
            auto again = find->step();
            if (!again) return again.error();
            if (!*again) return make_error(ErrorCode::io_error, "a unit set vanished", key);
            const std::int64_t id = find->integer(0);
            m_unit_sets.emplace(std::move(key), KnownSet{id, m_depth});
            return id;
        }
        const std::int64_t id = add->integer(0);
        add->reset();
        auto member =
            m_db.prepare("INSERT INTO unit_set_members(set_id, seq, unit_id) VALUES (?,?,?)");
        if (!member) return member.error();
        for (std::size_t i = 0; i < members.size(); ++i) {
            member->reset();
            member->bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, members[i]);
            DONDOC_TRY(member->run());
        }
        m_unit_sets.emplace(std::move(key), KnownSet{id, m_depth});
        return id;
    }

    // A task's assignments as stored: each printed mention once, with the
    // set of units it resolved to ("UBND các huyện" → thirteen districts).
    struct MentionRow {
        std::int64_t position = 0;
        const domain::TaskAssignment* first = nullptr;  // its mention and role
        std::optional<std::int64_t> set;                // none: not resolved
    };
    Result<void> mention_rows(const std::vector<domain::TaskAssignment>& assignments,
                              std::vector<MentionRow>& out) {
        std::vector<std::string> members;
        for (std::size_t i = 0; i < assignments.size();) {
            const auto& first = assignments[i];
            members.clear();
            std::size_t end = i + 1;
            if (first.unit) {
                members.push_back(first.unit->value);
                while (end < assignments.size() && assignments[end].unit &&
                       assignments[end].mention == first.mention &&
                       assignments[end].role == first.role) {
                    members.push_back(assignments[end].unit->value);
                    ++end;
                }
            }
            std::optional<std::int64_t> set;
            if (!members.empty()) {
                auto found = unit_set(members);
                if (!found) return found.error();
                set = *found;
            }
            out.push_back({static_cast<std::int64_t>(i), &first, set});
            i = end;
        }
        return {};
    }

    static constexpr std::string_view k_mention_table = "task_mentions";
    static const std::vector<std::string_view>& mention_columns() {
        static const std::vector<std::string_view> columns = {"task_id", "position", "mention",
                                                              "role", "unit_set"};
        return columns;
    }
    static Result<void> put_mention(sql::BulkInsert& out, std::int64_t task, const MentionRow& m) {
        out.integer(task);
        out.integer(m.position);
        out.text(m.first->mention);
        out.text(read::role_name(m.first->role));
        out.optional_integer(m.set);
        return out.end_row();
    }

    // `fresh`: a task just inserted, with nothing to replace.
    Result<void> write_assignments(TaskId id,
                                   const std::vector<domain::TaskAssignment>& assignments,
                                   bool fresh = false) {
        if (!fresh) {
            auto clear = m_db.prepare("DELETE FROM task_mentions WHERE task_id = ?");
            if (!clear) return clear.error();
            clear->bind(1, id.value);
            DONDOC_TRY(clear->run());
        }
        std::vector<MentionRow> rows;
        DONDOC_TRY(mention_rows(assignments, rows));
        if (rows.empty()) return {};
        auto insert = sql::insert_each_row(m_db, k_mention_table, mention_columns());
        if (!insert) return insert.error();
        for (const auto& row : rows) DONDOC_TRY(put_mention(**insert, id.value, row));
        return {};
    }

    Result<void> replace_occurrences(
        TaskId id, const std::vector<domain::TaskOccurrence>& occurrences) override {
        return transaction([&]() -> Result<void> {
            DONDOC_TRY(write_occurrences(id, occurrences));
            return refresh_unit_occurrences(id);
        });
    }

    Result<void> write_occurrences(TaskId id,
                                   const std::vector<domain::TaskOccurrence>& occurrences,
                                   bool fresh = false) {
        if (!fresh) {
            auto clear = m_db.prepare("DELETE FROM occurrences WHERE task_id = ?");
            if (!clear) return clear.error();
            clear->bind(1, id.value);
            DONDOC_TRY(clear->run());
        }
        auto insert = m_db.prepare(
            "INSERT INTO occurrences(task_id, due, period_label) VALUES (?,?,?) ON CONFLICT DO "
            "NOTHING");
        if (!insert) return insert.error();
        for (const auto& o : occurrences) {
            insert->reset();
            insert->bind(1, id.value).bind(2, iso(o.due)).bind(3, o.period_label);
            DONDOC_TRY(insert->run());
        }
        return {};
    }

    // The occurrences as stored: one per due date (the first label kept), by date.
    static std::vector<domain::TaskOccurrence> stored_occurrences(
        std::vector<domain::TaskOccurrence> occurrences) {
        std::stable_sort(occurrences.begin(), occurrences.end(),
                         [](const auto& a, const auto& b) { return a.due < b.due; });
        occurrences.erase(std::unique(occurrences.begin(), occurrences.end(),
                                      [](const auto& a, const auto& b) { return a.due == b.due; }),
                          occurrences.end());
        return occurrences;
    }

    // A scored, exact occurrence's moves between statuses, added (sign +1)
    // or taken back (-1) to the per-day deltas. (The per-month ones are
    // their sums by month, made once at the commit: see flush_pending_deltas.)
    static void gather_changes(const std::string& unit, const domain::OccurrenceTimeline& t,
                               int sign, StatusDeltas& days) {
        std::optional<domain::TaskStatus> before;
        for (const auto& change : domain::status_changes(t)) {
            const std::int64_t day = change.on ? day_number(*change.on) : k_beginning;
            auto& d = days[{day, unit}];
            if (before) d[status_slot(*before)] -= sign;
            if (change.status) d[status_slot(*change.status)] += sign;
            before = change.status;
        }
    }

    // "d0 = T.d0 + excluded.d0, …": added to the stored row, which another
    // server may have changed since this transaction began.
    static std::string sums(std::string_view table) {
        std::string out;
        for (int i = 0; i < 5; ++i) {
            std::string column = "d";
            column += std::to_string(i);
            if (i > 0) out += ", ";
            out += column;
            out += " = ";
            out += table;
            out += '.';
            out += column;
            out += " + excluded.";
            out += column;
        }
        return out;
    }

    Result<void> flush_deltas(const StatusDeltas& deltas, std::string_view table,
                              std::string_view key) {
        if (deltas.empty()) return {};
        // Many (a batch, a rebuild): streamed into a scratch table and added
        // in one statement, in key order like the rows one by one.
        constexpr std::size_t k_many = 512;
        if (deltas.size() > k_many) {
            // Into an empty table (a new register's first import) they go
            // straight in: nothing to add to. Only where this transaction
            // excludes every other writer (lock_task empty): on PostgreSQL
            // another server could add a row meanwhile.
            bool empty = m_dialect.lock_task.empty();
            if (empty) {
                auto any = m_db.prepare("SELECT 1 FROM " + std::string(table) + " LIMIT 1");
                if (!any) return any.error();
                auto row = any->step();
                if (!row) return row.error();
                empty = !*row;
            }
            if (!empty) {
                DONDOC_TRY(m_db.exec(
                    "CREATE TEMP TABLE IF NOT EXISTS dondoc_deltas (k BIGINT NOT NULL, unit_id "
                    "TEXT NOT NULL, d0 BIGINT NOT NULL, d1 BIGINT NOT NULL, d2 BIGINT NOT NULL, "
                    "d3 BIGINT NOT NULL, d4 BIGINT NOT NULL)"));
            }
            {
                auto out =
                    empty ? m_db.bulk_insert(table, {key, "unit_id", "d0", "d1", "d2", "d3", "d4"})
                          : m_db.bulk_insert("dondoc_deltas",
                                             {"k", "unit_id", "d0", "d1", "d2", "d3", "d4"});
                if (!out) return out.error();
                for (const auto* entry : in_key_order(deltas)) {
                    const auto& [at, d] = *entry;
                    if (d == std::array<std::int64_t, 5>{}) continue;
                    (*out)->integer(at.first);
                    (*out)->text(at.second);
                    for (const std::int64_t v : d) (*out)->integer(v);
                    DONDOC_TRY((*out)->end_row());
                }
                DONDOC_TRY((*out)->finish());
            }
            if (empty) return {};
            // "WHERE true": SQLite would read ON CONFLICT as a join's ON otherwise.
            DONDOC_TRY(m_db.exec("INSERT INTO " + std::string(table) + "(" + std::string(key) +
                                 ", unit_id, d0, d1, d2, d3, d4) SELECT k, unit_id, d0, d1, d2, "
                                 "d3, d4 FROM dondoc_deltas WHERE true ORDER BY k, unit_id ON "
                                 "CONFLICT(" +
                                 std::string(key) + ", unit_id) DO UPDATE SET " + sums(table)));
            return m_db.exec("DELETE FROM dondoc_deltas");
        }
        auto upsert =
            m_db.prepare("INSERT INTO " + std::string(table) + "(" + std::string(key) +
                         ", unit_id, d0, d1, d2, d3, d4) VALUES (?,?,?,?,?,?,?) ON CONFLICT(" +
                         std::string(key) + ", unit_id) DO UPDATE SET " + sums(table));
        if (!upsert) return upsert.error();
        for (const auto* entry : in_key_order(deltas)) {
            const auto& [at, d] = *entry;
            if (d == std::array<std::int64_t, 5>{}) continue;
            upsert->reset();
            upsert->bind(1, at.first).bind(2, at.second);
            for (int i = 0; i < 5; ++i) upsert->bind(3 + i, d[static_cast<std::size_t>(i)]);
            DONDOC_TRY(upsert->run());
        }
        return {};
    }

    static domain::OccurrenceTimeline timeline_row(const sql::Statement& st, int first) {
        const auto day = [&](int column) -> std::optional<CivilDate> {
            if (st.is_null(column)) return std::nullopt;
            return from_day_number(st.integer(column));
        };
        domain::OccurrenceTimeline t;
        if (st.integer(first) != 0) t.due = from_day_number(st.integer(first));
        t.recurring = st.integer(first + 1) != 0;
        t.exact = st.integer(first + 2) != 0;
        t.last_day = day(first + 3);
        t.extended_to = day(first + 4);
        t.extended_on = day(first + 5);
        t.done_on = day(first + 6);
        t.confirmed_on = day(first + 7);
        return t;
    }

    // One row of unit_occurrences: an occurrence of an active task for one
    // unit assigned to it.
    struct UnitOccurrenceRow {
        std::string unit;
        std::int64_t task = 0;
        bool scored = false;
        std::optional<CivilDate> assigned_on;
        domain::OccurrenceTimeline timeline;
        std::string period_label;
        [[nodiscard]] std::int64_t due() const {
            return timeline.due ? day_number(*timeline.due) : 0;
        }
    };
    static constexpr std::string_view k_unit_occurrence_table = "unit_occurrences";
    static const std::vector<std::string_view>& unit_occurrence_columns() {
        static const std::vector<std::string_view> columns = {
            "unit_id", "due",          "task_id",     "scored",      "recurring",
            "exact",   "assigned_on",  "last_day",    "extended_to", "extended_on",
            "done_on", "confirmed_on", "period_label"};
        return columns;
    }
    static Result<void> put_unit_occurrence(sql::BulkInsert& out, const UnitOccurrenceRow& r) {
        const auto& t = r.timeline;
        out.text(r.unit);
        out.integer(r.due());
        out.integer(r.task);
        out.integer(r.scored ? 1 : 0);
        out.integer(t.recurring ? 1 : 0);
        out.integer(t.exact ? 1 : 0);
        out.optional_integer(day_number(r.assigned_on));
        out.optional_integer(day_number(t.last_day));
        out.optional_integer(day_number(t.extended_to));
        out.optional_integer(day_number(t.extended_on));
        out.optional_integer(day_number(t.done_on));
        out.optional_integer(day_number(t.confirmed_on));
        out.text(r.period_label);
        return out.end_row();
    }

    // unit_occurrences rows for one task, from its facts (nothing unless it
    // is active; otherwise each occurrence once per resolved unit), added
    // to `rows`, and their status moves added to the deltas.
    static void derive_unit_occurrences(const TaskFacts& f, std::int64_t task,
                                        std::vector<UnitOccurrenceRow>& rows, StatusDeltas& days) {
        if (f.task.state != domain::TaskState::active) return;
        // Each unit once, in order, scored when it leads or performs (a
        // task has a few: a sorted vector, not a map's node per unit).
        std::vector<std::pair<std::string_view, bool>> units;
        for (const auto& a : f.task.assignments) {
            if (!a.unit) continue;
            const std::string_view unit = a.unit->value;
            const bool scored = a.role != read::Role::coordinate;
            auto at = std::lower_bound(
                units.begin(), units.end(), unit,
                [](const auto& entry, std::string_view u) { return entry.first < u; });
            if (at != units.end() && at->first == unit) {
                at->second |= scored;
            } else {
                units.insert(at, {unit, scored});
            }
        }
        if (units.empty()) return;
        const auto occurrences = stored_occurrences(f.occurrences);
        const auto timelines = domain::occurrence_timelines(occurrences, inclusive_deadline(f.task),
                                                            f.reports, f.extensions);
        for (std::size_t i = 0; i < timelines.size(); ++i) {
            const auto& t = timelines[i];
            // One timeline per occurrence, in order; one without a deadline when there is none.
            const std::string& label = i < occurrences.size() ? occurrences[i].period_label : "";
            for (const auto& [unit, scored] : units) {
                rows.push_back({std::string(unit), task, scored, f.task.assigned_on, t, label});
                if (scored && t.exact) gather_changes(rows.back().unit, t, +1, days);
            }
        }
    }

    // unit_occurrences for one task, from its facts, with the status deltas
    // moved from its old rows to its new ones.
    Result<void> write_unit_occurrences(const TaskFacts& f, bool fresh = false) {
        StatusDeltas days;
        if (!fresh) {
            auto old = m_db.prepare(
                "SELECT unit_id, due, recurring, exact, last_day, extended_to, extended_on, "
                "done_on, confirmed_on FROM unit_occurrences WHERE task_id = ? AND scored = 1");
            if (!old) return old.error();
            old->bind(1, f.task.id.value);
            DONDOC_TRY(old->for_each_row([&] {
                const auto t = timeline_row(*old, 1);
                if (t.exact) gather_changes(old->text(0), t, -1, days);
            }));
        }
        if (!fresh) {
            auto clear = m_db.prepare("DELETE FROM unit_occurrences WHERE task_id = ?");
            if (!clear) return clear.error();
            clear->bind(1, f.task.id.value);
            DONDOC_TRY(clear->run());
        }
        std::vector<UnitOccurrenceRow> rows;
        derive_unit_occurrences(f, f.task.id.value, rows, days);
        if (!rows.empty()) {
            // A few rows: an INSERT each (COPY's set-up would cost more).
            auto insert =
                sql::insert_each_row(m_db, k_unit_occurrence_table, unit_occurrence_columns());
            if (!insert) return insert.error();
            for (const auto& row : rows) DONDOC_TRY(put_unit_occurrence(**insert, row));
        }
        // Written at commit, summed over the whole transaction.
        add_pending_deltas(std::move(days));
        return {};
    }

    // Many tasks' unit_occurrences at once (none written before), in key
    // order, through the connection's bulk insert.
    Result<void> write_unit_occurrences_in_bulk(const std::vector<TaskFacts>& facts) {
        StatusDeltas days;
        std::vector<UnitOccurrenceRow> rows;
        for (const auto& f : facts) derive_unit_occurrences(f, f.task.id.value, rows, days);
        DONDOC_TRY(write_unit_occurrence_rows(rows));
        add_pending_deltas(std::move(days));
        return {};
    }

    Result<void> write_unit_occurrence_rows(const std::vector<UnitOccurrenceRow>& rows) {
        return write_unit_occurrence_rows(rows_in_key_order(rows));
    }

    Result<void> write_unit_occurrence_rows(const std::vector<const UnitOccurrenceRow*>& ordered) {
        if (ordered.empty()) return {};
        auto insert = m_db.bulk_insert(k_unit_occurrence_table, unit_occurrence_columns());
        if (!insert) return insert.error();
        for (const auto* row : ordered) DONDOC_TRY(put_unit_occurrence(**insert, *row));
        return (*insert)->finish();
    }

    // The rows in the primary key's order, to be written so: each page of
    // the table is touched once. The keys are sorted, not the rows (moving
    // whole rows, their strings and timelines, and working out each due
    // again at every comparison was a twentieth of an import).
    static std::vector<const UnitOccurrenceRow*> rows_in_key_order(
        const std::vector<UnitOccurrenceRow>& rows) {
        std::vector<const UnitOccurrenceRow*> all;
        all.reserve(rows.size());
        for (const auto& row : rows) all.push_back(&row);
        return rows_in_key_order(all);
    }
    static std::vector<const UnitOccurrenceRow*> rows_in_key_order(
        const std::vector<const UnitOccurrenceRow*>& rows) {
        struct Key {
            std::string_view unit;
            std::int64_t due;
            std::int64_t task;
            const UnitOccurrenceRow* row;
        };
        std::vector<Key> keys;
        keys.reserve(rows.size());
        for (const auto* row : rows) keys.push_back({row->unit, row->due(), row->task, row});
        std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
            if (a.unit != b.unit) return a.unit < b.unit;
            if (a.due != b.due) return a.due < b.due;
            return a.task < b.task;
        });
        std::vector<const UnitOccurrenceRow*> ordered;
        ordered.reserve(keys.size());
        for (const auto& key : keys) ordered.push_back(key.row);
        return ordered;
    }

    Result<void> flush_pending_deltas() {
        StatusDeltas days;
        for (auto& pending : m_pending_deltas) {
            if (days.empty()) {
                days = std::move(pending.days);
            } else {
                add_deltas(days, pending.days);
            }
        }
        m_pending_deltas.clear();
        // A move counts in its day and in that day's month: the months'
        // deltas are the days' summed by month (k_beginning stays itself).
        StatusDeltas months;
        for (const auto& [key, d] : days) {
            auto& sum = months[{month_of(key.first), key.second}];
            for (std::size_t i = 0; i < d.size(); ++i) sum[i] += d[i];
        }
        DONDOC_TRY(flush_deltas(days, "unit_status_days", "day"));
        return flush_deltas(months, "unit_status_months", "month");
    }

    Result<void> refresh_unit_occurrences(TaskId id) {
        if (!m_dialect.lock_task.empty()) {
            auto lock = m_db.prepare(m_dialect.lock_task);
            if (!lock) return lock.error();
            lock->bind(1, id.value);
            DONDOC_TRY(lock->run());
        }
        TaskFilter filter;
        filter.ids = {id};
        auto facts = task_facts(filter);
        if (!facts) return facts.error();
        if (facts->empty())
            return make_error(ErrorCode::not_found, "no task " + std::to_string(id.value));
        return write_unit_occurrences(facts->front());
    }

    // Parameters 1-11 and 14-16 of the task's own columns, shared by INSERT
    // and UPDATE: parent_id, clause, action, evidence, deadlines_json,
    // report_to, report_via, product, state, assigned_on, received_on; then
    // assigned_by, source_key, source_status.
    static void bind_task_columns(sql::Statement& st, const domain::Task& t) {
        st.bind(14,
                t.assigned_by ? std::optional<std::string>(t.assigned_by->value) : std::nullopt);
        st.bind(15, t.source_key).bind(16, t.source_status);
        st.bind(1, t.parent ? std::optional<std::int64_t>(t.parent->value) : std::nullopt);
        st.bind(2, t.clause).bind(3, t.action).bind(4, t.evidence);
        st.bind(5, stored_deadlines(t.deadlines));
        st.bind(6, t.report_to).bind(7, t.report_via).bind(8, t.product);
        st.bind(9, state_name(t.state));
        st.bind(10, iso_opt(t.assigned_on)).bind(11, iso_opt(t.received_on));
    }

    Result<TaskId> insert_task(const domain::Task& t,
                               const std::vector<domain::TaskOccurrence>& occurrences) override {
        return insert_task_history(TaskFacts{t, occurrences, {}, {}}, {});
    }

    Result<TaskId> insert_task_history(
        const TaskFacts& f, const std::vector<domain::ProgressUpdate>& progress) override {
        TaskId id;
        auto done = transaction([&]() -> Result<void> {
            auto st = m_db.prepare(
                "INSERT INTO tasks(parent_id, clause, action, evidence, deadlines_json, report_to, "
                "report_via, product, state, assigned_on, received_on, document_id, version, "
                "assigned_by, source_key, source_status) "
                "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,0,?14,?15,?16)");
            if (!st) return st.error();
            bind_task_columns(*st, f.task);
            st->bind(12, f.task.document ? std::optional<std::int64_t>(f.task.document->value)
                                         : std::nullopt);
            DONDOC_TRY(st->run());
            auto inserted = m_db.last_insert_id();
            if (!inserted) return inserted.error();
            id = TaskId{*inserted};
            DONDOC_TRY(write_assignments(id, f.task.assignments, true));
            TaskFacts stored{f.task, stored_occurrences(f.occurrences), f.reports, f.extensions};
            stored.task.id = id;
            DONDOC_TRY(write_occurrences(id, stored.occurrences, true));
            auto report = m_db.prepare(
                "INSERT INTO completion_reports(task_id, occurrence_due, reported_on, unit_id, "
                "text, "
                "evidence_id, outcome, reviewed_on, review_note) VALUES (?,?,?,?,?,?,?,?,?)");
            if (!report) return report.error();
            for (const auto& r : f.reports) {
                report->reset();
                report->bind(1, id.value)
                    .bind(2, iso_opt(r.occurrence_due))
                    .bind(3, iso(r.reported_on));
                report->bind(4, r.unit ? std::optional<std::string>(r.unit->value) : std::nullopt);
                report->bind(5, r.text);
                report->bind(
                    6, r.evidence ? std::optional<std::int64_t>(r.evidence->value) : std::nullopt);
                report->bind(7, r.outcome ? std::optional<std::string>(outcome_name(*r.outcome))
                                          : std::nullopt);
                report->bind(8, iso_opt(r.reviewed_on)).bind(9, r.review_note);
                DONDOC_TRY(report->run());
            }
            auto extension = m_db.prepare(
                "INSERT INTO extensions(task_id, requested_on, new_due, reason, decision, "
                "decided_on) "
                "VALUES (?,?,?,?,?,?)");
            if (!extension) return extension.error();
            for (const auto& e : f.extensions) {
                extension->reset();
                extension->bind(1, id.value).bind(2, iso(e.requested_on)).bind(3, iso(e.new_due));
                extension->bind(4, e.reason).bind(5, decision_name(e.decision));
                extension->bind(6, iso_opt(e.decided_on));
                DONDOC_TRY(extension->run());
            }
            for (auto p : progress) {
                p.task = id;
                DONDOC_TRY(add_progress(p));
            }
            return write_unit_occurrences(stored, true);
        });
        if (!done) return done.error();
        return id;
    }

    // A batch much larger than the tables it goes into (an import into a
    // new register) is written faster without their secondary indexes,
    // remade afterwards from the rows in one sorted pass, than with every
    // row entered in each index as it comes. The indexes are dropped here,
    // inside the batch's transaction (a failure brings them back), and
    // their definitions returned for the caller to run once the rows are
    // in. Only where the dialect allows (SQLite: one writer at a time; on
    // PostgreSQL other servers keep using them) and when the batch has
    // more tasks than the register already holds (ids below `first`).
    Result<std::vector<std::string>> defer_indexes(std::size_t batch, TaskId first) {
        std::vector<std::string> definitions;
        if (m_dialect.bulk_indexes.empty() || !larger_than_register(batch, first.value))
            return definitions;
        std::vector<std::string> names;
        {
            auto st = m_db.prepare(m_dialect.bulk_indexes);
            if (!st) return st.error();
            DONDOC_TRY(st->for_each_row([&] {
                names.push_back(st->text(0));
                definitions.push_back(st->text(1));
            }));
        }
        for (const auto& name : names) DONDOC_TRY(m_db.exec("DROP INDEX " + name));
        return definitions;
    }

    // `count` fresh task ids, taken in one statement.
    Result<std::vector<TaskId>> take_task_ids(std::size_t count) {
        auto st = m_db.prepare(m_dialect.next_task_ids);
        if (!st) return st.error();
        st->bind(1, static_cast<std::int64_t>(count));
        std::vector<TaskId> ids;
        ids.reserve(count);
        bool runs_fit = true;  // never more than asked for
        DONDOC_TRY(st->for_each_row([&] {
            const std::int64_t first = st->integer(0);
            const std::int64_t length = st->integer(1);
            runs_fit =
                runs_fit && length >= 0 && static_cast<std::size_t>(length) <= count - ids.size();
            for (std::int64_t i = 0; runs_fit && i < length; ++i) ids.push_back(TaskId{first + i});
        }));
        if (!runs_fit || ids.size() != count)
            return make_error(ErrorCode::io_error,
                              "could not take " + std::to_string(count) + " task ids");
        return ids;
    }

    Result<std::vector<TaskId>> insert_task_histories(
        const std::vector<TaskHistory>& batch) override {
        std::vector<TaskId> ids;
        if (batch.empty()) return ids;
        auto done = transaction([&]() -> Result<void> {
            auto writer = HistoryWriter::open(*this, batch.size());
            if (!writer) return writer.error();
            DONDOC_TRY((*writer)->add(batch));
            DONDOC_TRY((*writer)->finish());
            ids = (*writer)->ids();
            return {};
        });
        if (!done) return done.error();
        return ids;
    }

    Result<std::unique_ptr<TaskHistoryWriter>> task_history_writer(std::size_t count) override {
        if (m_depth == 0 || m_reading)
            throw std::logic_error("task_history_writer() outside a write transaction");
        auto writer = HistoryWriter::open(*this, count);
        if (!writer) return writer.error();
        return std::unique_ptr<TaskHistoryWriter>(std::move(*writer));
    }

    // A batch's rows, table by table, with the ids taken up front. Where
    // the connection can fill several tables at once (SQLite), each part
    // added is written as it comes, so that an import writes while it is
    // still checking; otherwise (PostgreSQL's COPY, one table at a time)
    // the parts are kept and written at finish(). The status index's rows
    // and deltas are derived from each part on another thread meanwhile.
    class HistoryWriter final : public TaskHistoryWriter {
      public:
        static Result<std::unique_ptr<HistoryWriter>> open(SqlRepository& repo, std::size_t count) {
            std::unique_ptr<HistoryWriter> w(new HistoryWriter(repo, count));
            if (count == 0) return w;  // an empty sheet: nothing to take or defer
            auto taken = repo.take_task_ids(count);
            if (!taken) return taken.error();
            w->m_ids = std::move(*taken);
            auto deferred = repo.defer_indexes(count, w->m_ids.front());
            if (!deferred) return deferred.error();
            w->m_deferred = std::move(*deferred);
            // A batch that grows the register by a tenth or more (when
            // PostgreSQL's autovacuum would analyze the tables, but only on
            // its next round) leaves statistics that no longer describe the
            // tables: a never-analyzed tasks table made each "IN ($1..$5000)"
            // of a task page a sequential scan per value (4-5 s at 66,000
            // tasks). Refreshed after the commit, where the dialect asks.
            constexpr std::size_t k_analyze_from = 5000;
            if (!repo.m_dialect.analyze_bulk.empty() && count >= k_analyze_from &&
                count * 10 >= static_cast<std::size_t>(w->m_ids.front().value))
                repo.m_analyze_after_commit = true;
            return w;
        }
        HistoryWriter(const HistoryWriter&) = delete;
        HistoryWriter& operator=(const HistoryWriter&) = delete;

        [[nodiscard]] const std::vector<TaskId>& ids() const override { return m_ids; }

        Result<void> add(std::span<const TaskHistory> part) override {
            if (part.empty()) return {};
            if (m_added + part.size() > m_ids.size())
                throw std::logic_error("more task histories than the writer took ids for");
            const std::size_t first = m_added;
            m_added += part.size();
            m_deriver.add(part, std::span<const TaskId>(m_ids).subspan(first, part.size()));
            if (!m_repo.m_db.bulk_inserts_at_once()) {
                m_parts.push_back({part, first});
                return {};
            }
            return write({{part, first}}, false);
        }

        Result<void> finish() override {
            if (m_added != m_ids.size())
                throw std::logic_error("fewer task histories than the writer took ids for");
            if (m_repo.m_db.bulk_inserts_at_once()) {
                for (auto& out : m_out) {
                    if (out) DONDOC_TRY(out->finish());
                    out.reset();
                }
            } else {
                DONDOC_TRY(write(m_parts, true));
            }
            Derived derived = m_deriver.finish();
            DONDOC_TRY(m_repo.write_unit_occurrence_rows(derived.ordered));
            m_repo.add_pending_deltas(std::move(derived.days));
            // Remade from the rows (a unique one refuses a duplicate key here).
            for (const auto& index : m_deferred) DONDOC_TRY(m_repo.m_db.exec(index));
            return {};
        }

      private:
        struct Derived {
            std::vector<UnitOccurrenceRow> rows;
            std::vector<const UnitOccurrenceRow*> ordered;  // in key order; rows' addresses stay
            StatusDeltas days;
        };
        // The status index's rows and deltas come from the histories
        // alone: derived part by part on a thread of its own while the
        // writer fills the tables (a tenth of a large import), then sorted
        // there. A small batch (under a thousand) is derived at finish().
        class Deriver {
          public:
            explicit Deriver(std::size_t count) : m_count(count) {
                constexpr std::size_t k_thread_from = 1000;
                if (count >= k_thread_from) m_thread = std::thread([this] { run(); });
            }
            Deriver(const Deriver&) = delete;
            Deriver& operator=(const Deriver&) = delete;
            ~Deriver() {
                // Abandoned (a failed batch): what is queued is dropped.
                close(true);
                if (m_thread.joinable()) m_thread.join();
            }
            void add(std::span<const TaskHistory> part, std::span<const TaskId> ids) {
                {
                    std::lock_guard lock(m_mutex);
                    m_queue.push_back({part, ids});
                }
                m_changed.notify_one();
            }
            Derived finish() {
                close(false);
                if (m_thread.joinable()) {
                    m_thread.join();
                } else {
                    run();
                }
                return std::move(m_done);
            }

          private:
            struct Queued {
                std::span<const TaskHistory> part;
                std::span<const TaskId> ids;
            };
            void close(bool drop) {
                {
                    std::lock_guard lock(m_mutex);
                    m_closed = true;
                    if (drop) m_queue.clear();
                }
                m_changed.notify_one();
            }
            void run() {
                m_done.rows.reserve(m_count);  // about one per task
                for (;;) {
                    Queued next;
                    {
                        std::unique_lock lock(m_mutex);
                        m_changed.wait(lock, [&] { return !m_queue.empty() || m_closed; });
                        if (m_queue.empty()) break;
                        next = m_queue.front();
                        m_queue.pop_front();
                    }
                    for (std::size_t k = 0; k < next.part.size(); ++k)
                        derive_unit_occurrences(next.part[k].facts, next.ids[k].value, m_done.rows,
                                                m_done.days);
                }
                m_done.ordered = rows_in_key_order(m_done.rows);
            }
            const std::size_t m_count;
            std::mutex m_mutex;
            std::condition_variable m_changed;
            std::deque<Queued> m_queue;
            bool m_closed = false;
            Derived m_done;
            std::thread m_thread;  // last: started once the rest is there
        };
        struct Part {
            std::span<const TaskHistory> histories;
            std::size_t first;  // the index of its first history in the batch
        };
        enum class Table : std::size_t {
            tasks,
            mentions,
            occurrences,
            reports,
            extensions,
            progress,
        };
        static constexpr std::size_t k_tables = 6;

        HistoryWriter(SqlRepository& repo, std::size_t count) : m_repo(repo), m_deriver(count) {
            m_ids.reserve(count);
        }

        // The rows of `parts` into each table in turn; `one_at_a_time`:
        // each table's insert finished before the next one's starts.
        Result<void> write(const std::vector<Part>& parts, bool one_at_a_time) {
            // Unit sets are looked up (and made) first: on PostgreSQL nothing
            // else may run on the connection while rows are streamed.
            std::vector<MentionRow> mentions;
            std::vector<std::size_t> mentions_end;  // per task: the end of its mentions
            for (const auto& part : parts) {
                for (const auto& h : part.histories) {
                    DONDOC_TRY(m_repo.mention_rows(h.facts.task.assignments, mentions));
                    mentions_end.push_back(mentions.size());
                }
            }
            for (std::size_t table = 0; table < k_tables; ++table) {
                auto out = into(static_cast<Table>(table));
                if (!out) return out.error();
                auto& w = **out;
                std::size_t task = 0;  // counts the tasks of all parts, for their mentions
                std::size_t m = 0;
                for (const auto& part : parts) {
                    for (std::size_t k = 0; k < part.histories.size(); ++k, ++task) {
                        const TaskHistory& h = part.histories[k];
                        const std::int64_t id = m_ids[part.first + k].value;
                        switch (static_cast<Table>(table)) {
                            case Table::tasks:
                                DONDOC_TRY(put_task(w, id, h.facts.task));
                                break;
                            case Table::mentions:
                                for (; m < mentions_end[task]; ++m)
                                    DONDOC_TRY(put_mention(w, id, mentions[m]));
                                break;
                            case Table::occurrences:
                                for (const auto& o : stored_occurrences(h.facts.occurrences)) {
                                    w.integer(id);
                                    w.text(iso(o.due));
                                    w.text(o.period_label);
                                    DONDOC_TRY(w.end_row());
                                }
                                break;
                            case Table::reports:
                                for (const auto& r : h.facts.reports)
                                    DONDOC_TRY(put_report(w, id, r));
                                break;
                            case Table::extensions:
                                for (const auto& e : h.facts.extensions) {
                                    w.integer(id);
                                    w.text(iso(e.requested_on));
                                    w.text(iso(e.new_due));
                                    w.text(e.reason);
                                    w.text(decision_name(e.decision));
                                    w.optional_text(iso_opt(e.decided_on));
                                    DONDOC_TRY(w.end_row());
                                }
                                break;
                            case Table::progress:
                                for (const auto& p : h.progress) DONDOC_TRY(put_progress(w, id, p));
                                break;
                        }
                    }
                }
                if (one_at_a_time) {
                    DONDOC_TRY(w.finish());
                    m_out[table].reset();
                } else if (static_cast<Table>(table) == Table::tasks) {
                    // The other tables' rows refer to these (foreign keys,
                    // checked as each row goes in): all of them in first.
                    DONDOC_TRY(w.finish());
                }
            }
            return {};
        }

        // The insert into `table`, started at its first row.
        Result<sql::BulkInsert*> into(Table table) {
            const auto at = static_cast<std::size_t>(table);
            auto& out = m_out[at];
            if (out) return out.get();
            static const std::array<std::pair<std::string_view, std::vector<std::string_view>>,
                                    k_tables>
                k_columns = {{
                    {"tasks",
                     {"id", "document_id", "parent_id", "clause", "action", "evidence",
                      "deadlines_json", "report_to", "report_via", "product", "state",
                      "assigned_on", "received_on", "version", "assigned_by", "source_key",
                      "source_status"}},
                    {k_mention_table, mention_columns()},
                    {"occurrences", {"task_id", "due", "period_label"}},
                    {"completion_reports",
                     {"task_id", "occurrence_due", "reported_on", "unit_id", "text", "evidence_id",
                      "outcome", "reviewed_on", "review_note"}},
                    {"extensions",
                     {"task_id", "requested_on", "new_due", "reason", "decision", "decided_on"}},
                    {"progress_updates",
                     {"task_id", "on_date", "unit_id", "text", "percent", "evidence_id"}},
                }};
            auto opened = m_repo.m_db.bulk_insert(k_columns[at].first, k_columns[at].second);
            if (!opened) return opened.error();
            out = std::move(*opened);
            return out.get();
        }

        static Result<void> put_task(sql::BulkInsert& w, std::int64_t id, const domain::Task& t) {
            w.integer(id);
            w.optional_integer(t.document ? std::optional(t.document->value) : std::nullopt);
            w.optional_integer(t.parent ? std::optional(t.parent->value) : std::nullopt);
            w.text(t.clause);
            w.text(t.action);
            w.text(t.evidence);
            w.text(stored_deadlines(t.deadlines));
            w.optional_text(t.report_to);
            w.optional_text(t.report_via);
            w.optional_text(t.product);
            w.text(state_name(t.state));
            w.optional_text(iso_opt(t.assigned_on));
            w.optional_text(iso_opt(t.received_on));
            w.integer(0);
            w.optional_text(t.assigned_by ? std::optional(t.assigned_by->value) : std::nullopt);
            w.optional_text(t.source_key);
            w.optional_text(t.source_status);
            return w.end_row();
        }

        static Result<void> put_report(sql::BulkInsert& w, std::int64_t id,
                                       const domain::CompletionReport& r) {
            w.integer(id);
            w.optional_text(iso_opt(r.occurrence_due));
            w.text(iso(r.reported_on));
            w.optional_text(r.unit ? std::optional(r.unit->value) : std::nullopt);
            w.text(r.text);
            w.optional_integer(r.evidence ? std::optional(r.evidence->value) : std::nullopt);
            w.optional_text(r.outcome ? std::optional(std::string(outcome_name(*r.outcome)))
                                      : std::nullopt);
            w.optional_text(iso_opt(r.reviewed_on));
            w.text(r.review_note);
            return w.end_row();
        }

        static Result<void> put_progress(sql::BulkInsert& w, std::int64_t id,
                                         const domain::ProgressUpdate& p) {
            w.integer(id);
            w.text(iso(p.on));
            w.optional_text(p.unit ? std::optional(p.unit->value) : std::nullopt);
            w.text(p.text);
            w.optional_integer(p.percent ? std::optional<std::int64_t>(*p.percent) : std::nullopt);
            w.optional_integer(p.evidence ? std::optional(p.evidence->value) : std::nullopt);
            return w.end_row();
        }

        SqlRepository& m_repo;
        std::vector<TaskId> m_ids;
        std::vector<std::string> m_deferred;  // the indexes to remake at finish()
        std::size_t m_added = 0;
        std::vector<Part> m_parts;  // kept for finish(), where tables are filled one at a time
        std::array<std::unique_ptr<sql::BulkInsert>, k_tables> m_out;
        Deriver m_deriver;
    };

    Result<bool> any_imported_task() override {
        auto any = m_db.prepare("SELECT 1 FROM tasks WHERE source_key IS NOT NULL LIMIT 1");
        if (!any) return any.error();
        auto row = any->step();
        if (!row) return row.error();
        const bool found = *row;
        any->reset();  // not left active inside the caller's transaction
        return found;
    }

    Result<std::map<std::string, TaskId>> tasks_by_source(
        const std::vector<std::string_view>& source_keys) override {
        std::map<std::string, TaskId> found;
        constexpr std::size_t k_chunk = 500;
        if (source_keys.size() > k_chunk) {
            // Nothing imported yet (the first import, usually the largest):
            // one statement instead of one per 500 keys.
            auto any = any_imported_task();
            if (!any) return any.error();
            if (!*any) return found;
        }
        for (std::size_t start = 0; start < source_keys.size(); start += k_chunk) {
            const std::size_t n = std::min(k_chunk, source_keys.size() - start);
            std::string sql = "SELECT source_key, id FROM tasks WHERE source_key IN (";
            for (std::size_t i = 0; i < n; ++i) sql += i == 0 ? "?" : ",?";
            sql += ") AND source_key IS NOT NULL";
            auto st = m_db.prepare(sql);
            if (!st) return st.error();
            for (std::size_t i = 0; i < n; ++i)
                st->bind(static_cast<int>(i + 1), source_keys[start + i]);
            DONDOC_TRY(
                st->for_each_row([&] { found.emplace(st->text(0), TaskId{st->integer(1)}); }));
        }
        return found;
    }

    Result<std::optional<TaskId>> task_by_source(const std::string& source_key) override {
        auto st =
            m_db.prepare("SELECT id FROM tasks WHERE source_key = ? AND source_key IS NOT NULL");
        if (!st) return st.error();
        st->bind(1, source_key);
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) return std::optional<TaskId>();
        return std::optional<TaskId>(TaskId{st->integer(0)});
    }

    static constexpr std::string_view k_task_columns =
        "id, document_id, parent_id, clause, action, evidence, deadlines_json, report_to, "
        "report_via, product, state, "
        "assigned_on, received_on, version, assigned_by, source_key, source_status";

    Result<domain::Task> read_task_row(const sql::Statement& st, bool with_deadlines = true) {
        domain::Task t;
        t.id = TaskId{st.integer(0)};
        if (!st.is_null(1)) t.document = DocumentId{st.integer(1)};
        if (!st.is_null(2)) t.parent = TaskId{st.integer(2)};
        t.clause = st.text(3);
        t.action = st.text(4);
        t.evidence = st.text(5);
        if (with_deadlines) {
            auto deadlines = deadlines_from_column(st.text(6));
            if (!deadlines)
                return make_error(ErrorCode::corruption, deadlines.error().message,
                                  "task " + std::to_string(t.id.value));
            t.deadlines = std::move(*deadlines);
        }
        t.report_to = st.optional_text(7);
        t.report_via = st.optional_text(8);
        t.product = st.optional_text(9);
        t.state = state_from(st.text(10));
        t.assigned_on = date_opt(st.optional_text(11));
        t.received_on = date_opt(st.optional_text(12));
        t.version = st.integer(13);
        if (auto by = st.optional_text(14)) t.assigned_by = UnitId{*by};
        t.source_key = st.optional_text(15);
        t.source_status = st.optional_text(16);
        return t;
    }

    // Which tasks a follow-up query covers: the listed ids themselves when they
    // are few (a unit's list: an index lookup each), the id range when many
    // (a whole scoreboard: one range scan beats thousands of lookups).
    struct IdSet {
        std::string where;
        std::vector<std::int64_t> values;
        void bind(sql::Statement& st) const {
            for (std::size_t i = 0; i < values.size(); ++i)
                st.bind(static_cast<int>(i + 1), values[i]);
        }
    };

    static IdSet id_set(const std::map<std::int64_t, std::size_t>& index) {
        // Many ids close together: their range, read whole (at most a few
        // times the rows wanted). Ids scattered over the register (a unit's
        // overdue tasks, a thousand among ten million) are listed, up to
        // what a statement may bind; beyond that, the range again.
        constexpr std::size_t k_always_listed = 500;
        constexpr std::int64_t k_range_per_id = 8;
        constexpr std::size_t k_max_listed = 10000;
        IdSet ids;
        const std::int64_t first = index.empty() ? 0 : index.begin()->first;
        const std::int64_t last = index.empty() ? 0 : index.rbegin()->first;
        const bool close = last - first < k_range_per_id * static_cast<std::int64_t>(index.size());
        if (index.size() > k_always_listed && (close || index.size() > k_max_listed)) {
            ids.where = "task_id BETWEEN ? AND ?";
            ids.values = {first, last};
            return ids;
        }
        ids.where = "task_id IN (";
        for (const auto& [id, position] : index) {
            ids.where += ids.values.empty() ? "?" : ",?";
            ids.values.push_back(id);
        }
        ids.where += ")";
        return ids;
    }

    Result<void> load_assignments(std::vector<domain::Task>& tasks) {
        if (tasks.empty()) return {};
        std::map<std::int64_t, std::size_t> index;
        for (std::size_t i = 0; i < tasks.size(); ++i) index[tasks[i].id.value] = i;
        // One query for all: tasks listed are few compared with the table.
        const IdSet ids = id_set(index);
        auto st = m_db.prepare(
            "SELECT m.task_id, u.unit_id, m.mention, m.role FROM (SELECT * FROM task_mentions "
            "WHERE " +
            ids.where +
            ") m LEFT JOIN unit_set_members u ON u.set_id = m.unit_set "
            "ORDER BY m.task_id, m.position, u.seq");
        if (!st) return st.error();
        ids.bind(*st);
        DONDOC_TRY(st->for_each_row([&] {
            auto it = index.find(st->integer(0));
            if (it == index.end()) return;
            domain::TaskAssignment a;
            if (auto unit = st->optional_text(1)) a.unit = UnitId{*unit};
            a.mention = st->text(2);
            a.role = role_from(st->text(3));
            tasks[it->second].assignments.push_back(std::move(a));
        }));
        return {};
    }

    Result<domain::Task> task(TaskId id) override {
        auto st = m_db.prepare(std::string("SELECT ") + std::string(k_task_columns) +
                               " FROM tasks WHERE id = ?");
        if (!st) return st.error();
        st->bind(1, id.value);
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) return make_error(ErrorCode::not_found, "no task " + std::to_string(id.value));
        auto t = read_task_row(*st);
        if (!t) return t.error();
        std::vector<domain::Task> one{std::move(*t)};
        DONDOC_TRY(load_assignments(one));
        return std::move(one.front());
    }

    Result<void> update_task(const domain::Task& t) override {
        return transaction([&]() -> Result<void> {
            auto st = m_db.prepare(
                "UPDATE tasks SET parent_id=?, clause=?, action=?, evidence=?, deadlines_json=?, "
                "report_to=?, "
                "report_via=?, product=?, state=?, assigned_on=?, received_on=?, "
                "version=version+1, "
                "assigned_by=?14, source_key=?15, source_status=?16 WHERE id=?12 AND version=?13");
            if (!st) return st.error();
            bind_task_columns(*st, t);
            st->bind(12, t.id.value).bind(13, t.version);
            DONDOC_TRY(st->run());
            if (m_db.changes() == 0) {
                auto exists = task(t.id);
                if (!exists) return exists.error();
                return make_error(ErrorCode::conflict,
                                  "task " + std::to_string(t.id.value) +
                                      " was changed by someone else (version " +
                                      std::to_string(exists->version) + ", yours " +
                                      std::to_string(t.version) + ")");
            }
            DONDOC_TRY(write_assignments(t.id, t.assignments));
            return refresh_unit_occurrences(t.id);
        });
    }

    // Ids that are every id from the first to the last, in order (a slice of
    // one unit's imported tasks, say): one range instead of a parameter each,
    // which PostgreSQL matches row by row against the whole list.
    static bool is_id_run(const std::vector<TaskId>& ids) {
        if (ids.size() < 2) return false;
        for (std::size_t i = 1; i < ids.size(); ++i)
            if (ids[i].value != ids[i - 1].value + 1) return false;
        return true;
    }

    // The WHERE clause of a task filter, and its parameters bound from 1.
    static std::string task_conditions(const TaskFilter& f) {
        std::string sql = " WHERE 1=1";
        if (!f.units.empty()) {
            sql +=
                // Through the (unit_id, task_id) index, not a probe per task.
                " AND t.id IN (SELECT m.task_id FROM task_mentions m WHERE m.unit_set IN (SELECT "
                "s.set_id FROM unit_set_members s WHERE s.unit_id IN (";
            for (std::size_t i = 0; i < f.units.size(); ++i) sql += i == 0 ? "?" : ",?";
            sql += ")))";
        }
        if (is_id_run(f.ids)) {
            sql += " AND t.id BETWEEN ? AND ?";
        } else if (!f.ids.empty()) {
            sql += " AND t.id IN (";
            for (std::size_t i = 0; i < f.ids.size(); ++i) sql += i == 0 ? "?" : ",?";
            sql += ")";
        }
        if (f.parent) sql += " AND t.parent_id = ? AND t.parent_id IS NOT NULL";
        if (f.document) sql += " AND t.document_id = ?";
        // Listed ids are found by the key; the state is then a check on the
        // row. Compared as an expression, not the column, so that the
        // planner does not take the (state, id) index instead: a descent of
        // that index and of the table for each id, then a sort (a third of
        // a page's tasks query at 1,000,000 tasks).
        if (f.state) sql += f.ids.empty() ? " AND t.state = ?" : " AND (t.state || '') = ?";
        if (f.after) sql += " AND t.id > ?";
        return sql;
    }
    static int bind_task_conditions(sql::Statement& st, const TaskFilter& f) {
        int n = 1;
        for (const auto& u : f.units) st.bind(n++, u.value);
        if (is_id_run(f.ids)) {
            st.bind(n, f.ids.front().value).bind(n + 1, f.ids.back().value);
            n += 2;
        } else {
            for (const auto& id : f.ids) st.bind(n++, id.value);
        }
        if (f.parent) st.bind(n++, f.parent->value);
        if (f.document) st.bind(n++, f.document->value);
        if (f.state) st.bind(n++, state_name(*f.state));
        if (f.after) st.bind(n++, f.after->value);
        return n;
    }

    Result<std::vector<domain::Task>> tasks(const TaskFilter& f) override {
        std::string sql = std::string("SELECT ") + std::string(k_task_columns) + " FROM tasks t";
        sql += task_conditions(f);
        sql += f.newest_first ? " ORDER BY t.id DESC" : " ORDER BY t.id";
        sql += " LIMIT ? OFFSET ?";
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        const int n = bind_task_conditions(*st, f);
        st->bind(n, static_cast<std::int64_t>(f.limit == 0 ? k_no_limit
                                                           : static_cast<std::int64_t>(f.limit)));
        st->bind(n + 1, static_cast<std::int64_t>(f.offset));
        std::vector<domain::Task> out;
        while (true) {
            auto row = st->step();
            if (!row) return row.error();
            if (!*row) break;
            auto t = read_task_row(*st, !f.without_deadlines);
            if (!t) return t.error();
            out.push_back(std::move(*t));
        }
        DONDOC_TRY(load_assignments(out));
        return out;
    }

    // Some units' active tasks, the question of a unit's task page: from the
    // per-unit occurrence index (each active task once per assigned unit and
    // occurrence, kept in step with every change), one range of
    // unit_occurrences_unit_task per unit, in id order, without a probe of
    // the tasks table per task (a commune's 500 probes were most of a page's
    // time at 1,000,000 tasks).
    static bool is_units_active_tasks(const TaskFilter& f) {
        return !f.units.empty() && f.state == domain::TaskState::active && f.ids.empty() &&
               !f.parent && !f.document && !f.after;
    }
    static std::string units_active_tasks(const TaskFilter& f) {
        std::string sql = " FROM unit_occurrences WHERE unit_id IN (";
        for (std::size_t i = 0; i < f.units.size(); ++i) sql += i == 0 ? "?" : ",?";
        sql += ")";
        return sql;
    }

    Result<std::vector<TaskId>> task_ids(const TaskFilter& f) override {
        if (is_units_active_tasks(f)) {
            std::string sql = "SELECT DISTINCT task_id" + units_active_tasks(f);
            sql += f.newest_first ? " ORDER BY task_id DESC" : " ORDER BY task_id";
            sql += " LIMIT ? OFFSET ?";
            auto st = m_db.prepare(sql);
            if (!st) return st.error();
            int n = 1;
            for (const auto& u : f.units) st->bind(n++, u.value);
            st->bind(n, static_cast<std::int64_t>(
                            f.limit == 0 ? k_no_limit : static_cast<std::int64_t>(f.limit)));
            st->bind(n + 1, static_cast<std::int64_t>(f.offset));
            std::vector<TaskId> out;
            DONDOC_TRY(st->for_each_row([&] { out.push_back(TaskId{st->integer(0)}); }));
            return out;
        }
        std::string sql = "SELECT t.id FROM tasks t" + task_conditions(f);
        sql += f.newest_first ? " ORDER BY t.id DESC" : " ORDER BY t.id";
        sql += " LIMIT ? OFFSET ?";
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        const int n = bind_task_conditions(*st, f);
        st->bind(n, static_cast<std::int64_t>(f.limit == 0 ? k_no_limit
                                                           : static_cast<std::int64_t>(f.limit)));
        st->bind(n + 1, static_cast<std::int64_t>(f.offset));
        std::vector<TaskId> out;
        DONDOC_TRY(st->for_each_row([&] { out.push_back(TaskId{st->integer(0)}); }));
        return out;
    }

    Result<std::size_t> count_tasks(const TaskFilter& f) override {
        if (is_units_active_tasks(f)) {
            auto st = m_db.prepare("SELECT count(DISTINCT task_id)" + units_active_tasks(f));
            if (!st) return st.error();
            int n = 1;
            for (const auto& u : f.units) st->bind(n++, u.value);
            auto row = st->step();
            if (!row) return row.error();
            return static_cast<std::size_t>(st->integer(0));
        }
        auto st = m_db.prepare("SELECT count(*) FROM tasks t" + task_conditions(f));
        if (!st) return st.error();
        bind_task_conditions(*st, f);
        auto row = st->step();
        if (!row) return row.error();
        return static_cast<std::size_t>(st->integer(0));
    }

    Result<std::vector<TaskFacts>> task_facts(const TaskFilter& f) override {
        auto listed = tasks(f);
        if (!listed) return listed.error();
        std::vector<TaskFacts> out;
        std::map<std::int64_t, std::size_t> index;
        for (auto& t : *listed) {
            index[t.id.value] = out.size();
            out.push_back(TaskFacts{std::move(t), {}, {}, {}});
        }
        if (out.empty()) return out;
        const IdSet ids = id_set(index);
        {
            std::vector<TaskId> listed_ids;
            listed_ids.reserve(out.size());
            for (const auto& facts : out) listed_ids.push_back(facts.task.id);
            auto occurrences = occurrences_of(listed_ids);
            if (!occurrences) return occurrences.error();
            for (auto& o : *occurrences)
                out[index[o.task.value]].occurrences.push_back(std::move(o));
        }
        {
            auto st = m_db.prepare(
                "SELECT id, task_id, occurrence_due, reported_on, unit_id, text, evidence_id, "
                "outcome, reviewed_on, review_note FROM completion_reports WHERE " +
                ids.where + " ORDER BY id");
            if (!st) return st.error();
            ids.bind(*st);
            DONDOC_TRY(st->for_each_row([&] {
                auto it = index.find(st->integer(1));
                if (it == index.end()) return;
                out[it->second].reports.push_back(read_report(*st));
            }));
        }
        {
            auto st = m_db.prepare(
                "SELECT id, task_id, requested_on, new_due, reason, decision, decided_on FROM "
                "extensions WHERE " +
                ids.where + " ORDER BY id");
            if (!st) return st.error();
            ids.bind(*st);
            DONDOC_TRY(st->for_each_row([&] {
                auto it = index.find(st->integer(1));
                if (it == index.end()) return;
                domain::Extension e;
                e.id = st->integer(0);
                e.task = TaskId{st->integer(1)};
                e.requested_on = parse_iso(st->text(2)).value_or(CivilDate{});
                e.new_due = parse_iso(st->text(3)).value_or(CivilDate{});
                e.reason = st->text(4);
                const std::string decision = st->text(5);
                e.decision = decision == "approved"   ? domain::ExtensionDecision::approved
                             : decision == "rejected" ? domain::ExtensionDecision::rejected
                                                      : domain::ExtensionDecision::pending;
                e.decided_on = date_opt(st->optional_text(6));
                out[it->second].extensions.push_back(std::move(e));
            }));
        }
        return out;
    }

    // The occurrences of these tasks (ids in any order), by task and due date.
    Result<std::vector<domain::TaskOccurrence>> occurrences_of(const std::vector<TaskId>& tasks) {
        std::vector<domain::TaskOccurrence> out;
        if (tasks.empty()) return out;
        std::map<std::int64_t, std::size_t> index;
        for (const auto& id : tasks) index.emplace(id.value, 0);
        const IdSet ids = id_set(index);
        auto st = m_db.prepare("SELECT task_id, due, period_label FROM occurrences WHERE " +
                               ids.where + " ORDER BY task_id, due");
        if (!st) return st.error();
        ids.bind(*st);
        DONDOC_TRY(st->for_each_row([&] {
            const std::int64_t task = st->integer(0);
            auto due = parse_iso(st->text(1));
            // A range of ids (many tasks close together) holds others too.
            if (!index.contains(task) || !due) return;
            out.push_back(domain::TaskOccurrence{TaskId{task}, *due, st->text(2)});
        }));
        return out;
    }

    static domain::CompletionReport read_report(const sql::Statement& st) {
        domain::CompletionReport r;
        r.id = st.integer(0);
        r.task = TaskId{st.integer(1)};
        r.occurrence_due = date_opt(st.optional_text(2));
        r.reported_on = parse_iso(st.text(3)).value_or(CivilDate{});
        if (auto unit = st.optional_text(4)) r.unit = UnitId{*unit};
        r.text = st.text(5);
        if (!st.is_null(6)) r.evidence = DocumentId{st.integer(6)};
        if (auto outcome = st.optional_text(7)) {
            r.outcome = *outcome == "confirmed" ? domain::ReviewOutcome::confirmed
                                                : domain::ReviewOutcome::returned;
        }
        r.reviewed_on = date_opt(st.optional_text(8));
        r.review_note = st.text(9);
        return r;
    }

    Result<void> add_progress(const domain::ProgressUpdate& p) override {
        auto st = m_db.prepare(
            "INSERT INTO progress_updates(task_id, on_date, unit_id, text, percent, evidence_id) "
            "VALUES (?,?,?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, p.task.value).bind(2, iso(p.on));
        st->bind(3, p.unit ? std::optional<std::string>(p.unit->value) : std::nullopt)
            .bind(4, p.text);
        st->bind(5, p.percent ? std::optional<std::int64_t>(*p.percent) : std::nullopt);
        st->bind(6, p.evidence ? std::optional<std::int64_t>(p.evidence->value) : std::nullopt);
        return st->run();
    }

    Result<std::vector<domain::ProgressUpdate>> progress(TaskId id) override {
        auto st = m_db.prepare(
            "SELECT on_date, unit_id, text, percent, evidence_id FROM progress_updates WHERE "
            "task_id = ? ORDER BY on_date, id");
        if (!st) return st.error();
        st->bind(1, id.value);
        std::vector<domain::ProgressUpdate> out;
        DONDOC_TRY(st->for_each_row([&] {
            domain::ProgressUpdate p;
            p.task = id;
            p.on = parse_iso(st->text(0)).value_or(CivilDate{});
            if (auto unit = st->optional_text(1)) p.unit = UnitId{*unit};
            p.text = st->text(2);
            if (!st->is_null(3)) p.percent = static_cast<int>(st->integer(3));
            if (!st->is_null(4)) p.evidence = DocumentId{st->integer(4)};
            out.push_back(std::move(p));
        }));
        return out;
    }

    Result<std::int64_t> add_report(const domain::CompletionReport& r) override {
        auto st = m_db.prepare(
            "INSERT INTO completion_reports(task_id, occurrence_due, reported_on, unit_id, text, "
            "evidence_id) VALUES (?,?,?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, r.task.value).bind(2, iso_opt(r.occurrence_due)).bind(3, iso(r.reported_on));
        st->bind(4, r.unit ? std::optional<std::string>(r.unit->value) : std::nullopt)
            .bind(5, r.text);
        st->bind(6, r.evidence ? std::optional<std::int64_t>(r.evidence->value) : std::nullopt);
        DONDOC_TRY(st->run());
        return m_db.last_insert_id();
    }

    Result<void> review_report(std::int64_t report_id, domain::ReviewOutcome outcome, CivilDate on,
                               const std::string& note) override {
        return transaction([&]() -> Result<void> {
            auto st = m_db.prepare(
                "UPDATE completion_reports SET outcome=?, reviewed_on=?, review_note=? WHERE id=? "
                "AND "
                "outcome IS NULL");
            if (!st) return st.error();
            st->bind(1, outcome_name(outcome)).bind(2, iso(on));
            st->bind(3, note).bind(4, report_id);
            DONDOC_TRY(st->run());
            if (m_db.changes() == 0) {
                return make_error(ErrorCode::conflict,
                                  "report " + std::to_string(report_id) +
                                      " does not exist or was already reviewed");
            }
            return refresh_task_of("completion_reports", report_id);
        });
    }

    // Brings unit_occurrences up to date with an event's task.
    Result<void> refresh_task_of(std::string_view events, std::int64_t event_id) {
        auto st = m_db.prepare("SELECT task_id FROM " + std::string(events) + " WHERE id = ?");
        if (!st) return st.error();
        st->bind(1, event_id);
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) return {};
        const TaskId task{st->integer(0)};
        st->reset();
        return refresh_unit_occurrences(task);
    }

    Result<std::int64_t> add_extension(const domain::Extension& e) override {
        auto st = m_db.prepare(
            "INSERT INTO extensions(task_id, requested_on, new_due, reason) VALUES (?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, e.task.value)
            .bind(2, iso(e.requested_on))
            .bind(3, iso(e.new_due))
            .bind(4, e.reason);
        DONDOC_TRY(st->run());
        return m_db.last_insert_id();
    }

    Result<void> decide_extension(std::int64_t id, domain::ExtensionDecision decision,
                                  CivilDate on) override {
        return transaction([&]() -> Result<void> {
            auto st = m_db.prepare(
                "UPDATE extensions SET decision=?, decided_on=? WHERE id=? AND decision='pending'");
            if (!st) return st.error();
            st->bind(1, decision == domain::ExtensionDecision::approved ? "approved" : "rejected")
                .bind(2, iso(on))
                .bind(3, id);
            DONDOC_TRY(st->run());
            if (m_db.changes() == 0) {
                return make_error(
                    ErrorCode::conflict,
                    "extension " + std::to_string(id) + " does not exist or was already decided");
            }
            return refresh_task_of("extensions", id);
        });
    }

    Result<std::size_t> reassign_open_tasks(const UnitId& from, const UnitId& to,
                                            CivilDate on) override {
        std::size_t moved = 0;
        auto done = transaction([&]() -> Result<void> {
            // The mentions of open tasks (not cancelled, no completion report
            // confirmed) whose units include `from`.
            struct Moved {
                TaskId task;
                std::int64_t position;
                std::int64_t set;
            };
            std::vector<Moved> mentions;
            {
                auto st = m_db.prepare(
                    "SELECT m.task_id, m.position, m.unit_set FROM task_mentions m JOIN tasks t ON "
                    "t.id = m.task_id WHERE m.unit_set IN (SELECT set_id FROM unit_set_members "
                    "WHERE unit_id = ?) AND t.state <> 'cancelled' AND NOT EXISTS (SELECT 1 FROM "
                    "completion_reports r WHERE r.task_id = t.id AND r.outcome = 'confirmed') "
                    "ORDER BY m.task_id, m.position");
                if (!st) return st.error();
                st->bind(1, from.value);
                DONDOC_TRY(st->for_each_row([&] {
                    mentions.push_back({TaskId{st->integer(0)}, st->integer(1), st->integer(2)});
                }));
            }
            std::map<std::int64_t, std::int64_t> replaced_sets;  // old set → new set
            auto members =
                m_db.prepare("SELECT unit_id FROM unit_set_members WHERE set_id = ? ORDER BY seq");
            if (!members) return members.error();
            auto update = m_db.prepare(
                "UPDATE task_mentions SET unit_set = ? WHERE task_id = ? AND position = ?");
            if (!update) return update.error();
            auto history = m_db.prepare(
                "INSERT INTO assignment_history(task_id, position, from_unit, to_unit, on_date, "
                "reason) VALUES (?, ?, ?, ?, ?, 'merger')");
            if (!history) return history.error();
            std::set<std::int64_t> tasks;
            for (const auto& m : mentions) {
                auto it = replaced_sets.find(m.set);
                if (it == replaced_sets.end()) {
                    std::vector<std::string> units;
                    members->reset();
                    members->bind(1, m.set);
                    DONDOC_TRY(members->for_each_row([&] {
                        std::string unit = members->text(0);
                        if (unit == from.value) unit = to.value;
                        if (std::find(units.begin(), units.end(), unit) == units.end())
                            units.push_back(std::move(unit));
                    }));
                    auto set = unit_set(units);
                    if (!set) return set.error();
                    it = replaced_sets.emplace(m.set, *set).first;
                }
                update->reset();
                update->bind(1, it->second).bind(2, m.task.value).bind(3, m.position);
                DONDOC_TRY(update->run());
                history->reset();
                history->bind(1, m.task.value).bind(2, m.position).bind(3, from.value);
                history->bind(4, to.value).bind(5, iso(on));
                DONDOC_TRY(history->run());
                tasks.insert(m.task.value);
                ++moved;
            }
            for (const auto id : tasks) DONDOC_TRY(refresh_unit_occurrences(TaskId{id}));
            return {};
        });
        if (!done) return done.error();
        return moved;
    }

    // unit_occurrences as of ?1: the in-force last day (after an extension
    // approved by then) and the status code, by the rules of
    // domain::status_as_of on an exact timeline: 0 done on time, 1 done
    // late, 2 in progress, 3 overdue, 4 no deadline.
    // The counts of each status code of `s`.
    static constexpr std::string_view k_status_sums =
        "sum(CASE WHEN s = 0 THEN 1 ELSE 0 END), sum(CASE WHEN s = 1 THEN 1 ELSE 0 END), "
        "sum(CASE WHEN s = 2 THEN 1 ELSE 0 END), sum(CASE WHEN s = 3 THEN 1 ELSE 0 END), "
        "sum(CASE WHEN s = 4 THEN 1 ELSE 0 END)";
    static constexpr std::string_view k_in_force_last_day =
        "CASE WHEN extended_on <= ?1 THEN extended_to ELSE last_day END";
    static constexpr std::string_view k_status_code =
        "CASE WHEN confirmed_on <= ?1 AND done_on <= ?1 THEN "
        "CASE WHEN last IS NULL OR done_on <= last THEN 0 ELSE 1 END "
        "WHEN last IS NULL THEN 4 WHEN ?1 > last THEN 3 ELSE 2 END";
    // The scoreboard's window, ?2 to ?3 (both may be NULL).
    static constexpr std::string_view k_in_window =
        "((due = 0 AND (?3 IS NULL OR assigned_on IS NULL OR assigned_on <= ?3)) OR "
        "(due > 0 AND (?2 IS NULL OR due >= ?2) AND (?3 IS NULL OR due <= ?3) AND "
        "NOT (?2 IS NULL AND ?3 IS NULL AND recurring = 1 AND due > ?1)))";

    static std::string units_clause(const std::vector<UnitId>& units, int first_parameter) {
        if (units.empty()) return {};
        std::string sql = " AND unit_id IN (";
        for (std::size_t i = 0; i < units.size(); ++i) {
            if (i > 0) sql += ',';
            sql += '?';
            sql += std::to_string(first_parameter + static_cast<int>(i));
        }
        return sql + ")";
    }

    struct InexactRow {
        std::string unit;
        TaskId task;
        std::int64_t due = 0;
        std::optional<std::int64_t> last_day;
    };

    // The statuses of rows whose timeline is not exact, from their task's events.
    Result<std::vector<domain::TaskStatus>> statuses_by_events(const std::vector<InexactRow>& rows,
                                                               CivilDate as_of) {
        std::vector<domain::TaskStatus> out;
        if (rows.empty()) return out;
        TaskFilter filter;
        std::set<std::int64_t> ids;
        for (const auto& r : rows) {
            if (ids.insert(r.task.value).second) filter.ids.push_back(r.task);
        }
        auto facts = task_facts(filter);
        if (!facts) return facts.error();
        std::map<std::int64_t, const TaskFacts*> by_id;
        for (const auto& f : *facts) by_id[f.task.id.value] = &f;
        for (const auto& r : rows) {
            const TaskFacts* f = by_id[r.task.value];
            if (!f)
                return make_error(ErrorCode::corruption, "unit_occurrences names a missing task",
                                  "task " + std::to_string(r.task.value));
            const bool recurring = stored_occurrences(f->occurrences).size() > 1;
            std::vector<domain::CompletionReport> reports;
            for (const auto& report : f->reports) {
                if (recurring && report.occurrence_due &&
                    day_number(*report.occurrence_due) != r.due)
                    continue;
                reports.push_back(report);
            }
            const std::optional<CivilDate> last =
                r.last_day ? std::optional<CivilDate>(from_day_number(*r.last_day)) : std::nullopt;
            out.push_back(domain::status_as_of(
                domain::inputs_as_of(last, true, reports, f->extensions, as_of), as_of,
                domain::WorkingCalendar::vietnam()));
        }
        return out;
    }

    Result<std::vector<UnitStatusCounts>> status_counts(const StatusCountQuery& q) override {
        const std::string scope = units_clause(q.units, 4);
        const auto bind = [&](sql::Statement& st) {
            st.bind(1, day_number(q.as_of)).bind(2, day_number(q.from)).bind(3, day_number(q.to));
            for (std::size_t i = 0; i < q.units.size(); ++i)
                st.bind(static_cast<int>(i) + 4, q.units[i].value);
        };
        // Hashed: the months before the date are a row per unit and month
        // (a hundred thousand rows for a province's few years), each looked up.
        std::unordered_map<std::string, UnitStatusCounts> counts;
        counts.reserve(1024);
        const auto add = [&](const std::string& unit, domain::TaskStatus status, std::size_t n) {
            auto& c = counts[unit];
            c.unit = UnitId{unit};
            switch (status) {
                case domain::TaskStatus::done_on_time:
                    c.done_on_time += n;
                    break;
                case domain::TaskStatus::done_late:
                    c.done_late += n;
                    break;
                case domain::TaskStatus::in_progress:
                case domain::TaskStatus::due_soon:
                    c.in_progress += n;
                    break;
                case domain::TaskStatus::overdue:
                    c.overdue += n;
                    break;
                case domain::TaskStatus::no_deadline:
                    c.no_deadline += n;
                    break;
            }
        };
        if (!q.from && !q.to) {
            // The months before the as-of date's month, then its days up to
            // it; summed here, which spares SQLite a sort.
            for (const bool by_month : {true, false}) {
                auto st = m_db.prepare(
                    std::string(by_month ? "SELECT unit_id, d0, d1, d2, d3, d4 FROM "
                                           "unit_status_months WHERE month < ?2"
                                         : "SELECT unit_id, d0, d1, d2, d3, d4 FROM "
                                           "unit_status_days WHERE day >= ?2 AND day <= ?1") +
                    units_clause(q.units, 4));
                if (!st) return st.error();
                st->bind(1, day_number(q.as_of)).bind(2, month_of(day_number(q.as_of)));
                for (std::size_t i = 0; i < q.units.size(); ++i)
                    st->bind(static_cast<int>(i) + 4, q.units[i].value);
                DONDOC_TRY(st->for_each_row([&] {
                    auto& c = counts[st->text(0)];
                    c.done_on_time += static_cast<std::size_t>(st->integer(1));
                    c.done_late += static_cast<std::size_t>(st->integer(2));
                    c.in_progress += static_cast<std::size_t>(st->integer(3));
                    c.overdue += static_cast<std::size_t>(st->integer(4));
                    c.no_deadline += static_cast<std::size_t>(st->integer(5));
                }));
            }
            for (auto& [unit, c] : counts) c.unit = UnitId{unit};
        } else {
            // A window: the occurrences due in it, one by one.
            auto st = m_db.prepare(
                "SELECT unit_id, " + std::string(k_status_sums) +
                " FROM "
                "(SELECT unit_id, " +
                std::string(k_status_code) + " AS s FROM (SELECT unit_id, done_on, confirmed_on, " +
                std::string(k_in_force_last_day) +
                " AS last FROM unit_occurrences WHERE scored = 1 AND exact = 1 AND " +
                std::string(k_in_window) + scope + ") AS timed) AS coded GROUP BY unit_id");
            if (!st) return st.error();
            bind(*st);
            DONDOC_TRY(st->for_each_row([&] {
                const std::string unit = st->text(0);
                add(unit, domain::TaskStatus::done_on_time,
                    static_cast<std::size_t>(st->integer(1)));
                add(unit, domain::TaskStatus::done_late, static_cast<std::size_t>(st->integer(2)));
                add(unit, domain::TaskStatus::in_progress,
                    static_cast<std::size_t>(st->integer(3)));
                add(unit, domain::TaskStatus::overdue, static_cast<std::size_t>(st->integer(4)));
                add(unit, domain::TaskStatus::no_deadline,
                    static_cast<std::size_t>(st->integer(5)));
            }));
        }
        std::vector<InexactRow> inexact;
        {
            auto st = m_db.prepare("SELECT unit_id, task_id, due, last_day FROM unit_occurrences " +
                                   std::string(m_dialect.inexact_index_hint) +
                                   " WHERE exact = 0 AND scored = 1 AND " +
                                   std::string(k_in_window) + scope);
            if (!st) return st.error();
            bind(*st);
            DONDOC_TRY(st->for_each_row([&] {
                inexact.push_back(InexactRow{
                    st->text(0), TaskId{st->integer(1)}, st->integer(2),
                    st->is_null(3) ? std::nullopt : std::optional<std::int64_t>(st->integer(3))});
            }));
        }
        auto statuses = statuses_by_events(inexact, q.as_of);
        if (!statuses) return statuses.error();
        for (std::size_t i = 0; i < inexact.size(); ++i) add(inexact[i].unit, (*statuses)[i], 1);
        std::vector<UnitStatusCounts> out;
        out.reserve(counts.size());
        for (auto& [unit, c] : counts) {
            // A unit whose occurrences all moved away (a merger) sums to nothing.
            if (c.done_on_time + c.done_late + c.in_progress + c.overdue + c.no_deadline == 0)
                continue;
            out.push_back(std::move(c));
        }
        std::sort(out.begin(), out.end(), [](const UnitStatusCounts& a, const UnitStatusCounts& b) {
            return a.unit.value < b.unit.value;
        });
        return out;
    }

    Result<std::vector<TaskId>> overdue_tasks(const std::vector<UnitId>& units,
                                              CivilDate as_of) override {
        const std::string scope = units_clause(units, 2);
        // Only the rows that are overdue or need their events come back (a
        // commune's few hundred rows returned one by one were most of it).
        auto st = m_db.prepare(
            "SELECT * FROM (SELECT unit_id, task_id, due, last_day, exact, " +
            std::string(k_status_code) +
            " AS code FROM (SELECT unit_id, task_id, due, last_day, exact, done_on, "
            "confirmed_on, " +
            std::string(k_in_force_last_day) + " AS last FROM unit_occurrences WHERE 1 = 1" +
            scope + ") AS timed) AS coded WHERE exact = 0 OR code = 3");
        if (!st) return st.error();
        st->bind(1, day_number(as_of));
        for (std::size_t i = 0; i < units.size(); ++i)
            st->bind(static_cast<int>(i) + 2, units[i].value);
        std::set<std::int64_t> overdue;
        std::vector<InexactRow> inexact;
        DONDOC_TRY(st->for_each_row([&] {
            if (st->integer(4) == 0) {
                inexact.push_back(InexactRow{
                    st->text(0), TaskId{st->integer(1)}, st->integer(2),
                    st->is_null(3) ? std::nullopt : std::optional<std::int64_t>(st->integer(3))});
            } else if (st->integer(5) == 3) {
                overdue.insert(st->integer(1));
            }
        }));
        auto statuses = statuses_by_events(inexact, as_of);
        if (!statuses) return statuses.error();
        for (std::size_t i = 0; i < inexact.size(); ++i) {
            if ((*statuses)[i] == domain::TaskStatus::overdue)
                overdue.insert(inexact[i].task.value);
        }
        std::vector<TaskId> out;
        out.reserve(overdue.size());
        for (auto id : overdue) out.push_back(TaskId{id});
        return out;
    }

    Result<std::vector<UnitTaskTimeline>> unit_timelines(const std::vector<UnitId>& units,
                                                         TaskId first, TaskId last) override {
        std::vector<UnitTaskTimeline> out;
        if (units.empty()) return out;
        // Each unit's range of the primary key, the ids checked on the key
        // itself (`+task_id`: not through the (unit, task) index, which
        // would then descend the primary key for each row): a page's 50
        // tasks among a commune's 500 rows.
        auto st = m_db.prepare(
            "SELECT task_id, due, recurring, exact, last_day, extended_to, extended_on, done_on, "
            "confirmed_on, period_label FROM unit_occurrences WHERE +task_id BETWEEN ?1 AND ?2" +
            units_clause(units, 3));
        if (!st) return st.error();
        st->bind(1, first.value).bind(2, last.value);
        for (std::size_t i = 0; i < units.size(); ++i)
            st->bind(static_cast<int>(i) + 3, units[i].value);
        DONDOC_TRY(st->for_each_row([&] {
            out.push_back(
                UnitTaskTimeline{TaskId{st->integer(0)}, timeline_row(*st, 1), st->text(9)});
        }));
        return out;
    }

    Result<std::vector<DueCandidate>> due_candidates(CivilDate from, CivilDate to,
                                                     bool reports_only) override {
        // Through the covering index occurrences_due(due, period_label,
        // task_id), the partial index tasks_reports and the (small)
        // extensions table: never a read of every task. Whether a task is
        // active is left to the caller's filter.
        static constexpr std::string_view k_report_product =
            "(t.product LIKE '%áo cáo%' OR t.product LIKE '%ÁO CÁO%')";
        std::string sql;
        if (!reports_only) {
            sql =
                "SELECT task_id, due FROM occurrences WHERE due >= ?1 AND due <= ?2 UNION ALL "
                "SELECT task_id, new_due FROM extensions WHERE decision = 'approved' AND "
                "new_due >= ?1 AND new_due <= ?2";
        } else {
            sql =
                "SELECT task_id, due FROM occurrences WHERE due >= ?1 AND due <= ?2 AND "
                "period_label <> '' UNION ALL SELECT o.task_id, o.due FROM tasks t CROSS JOIN "
                "occurrences o WHERE ";
            sql += k_report_product;
            sql +=
                " AND o.task_id = t.id AND o.due >= ?1 AND o.due <= ?2 UNION ALL SELECT "
                "e.task_id, e.new_due FROM extensions e CROSS JOIN tasks t WHERE t.id = "
                "e.task_id AND e.decision = 'approved' AND e.new_due >= ?1 AND e.new_due <= "
                "?2 AND (";
            sql += k_report_product;
            sql +=
                " OR EXISTS (SELECT 1 FROM occurrences p WHERE p.task_id = t.id AND "
                "p.period_label <> ''))";
        }
        auto st = m_db.prepare("SELECT task_id, due FROM (" + sql +
                               ") AS due_rows ORDER BY due, task_id");
        if (!st) return st.error();
        st->bind(1, iso(from)).bind(2, iso(to));
        std::vector<DueCandidate> out;
        DONDOC_TRY(st->for_each_row([&] {
            if (auto due = parse_iso(st->text(1))) out.push_back({TaskId{st->integer(0)}, *due});
        }));
        return out;
    }

    // ---- the enforcement ledger ------------------------------------------------

    // Whether a row with this key exists (`sql` selects it by ?1).
    template <typename Key>
    Result<bool> exists(std::string_view sql, const Key& key) {
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        st->bind(1, key);
        auto row = st->step();
        if (!row) return row.error();
        st->reset();
        return *row;
    }

    Result<void> check_unit(const UnitId& unit) {
        auto found = exists("SELECT 1 FROM units WHERE id = ?", unit.value);
        if (!found) return found.error();
        if (!*found)
            return make_error(ErrorCode::not_found,
                              "không có đơn vị '" + unit.value + "' trong danh mục", "unit");
        return {};
    }

    Result<std::int64_t> add_enforcement(const domain::EnforcementAct& a) override {
        std::int64_t id = 0;
        auto done = transaction([&]() -> Result<void> {
            if (a.by) DONDOC_TRY(check_unit(*a.by));
            for (const auto& u : a.units) DONDOC_TRY(check_unit(u));
            for (const auto& task : a.tasks) {
                auto found = exists("SELECT 1 FROM tasks WHERE id = ?", task.value);
                if (!found) return found.error();
                if (!*found)
                    return make_error(ErrorCode::not_found,
                                      "không có nhiệm vụ " + std::to_string(task.value), "task");
            }
            if (a.document) {
                auto found = exists("SELECT 1 FROM documents WHERE id = ?", a.document->value);
                if (!found) return found.error();
                if (!*found)
                    return make_error(ErrorCode::not_found,
                                      "không có văn bản " + std::to_string(a.document->value),
                                      "document");
            }
            auto st = m_db.prepare(
                "INSERT INTO enforcement_acts(kind, number, on_date, by_unit, document_id, "
                "document_text, note, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)");
            if (!st) return st.error();
            st->bind(1, domain::enforcement_kind_name(a.kind)).bind(2, a.number).bind(3, iso(a.on));
            st->bind(4, a.by ? std::optional<std::string>(a.by->value) : std::nullopt);
            st->bind(5, a.document ? std::optional<std::int64_t>(a.document->value) : std::nullopt);
            st->bind(6, a.document_text).bind(7, a.note).bind(8, a.recorded_by);
            st->bind(9, a.recorded_at);
            DONDOC_TRY(st->run());
            auto inserted = m_db.last_insert_id();
            if (!inserted) return inserted.error();
            id = *inserted;
            std::int64_t seq = 0;
            for (const auto& u : a.units) {
                auto add = m_db.prepare(
                    "INSERT INTO enforcement_units(act_id, unit_id, named, seq) VALUES (?,?,1,?) "
                    "ON CONFLICT DO NOTHING");
                if (!add) return add.error();
                add->bind(1, id).bind(2, u.value).bind(3, seq++);
                DONDOC_TRY(add->run());
            }
            for (const auto& task : a.tasks) {
                auto add = m_db.prepare(
                    "INSERT INTO enforcement_tasks(act_id, task_id) VALUES (?,?) "
                    "ON CONFLICT DO NOTHING");
                if (!add) return add.error();
                add->bind(1, id).bind(2, task.value);
                DONDOC_TRY(add->run());
                // The units leading or performing the task now (coordinating
                // units are not scored for it, nor pressed about it).
                auto units = m_db.prepare(
                    "SELECT DISTINCT s.unit_id FROM task_mentions m JOIN unit_set_members s ON "
                    "s.set_id = m.unit_set WHERE m.task_id = ? AND m.role <> 'coordinate' ORDER BY "
                    "s.unit_id");
                if (!units) return units.error();
                units->bind(1, task.value);
                std::vector<std::string> found;
                DONDOC_TRY(units->for_each_row([&] { found.push_back(units->text(0)); }));
                for (const auto& unit : found) {
                    auto via = m_db.prepare(
                        "INSERT INTO enforcement_units(act_id, unit_id, named, seq) VALUES "
                        "(?,?,0,?) ON CONFLICT DO NOTHING");
                    if (!via) return via.error();
                    via->bind(1, id).bind(2, unit).bind(3, seq++);
                    DONDOC_TRY(via->run());
                }
            }
            return {};
        });
        if (!done) return done.error();
        return id;
    }

    static constexpr std::string_view k_enforcement_columns =
        "a.id, a.kind, a.number, a.on_date, a.by_unit, a.document_id, a.document_text, a.note, "
        "a.recorded_by, a.recorded_at";

    static domain::EnforcementAct read_enforcement_row(const sql::Statement& st) {
        domain::EnforcementAct a;
        a.id = st.integer(0);
        a.kind =
            domain::parse_enforcement_kind(st.text(1)).value_or(domain::EnforcementKind::urging);
        a.number = st.text(2);
        a.on = parse_iso(st.text(3)).value_or(CivilDate{});
        if (auto by = st.optional_text(4)) a.by = UnitId{*by};
        if (!st.is_null(5)) a.document = DocumentId{st.integer(5)};
        a.document_text = st.text(6);
        a.note = st.text(7);
        a.recorded_by = st.text(8);
        a.recorded_at = st.integer(9);
        return a;
    }

    // The units and tasks of acts, read for the range of their ids.
    Result<void> load_enforcement_links(std::vector<domain::EnforcementAct>& acts) {
        if (acts.empty()) return {};
        std::map<std::int64_t, domain::EnforcementAct*> by_id;
        for (auto& a : acts) by_id[a.id] = &a;
        const std::int64_t low = by_id.begin()->first;
        const std::int64_t high = by_id.rbegin()->first;
        auto units = m_db.prepare(
            "SELECT act_id, unit_id, named FROM enforcement_units WHERE act_id BETWEEN ? AND ? "
            "ORDER BY act_id, seq");
        if (!units) return units.error();
        units->bind(1, low).bind(2, high);
        DONDOC_TRY(units->for_each_row([&] {
            auto it = by_id.find(units->integer(0));
            if (it == by_id.end()) return;
            const UnitId unit{units->text(1)};
            if (units->integer(2) != 0) it->second->units.push_back(unit);
            it->second->concerned.push_back(unit);
        }));
        auto tasks = m_db.prepare(
            "SELECT act_id, task_id FROM enforcement_tasks WHERE act_id BETWEEN ? AND ? ORDER BY "
            "act_id, task_id");
        if (!tasks) return tasks.error();
        tasks->bind(1, low).bind(2, high);
        DONDOC_TRY(tasks->for_each_row([&] {
            auto it = by_id.find(tasks->integer(0));
            if (it != by_id.end()) it->second->tasks.push_back(TaskId{tasks->integer(1)});
        }));
        return {};
    }

    Result<domain::EnforcementAct> enforcement(std::int64_t id) override {
        auto st = m_db.prepare("SELECT " + std::string(k_enforcement_columns) +
                               " FROM enforcement_acts a WHERE a.id = ?");
        if (!st) return st.error();
        st->bind(1, id);
        auto row = st->step();
        if (!row) return row.error();
        if (!*row)
            return make_error(ErrorCode::not_found,
                              "không có biện pháp đôn đốc số " + std::to_string(id) + " trong sổ");
        std::vector<domain::EnforcementAct> acts{read_enforcement_row(*st)};
        st->reset();
        DONDOC_TRY(load_enforcement_links(acts));
        return std::move(acts.front());
    }

    Result<void> update_enforcement(const domain::EnforcementAct& a) override {
        auto st = m_db.prepare(
            "UPDATE enforcement_acts SET number = ?, on_date = ?, note = ? "
            "WHERE id = ?");
        if (!st) return st.error();
        st->bind(1, a.number).bind(2, iso(a.on)).bind(3, a.note).bind(4, a.id);
        DONDOC_TRY(st->run());
        if (m_db.changes() == 0)
            return make_error(ErrorCode::not_found, "không có biện pháp đôn đốc số " +
                                                        std::to_string(a.id) + " trong sổ");
        return {};
    }

    // The conditions of an enforcement filter on acts `a` (and, with
    // `units_column`, on that column instead of a sub-query for the units),
    // and their parameters bound from 1.
    static std::string enforcement_conditions(const EnforcementFilter& f,
                                              std::string_view units_column) {
        std::string sql = " WHERE 1=1";
        if (f.kind) sql += " AND a.kind = ?";
        if (f.from) sql += " AND a.on_date >= ?";
        if (f.to) sql += " AND a.on_date <= ?";
        if (!f.units.empty()) {
            std::string list;
            for (std::size_t i = 0; i < f.units.size(); ++i) list += i == 0 ? "?" : ",?";
            if (units_column.empty()) {
                sql +=
                    " AND a.id IN (SELECT e.act_id FROM enforcement_units e WHERE e.unit_id IN (";
                sql += list;
                sql += "))";
            } else {
                sql += " AND ";
                sql += units_column;
                sql += " IN (";
                sql += list;
                sql += ")";
            }
        }
        return sql;
    }
    static void bind_enforcement_conditions(sql::Statement& st, const EnforcementFilter& f) {
        int n = 1;
        if (f.kind) st.bind(n++, domain::enforcement_kind_name(*f.kind));
        if (f.from) st.bind(n++, iso(*f.from));
        if (f.to) st.bind(n++, iso(*f.to));
        for (const auto& u : f.units) st.bind(n++, u.value);
    }

    Result<std::vector<domain::EnforcementAct>> enforcement_acts(
        const EnforcementFilter& f) override {
        auto st = m_db.prepare("SELECT " + std::string(k_enforcement_columns) +
                               " FROM enforcement_acts a" + enforcement_conditions(f, "") +
                               " ORDER BY a.on_date DESC, a.id DESC");
        if (!st) return st.error();
        bind_enforcement_conditions(*st, f);
        std::vector<domain::EnforcementAct> out;
        DONDOC_TRY(st->for_each_row([&] { out.push_back(read_enforcement_row(*st)); }));
        DONDOC_TRY(load_enforcement_links(out));
        return out;
    }

    Result<std::vector<UnitEnforcementCounts>> enforcement_counts(
        const EnforcementFilter& f) override {
        // The primary key (act, unit) makes each act count once per unit.
        auto st = m_db.prepare(
            "SELECT u.unit_id, a.kind, count(*) FROM enforcement_units u JOIN enforcement_acts a "
            "ON a.id = u.act_id" +
            enforcement_conditions(f, "u.unit_id") + " GROUP BY u.unit_id, a.kind");
        if (!st) return st.error();
        bind_enforcement_conditions(*st, f);
        std::map<std::string, domain::EnforcementCounts> counts;
        DONDOC_TRY(st->for_each_row([&] {
            auto kind = domain::parse_enforcement_kind(st->text(1));
            if (!kind) return;
            counts[st->text(0)].by_kind.at(static_cast<std::size_t>(*kind)) +=
                static_cast<std::size_t>(st->integer(2));
        }));
        std::vector<UnitEnforcementCounts> out;
        out.reserve(counts.size());
        for (const auto& [unit, c] : counts) out.push_back({UnitId{unit}, c});
        return out;
    }

    Result<Counts> counts() override {
        auto st = m_db.prepare(
            "SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM documents WHERE "
            "placeholder = 0), "
            "(SELECT count(*) FROM documents WHERE placeholder = 1), (SELECT count(*) FROM tasks)");
        if (!st) return st.error();
        auto row = st->step();
        if (!row) return row.error();
        return Counts{
            static_cast<std::size_t>(st->integer(0)), static_cast<std::size_t>(st->integer(1)),
            static_cast<std::size_t>(st->integer(2)), static_cast<std::size_t>(st->integer(3))};
    }

  private:
    // One statement through the connection's statement cache (transaction
    // control runs thousands of times in a batch).
    Result<void> run_sql(const std::string& sql) {
        auto st = m_db.prepare(sql);
        if (!st) return st.error();
        return st->run();
    }

    const std::unique_ptr<sql::Connection> m_connection;
    sql::Connection& m_db;
    const Dialect& m_dialect;
    int m_depth = 0;         // nesting of transaction()
    bool m_reading = false;  // inside read_snapshot()
    struct PendingIndex {
        int depth;  // the transaction() level that made the change
        DocumentId document;
        std::string body;
        bool remove;
    };
    std::vector<PendingIndex> m_pending_index;  // search index changes waiting for the commit
    // Unit sets seen on this connection (members → id), with the
    // transaction() level that made them (0: committed before).
    struct KnownSet {
        std::int64_t id;
        int depth;
    };
    std::map<std::string, KnownSet, std::less<>> m_unit_sets;
    // Status deltas waiting for the commit, by the transaction() level that made them.
    struct PendingDeltas {
        int depth;
        StatusDeltas days;  // the months' are summed from them at the commit
    };
    std::vector<PendingDeltas> m_pending_deltas;
    // A large batch was written in this transaction: analyze (the dialect's
    // analyze_bulk) once it is committed.
    bool m_analyze_after_commit = false;
};

}  // namespace

std::vector<std::string> search_words(std::string_view folded) {
    std::vector<std::string> out;
    std::string word;
    for (const char c : folded) {
        const auto u = static_cast<unsigned char>(c);
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || u >= 0x80) {
            word.push_back(c);
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

Result<std::unique_ptr<Repository>> open_sql_repository(std::unique_ptr<sql::Connection> db,
                                                        const Dialect& dialect) {
    auto repository = std::make_unique<SqlRepository>(std::move(db), dialect);
    DONDOC_TRY(repository->migrate());
    return std::unique_ptr<Repository>(std::move(repository));
}

}  // namespace dondoc::store
