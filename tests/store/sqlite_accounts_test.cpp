// The account tables on SQLite: users, sessions, tokens, the append-only
// audit log and failure counters.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "domain/civil_date.h"
#include "store/accounts.h"
#include "store/repository.h"
#include "store/sqlite.h"

namespace dondoc::store {
namespace {

class Accounts : public ::testing::Test {
  protected:
    void SetUp() override {
        std::random_device rd;
        m_path = (std::filesystem::temp_directory_path() /
                  ("dondoc_accounts_" + std::to_string(rd()) + std::to_string(rd()) + ".db"))
                     .string();
        auto repository = open_sqlite(m_path);
        ASSERT_TRUE(repository.ok());
        m_repository = std::move(*repository);
        auto accounts = open_sqlite_accounts(m_path);
        ASSERT_TRUE(accounts.ok()) << accounts.error().describe();
        m_accounts = std::move(*accounts);
    }
    void TearDown() override {
        m_accounts.reset();
        m_repository.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(m_path + suffix);
    }

    domain::User user(const std::string& login) {
        domain::User u;
        u.login = login;
        u.display_name = "Nguyễn Văn " + login;
        u.role = domain::Role::tracker;
        u.unit = domain::UnitId{"51"};
        u.password_hash = "$argon2id$…";
        u.expires_on = domain::parse_iso("2025-12-31");
        u.created_at = 1700000000;
        return u;
    }

    std::string m_path;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<AccountStore> m_accounts;
};

TEST_F(Accounts, UsersRoundTripAndLoginsAreUnique) {
    auto id = m_accounts->insert_user(user("an"));
    ASSERT_TRUE(id.ok());
    auto back = m_accounts->user(*id);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->login, "an");
    EXPECT_EQ(back->display_name, "Nguyễn Văn an");
    EXPECT_EQ(back->role, domain::Role::tracker);
    EXPECT_EQ(back->expires_on, domain::parse_iso("2025-12-31"));
    auto twice = m_accounts->insert_user(user("an"));
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::conflict);
    back->disabled = true;
    back->expires_on.reset();
    ASSERT_TRUE(m_accounts->update_user(*back).ok());
    auto found = m_accounts->user_by_login("an");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_TRUE((*found)->disabled);
    EXPECT_FALSE((*found)->expires_on);
    EXPECT_FALSE(m_accounts->user_by_login("khong-co")->has_value());
    EXPECT_EQ(m_accounts->user(domain::UserId{99}).error().code, ErrorCode::not_found);
}

TEST_F(Accounts, SessionsAndTokensAreFoundByDigest) {
    auto id = *m_accounts->insert_user(user("an"));
    ASSERT_TRUE(m_accounts->insert_session({"digest-1", id, "csrf", 10, 20}).ok());
    auto s = m_accounts->session("digest-1");
    ASSERT_TRUE(s.ok() && s->has_value());
    EXPECT_EQ((*s)->csrf, "csrf");
    ASSERT_TRUE(m_accounts->delete_sessions_of(id).ok());
    EXPECT_FALSE(m_accounts->session("digest-1")->has_value());
    ASSERT_TRUE(m_accounts->insert_token({0, id, "script", "digest-2", 10, 99}).ok());
    auto t = m_accounts->token("digest-2");
    ASSERT_TRUE(t.ok() && t->has_value());
    EXPECT_EQ((*t)->expires_at, 99);
}

TEST_F(Accounts, TheAuditLogIsAppendOnly) {
    ASSERT_TRUE(m_accounts->append_audit({0, 1, "an", "task.progress", "task/1", "{}", "{}"}).ok());
    ASSERT_TRUE(m_accounts->append_audit({0, 2, "an", "task.report", "task/1", "{}", "{}"}).ok());
    auto entries = m_accounts->audit(10, 0);
    ASSERT_EQ(entries->size(), 2U);
    EXPECT_EQ((*entries)[0].action, "task.report");  // newest first
    EXPECT_EQ(m_accounts->audit(1, 1)->front().action, "task.progress");
    auto db = sqlite::Connection::open(m_path);
    ASSERT_TRUE(db.ok());
    EXPECT_FALSE(db->exec("UPDATE audit_log SET actor = 'khac'").ok());
    EXPECT_FALSE(db->exec("DELETE FROM audit_log").ok());
    EXPECT_EQ(m_accounts->audit(10, 0)->size(), 2U);
}

TEST_F(Accounts, FailuresCountUpAndClear) {
    EXPECT_EQ(m_accounts->failures("user:an")->count, 0);
    ASSERT_TRUE(m_accounts->add_failure("user:an", 5).ok());
    auto f = m_accounts->add_failure("user:an", 7);
    EXPECT_EQ(f->count, 2);
    EXPECT_EQ(f->last_at, 7);
    ASSERT_TRUE(m_accounts->clear_failures("user:an").ok());
    EXPECT_EQ(m_accounts->failures("user:an")->count, 0);
}

TEST(AccountsOpen, ARegisterWithoutMigrationTwoIsRefused) {
    const auto path =
        (std::filesystem::temp_directory_path() / "dondoc_accounts_empty.db").string();
    std::filesystem::remove(path);
    {
        auto db = sqlite::Connection::open(path);
        ASSERT_TRUE(db->exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)").ok());
    }
    auto accounts = open_sqlite_accounts(path);
    ASSERT_FALSE(accounts.ok());
    EXPECT_EQ(accounts.error().code, ErrorCode::corruption);
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace dondoc::store
