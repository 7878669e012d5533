// Accounts (tài khoản) of the people who use the register through the
// server: who they are, which unit they belong to, and their role. Plain
// value types; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.h"
#include "domain/unit.h"

namespace dondoc::domain {

enum class Role {
    admin,         // quản trị: manages users and units, sees everything
    leader,        // lãnh đạo: sees and decides within their unit's subtree
    tracker,       // chuyên viên theo dõi: registers documents, reviews reports
    unit_officer,  // cán bộ đơn vị: reports on the tasks of their unit
};

inline std::string_view role_name(Role role) {
    switch (role) {
        case Role::admin:
            return "admin";
        case Role::leader:
            return "leader";
        case Role::tracker:
            return "tracker";
        case Role::unit_officer:
            return "unit_officer";
    }
    return "unit_officer";
}

inline std::optional<Role> role_from_name(std::string_view name) {
    for (const Role r : {Role::admin, Role::leader, Role::tracker, Role::unit_officer}) {
        if (role_name(r) == name) return r;
    }
    return std::nullopt;
}

struct UserId {
    std::int64_t value = 0;
    friend bool operator==(const UserId&, const UserId&) = default;
};

struct User {
    UserId id;
    std::string login;  // unique, lower case
    std::string display_name;
    Role role = Role::unit_officer;
    UnitId unit;                          // the unit the person belongs to
    std::string password_hash;            // Argon2id, libsodium's crypto_pwhash_str format
    std::optional<CivilDate> expires_on;  // last day the account may log in
    bool disabled = false;
    std::int64_t created_at = 0;       // Unix seconds
    std::optional<std::string> email;  // where reminders are mailed; none: in the app only
};

}  // namespace dondoc::domain
