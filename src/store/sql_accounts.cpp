// The account tables over a SQL connection (SQLite or PostgreSQL): a
// connection of its own to the register, so that the register's repository
// is left as it is. The tables come from schema migration 3, applied by
// opening the repository.
#include <array>
#include <limits>
#include <stdexcept>

#include "domain/civil_date.h"
#include "store/accounts.h"
#include "store/dialect.h"
#include "store/repository.h"
#include "store/sql.h"

namespace dondoc::store {
namespace {

constexpr const char* k_user_columns =
    "id, login, display_name, role, unit_id, password_hash, expires_on, disabled, created_at, "
    "email";

domain::User read_user(const sql::Statement& st) {
    domain::User u;
    u.id = domain::UserId{st.integer(0)};
    u.login = st.text(1);
    u.display_name = st.text(2);
    u.role = domain::role_from_name(st.text(3)).value_or(domain::Role::unit_officer);
    u.unit = domain::UnitId{st.text(4)};
    u.password_hash = st.text(5);
    if (auto e = st.optional_text(6)) u.expires_on = domain::parse_iso(*e);
    u.disabled = st.integer(7) != 0;
    u.created_at = st.integer(8);
    u.email = st.optional_text(9);
    return u;
}

// The columns of a notice, as read by read_notice from column `first` on.
constexpr const char* k_notice_columns =
    "n.id, n.task_id, n.occurrence, n.period_label, n.kind, n.day, n.unit_id, n.noticed_on, "
    "n.created_at, n.task_text, n.document";

domain::CivilDate date_column(const sql::Statement& st, int column) {
    return domain::parse_iso(st.text(column)).value_or(domain::CivilDate{});
}

Notice read_notice(const sql::Statement& st, int first) {
    Notice n;
    n.id = st.integer(first);
    n.task = domain::TaskId{st.integer(first + 1)};
    n.occurrence = date_column(st, first + 2);
    n.period_label = st.text(first + 3);
    n.kind = notice_kind_from_name(st.text(first + 4)).value_or(NoticeKind::overdue);
    n.day = date_column(st, first + 5);
    n.unit = domain::UnitId{st.text(first + 6)};
    n.noticed_on = date_column(st, first + 7);
    n.created_at = st.integer(first + 8);
    n.task_text = st.text(first + 9);
    n.document = st.text(first + 10);
    return n;
}

std::optional<std::string> expiry_text(const domain::User& u) {
    return u.expires_on ? std::optional<std::string>(domain::iso(*u.expires_on)) : std::nullopt;
}

class SqlAccounts final : public AccountStore {
  public:
    SqlAccounts(std::unique_ptr<sql::Connection> db, const Dialect& dialect)
        : m_connection(std::move(db)), m_db(*m_connection), m_dialect(dialect) {}
    // On the connection of `beside`, whose transactions and snapshots are
    // this store's too (the nesting of both is then counted in one place).
    SqlAccounts(Repository& beside, sql::Connection& db, const Dialect& dialect)
        : m_db(db), m_dialect(dialect), m_beside(&beside) {}

    Result<void> check_schema() {
        if (!m_dialect.setup.empty()) DONDOC_TRY(m_db.exec(m_dialect.setup));
        auto st = m_db.prepare("SELECT count(*) FROM schema_migrations WHERE version = 3");
        if (!st) return st.error();
        auto row = st->step();
        if (!row) return row.error();
        if (!*row || st->integer(0) != 1)
            return make_error(ErrorCode::corruption, "the register has no account tables");
        return {};
    }

    Result<void> transaction(const std::function<Result<void>()>& work) override {
        if (m_beside) return m_beside->transaction(work);
        if (m_reading)
            throw std::logic_error("transaction() inside read_snapshot(): a read request wrote");
        return sql::in_transaction(m_db, m_depth, m_dialect.begin, work);
    }

    Result<void> read_snapshot(const std::function<Result<void>()>& work) override {
        if (m_beside) return m_beside->read_snapshot(work);
        return sql::in_read_snapshot(m_db, m_depth, m_reading, m_dialect.begin_snapshot, work);
    }

