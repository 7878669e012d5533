// Storage of accounts, sessions, API tokens, the audit log and login
// failures: a separate interface from Repository so that the server's
// bookkeeping never mixes with the register's records. Implemented once
// over SQL (sql_accounts.cpp) in the register's SQLite file or PostgreSQL
// database (schema migration 3).
//
// Secrets are never stored: sessions and tokens are kept by the SHA-256 of
// their value. Times are Unix seconds. Every method is a Result. An
// AccountStore is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "domain/account.h"
#include "domain/register.h"
#include "store/sqlite_memory.h"

namespace dondoc::store {

struct SessionRecord {
    std::string token_hash;  // SHA-256 hex of the cookie's value
    domain::UserId user;
    std::string csrf;  // the double-submit token the client must echo in a header
    std::int64_t created_at = 0;
    std::int64_t expires_at = 0;
};

struct TokenRecord {
    std::int64_t id = 0;
    domain::UserId user;
    std::string name;        // what the script is
    std::string token_hash;  // SHA-256 hex of the bearer token
    std::int64_t created_at = 0;
    std::optional<std::int64_t> expires_at;
};

// One append-only line of the audit log (nhật ký thay đổi).
struct AuditEntry {
    std::int64_t id = 0;
    std::int64_t at = 0;      // Unix seconds
    std::string actor;        // login, or "cli:NAME" for the command line
    std::string action;       // "task.progress", "user.add", …
    std::string target;       // "task/12", "user/hoa", "document/53/NQ-CP"
    std::string before_json;  // "null" when nothing existed
    std::string after_json;
};

// Reminders (nhắc hạn): which milestone of a task's deadline a notice is
// about. Sắp đến hạn: the last day on time is within N working days;
// đến hạn hôm nay: it is today; quá hạn: it has passed.
enum class NoticeKind { due_soon, due_today, overdue };
std::string_view notice_kind_name(NoticeKind kind);   // "due_soon"
std::string_view notice_kind_label(NoticeKind kind);  // "Sắp đến hạn"
std::optional<NoticeKind> notice_kind_from_name(std::string_view name);

// One notice to a responsible unit. (task, occurrence, kind, day, unit) is
// unique in the database: the same milestone is never noticed twice.
struct Notice {
    std::int64_t id = 0;
    domain::TaskId task;
    domain::CivilDate occurrence;  // the occurrence's own due date: which period
    std::string period_label;      // "6 tháng đầu năm 2023"; empty for a one-off task
    NoticeKind kind = NoticeKind::due_soon;
    domain::CivilDate day;  // the last day on time (after extensions) it is about
    domain::UnitId unit;
    domain::CivilDate noticed_on;  // the as-of date of the run
    std::int64_t created_at = 0;
    std::string task_text;  // the task's action, as noticed
    std::string document;   // the notation of the document that gave the task
};

// A notice as one user sees it in the app.
struct Notification {
    std::int64_t id = 0;
    Notice notice;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> read_at;
};

// An e-mail owed to a user for a notice, claimed by the run sending it.
struct MailDelivery {
    Notice notice;
    domain::UserId user;
    std::string address;
    std::int64_t attempts = 0;
};

// Failed logins under one key ("user:hoa", "ip:127.0.0.1").
struct FailureCount {
    std::int64_t count = 0;
    std::int64_t last_at = 0;
};

class AccountStore {
  public:
    virtual ~AccountStore() = default;

    virtual Result<void> transaction(const std::function<Result<void>()>& work) = 0;
    // Runs `work`, which only reads, on one consistent snapshot (see
    // Repository::read_snapshot); as is where the backend has none.
    virtual Result<void> read_snapshot(const std::function<Result<void>()>& work) { return work(); }

    // Users. Logins are unique (conflict otherwise).
    virtual Result<domain::UserId> insert_user(const domain::User& user) = 0;
    virtual Result<void> update_user(const domain::User& user) = 0;
    virtual Result<std::optional<domain::User>> user_by_login(const std::string& login) = 0;
    virtual Result<domain::User> user(domain::UserId id) = 0;
    virtual Result<std::vector<domain::User>> users() = 0;

