// Accounts, sign-in, throttling and scope, with an injected clock.
#include "service/account_service.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "domain/civil_date.h"
#include "service/register_service.h"

namespace dondoc::service {
namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class Accounts : public ::testing::Test {
  protected:
    void SetUp() override {
        std::random_device rd;
        m_path = (std::filesystem::temp_directory_path() /
                  ("dondoc_account_service_" + std::to_string(rd()) + ".db"))
                     .string();
        m_repository = std::move(store::open_sqlite(m_path).value());
        m_store = std::move(store::open_sqlite_accounts(m_path).value());
        RegisterService units(*m_repository, domain::WorkingCalendar::vietnam());
        const std::string dir = std::string(DONDOC_PROJECT_DATA) + "/quang-ngai/";
        ASSERT_TRUE(
            units.import_demo_units(slurp(dir + "units_2024.csv"), slurp(dir + "units_2025.csv"))
                .ok());
        m_service = std::make_unique<AccountService>(
            *m_store, *m_repository,
            [this] { return std::chrono::system_clock::time_point{std::chrono::seconds{m_now}}; },
            PasswordCost::minimum());
    }
    void TearDown() override {
        m_service.reset();
        m_store.reset();
        m_repository.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(m_path + suffix);
    }

    std::int64_t m_now = 1719792000;  // 2024-07-01 00:00 UTC
    std::string m_path;
    std::unique_ptr<store::Repository> m_repository;
    std::unique_ptr<store::AccountStore> m_store;
    std::unique_ptr<AccountService> m_service;
};

TEST_F(Accounts, PasswordsAreArgon2idAndSessionsWork) {
    auto user = m_service->add_user(
        "test",
        {"an", "", "mat-khau-an", domain::Role::unit_officer, domain::UnitId{"530"}, {}, {}});
    ASSERT_TRUE(user.ok()) << user.error().describe();
    EXPECT_EQ(user->password_hash.rfind("$argon2id$", 0), 0U);
    auto ok = m_service->login("an", "mat-khau-an", "10.0.0.1");
    ASSERT_EQ(ok->status, LoginOutcome::Status::ok);
    auto who = m_service->authenticate_session(ok->session_token);
    ASSERT_TRUE(who.ok() && who->has_value());
    EXPECT_EQ((*who)->user.login, "an");
    EXPECT_EQ((*who)->csrf.size(), 64U);
    m_now += k_session_seconds;
    EXPECT_FALSE(m_service->authenticate_session(ok->session_token)->has_value());
}

TEST_F(Accounts, ThrottlingWaitsLongerAfterEachFailure) {
    ASSERT_TRUE(
        m_service
            ->add_user(
                "test",
                {"an", "", "mat-khau-an", domain::Role::leader, domain::UnitId{"530"}, {}, {}})
            .ok());
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(m_service->login("an", "sai", "10.0.0.1")->status,
                  LoginOutcome::Status::bad_credentials);
    auto locked = m_service->login("an", "mat-khau-an", "10.0.0.2");
    EXPECT_EQ(locked->status, LoginOutcome::Status::locked);
    EXPECT_EQ(locked->retry_after, 30);
    m_now += 30;
    EXPECT_EQ(m_service->login("an", "sai", "10.0.0.2")->status,
              LoginOutcome::Status::bad_credentials);
    EXPECT_EQ(m_service->login("an", "mat-khau-an", "10.0.0.3")->retry_after, 60);
    for (int i = 0; i < 20; ++i) {
        m_now += k_max_lockout_seconds;
        (void)m_service->login("an", "sai", "10.0.0.4");
    }
    EXPECT_EQ(m_service->login("an", "mat-khau-an", "10.0.0.5")->retry_after,
              k_max_lockout_seconds);
}

TEST_F(Accounts, ScopeIsTheUnitsSubtree) {
    auto officer = m_service->add_user(
        "test", {"an", "", "mat-khau-an", domain::Role::leader, domain::UnitId{"530"}, {}, {}});
    auto scope = m_service->scope(*officer);
    ASSERT_TRUE(scope.ok() && *scope != nullptr);
    EXPECT_TRUE((*scope)->contains("530"));
    EXPECT_TRUE((*scope)->contains("530-tckh"));
    EXPECT_FALSE((*scope)->contains("524-nv"));
    EXPECT_FALSE((*scope)->contains("51"));
    auto admin = m_service->add_user(
        "test", {"root", "", "mat-khau-root", domain::Role::admin, domain::UnitId{"51"}, {}, {}});
    EXPECT_EQ(*m_service->scope(*admin), nullptr);
}

// Another server loop or process adds a commune under the leader's district
// and merges another away: the scope here follows at once, through the
// directory version, without waiting for a cache to expire.
TEST_F(Accounts, ScopeFollowsUnitChangesMadeByAnotherConnection) {
    auto leader = m_service->add_user(
        "test", {"an", "", "mat-khau-an", domain::Role::leader, domain::UnitId{"530"}, {}, {}});
    ASSERT_TRUE(leader.ok());
    const std::size_t before = (*m_service->scope(*leader))->size();
    auto other = store::open_sqlite(m_path);
    ASSERT_TRUE(other.ok());
    domain::Unit commune;
    commune.id = domain::UnitId{"530-moi"};
    commune.name = "Xã Sơn Mới";
    commune.kind = domain::UnitKind::commune;
    commune.parent = domain::UnitId{"530"};
    ASSERT_TRUE((*other)->save_unit(commune).ok());
    auto scope = m_service->scope(*leader);
    ASSERT_TRUE(scope.ok());
    EXPECT_EQ((*scope)->size(), before + 1);
    EXPECT_TRUE((*scope)->contains("530-moi"));
}

TEST_F(Accounts, BootstrapCreatesOneAdminOnce) {
    auto first = m_service->bootstrap_admin(domain::UnitId{"51"});
    ASSERT_TRUE(first.ok() && first->has_value());
    EXPECT_EQ((*first)->size(), 24U);
    EXPECT_EQ(m_service->login("admin", **first, "127.0.0.1")->status, LoginOutcome::Status::ok);
    EXPECT_FALSE(m_service->bootstrap_admin(domain::UnitId{"51"})->has_value());
}

}  // namespace
}  // namespace dondoc::service