    Result<domain::UserId> insert_user(const domain::User& u) override {
        auto st = m_db.prepare(
            "INSERT INTO users(login, display_name, role, unit_id, password_hash, expires_on, "
            "disabled, created_at, email) VALUES (?,?,?,?,?,?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, u.login)
            .bind(2, u.display_name)
            .bind(3, domain::role_name(u.role))
            .bind(4, u.unit.value)
            .bind(5, u.password_hash)
            .bind(6, expiry_text(u))
            .bind(7, std::int64_t{u.disabled ? 1 : 0})
            .bind(8, u.created_at)
            .bind(9, u.email);
        DONDOC_TRY(st->run());
        auto id = m_db.last_insert_id();
        if (!id) return id.error();
        return domain::UserId{*id};
    }

    Result<void> update_user(const domain::User& u) override {
        auto st = m_db.prepare(
            "UPDATE users SET display_name=?, role=?, unit_id=?, password_hash=?, expires_on=?, "
            "disabled=?, email=? WHERE id=?");
        if (!st) return st.error();
        st->bind(1, u.display_name)
            .bind(2, domain::role_name(u.role))
            .bind(3, u.unit.value)
            .bind(4, u.password_hash)
            .bind(5, expiry_text(u))
            .bind(6, std::int64_t{u.disabled ? 1 : 0})
            .bind(7, u.email)
            .bind(8, u.id.value);
        DONDOC_TRY(st->run());
        if (m_db.changes() == 0) return make_error(ErrorCode::not_found, "không có tài khoản");
        return {};
    }

    Result<std::optional<domain::User>> user_by_login(const std::string& login) override {
        auto st =
            m_db.prepare(std::string("SELECT ") + k_user_columns + " FROM users WHERE login = ?");
        if (!st) return st.error();
        st->bind(1, login);
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) return std::optional<domain::User>();
        return std::optional<domain::User>(read_user(*st));
    }

    Result<domain::User> user(domain::UserId id) override {
        auto st =
            m_db.prepare(std::string("SELECT ") + k_user_columns + " FROM users WHERE id = ?");
        if (!st) return st.error();
        st->bind(1, id.value);
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) return make_error(ErrorCode::not_found, "không có tài khoản");
        return read_user(*st);
    }

    Result<std::vector<domain::User>> users() override {
        auto st =
            m_db.prepare(std::string("SELECT ") + k_user_columns + " FROM users ORDER BY login");
        if (!st) return st.error();
        std::vector<domain::User> out;
        DONDOC_TRY(st->for_each_row([&] { out.push_back(read_user(*st)); }));
        return out;
    }

    Result<void> insert_session(const SessionRecord& s) override {
        auto st = m_db.prepare(
            "INSERT INTO sessions(token_hash, user_id, csrf, created_at, expires_at) VALUES "
            "(?,?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, s.token_hash)
            .bind(2, s.user.value)
            .bind(3, s.csrf)
            .bind(4, s.created_at)
            .bind(5, s.expires_at);
        return st->run();
    }

    Result<std::optional<SessionRecord>> session(const std::string& token_hash) override {
        auto st = m_db.prepare(
            "SELECT token_hash, user_id, csrf, created_at, expires_at FROM sessions WHERE "
            "token_hash = ?");
        if (!st) return st.error();
        st->bind(1, token_hash);
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) return std::optional<SessionRecord>();
        return std::optional<SessionRecord>(
            SessionRecord{st->text(0), domain::UserId{st->integer(1)}, st->text(2), st->integer(3),
                          st->integer(4)});
    }

    Result<void> delete_session(const std::string& token_hash) override {
        auto st = m_db.prepare("DELETE FROM sessions WHERE token_hash = ?");
        if (!st) return st.error();
        st->bind(1, token_hash);
        return st->run();
    }

    Result<void> delete_sessions_of(domain::UserId user) override {
        auto st = m_db.prepare("DELETE FROM sessions WHERE user_id = ?");
        if (!st) return st.error();
        st->bind(1, user.value);
        return st->run();
    }

