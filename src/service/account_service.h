// Accounts, sign-in and the audit log: who may use the server, as whom, and
// what they changed.
//
// Passwords are hashed with Argon2id (libsodium's crypto_pwhash_str).
// Sessions and API tokens are random 256-bit values given to the client once;
// only their SHA-256 is stored. Failed sign-ins are counted per account and
// per address; past k_free_failures (per account) or k_free_failures_address
// (an office behind one NAT shares an address) the next attempt must wait
// 30 s, doubling with each further failure up to k_max_lockout_seconds.
//
// Not thread-safe: one service per connection, like RegisterService.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/account.h"
#include "store/accounts.h"
#include "store/repository.h"

namespace dondoc::service {

// The clock the service reads (injected so that tests choose "now").
using Clock = std::function<std::chrono::system_clock::time_point()>;

// The ids of the units a person may see; null: every unit (an admin).
using UnitScope = std::shared_ptr<const std::set<std::string>>;

// Argon2id cost; tests use the minimum to stay fast.
struct PasswordCost {
    unsigned long long ops;  // NOLINT(google-runtime-int): libsodium's type
    std::size_t memory;
    static PasswordCost interactive();
    static PasswordCost minimum();
};

inline constexpr std::int64_t k_free_failures = 5;
inline constexpr std::int64_t k_free_failures_address = 20;
inline constexpr std::int64_t k_max_lockout_seconds = 900;  // 15 minutes
inline constexpr std::int64_t k_session_seconds = 43'200;   // 12 hours

// Who is making a request, once authenticated.
struct Principal {
    domain::User user;
    std::string csrf;        // the session's double-submit token; empty for API tokens
    bool via_token = false;  // a bearer token (no cookie, so no CSRF check)
};

struct NewUser {
    std::string login;
    std::string display_name;
    std::string password;
    domain::Role role = domain::Role::unit_officer;
    domain::UnitId unit;
    std::optional<domain::CivilDate> expires_on;
    std::optional<std::string> email;  // where reminders are mailed
};

// What may change on an account; empty fields stay as they are.
struct UserChange {
    std::optional<std::string> display_name;
    std::optional<std::string> password;
    std::optional<domain::Role> role;
    std::optional<domain::UnitId> unit;
    std::optional<std::optional<domain::CivilDate>> expires_on;  // a null inner value clears it
    std::optional<bool> disabled;
    std::optional<std::optional<std::string>> email;  // a null inner value removes it
};

struct LoginOutcome {
    enum class Status { ok, bad_credentials, locked, disabled, expired };
    Status status = Status::bad_credentials;
    std::int64_t retry_after = 0;  // seconds, when locked
    std::string session_token;     // when ok: the cookie's value
    std::optional<Principal> principal;
};

class AccountService {
  public:
    AccountService(store::AccountStore& accounts, store::Repository& repository, Clock clock,
                   PasswordCost cost);

    // Users. `actor` names who does it, for the audit log. An admin cannot
    // disable or demote their own account (forbidden): one admin always remains.
    Result<domain::User> add_user(const std::string& actor, const NewUser& user);
    Result<domain::User> change_user(const std::string& actor, const std::string& login,
                                     const UserChange& change);
    Result<std::vector<domain::User>> users();
    Result<domain::User> user(const std::string& login);

    // On an empty account table: an admin "admin" of `unit` with a random
    // password, returned once. nullopt when accounts exist already.
    Result<std::optional<std::string>> bootstrap_admin(const domain::UnitId& unit);

    // Sign-in with throttling by account and by `address`.
    Result<LoginOutcome> login(const std::string& login, const std::string& password,
                               const std::string& address);
    Result<void> logout(const std::string& session_token);
    // A person changes their own password, knowing the current one; their
    // sessions end (they sign in again).
    Result<void> change_own_password(const domain::User& user, const std::string& current,
                                     const std::string& password);
    // nullopt when the session or token is unknown, expired, or its account
    // is disabled or expired.
    Result<std::optional<Principal>> authenticate_session(const std::string& session_token);
    Result<std::optional<Principal>> authenticate_token(const std::string& bearer_token);
    // A bearer token for scripts, returned once.
    Result<std::string> create_token(const std::string& actor, const std::string& login,
                                     const std::string& name,
                                     std::optional<domain::CivilDate> expires_on);

    // The units a person sees: their unit and its sub-units; everything
    // (null) for an admin and for a person whose unit is above every other. The unit tree and each
    // unit's scope are cached while the repository's directory version stays (a province tracker's
    // scope is thousands of units, asked on every request).
    Result<UnitScope> scope(const domain::User& user);

    // Runs `work`, which only reads accounts, on one snapshot of them.
    Result<void> read_snapshot(const std::function<Result<void>()>& work) {
        return m_accounts.read_snapshot(work);
    }

    // A person's reminders in the app (service/reminders.h makes them):
    // newest first, how many are unread, marking one (false when it is not
    // theirs) or all read.
    Result<std::vector<store::Notification>> notifications(domain::UserId user, std::size_t limit);
    Result<std::int64_t> unread_count(domain::UserId user);
    Result<bool> mark_read(domain::UserId user, std::int64_t notification);
    Result<std::int64_t> mark_all_read(domain::UserId user);

    // The audit log (append-only). before/after are JSON texts.
    Result<void> record(const std::string& actor, const std::string& action,
                        const std::string& target, const std::string& before_json,
                        const std::string& after_json);
    Result<std::vector<store::AuditEntry>> audit(std::size_t limit, std::size_t offset);

    [[nodiscard]] std::int64_t now() const;

  private:
    Result<std::string> hash_password(const std::string& password) const;
    [[nodiscard]] bool usable(const domain::User& user) const;
    Result<std::int64_t> wait_for(const std::string& key, std::int64_t free_failures);

    struct UnitTree {
        std::multimap<std::string, std::string> children;  // parent id → child id
        std::map<std::string, UnitScope> scopes;           // unit id → its subtree
        std::int64_t version = 0;                          // the directory's when loaded
        std::size_t unit_count = 0;
    };

    store::AccountStore& m_accounts;
    store::Repository& m_repository;
    const Clock m_clock;
    const PasswordCost m_cost;
    std::optional<UnitTree> m_units;  // cached for scope()
};

// An e-mail address as reminders need it (invalid_input otherwise): one
// '@', a dotted domain, printable ASCII without spaces or header syntax.
Result<void> check_email(const std::string& address);

// A user as JSON for the audit log and the API, without the password hash.
std::string user_json(const domain::User& user);

// Random bytes as hex (libsodium's generator).
std::string random_hex(std::size_t bytes);

}  // namespace dondoc::service
