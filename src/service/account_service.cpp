#include "service/account_service.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/civil_date.h"

namespace dondoc::service {
namespace {

constexpr std::size_t k_min_password = 8;
constexpr std::size_t k_max_password = 1024;

std::string hash_hex(std::string_view value) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(value.data()),
                       value.size());
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : digest) {
        out.push_back(k_hex[b >> 4]);
        out.push_back(k_hex[b & 0xF]);
    }
    return out;
}

Result<void> check_login(const std::string& login) {
    const bool ok = login.size() >= 2 && login.size() <= 64 &&
                    std::all_of(login.begin(), login.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                               c == '_' || c == '-';
                    });
    if (!ok)
        return make_error(ErrorCode::invalid_input,
                          "tên đăng nhập chỉ gồm chữ thường không dấu, số, '.', '_', '-' (2–64 "
                          "ký tự)",
                          "login");
    return {};
}

Result<void> check_password(const std::string& password) {
    if (password.size() < k_min_password || password.size() > k_max_password)
        return make_error(ErrorCode::invalid_input, "mật khẩu phải có từ 8 đến 1024 ký tự",
                          "password");
    return {};
}

}  // namespace

Result<void> check_email(const std::string& address) {
    // What a mail header may carry and an SMTP server accepts: one '@' with
    // text on both sides, printable ASCII without spaces, quotes or angle
    // brackets (no CR or LF: a header cannot be injected through it).
    const auto at = address.find('@');
    const bool ok = !address.empty() && address.size() <= 254 && at != std::string::npos &&
                    at > 0 && at + 1 < address.size() &&
                    address.find('@', at + 1) == std::string::npos &&
                    address.find('.', at + 1) != std::string::npos &&
                    std::all_of(address.begin(), address.end(), [](char c) {
                        return c > ' ' && c < 127 && c != '<' && c != '>' && c != '"' && c != ',' &&
                               c != ';' && c != '(' && c != ')' && c != '\\';
                    });
    if (!ok)
        return make_error(ErrorCode::invalid_input, "địa chỉ thư điện tử không hợp lệ: " + address,
                          "email");
    return {};
}

namespace {}  // namespace

PasswordCost PasswordCost::interactive() {
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::minimum() {
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (char c : raw) {
        const auto b = static_cast<unsigned char>(c);
        out.push_back(k_hex[b >> 4]);
        out.push_back(k_hex[b & 0xF]);
    }
    return out;
}

std::string user_json(const domain::User& u) {
    nlohmann::ordered_json j{
        {"id", u.id.value},
        {"login", u.login},
        {"display_name", u.display_name},
        {"role", domain::role_name(u.role)},
        {"unit", u.unit.value},
        {"expires_on", u.expires_on ? nlohmann::ordered_json(domain::iso(*u.expires_on))
                                    : nlohmann::ordered_json(nullptr)},
        {"disabled", u.disabled},
        {"email", u.email ? nlohmann::ordered_json(*u.email) : nlohmann::ordered_json(nullptr)}};
    return j.dump();
}

AccountService::AccountService(store::AccountStore& accounts, store::Repository& repository,
                               Clock clock, PasswordCost cost)
    : m_accounts(accounts), m_repository(repository), m_clock(std::move(clock)), m_cost(cost) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start");
}

std::int64_t AccountService::now() const {
    return std::chrono::duration_cast<std::chrono::seconds>(m_clock().time_since_epoch()).count();
}

Result<std::string> AccountService::hash_password(const std::string& password) const {
    DONDOC_TRY(check_password(password));
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(), password.data(), password.size(), m_cost.ops,
                          m_cost.memory) != 0)
        return make_error(ErrorCode::io_error, "không đủ bộ nhớ để băm mật khẩu");
    return std::string(out.data());
}

bool AccountService::usable(const domain::User& u) const {
    if (u.disabled) return false;
    if (!u.expires_on) return true;
    // Expiry dates are Vietnamese calendar days (UTC+7).
    const auto today =
        domain::CivilDate{std::chrono::floor<std::chrono::days>(m_clock() + std::chrono::hours{7})};
    return today <= *u.expires_on;
}