    Result<void> delete_expired_sessions(std::int64_t now) override {
        auto st = m_db.prepare("DELETE FROM sessions WHERE expires_at <= ?");
        if (!st) return st.error();
        st->bind(1, now);
        return st->run();
    }

    Result<std::int64_t> insert_token(const TokenRecord& t) override {
        auto st = m_db.prepare(
            "INSERT INTO api_tokens(user_id, name, token_hash, created_at, expires_at) VALUES "
            "(?,?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, t.user.value)
            .bind(2, t.name)
            .bind(3, t.token_hash)
            .bind(4, t.created_at)
            .bind(5, t.expires_at);
        DONDOC_TRY(st->run());
        return m_db.last_insert_id();
    }

    Result<std::optional<TokenRecord>> token(const std::string& token_hash) override {
        auto st = m_db.prepare(
            "SELECT id, user_id, name, token_hash, created_at, expires_at FROM api_tokens WHERE "
            "token_hash = ?");
        if (!st) return st.error();
        st->bind(1, token_hash);
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) return std::optional<TokenRecord>();
        TokenRecord t{st->integer(0), domain::UserId{st->integer(1)},
                      st->text(2),    st->text(3),
                      st->integer(4), std::nullopt};
        if (!st->is_null(5)) t.expires_at = st->integer(5);
        return std::optional<TokenRecord>(t);
    }

    Result<std::int64_t> append_audit(const AuditEntry& e) override {
        auto st = m_db.prepare(
            "INSERT INTO audit_log(at, actor, action, target, before_json, after_json) VALUES "
            "(?,?,?,?,?,?)");
        if (!st) return st.error();
        st->bind(1, e.at)
            .bind(2, e.actor)
            .bind(3, e.action)
            .bind(4, e.target)
            .bind(5, e.before_json)
            .bind(6, e.after_json);
        DONDOC_TRY(st->run());
        return m_db.last_insert_id();
    }

    Result<std::vector<AuditEntry>> audit(std::size_t limit, std::size_t offset) override {
        auto st = m_db.prepare(
            "SELECT id, at, actor, action, target, before_json, after_json FROM audit_log "
            "ORDER BY id DESC LIMIT ? OFFSET ?");
        if (!st) return st.error();
        st->bind(1, limit == 0 ? std::numeric_limits<std::int64_t>::max()
                               : static_cast<std::int64_t>(limit))
            .bind(2, static_cast<std::int64_t>(offset));
        std::vector<AuditEntry> out;
        DONDOC_TRY(st->for_each_row([&] {
            out.push_back(AuditEntry{st->integer(0), st->integer(1), st->text(2), st->text(3),
                                     st->text(4), st->text(5), st->text(6)});
        }));
        return out;
    }

    Result<FailureCount> add_failure(const std::string& key, std::int64_t at) override {
        auto st = m_db.prepare(
            "INSERT INTO login_failures(key, count, last_at) VALUES (?, 1, ?) "
            "ON CONFLICT(key) DO UPDATE SET count = login_failures.count + 1, "
            "last_at = excluded.last_at");
        if (!st) return st.error();
        st->bind(1, key).bind(2, at);
        DONDOC_TRY(st->run());
        return failures(key);
    }

    Result<FailureCount> failures(const std::string& key) override {
        auto st = m_db.prepare("SELECT count, last_at FROM login_failures WHERE key = ?");
        if (!st) return st.error();
        st->bind(1, key);
        auto row = st->step();
        if (!row) return row.error();
        if (!*row) return FailureCount{};
        return FailureCount{st->integer(0), st->integer(1)};
    }

    Result<void> clear_failures(const std::string& key) override {
        auto st = m_db.prepare("DELETE FROM login_failures WHERE key = ?");
        if (!st) return st.error();
        st->bind(1, key);
        return st->run();
    }

