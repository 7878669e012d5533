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
#include <vector>

#include "base/error.h"
#include "domain/account.h"

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
};

// Opens the account tables of the register at `path`, which open_sqlite()
// must have created (it applies the migrations). A second connection to the
// same file: the server uses both from one thread.
Result<std::unique_ptr<AccountStore>> open_sqlite_accounts(const std::string& path);

// The same in the PostgreSQL database at `url` (see open_postgresql), which
// open_postgresql() must have migrated.
Result<std::unique_ptr<AccountStore>> open_postgresql_accounts(const std::string& url);

// From a `--db` value, as open_register() (repository.h) reads it.
Result<std::unique_ptr<AccountStore>> open_accounts(const std::string& db);

}  // namespace dondoc::store