Result<domain::User> AccountService::add_user(const std::string& actor, const NewUser& n) {
    DONDOC_TRY(check_login(n.login));
    if (n.email) DONDOC_TRY(check_email(*n.email));
    auto hash = hash_password(n.password);
    if (!hash) return hash.error();
    auto units = m_repository.units();
    if (!units) return units.error();
    if (std::none_of(units->begin(), units->end(),
                     [&](const domain::Unit& u) { return u.id == n.unit; }))
        return make_error(ErrorCode::invalid_input, "không có đơn vị " + n.unit.value, "unit");
    domain::User user;
    user.login = n.login;
    user.display_name = n.display_name.empty() ? n.login : n.display_name;
    user.role = n.role;
    user.unit = n.unit;
    user.password_hash = std::move(*hash);
    user.expires_on = n.expires_on;
    user.email = n.email;
    user.created_at = now();
    auto done = m_accounts.transaction([&]() -> Result<void> {
        auto existing = m_accounts.user_by_login(n.login);
        if (!existing) return existing.error();
        if (*existing)
            return make_error(ErrorCode::conflict, "tên đăng nhập đã có: " + n.login, "login");
        auto id = m_accounts.insert_user(user);
        if (!id) return id.error();
        user.id = *id;
        return record(actor, "user.add", "user/" + user.login, "null", user_json(user));
    });
    if (!done) return done.error();
    return user;
}

Result<domain::User> AccountService::change_user(const std::string& actor, const std::string& login,
                                                 const UserChange& change) {
    if (change.email && *change.email) DONDOC_TRY(check_email(**change.email));
    std::optional<std::string> hash;
    if (change.password) {
        auto h = hash_password(*change.password);
        if (!h) return h.error();
        hash = std::move(*h);
    }
    if (change.unit) {
        auto units = m_repository.units();
        if (!units) return units.error();
        if (std::none_of(units->begin(), units->end(),
                         [&](const domain::Unit& u) { return u.id == *change.unit; }))
            return make_error(ErrorCode::invalid_input, "không có đơn vị " + change.unit->value,
                              "unit");
    }
    domain::User after;
    auto done = m_accounts.transaction([&]() -> Result<void> {
        auto found = m_accounts.user_by_login(login);
        if (!found) return found.error();
        if (!*found) return make_error(ErrorCode::not_found, "không có tài khoản " + login);
        const domain::User before = **found;
        if (actor == login && before.role == domain::Role::admin &&
            (change.disabled.value_or(false) ||
             (change.role && *change.role != domain::Role::admin)))
            return make_error(ErrorCode::forbidden,
                              "không thể tự khóa hoặc bỏ quyền quản trị của chính mình");
        after = before;
        if (change.display_name) after.display_name = *change.display_name;
        if (hash) after.password_hash = *hash;
        if (change.role) after.role = *change.role;
        if (change.unit) after.unit = *change.unit;
        if (change.expires_on) after.expires_on = *change.expires_on;
        if (change.disabled) after.disabled = *change.disabled;
        if (change.email) after.email = *change.email;
        DONDOC_TRY(m_accounts.update_user(after));
        // A new password, a lock or a new role ends the sessions already open.
        if (hash || change.disabled.value_or(false) || change.role || change.unit)
            DONDOC_TRY(m_accounts.delete_sessions_of(after.id));
        nlohmann::json after_json = nlohmann::json::parse(user_json(after));
        if (hash) after_json["password_changed"] = true;
        return record(actor, "user.change", "user/" + login, user_json(before), after_json.dump());
    });
    if (!done) return done.error();
    return after;
}

Result<std::vector<store::Notification>> AccountService::notifications(domain::UserId user,
                                                                       std::size_t limit) {
    return m_accounts.notifications(user, limit);
}

Result<std::int64_t> AccountService::unread_count(domain::UserId user) {
    return m_accounts.unread_count(user);
}

Result<bool> AccountService::mark_read(domain::UserId user, std::int64_t notification) {
    return m_accounts.mark_read(user, notification, now());
}

Result<std::int64_t> AccountService::mark_all_read(domain::UserId user) {
    return m_accounts.mark_all_read(user, now());
}

Result<std::vector<domain::User>> AccountService::users() {
    return m_accounts.users();
}

Result<domain::User> AccountService::user(const std::string& login) {
    auto found = m_accounts.user_by_login(login);
    if (!found) return found.error();
    if (!*found) return make_error(ErrorCode::not_found, "không có tài khoản " + login);
    return **found;
}