    Result<std::optional<std::int64_t>> insert_notice(const Notice& n) override {
        // The database decides: of two runs inserting the same notice (two
        // servers, a cron job and a server), one inserts and one is ignored.
        auto st = m_db.prepare(
            "INSERT INTO notices(task_id, occurrence, period_label, kind, day, unit_id, "
            "noticed_on, created_at, task_text, document) VALUES (?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (task_id, occurrence, kind, day, unit_id) DO NOTHING");
        if (!st) return st.error();
        st->bind(1, n.task.value)
            .bind(2, domain::iso(n.occurrence))
            .bind(3, n.period_label)
            .bind(4, notice_kind_name(n.kind))
            .bind(5, domain::iso(n.day))
            .bind(6, n.unit.value)
            .bind(7, domain::iso(n.noticed_on))
            .bind(8, n.created_at)
            .bind(9, n.task_text)
            .bind(10, n.document);
        DONDOC_TRY(st->run());
        if (m_db.changes() == 0) return std::optional<std::int64_t>();
        auto id = m_db.last_insert_id();
        if (!id) return id.error();
        return std::optional<std::int64_t>(*id);
    }

    Result<void> add_notification(domain::UserId user, std::int64_t notice,
                                  std::int64_t at) override {
        auto st = m_db.prepare(
            "INSERT INTO notifications(user_id, notice_id, created_at) VALUES (?,?,?) "
            "ON CONFLICT (user_id, notice_id) DO NOTHING");
        if (!st) return st.error();
        st->bind(1, user.value).bind(2, notice).bind(3, at);
        return st->run();
    }

    Result<void> add_delivery(std::int64_t notice, domain::UserId user,
                              const std::string& address) override {
        auto st = m_db.prepare(
            "INSERT INTO mail_deliveries(notice_id, user_id, address) VALUES (?,?,?) "
            "ON CONFLICT (notice_id, user_id) DO NOTHING");
        if (!st) return st.error();
        st->bind(1, notice).bind(2, user.value).bind(3, address);
        return st->run();
    }

    Result<std::vector<Notification>> notifications(domain::UserId user,
                                                    std::size_t limit) override {
        std::string q = "SELECT f.id, f.created_at, f.read_at, ";
        q += k_notice_columns;
        q += " FROM notifications f JOIN notices n ON n.id = f.notice_id WHERE f.user_id = ? "
             "ORDER BY f.id DESC LIMIT ?";
        auto st = m_db.prepare(q);
        if (!st) return st.error();
        st->bind(1, user.value)
            .bind(2, limit == 0 ? std::numeric_limits<std::int64_t>::max()
                                : static_cast<std::int64_t>(limit));
        std::vector<Notification> out;
        DONDOC_TRY(st->for_each_row([&] {
            Notification f;
            f.id = st->integer(0);
            f.created_at = st->integer(1);
            if (!st->is_null(2)) f.read_at = st->integer(2);
            f.notice = read_notice(*st, 3);
            out.push_back(std::move(f));
        }));
        return out;
    }