    // Sessions.
    virtual Result<void> insert_session(const SessionRecord& session) = 0;
    virtual Result<std::optional<SessionRecord>> session(const std::string& token_hash) = 0;
    virtual Result<void> delete_session(const std::string& token_hash) = 0;
    virtual Result<void> delete_sessions_of(domain::UserId user) = 0;
    // Forgets the sessions that ended before `now`.
    virtual Result<void> delete_expired_sessions(std::int64_t now) = 0;

    // API tokens.
    virtual Result<std::int64_t> insert_token(const TokenRecord& token) = 0;
    virtual Result<std::optional<TokenRecord>> token(const std::string& token_hash) = 0;

    // The audit log: appended to, never changed. Newest first.
    virtual Result<std::int64_t> append_audit(const AuditEntry& entry) = 0;
    virtual Result<std::vector<AuditEntry>> audit(std::size_t limit, std::size_t offset) = 0;

    // Login throttling.
    virtual Result<FailureCount> add_failure(const std::string& key, std::int64_t at) = 0;
    virtual Result<FailureCount> failures(const std::string& key) = 0;
    virtual Result<void> clear_failures(const std::string& key) = 0;

    // Reminders. insert_notice keeps the first of equal notices: the new
    // notice's id, or nullopt when the database already had it (decided by
    // its unique key, whatever other process inserted it). A notification
    // or delivery that exists already is left as it is.
    virtual Result<std::optional<std::int64_t>> insert_notice(const Notice& notice) = 0;
    virtual Result<void> add_notification(domain::UserId user, std::int64_t notice,
                                          std::int64_t at) = 0;
    virtual Result<void> add_delivery(std::int64_t notice, domain::UserId user,
                                      const std::string& address) = 0;
    // A user's notifications, newest first, and how many are unread.
    virtual Result<std::vector<Notification>> notifications(domain::UserId user,
                                                            std::size_t limit) = 0;
    virtual Result<std::int64_t> unread_count(domain::UserId user) = 0;
    // Marks one (false when it is not the user's) or all of a user's read.
    virtual Result<bool> mark_read(domain::UserId user, std::int64_t notification,
                                   std::int64_t at) = 0;
    virtual Result<std::int64_t> mark_all_read(domain::UserId user, std::int64_t at) = 0;
    // Takes the unsent deliveries not claimed by another run since
    // `stale_before` (a run that died) and tried fewer than `max_attempts`
    // times, marking them claimed by `claim` (a random token of the run) at
    // `now`: two runs never send one mail. By user, then notice.
    virtual Result<std::vector<MailDelivery>> claim_deliveries(const std::string& claim,
                                                               std::int64_t now,
                                                               std::int64_t stale_before,
                                                               std::int64_t max_attempts) = 0;
    // The end of one attempt: sent at `at` (no error), or failed with `error`;
    // the claim is released either way.
    virtual Result<void> finish_delivery(std::int64_t notice, domain::UserId user, std::int64_t at,
                                         const std::optional<std::string>& error) = 0;
};

// Opens the account tables of the register at `path`, which open_sqlite()
// must have created (it applies the migrations). A second connection to the
// same file: the server uses both from one thread.
Result<std::unique_ptr<AccountStore>> open_sqlite_accounts(const std::string& path,
                                                           const SqliteMemory& memory = {});

// The same in the PostgreSQL database at `url` (see open_postgresql), which
// open_postgresql() must have migrated.
Result<std::unique_ptr<AccountStore>> open_postgresql_accounts(const std::string& url);

// From a `--db` value, as open_register() (repository.h) reads it.
Result<std::unique_ptr<AccountStore>> open_accounts(const std::string& db,
                                                    const SqliteMemory& memory = {});

}  // namespace dondoc::store