Result<std::optional<std::string>> AccountService::bootstrap_admin(const domain::UnitId& unit) {
    auto all = m_accounts.users();
    if (!all) return all.error();
    if (!all->empty()) return std::optional<std::string>();
    const std::string password = random_hex(12);
    auto hash = hash_password(password);
    if (!hash) return hash.error();
    // The unit is not checked: a fresh register may have none yet, and an
    // admin's scope is every unit anyway.
    domain::User admin;
    admin.login = "admin";
    admin.display_name = "Quản trị hệ thống";
    admin.role = domain::Role::admin;
    admin.unit = unit;
    admin.password_hash = std::move(*hash);
    admin.created_at = now();
    auto done = m_accounts.transaction([&]() -> Result<void> {
        auto id = m_accounts.insert_user(admin);
        if (!id) return id.error();
        admin.id = *id;
        return record("system", "user.add", "user/admin", "null", user_json(admin));
    });
    if (!done) return done.error();
    return std::optional<std::string>(password);
}

// Seconds to wait before the next attempt under `key` (0: go ahead).
Result<std::int64_t> AccountService::wait_for(const std::string& key, std::int64_t free_failures) {
    auto f = m_accounts.failures(key);
    if (!f) return f.error();
    if (f->count < free_failures) return std::int64_t{0};
    const std::int64_t excess = std::min<std::int64_t>(f->count - free_failures, 20);
    const std::int64_t lockout = std::min<std::int64_t>(k_max_lockout_seconds, 30LL << excess);
    return std::max<std::int64_t>(0, f->last_at + lockout - now());
}

Result<LoginOutcome> AccountService::login(const std::string& login, const std::string& password,
                                           const std::string& address) {
    LoginOutcome out;
    const std::string user_key = "user:" + login;
    const std::string ip_key = "ip:" + address;
    auto user_wait = wait_for(user_key, k_free_failures);
    if (!user_wait) return user_wait.error();
    auto ip_wait = wait_for(ip_key, k_free_failures_address);
    if (!ip_wait) return ip_wait.error();
    if (*user_wait > 0 || *ip_wait > 0) {
        out.status = LoginOutcome::Status::locked;
        out.retry_after = std::max(*user_wait, *ip_wait);
        return out;
    }
    auto found = m_accounts.user_by_login(login);
    if (!found) return found.error();
    // Verify against a fixed hash when the login is unknown, so that timing
    // does not tell which logins exist.
    static const std::string k_dummy = [this] {
        std::array<char, crypto_pwhash_STRBYTES> h{};
        const std::string p = "dondoc-dummy-password";
        if (crypto_pwhash_str(h.data(), p.data(), p.size(), m_cost.ops, m_cost.memory) != 0)
            return std::string();
        return std::string(h.data());
    }();
    const std::string& stored = *found ? (*found)->password_hash : k_dummy;
    const bool match =
        password.size() <= k_max_password &&
        crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0 && *found;
    if (!match) {
        DONDOC_TRY(m_accounts.add_failure(user_key, now()));
        DONDOC_TRY(m_accounts.add_failure(ip_key, now()));
        out.status = LoginOutcome::Status::bad_credentials;
        (void)record(login, "login.failed", "user/" + login, "null",
                     nlohmann::json{{"address", address}}.dump());
        return out;
    }
    const domain::User& user = **found;
    if (user.disabled) {
        out.status = LoginOutcome::Status::disabled;
        return out;
    }
    if (!usable(user)) {
        out.status = LoginOutcome::Status::expired;
        return out;
    }
    DONDOC_TRY(m_accounts.clear_failures(user_key));
    DONDOC_TRY(m_accounts.clear_failures(ip_key));
    DONDOC_TRY(m_accounts.delete_expired_sessions(now()));
    out.session_token = random_hex(32);
    store::SessionRecord session{hash_hex(out.session_token), user.id, random_hex(32), now(),
                                 now() + k_session_seconds};
    DONDOC_TRY(m_accounts.insert_session(session));
    out.status = LoginOutcome::Status::ok;
    out.principal = Principal{user, session.csrf, false};
    return out;
}

Result<void> AccountService::change_own_password(const domain::User& user,
                                                 const std::string& current,
                                                 const std::string& password) {
    auto stored = m_accounts.user(user.id);
    if (!stored) return stored.error();
    if (current.size() > k_max_password ||
        crypto_pwhash_str_verify(stored->password_hash.c_str(), current.data(), current.size()) !=
            0)
        return make_error(ErrorCode::forbidden, "mật khẩu hiện tại không đúng", "old_password");
    UserChange change;
    change.password = password;
    auto changed = change_user(user.login, user.login, change);
    if (!changed) return changed.error();
    return {};
}