    Result<std::int64_t> unread_count(domain::UserId user) override {
        auto st = m_db.prepare(
            "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
        if (!st) return st.error();
        st->bind(1, user.value);
        auto row = st->step();
        if (!row) return row.error();
        return *row ? st->integer(0) : 0;
    }

    Result<bool> mark_read(domain::UserId user, std::int64_t notification,
                           std::int64_t at) override {
        auto st = m_db.prepare(
            "UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?");
        if (!st) return st.error();
        st->bind(1, at).bind(2, notification).bind(3, user.value);
        DONDOC_TRY(st->run());
        return m_db.changes() > 0;
    }

    Result<std::int64_t> mark_all_read(domain::UserId user, std::int64_t at) override {
        auto st = m_db.prepare(
            "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL");
        if (!st) return st.error();
        st->bind(1, at).bind(2, user.value);
        DONDOC_TRY(st->run());
        return m_db.changes();
    }

    Result<std::vector<MailDelivery>> claim_deliveries(const std::string& claim, std::int64_t now,
                                                       std::int64_t stale_before,
                                                       std::int64_t max_attempts) override {
        std::vector<MailDelivery> out;
        auto claimed = transaction([&]() -> Result<void> {
            // Claimed in one statement: on PostgreSQL a concurrent run's
            // UPDATE waits for this one's rows and then sees them claimed.
            auto take = m_db.prepare(
                "UPDATE mail_deliveries SET claim = ?, claimed_at = ? WHERE sent_at IS NULL "
                "AND attempts < ? AND (claim IS NULL OR claimed_at < ?)");
            if (!take) return take.error();
            take->bind(1, claim).bind(2, now).bind(3, max_attempts).bind(4, stale_before);
            DONDOC_TRY(take->run());
            std::string q = "SELECT d.user_id, d.address, d.attempts, ";
            q += k_notice_columns;
            q += " FROM mail_deliveries d JOIN notices n ON n.id = d.notice_id "
                 "WHERE d.sent_at IS NULL AND d.claim = ? ORDER BY d.user_id, n.id";
            auto st = m_db.prepare(q);
            if (!st) return st.error();
            st->bind(1, claim);
            return st->for_each_row([&] {
                MailDelivery d;
                d.user = domain::UserId{st->integer(0)};
                d.address = st->text(1);
                d.attempts = st->integer(2);
                d.notice = read_notice(*st, 3);
                out.push_back(std::move(d));
            });
        });
        if (!claimed) return claimed.error();
        return out;
    }

    Result<void> finish_delivery(std::int64_t notice, domain::UserId user, std::int64_t at,
                                 const std::optional<std::string>& error) override {
        auto st = m_db.prepare(
            "UPDATE mail_deliveries SET sent_at = ?, attempts = attempts + 1, last_error = ?, "
            "claim = NULL, claimed_at = NULL WHERE notice_id = ? AND user_id = ?");
        if (!st) return st.error();
        st->bind(1, error ? std::optional<std::int64_t>() : std::optional<std::int64_t>(at))
            .bind(2, error)
            .bind(3, notice)
            .bind(4, user.value);
        return st->run();
    }

  private:
    const std::unique_ptr<sql::Connection> m_connection;  // none on another store's
    sql::Connection& m_db;
    const Dialect& m_dialect;
    Repository* const m_beside = nullptr;  // whose connection and transactions these are
    int m_depth = 0;                       // nesting of transaction()
    bool m_reading = false;                // inside read_snapshot()
};

}  // namespace

namespace {
struct NoticeKindName {
    NoticeKind kind;
    std::string_view name;
    std::string_view label;
};
constexpr std::array<NoticeKindName, 3> k_notice_kinds = {{
    {NoticeKind::due_soon, "due_soon", "Sắp đến hạn"},
    {NoticeKind::due_today, "due_today", "Đến hạn hôm nay"},
    {NoticeKind::overdue, "overdue", "Quá hạn"},
}};
}  // namespace

std::string_view notice_kind_name(NoticeKind kind) {
    for (const auto& k : k_notice_kinds) {
        if (k.kind == kind) return k.name;
    }
    return "overdue";
}

std::string_view notice_kind_label(NoticeKind kind) {
    for (const auto& k : k_notice_kinds) {
        if (k.kind == kind) return k.label;
    }
    return "";
}

std::optional<NoticeKind> notice_kind_from_name(std::string_view name) {
    for (const auto& k : k_notice_kinds) {
        if (k.name == name) return k.kind;
    }
    return std::nullopt;
}

Result<std::unique_ptr<AccountStore>> open_sql_accounts(std::unique_ptr<sql::Connection> db,
                                                        const Dialect& dialect) {
    auto store = std::make_unique<SqlAccounts>(std::move(db), dialect);
    DONDOC_TRY(store->check_schema());
    return std::unique_ptr<AccountStore>(std::move(store));
}

Result<std::unique_ptr<AccountStore>> open_sql_accounts_beside(Repository& beside,
                                                               sql::Connection& db,
                                                               const Dialect& dialect) {
    auto store = std::make_unique<SqlAccounts>(beside, db, dialect);
    DONDOC_TRY(store->check_schema());
    return std::unique_ptr<AccountStore>(std::move(store));
}

}  // namespace dondoc::store
