#include "store/copy.h"

#include <array>
#include <cstdio>
#include <functional>
#include <optional>

#include "store/dialect.h"
#include "store/postgres.h"
#include "store/sqlite.h"

namespace dondoc::store {
namespace {

struct Column {
    std::string_view name;
    bool integer;
};

// A table of records, its columns, and a self-reference (units.parent_id,
// tasks.parent_id) filled in a second pass, once every row is there.
struct Table {
    std::string_view name;
    std::vector<Column> columns;
    std::string_view order;  // the insertion order, parents before children where it matters
    std::string_view self_reference;
    std::string_view key;  // the row's key, for the self-reference's update
};

constexpr Column t(std::string_view name) {
    return {name, false};
}
constexpr Column i(std::string_view name) {
    return {name, true};
}

// In an order the foreign keys accept.
const std::vector<Table>& record_tables() {
    static const std::vector<Table> tables = {
        {"units",
         {t("id"), t("name"), t("kind"), t("parent_id"), t("valid_from"), t("valid_to"), t("note")},
         "rowid",
         "parent_id",
         "id"},
        {"unit_aliases", {t("unit_id"), t("alias")}, "rowid", "", ""},
        {"unit_successors", {t("unit_id"), t("successor_id")}, "rowid", "", ""},
        {"name_mappings", {t("mention_key"), t("issuer_id"), t("unit_id")}, "rowid", "", ""},
        {"documents",
         {i("id"), i("placeholder"), t("notation"), t("notation_key"), i("year"), t("date"),
          t("type_code"), t("issuer_name"), t("issuer_id"), t("subject"), t("direction"),
          t("registered"), t("source_name"), t("source_hash"), t("record_json"), t("text")},
         "id",
         "",
         ""},
        {"citations", {i("from_id"), i("to_id"), t("relation"), t("text")}, "rowid", "", ""},
        {"tasks",
         {i("id"), i("document_id"), i("parent_id"), t("clause"), t("action"), t("evidence"),
          t("deadlines_json"), t("report_to"), t("report_via"), t("product"), t("state"),
          t("assigned_on"), t("received_on"), i("version"), t("assigned_by"), t("source_key"),
          t("source_status")},
         "id",
         "parent_id",
         "id"},
        {"unit_sets", {i("id"), t("members")}, "id", "", ""},
        {"unit_set_members", {i("set_id"), i("seq"), t("unit_id")}, "set_id, seq", "", ""},
        {"task_mentions",
         {i("task_id"), i("position"), t("mention"), t("role"), i("unit_set")},
         "task_id, position",
         "",
         ""},
        {"assignment_history",
         {i("task_id"), i("position"), t("from_unit"), t("to_unit"), t("on_date"), t("reason")},
         "task_id, position",
         "",
         ""},
        {"occurrences", {i("task_id"), t("due"), t("period_label")}, "task_id, due", "", ""},
        {"progress_updates",
         {i("id"), i("task_id"), t("on_date"), t("unit_id"), t("text"), i("percent"),
          i("evidence_id")},
         "id",
         "",
         ""},
        {"completion_reports",
         {i("id"), i("task_id"), t("occurrence_due"), t("reported_on"), t("unit_id"), t("text"),
          i("evidence_id"), t("outcome"), t("reviewed_on"), t("review_note")},
         "id",
         "",
         ""},
        {"extensions",
         {i("id"), i("task_id"), t("requested_on"), t("new_due"), t("reason"), t("decision"),
          t("decided_on")},
         "id",
         "",
         ""},
        {"enforcement_acts",
         {i("id"), t("kind"), t("number"), t("on_date"), t("by_unit"), i("document_id"),
          t("document_text"), t("note"), t("recorded_by"), i("recorded_at")},
         "id",
         "",
         ""},
        {"enforcement_units",
         {i("act_id"), t("unit_id"), i("named"), i("seq")},
         "act_id, seq",
         "",
         ""},
        {"enforcement_tasks", {i("act_id"), i("task_id")}, "act_id, task_id", "", ""},
        {"users",
         {i("id"), t("login"), t("display_name"), t("role"), t("unit_id"), t("password_hash"),
          t("expires_on"), i("disabled"), i("created_at"), t("email")},
         "id",
         "",
         ""},
        {"sessions",
         {t("token_hash"), i("user_id"), t("csrf"), i("created_at"), i("expires_at")},
         "token_hash",
         "",
         ""},
        {"api_tokens",
         {i("id"), i("user_id"), t("name"), t("token_hash"), i("created_at"), i("expires_at")},
         "id",
         "",
         ""},
        {"audit_log",
         {i("id"), i("at"), t("actor"), t("action"), t("target"), t("before_json"),
          t("after_json")},
         "id",
         "",
         ""},
        {"login_failures", {t("key"), i("count"), i("last_at")}, "key", "", ""},
        // Reminders: copied so that the copy never notices or mails again.
        {"notices",
         {i("id"), i("task_id"), t("occurrence"), t("period_label"), t("kind"), t("day"),
          t("unit_id"), t("noticed_on"), i("created_at"), t("task_text"), t("document")},
         "id",
         "",
         ""},
        {"notifications",
         {i("id"), i("user_id"), i("notice_id"), i("created_at"), i("read_at")},
         "id",
         "",
         ""},
        {"mail_deliveries",
         {i("notice_id"), i("user_id"), t("address"), i("sent_at"), i("attempts"), t("last_error"),
          t("claim"), i("claimed_at")},
         "notice_id, user_id",
         "",
         ""},
    };
    return tables;
}

// The derived tables compared after the rebuild: the rows, or for the
// status deltas the rows that do not sum to nothing.
struct Derived {
    std::string_view name;
    std::string_view columns;
    std::string_view where;
};
constexpr std::array<Derived, 3> k_derived = {{
    {"unit_occurrences",
     "unit_id, due, task_id, scored, recurring, exact, assigned_on, last_day, extended_to, "
     "extended_on, done_on, confirmed_on, period_label",
     ""},
    {"unit_status_days", "day, unit_id, d0, d1, d2, d3, d4",
     " WHERE NOT (d0 = 0 AND d1 = 0 AND d2 = 0 AND d3 = 0 AND d4 = 0)"},
    {"unit_status_months", "month, unit_id, d0, d1, d2, d3, d4",
     " WHERE NOT (d0 = 0 AND d1 = 0 AND d2 = 0 AND d3 = 0 AND d4 = 0)"},
}};

struct Side {
    std::unique_ptr<sql::Connection> db;
    const Dialect* dialect = nullptr;
};

Result<Side> connect(const std::string& location) {
    Side side;
    auto db = postgres::is_url(location) ? postgres::open(location) : sqlite::open(location);
    if (!db) return db.error();
    side.db = std::move(*db);
    side.dialect = postgres::is_url(location) ? &k_postgresql_dialect : &k_sqlite_dialect;
    if (!side.dialect->setup.empty()) DONDOC_TRY(side.db->exec(side.dialect->setup));
    return side;
}

std::string column_list(const std::vector<Column>& columns) {
    std::string out;
    for (const auto& c : columns) {
        if (!out.empty()) out += ", ";
        out += c.name;
    }
    return out;
}

// FNV-1a over a row's values (NULL distinct from every text), summed over
// the rows: the same rows in any order give the same checksum.
struct Checksum {
    std::int64_t rows = 0;
    std::uint64_t sum = 0;
    void add_row(const sql::Statement& st, int columns) {
        std::uint64_t h = 14695981039346656037ULL;
        const auto mix = [&](unsigned char c) {
            h ^= c;
            h *= 1099511628211ULL;
        };
        for (int c = 0; c < columns; ++c) {
            if (st.is_null(c)) {
                mix(0xFF);
            } else {
                for (const char ch : st.text(c)) mix(static_cast<unsigned char>(ch));
            }
            mix(0xFE);
        }
        sum += h;
        ++rows;
    }
    [[nodiscard]] std::string hex() const {
        std::array<char, 17> out{};
        std::snprintf(out.data(), out.size(), "%016llx", static_cast<unsigned long long>(sum));
        return out.data();
    }
};

// Runs `select` on one side and calls `on_row` with each row (read from
// the statement it gets). On PostgreSQL through a cursor, fetched in
// batches: a whole table of millions of rows in one result would be held in
// memory. Inside the side's open transaction when `in_transaction`, else in
// one of its own.
Result<void> for_each_row(Side& side, const std::string& select, bool in_transaction,
                          const std::function<void(const sql::Statement&)>& on_row) {
    if (side.dialect != &k_postgresql_dialect) {
        auto st = side.db->prepare(select);
        if (!st) return st.error();
        return st->for_each_row([&] { on_row(*st); });
    }
    if (!in_transaction) DONDOC_TRY(side.db->exec("BEGIN"));
    auto read = [&]() -> Result<void> {
        DONDOC_TRY(side.db->exec("DECLARE dondoc_rows NO SCROLL CURSOR FOR " + select));
        while (true) {
            auto fetch = side.db->prepare("FETCH 50000 FROM dondoc_rows");
            if (!fetch) return fetch.error();
            std::size_t rows = 0;
            DONDOC_TRY(fetch->for_each_row([&] {
                ++rows;
                on_row(*fetch);
            }));
            if (rows == 0) break;
        }
        return side.db->exec("CLOSE dondoc_rows");
    }();
    if (!in_transaction) (void)side.db->exec(read ? "COMMIT" : "ROLLBACK");
    return read;
}

Result<Checksum> checksum(Side& side, const std::string& select, int columns, bool in_transaction) {
    Checksum sum;
    DONDOC_TRY(for_each_row(side, select, in_transaction,
                            [&](const sql::Statement& st) { sum.add_row(st, columns); }));
    return sum;
}

Result<std::int64_t> count_rows(sql::Connection& db, std::string_view table) {
    auto st = db.prepare("SELECT count(*) FROM " + std::string(table));
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    return st->integer(0);
}

// Copies one table's rows through the target's bulk insert (COPY on
// PostgreSQL), the self-reference left NULL, then set.
Result<void> copy_table(const Table& table, Side& from, sql::Connection& to) {
    const std::string columns = column_list(table.columns);
    std::vector<std::string_view> names;
    names.reserve(table.columns.size());
    for (const auto& c : table.columns) names.push_back(c.name);
    const int self = [&] {
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            if (table.columns[c].name == table.self_reference) return static_cast<int>(c);
        }
        return -1;
    }();
    struct Link {
        std::string value;
        std::string key;
        bool integer;
    };
    std::vector<Link> links;
    {
        auto write = to.bulk_insert(table.name, names);
        if (!write) return write.error();
        Result<void> failed;
        DONDOC_TRY(for_each_row(from,
                                "SELECT " + columns + " FROM " + std::string(table.name) +
                                    " ORDER BY " + std::string(table.order),
                                true, [&](const sql::Statement& read) {
                                    if (!failed) return;
                                    auto& w = **write;
                                    for (std::size_t c = 0; c < table.columns.size(); ++c) {
                                        const int index = static_cast<int>(c);
                                        if (read.is_null(index) || index == self) {
                                            w.null();
                                            if (index == self && !read.is_null(index))
                                                links.push_back({read.text(index), read.text(0),
                                                                 table.columns[c].integer});
                                        } else if (table.columns[c].integer) {
                                            w.integer(read.integer(index));
                                        } else {
                                            w.text(read.text(index));
                                        }
                                    }
                                    failed = w.end_row();
                                }));
        if (!failed) return failed;
        DONDOC_TRY((*write)->finish());
    }
    if (links.empty()) return {};
    auto link = to.prepare("UPDATE " + std::string(table.name) + " SET " +
                           std::string(table.self_reference) + " = ? WHERE " +
                           std::string(table.key) + " = ?");
    if (!link) return link.error();
    for (const auto& l : links) {
        link->reset();
        if (l.integer) {
            link->bind(1, static_cast<std::int64_t>(std::stoll(l.value)));
            link->bind(2, static_cast<std::int64_t>(std::stoll(l.key)));
        } else {
            link->bind(1, l.value).bind(2, l.key);
        }
        DONDOC_TRY(link->run());
    }
    return {};
}

// Copies the records in one transaction of the target, rebuilds the derived
// tables there, and checks both sides table by table.
Result<std::vector<TableCheck>> copy_and_check(Side& source, Side& target, const std::string& to) {
    int depth = 0;
    const auto copy_all = [&]() -> Result<void> {
        for (const auto& table : record_tables()) DONDOC_TRY(copy_table(table, source, *target.db));
        if (!target.dialect->after_copy.empty())
            DONDOC_TRY(target.db->exec(target.dialect->after_copy));
        return {};
    };
    if (auto copied = sql::in_transaction(*target.db, depth, target.dialect->begin, copy_all);
        !copied)
        return copied.error();
    {
        auto rebuilt = open_register(to);
        if (!rebuilt) return rebuilt.error();
        DONDOC_TRY((*rebuilt)->rebuild_derived());
    }
    if (!target.dialect->analyze.empty()) DONDOC_TRY(target.db->exec(target.dialect->analyze));
    std::vector<TableCheck> checks;
    const auto check = [&](std::string_view name, const std::string& select,
                           int columns) -> Result<void> {
        auto a = checksum(source, select, columns, true);
        if (!a) return a.error();
        auto b = checksum(target, select, columns, false);
        if (!b) return b.error();
        checks.push_back(TableCheck{std::string(name), a->rows, b->rows, a->hex(), b->hex()});
        return {};
    };
    for (const auto& table : record_tables()) {
        DONDOC_TRY(check(
            table.name, "SELECT " + column_list(table.columns) + " FROM " + std::string(table.name),
            static_cast<int>(table.columns.size())));
    }
    for (const auto& derived : k_derived) {
        int columns = 1;
        for (const char c : derived.columns) columns += c == ',' ? 1 : 0;
        DONDOC_TRY(check(derived.name,
                         "SELECT " + std::string(derived.columns) + " FROM " +
                             std::string(derived.name) + std::string(derived.where),
                         columns));
    }
    return checks;
}

}  // namespace

Result<std::vector<TableCheck>> copy_register(const std::string& from, const std::string& to) {
    if (from == to) return make_error(ErrorCode::invalid_input, "the source and target are one");
    // Opening migrates both to this build's schema (the target is made).
    {
        auto source = open_register(from);
        if (!source) return source.error();
        auto target = open_register(to);
        if (!target) return target.error();
    }
    auto source = connect(from);
    if (!source) return source.error();
    auto target = connect(to);
    if (!target) return target.error();
    for (const auto& table : record_tables()) {
        auto rows = count_rows(*target->db, table.name);
        if (!rows) return rows.error();
        if (*rows > 0) {
            return make_error(ErrorCode::conflict, "the target register is not empty (" +
                                                       std::string(table.name) + ": " +
                                                       std::to_string(*rows) + " rows)");
        }
    }
    // The source is read, and checked, as of one moment: servers may go on
    // writing to it meanwhile (a backup of a live provincial register).
    DONDOC_TRY(source->db->exec(source->dialect->begin_snapshot));
    auto verified = copy_and_check(*source, *target, to);
    (void)source->db->exec("COMMIT");
    return verified;
}

}  // namespace dondoc::store