Result<void> AccountService::logout(const std::string& session_token) {
    return m_accounts.delete_session(hash_hex(session_token));
}

Result<std::optional<Principal>> AccountService::authenticate_session(
    const std::string& session_token) {
    auto s = m_accounts.session(hash_hex(session_token));
    if (!s) return s.error();
    if (!*s || (*s)->expires_at <= now()) return std::optional<Principal>();
    auto u = m_accounts.user((*s)->user);
    if (!u) return u.error();
    if (!usable(*u)) return std::optional<Principal>();
    return std::optional<Principal>(Principal{*u, (*s)->csrf, false});
}

Result<std::optional<Principal>> AccountService::authenticate_token(
    const std::string& bearer_token) {
    auto t = m_accounts.token(hash_hex(bearer_token));
    if (!t) return t.error();
    if (!*t || ((*t)->expires_at && *(*t)->expires_at <= now())) return std::optional<Principal>();
    auto u = m_accounts.user((*t)->user);
    if (!u) return u.error();
    if (!usable(*u)) return std::optional<Principal>();
    return std::optional<Principal>(Principal{*u, "", true});
}

Result<std::string> AccountService::create_token(const std::string& actor, const std::string& login,
                                                 const std::string& name,
                                                 std::optional<domain::CivilDate> expires_on) {
    auto u = user(login);
    if (!u) return u.error();
    const std::string secret = "ddt_" + random_hex(32);
    store::TokenRecord t{0, u->id, name, hash_hex(secret), now(), std::nullopt};
    if (expires_on) {
        const auto end = std::chrono::sys_days{*expires_on} + std::chrono::days{1} -
                         std::chrono::hours{7};  // the end of that day in Vietnam
        t.expires_at =
            std::chrono::duration_cast<std::chrono::seconds>(end.time_since_epoch()).count();
    }
    auto done = m_accounts.transaction([&]() -> Result<void> {
        auto id = m_accounts.insert_token(t);
        if (!id) return id.error();
        return record(actor, "token.create", "user/" + login, "null",
                      nlohmann::json{{"token_id", *id}, {"name", name}}.dump());
    });
    if (!done) return done.error();
    return secret;
}

Result<UnitScope> AccountService::scope(const domain::User& user) {
    if (user.role == domain::Role::admin) return UnitScope();
    auto version = m_repository.directory_version();
    if (!version) return version.error();
    if (!m_units || m_units->version != *version) {
        auto units = m_repository.units();
        if (!units) return units.error();
        UnitTree tree;
        tree.version = *version;
        tree.unit_count = units->size();
        for (const auto& u : *units)
            if (u.parent) tree.children.emplace(u.parent->value, u.id.value);
        m_units = std::move(tree);
    }
    if (auto cached = m_units->scopes.find(user.unit.value); cached != m_units->scopes.end())
        return cached->second;
    std::set<std::string> out{user.unit.value};
    std::vector<std::string> todo{user.unit.value};
    while (!todo.empty()) {
        const std::string next = todo.back();
        todo.pop_back();
        auto [first, last] = m_units->children.equal_range(next);
        for (auto it = first; it != last; ++it)
            if (out.insert(it->second).second) todo.push_back(it->second);
    }
    // A unit above every other one (the province) sees everything, as an
    // admin does: tasks not yet resolved to any unit included.
    if (out.size() >= m_units->unit_count) {
        m_units->scopes.emplace(user.unit.value, nullptr);
        return UnitScope();
    }
    auto shared = std::make_shared<const std::set<std::string>>(std::move(out));
    m_units->scopes.emplace(user.unit.value, shared);
    return UnitScope(std::move(shared));
}

Result<void> AccountService::record(const std::string& actor, const std::string& action,
                                    const std::string& target, const std::string& before_json,
                                    const std::string& after_json) {
    auto id = m_accounts.append_audit(
        store::AuditEntry{0, now(), actor, action, target, before_json, after_json});
    if (!id) return id.error();
    return {};
}

Result<std::vector<store::AuditEntry>> AccountService::audit(std::size_t limit,
                                                             std::size_t offset) {
    return m_accounts.audit(limit, offset);
}

}  // namespace dondoc::service
