// The account tables on every backend (SQLite, PostgreSQL): users,
// sessions, tokens, the append-only audit log and failure counters.
#include "store/accounts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "domain/civil_date.h"
#include "store/repository.h"
#include "store/sqlite.h"
#include "support/scratch_register.h"

namespace dondoc::store {
namespace {

class Accounts : public ::testing::TestWithParam<testing::Backend> {
  protected:
    void SetUp() override {
        m_scratch = std::make_unique<testing::ScratchRegister>(GetParam());
        if (!m_scratch->available()) GTEST_SKIP() << "no PostgreSQL cluster (DONDOC_TEST_PG_HOST)";
        auto repository = open_register(m_scratch->db());
        ASSERT_TRUE(repository.ok()) << repository.error().describe();
        m_repository = std::move(*repository);
        auto accounts = open_accounts(m_scratch->db());
        ASSERT_TRUE(accounts.ok()) << accounts.error().describe();
        m_accounts = std::move(*accounts);
    }
    void TearDown() override {
        m_accounts.reset();
        m_repository.reset();
        m_scratch.reset();
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

    std::unique_ptr<testing::ScratchRegister> m_scratch;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<AccountStore> m_accounts;
};

TEST_P(Accounts, UsersRoundTripAndLoginsAreUnique) {
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

TEST_P(Accounts, SessionsAndTokensAreFoundByDigest) {
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

TEST_P(Accounts, TheAuditLogIsAppendOnly) {
    ASSERT_TRUE(m_accounts->append_audit({0, 1, "an", "task.progress", "task/1", "{}", "{}"}).ok());
    ASSERT_TRUE(m_accounts->append_audit({0, 2, "an", "task.report", "task/1", "{}", "{}"}).ok());
    auto entries = m_accounts->audit(10, 0);
    ASSERT_EQ(entries->size(), 2U);
    EXPECT_EQ((*entries)[0].action, "task.report");  // newest first
    EXPECT_EQ(m_accounts->audit(1, 1)->front().action, "task.progress");
    // Not even the register's administrator, outside dondoc.
    EXPECT_FALSE(m_scratch->exec("UPDATE audit_log SET actor = 'khac'").ok());
    EXPECT_FALSE(m_scratch->exec("DELETE FROM audit_log").ok());
    EXPECT_EQ(m_accounts->audit(10, 0)->size(), 2U);
}

TEST_P(Accounts, FailuresCountUpAndClear) {
    EXPECT_EQ(m_accounts->failures("user:an")->count, 0);
    ASSERT_TRUE(m_accounts->add_failure("user:an", 5).ok());
    auto f = m_accounts->add_failure("user:an", 7);
    EXPECT_EQ(f->count, 2);
    EXPECT_EQ(f->last_at, 7);
    ASSERT_TRUE(m_accounts->clear_failures("user:an").ok());
    EXPECT_EQ(m_accounts->failures("user:an")->count, 0);
}

TEST_P(Accounts, EmailAddressesAreKeptAndRemoved) {
    auto u = user("an");
    u.email = "an@stc.quangngai.gov.vn";
    auto id = *m_accounts->insert_user(u);
    EXPECT_EQ(m_accounts->user(id)->email, "an@stc.quangngai.gov.vn");
    auto back = *m_accounts->user(id);
    back.email.reset();
    ASSERT_TRUE(m_accounts->update_user(back).ok());
    EXPECT_FALSE(m_accounts->user(id)->email);
}

// A task to notice about (notices refer to it).
domain::TaskId some_task(Repository& repo) {
    domain::Task t;
    t.clause = "1";
    t.action = "Báo cáo kết quả";
    t.state = domain::TaskState::active;
    return *repo.insert_task(t, {{domain::TaskId{}, *domain::parse_iso("2024-07-10"), ""}});
}

Notice notice_of(domain::TaskId task, NoticeKind kind, const char* day) {
    Notice n;
    n.task = task;
    n.occurrence = *domain::parse_iso("2024-07-10");
    n.kind = kind;
    n.day = *domain::parse_iso(day);
    n.unit = domain::UnitId{"51"};
    n.noticed_on = *domain::parse_iso("2024-07-05");
    n.created_at = 1720000000;
    n.task_text = "Báo cáo kết quả";
    n.document = "981/UBND";
    return n;
}

TEST_P(Accounts, TheDatabaseRefusesTheSameNoticeTwiceWhoeverInsertsIt) {
    const auto task = some_task(*m_repository);
    auto first = m_accounts->insert_notice(notice_of(task, NoticeKind::due_soon, "2024-07-10"));
    ASSERT_TRUE(first.ok()) << first.error().describe();
    ASSERT_TRUE(first->has_value());
    // Another connection (another server on the same database) is refused too.
    auto other = open_accounts(m_scratch->db());
    ASSERT_TRUE(other.ok());
    auto again = (*other)->insert_notice(notice_of(task, NoticeKind::due_soon, "2024-07-10"));
    ASSERT_TRUE(again.ok()) << again.error().describe();
    EXPECT_FALSE(again->has_value());
    EXPECT_FALSE(m_accounts->insert_notice(notice_of(task, NoticeKind::due_soon, "2024-07-10"))
                     ->has_value());
    // Another milestone, or the same one about another day (an extension), is new.
    EXPECT_TRUE(
        m_accounts->insert_notice(notice_of(task, NoticeKind::overdue, "2024-07-10"))->has_value());
    EXPECT_TRUE(m_accounts->insert_notice(notice_of(task, NoticeKind::due_soon, "2024-07-20"))
                    ->has_value());
}

TEST_P(Accounts, NotificationsAreReadOneByOneOrAll) {
    const auto an = *m_accounts->insert_user(user("an"));
    const auto binh = *m_accounts->insert_user(user("binh"));
    const auto task = some_task(*m_repository);
    const auto soon =
        **m_accounts->insert_notice(notice_of(task, NoticeKind::due_soon, "2024-07-10"));
    const auto today =
        **m_accounts->insert_notice(notice_of(task, NoticeKind::due_today, "2024-07-10"));
    for (const auto n : {soon, today}) {
        ASSERT_TRUE(m_accounts->add_notification(an, n, 100 + n).ok());
        ASSERT_TRUE(m_accounts->add_notification(an, n, 500).ok());  // already there: kept
    }
    ASSERT_TRUE(m_accounts->add_notification(binh, soon, 100).ok());
    auto list = *m_accounts->notifications(an, 10);
    ASSERT_EQ(list.size(), 2U);
    EXPECT_EQ(list[0].notice.kind, NoticeKind::due_today);  // newest first
    EXPECT_EQ(list[1].notice.kind, NoticeKind::due_soon);
    EXPECT_EQ(list[1].notice.task_text, "Báo cáo kết quả");
    EXPECT_EQ(list[1].notice.day, domain::parse_iso("2024-07-10"));
    EXPECT_EQ(*m_accounts->unread_count(an), 2);
    EXPECT_FALSE(*m_accounts->mark_read(binh, list[0].id, 600));  // not binh's
    EXPECT_TRUE(*m_accounts->mark_read(an, list[0].id, 600));
    EXPECT_EQ(*m_accounts->unread_count(an), 1);
    EXPECT_EQ(*m_accounts->mark_all_read(an, 700), 1);
    EXPECT_EQ(*m_accounts->unread_count(an), 0);
    EXPECT_EQ(m_accounts->notifications(an, 10)->at(0).read_at, 600);
    EXPECT_EQ(*m_accounts->unread_count(binh), 1);
}

TEST_P(Accounts, AMailIsClaimedByOneRunAndRetriedUntilSent) {
    const auto an = *m_accounts->insert_user(user("an"));
    const auto task = some_task(*m_repository);
    const auto n = **m_accounts->insert_notice(notice_of(task, NoticeKind::overdue, "2024-07-10"));
    ASSERT_TRUE(m_accounts->add_delivery(n, an, "an@example.vn").ok());
    ASSERT_TRUE(m_accounts->add_delivery(n, an, "other@example.vn").ok());  // kept as it was
    auto claimed = *m_accounts->claim_deliveries("run-1", 1000, 400, 10);
    ASSERT_EQ(claimed.size(), 1U);
    EXPECT_EQ(claimed[0].address, "an@example.vn");
    // A second run meanwhile (another server) gets nothing.
    auto other = open_accounts(m_scratch->db());
    EXPECT_TRUE((*other)->claim_deliveries("run-2", 1001, 401, 10)->empty());
    ASSERT_TRUE(m_accounts->finish_delivery(n, an, 1002, std::string("connection refused")).ok());
    // Failed: the next run takes it again, and once sent it is never taken.
    claimed = *(*other)->claim_deliveries("run-3", 2000, 1400, 10);
    ASSERT_EQ(claimed.size(), 1U);
    EXPECT_EQ(claimed[0].attempts, 1);
    ASSERT_TRUE((*other)->finish_delivery(n, an, 2001, std::nullopt).ok());
    EXPECT_TRUE(m_accounts->claim_deliveries("run-4", 3000, 2400, 10)->empty());
}

TEST_P(Accounts, AClaimLeftByARunThatDiedExpires) {
    const auto an = *m_accounts->insert_user(user("an"));
    const auto task = some_task(*m_repository);
    const auto n = **m_accounts->insert_notice(notice_of(task, NoticeKind::overdue, "2024-07-10"));
    ASSERT_TRUE(m_accounts->add_delivery(n, an, "an@example.vn").ok());
    ASSERT_EQ(m_accounts->claim_deliveries("dead", 1000, 400, 10)->size(), 1U);
    EXPECT_TRUE(m_accounts->claim_deliveries("alive", 1100, 500, 10)->empty());
    EXPECT_EQ(m_accounts->claim_deliveries("alive", 3000, 2000, 10)->size(), 1U);
}

TEST_P(Accounts, OnTheRegistersConnectionTheyShareItsTransactionsAndSnapshots) {
    auto opened = m_repository->accounts_on_this_connection();
    ASSERT_TRUE(opened.ok()) << opened.error().describe();
    AccountStore& shared = **opened;
    domain::Unit unit;
    unit.id = domain::UnitId{"ban-moi"};
    unit.name = "Ban mới";
    // One transaction: a failure after both wrote undoes both.
    auto failed = shared.transaction([&]() -> Result<void> {
        DONDOC_TRY(shared.insert_user(user("binh")));
        DONDOC_TRY(m_repository->save_unit(unit));
        return make_error(ErrorCode::invalid_input, "bỏ");
    });
    EXPECT_FALSE(failed.ok());
    EXPECT_FALSE(m_accounts->user_by_login("binh")->has_value());
    auto units = m_repository->units();
    ASSERT_TRUE(units.ok());
    for (const auto& u : *units) EXPECT_NE(u.id.value, "ban-moi");
    // And a success commits both, as seen from another connection.
    ASSERT_TRUE(shared
                    .transaction([&]() -> Result<void> {
                        DONDOC_TRY(shared.insert_user(user("chi")));
                        return m_repository->save_unit(unit);
                    })
                    .ok());
    EXPECT_TRUE(m_accounts->user_by_login("chi")->has_value());
    auto other = open_register(m_scratch->db());
    ASSERT_TRUE(other.ok());
    auto seen = (*other)->units();
    ASSERT_TRUE(seen.ok());
    EXPECT_TRUE(std::any_of(seen->begin(), seen->end(),
                            [](const domain::Unit& u) { return u.id.value == "ban-moi"; }));
    // One snapshot: what another connection commits meanwhile is not seen,
    // through either store; a write inside it is a bug.
    auto read = shared.read_snapshot([&]() -> Result<void> {
        EXPECT_TRUE(shared.user_by_login("chi")->has_value());
        EXPECT_TRUE(m_accounts->insert_user(user("dung")).ok());
        EXPECT_FALSE(shared.user_by_login("dung")->has_value());
        return m_repository->read_snapshot([&]() -> Result<void> {
            EXPECT_FALSE(shared.user_by_login("dung")->has_value());
            EXPECT_THROW((void)m_repository->transaction([] { return Result<void>{}; }),
                         std::logic_error);
            EXPECT_THROW((void)shared.transaction([] { return Result<void>{}; }), std::logic_error);
            return {};
        });
    });
    EXPECT_TRUE(read.ok()) << read.error().describe();
    EXPECT_TRUE(shared.user_by_login("dung")->has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, Accounts, ::testing::ValuesIn(testing::all_backends()),
                         [](const auto& test) { return testing::backend_name(test.param); });

TEST(AccountsOpen, ARegisterWithoutMigrationTwoIsRefused) {
    const auto path =
        (std::filesystem::temp_directory_path() / "dondoc_accounts_empty.db").string();
    std::filesystem::remove(path);
    {
        auto db = sqlite::open(path);
        ASSERT_TRUE(
            (*db)->exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)").ok());
    }
    auto accounts = open_sqlite_accounts(path);
    ASSERT_FALSE(accounts.ok());
    EXPECT_EQ(accounts.error().code, ErrorCode::corruption);
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace dondoc::store
