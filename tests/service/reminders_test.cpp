// Reminders on every backend, on the seed directives in the Quảng Ngãi
// directory: which milestones are noticed as of a day, to whom, and that
// each is noticed once however often the run is repeated.
#include "service/reminders.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "domain/civil_date.h"
#include "service/register_service.h"
#include "support/scratch_register.h"
#include "support/smtp_server.h"

namespace dondoc::service {
namespace {

using domain::parse_iso;
using store::NoticeKind;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

CivilDate d(const char* iso_text) {
    return *parse_iso(iso_text);
}

class RemindersSuite : public ::testing::TestWithParam<dondoc::testing::Backend> {
  protected:
    void SetUp() override {
        scratch = std::make_unique<dondoc::testing::ScratchRegister>(GetParam());
        if (!scratch->available()) GTEST_SKIP() << "no PostgreSQL cluster (DONDOC_TEST_PG_HOST)";
        auto opened = store::open_register(scratch->db());
        ASSERT_TRUE(opened.ok()) << opened.error().describe();
        repo = std::move(*opened);
        auto accounts_opened = store::open_accounts(scratch->db());
        ASSERT_TRUE(accounts_opened.ok()) << accounts_opened.error().describe();
        accounts = std::move(*accounts_opened);
        service = std::make_unique<RegisterService>(*repo, domain::WorkingCalendar::vietnam());
        const std::string units = std::string(DONDOC_PROJECT_DATA) + "/quang-ngai/";
        auto n = service->import_demo_units(slurp(units + "units_2024.csv"),
                                            slurp(units + "units_2025.csv"));
        ASSERT_TRUE(n.ok()) << n.error().describe();
        reminders = std::make_unique<Reminders>(
            *repo, *accounts, domain::WorkingCalendar::vietnam(),
            [] { return std::chrono::system_clock::time_point{std::chrono::seconds{1700000000}}; });
    }

    void TearDown() override {
        reminders.reset();
        service.reset();
        accounts.reset();
        repo.reset();
        scratch.reset();
    }

    std::vector<TaskId> ingest(int n) {
        IngestOptions options;
        options.confirm = true;
        const auto name = "seed_00" + std::to_string(n) + ".txt";
        auto result = service->ingest(slurp(std::string(DONDOC_TEST_DATA) + "/read/seeds/" + name),
                                      name, options);
        EXPECT_TRUE(result.ok()) << result.error().describe();
        return result.ok() ? result->tasks : std::vector<TaskId>{};
    }

    // The units a task's notices go to: its lead units, else its performers.
    std::vector<std::string> units_of(TaskId id, read::Role role) {
        std::vector<std::string> out;
        const auto task = repo->task(id);
        if (!task) return out;
        for (const auto& a : task->assignments) {
            if (a.role == role && a.unit) out.push_back(a.unit->value);
        }
        return out;
    }

    domain::UserId add_user(const std::string& login, const std::string& unit,
                            std::optional<std::string> email = std::nullopt,
                            bool disabled = false) {
        domain::User u;
        u.login = login;
        u.display_name = "Nguyễn Văn " + login;
        u.unit = domain::UnitId{unit};
        u.password_hash = "unused";
        u.disabled = disabled;
        u.email = std::move(email);
        auto id = accounts->insert_user(u);
        EXPECT_TRUE(id.ok());
        return id.ok() ? *id : domain::UserId{};
    }

    ReminderRecord run(const char* day, int days = 3) {
        auto r = reminders->record(d(day), days);
        EXPECT_TRUE(r.ok()) << r.error().describe();
        return r.ok() ? *r : ReminderRecord{};
    }

    static std::vector<const Milestone*> of_task(const ReminderRecord& r, TaskId id) {
        std::vector<const Milestone*> out;
        for (const auto& m : r.milestones) {
            if (m.notice.task == id) out.push_back(&m);
        }
        return out;
    }

    std::unique_ptr<dondoc::testing::ScratchRegister> scratch;
    std::unique_ptr<store::Repository> repo;
    std::unique_ptr<store::AccountStore> accounts;
    std::unique_ptr<RegisterService> service;
    std::unique_ptr<Reminders> reminders;
};

INSTANTIATE_TEST_SUITE_P(Backends, RemindersSuite,
                         ::testing::ValuesIn(dondoc::testing::all_backends()),
                         [](const auto& test) {
                             return dondoc::testing::backend_name(test.param);
                         });

TEST_P(RemindersSuite, RunningTwiceTheSameDayAddsNothing) {
    const auto tasks = ingest(4);
    ASSERT_GE(tasks.size(), 5U);
    const TaskId plan = tasks[4];  // Sở KH&ĐT chủ trì, "chậm nhất ngày 25/12/2020"
    const auto leads = units_of(plan, read::Role::lead);
    ASSERT_EQ(leads.size(), 1U);
    const auto officer = add_user("kh", leads[0], "kh@skhdt.quangngai.gov.vn");

    // Friday 18/12/2020: the 25th is 5 working days away, outside 3 and inside 5.
    EXPECT_TRUE(of_task(run("2020-12-18", 3), plan).empty());
    const auto first = run("2020-12-18", 5);
    const auto noticed = of_task(first, plan);
    ASSERT_EQ(noticed.size(), 1U);
    EXPECT_EQ(noticed[0]->notice.kind, NoticeKind::due_soon);
    EXPECT_EQ(noticed[0]->notice.unit.value, leads[0]);
    EXPECT_EQ(noticed[0]->notice.day, d("2020-12-25"));
    EXPECT_EQ(noticed[0]->notice.document, "6321/UBND-TH");
    EXPECT_TRUE(noticed[0]->recorded);
    EXPECT_EQ(noticed[0]->users, 1U);
    EXPECT_EQ(noticed[0]->mails, 1U);
    // The report task (due the 21st) was noticed by the first run already.
    EXPECT_EQ(first.recorded(), 1U);
    EXPECT_GT(first.milestones.size(), 1U);

    const auto again = run("2020-12-18", 5);
    EXPECT_EQ(again.milestones.size(), first.milestones.size());
    EXPECT_EQ(again.recorded(), 0U);
    // The unit also performs the report task: two notices in all.
    EXPECT_EQ(accounts->notifications(officer, 0)->size(), 2U);
}

TEST_P(RemindersSuite, TheNextDaysOnlyNewMilestones) {
    const auto tasks = ingest(4);
    const TaskId report = tasks[3];  // "chậm nhất trước ngày 22/12/2020": last day the 21st
    const TaskId plan = tasks[4];    // "chậm nhất ngày 25/12/2020"
    const auto plan_lead = units_of(plan, read::Role::lead)[0];
    const auto performers = units_of(report, read::Role::perform);
    ASSERT_GT(performers.size(), 1U);
    const auto unit = performers[0] == plan_lead ? performers[1] : performers[0];
    const auto officer = add_user("nv", unit);

    const auto friday = run("2020-12-18");
    ASSERT_EQ(of_task(friday, report).size(), performers.size());
    EXPECT_EQ(of_task(friday, report)[0]->notice.kind, NoticeKind::due_soon);
    EXPECT_EQ(of_task(friday, report)[0]->notice.day, d("2020-12-21"));
    EXPECT_TRUE(of_task(friday, plan).empty());  // five working days away

    // Monday 21st: the report is due today (new).
    const auto monday = run("2020-12-21");
    for (const auto* m : of_task(monday, report)) {
        EXPECT_EQ(m->notice.kind, NoticeKind::due_today);
        EXPECT_TRUE(m->recorded);
    }
    EXPECT_TRUE(of_task(monday, plan).empty());  // four working days away
    EXPECT_EQ(monday.recorded(), monday.milestones.size());

    // Tuesday 22nd: the report is overdue (new); the plan is due soon (new).
    const auto tuesday = run("2020-12-22");
    for (const auto* m : of_task(tuesday, report)) {
        EXPECT_EQ(m->notice.kind, NoticeKind::overdue);
        EXPECT_TRUE(m->recorded);
    }
    ASSERT_EQ(of_task(tuesday, plan).size(), 1U);
    EXPECT_EQ(of_task(tuesday, plan)[0]->notice.unit.value, plan_lead);
    EXPECT_EQ(of_task(tuesday, plan)[0]->notice.kind, NoticeKind::due_soon);
    EXPECT_TRUE(of_task(tuesday, plan)[0]->recorded);
    // Wednesday 23rd: nothing new.
    EXPECT_EQ(run("2020-12-23").recorded(), 0U);
    // Friday 25th: the plan is due today; Monday 28th: overdue. Once each.
    const auto christmas = run("2020-12-25");
    ASSERT_EQ(of_task(christmas, plan).size(), 1U);
    EXPECT_EQ(of_task(christmas, plan)[0]->notice.kind, NoticeKind::due_today);
    EXPECT_EQ(christmas.recorded(), 1U);
    const auto later = run("2020-12-28");
    EXPECT_EQ(of_task(later, plan)[0]->notice.kind, NoticeKind::overdue);
    EXPECT_EQ(later.recorded(), 1U);
    EXPECT_EQ(run("2020-12-29").recorded(), 0U);

    // The officer of the performing unit saw three notices, newest first.
    const auto seen = *accounts->notifications(officer, 0);
    ASSERT_EQ(seen.size(), 3U);
    EXPECT_EQ(seen[0].notice.kind, NoticeKind::overdue);
    EXPECT_EQ(seen[1].notice.kind, NoticeKind::due_today);
    EXPECT_EQ(seen[2].notice.kind, NoticeKind::due_soon);
    EXPECT_EQ(*accounts->unread_count(officer), 3);
}

TEST_P(RemindersSuite, ACompletedTaskGetsNothing) {
    const auto tasks = ingest(4);
    const TaskId plan = tasks[4];
    ASSERT_TRUE(service->report_done(plan, d("2020-12-17"), "Đã trình Kế hoạch").ok());
    ASSERT_TRUE(service->review(plan, domain::ReviewOutcome::confirmed, d("2020-12-18"), "").ok());
    for (const char* day : {"2020-12-21", "2020-12-25", "2020-12-28", "2021-03-01"}) {
        EXPECT_TRUE(of_task(run(day), plan).empty()) << day;
    }
    // A report not yet confirmed does not count: the task is still reminded.
    const TaskId report = tasks[3];
    ASSERT_TRUE(service->report_done(report, d("2020-12-18"), "Đã báo cáo").ok());
    EXPECT_FALSE(of_task(run("2020-12-21"), report).empty());
}

TEST_P(RemindersSuite, APeriodicReportGetsOneNoticePerOccurrence) {
    const auto tasks = ingest(2);
    ASSERT_EQ(tasks.size(), 1U);
    const TaskId id = tasks[0];
    auto units = units_of(id, read::Role::lead);
    if (units.empty()) units = units_of(id, read::Role::perform);
    ASSERT_FALSE(units.empty());
    const auto officer = add_user("bc", units[0]);

    // Both half-year reports of 2023 are late in January 2024: one notice each.
    const auto january = run("2024-01-10");
    const auto noticed = of_task(january, id);
    std::set<std::string> periods;
    for (const auto* m : noticed) {
        if (m->notice.unit.value != units[0]) continue;
        EXPECT_EQ(m->notice.kind, NoticeKind::overdue);
        EXPECT_TRUE(m->recorded);
        periods.insert(m->notice.period_label);
    }
    EXPECT_EQ(periods, (std::set<std::string>{"6 tháng đầu năm 2023", "Năm 2023"}));
    EXPECT_EQ(run("2024-01-11").recorded(), 0U);
    EXPECT_EQ(accounts->notifications(officer, 0)->size(), 2U);
}

TEST_P(RemindersSuite, OnlyActiveAccountsOfTheUnitAreNotifiedAndMailedWithAnAddress) {
    const auto tasks = ingest(4);
    const TaskId plan = tasks[4];
    const auto lead = units_of(plan, read::Role::lead)[0];
    const auto with_mail = add_user("a", lead, "a@skhdt.quangngai.gov.vn");
    const auto without = add_user("b", lead);
    const auto locked = add_user("c", lead, "c@skhdt.quangngai.gov.vn", true);
    const auto elsewhere = add_user("d", "530", "d@sontay.quangngai.gov.vn");
    const auto r = run("2020-12-22");
    const auto noticed = of_task(r, plan);
    ASSERT_EQ(noticed.size(), 1U);
    EXPECT_EQ(noticed[0]->users, 2U);
    EXPECT_EQ(noticed[0]->mails, 1U);
    // The plan and the overdue report (which the unit performs too).
    EXPECT_EQ(accounts->notifications(with_mail, 0)->size(), 2U);
    EXPECT_EQ(accounts->notifications(without, 0)->size(), 2U);
    EXPECT_TRUE(accounts->notifications(locked, 0)->empty());
    const auto other = accounts->notifications(elsewhere, 0);
    ASSERT_TRUE(other.ok());
    for (const auto& n : *other) EXPECT_NE(n.notice.task, plan);
}

TEST_P(RemindersSuite, ADryRunRecordsNothing) {
    const auto tasks = ingest(4);
    const auto officer = add_user("kh", units_of(tasks[4], read::Role::lead)[0]);
    auto dry = reminders->record(d("2020-12-22"), 3, true);
    ASSERT_TRUE(dry.ok());
    EXPECT_FALSE(of_task(*dry, tasks[4]).empty());
    EXPECT_EQ(dry->recorded(), 0U);
    EXPECT_TRUE(accounts->notifications(officer, 0)->empty());
    EXPECT_EQ(run("2020-12-22").recorded(), dry->milestones.size());
    EXPECT_EQ(reminders->record(d("2020-12-22"), -1).error().code, ErrorCode::invalid_input);
}

}  // namespace
}  // namespace dondoc::service

namespace dondoc::service {
namespace {

// What one delivered mail lists: (milestone label, task id) pairs, read
// from its body as a person reads it.
std::vector<std::pair<std::string, std::int64_t>> listed(const std::string& body) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    std::string section;
    std::istringstream lines(body);
    std::string line;
    while (std::getline(lines, line)) {
        for (const char* label : {"Sắp đến hạn (", "Đến hạn hôm nay (", "Quá hạn ("}) {
            if (line.rfind(label, 0) == 0) section = line.substr(0, line.find(" ("));
        }
        const std::string key = "Mã nhiệm vụ: ";
        if (const auto at = line.find(key); at != std::string::npos)
            out.emplace_back(section, std::stoll(line.substr(at + key.size())));
    }
    return out;
}

const MailSettings k_settings{"dondoc@ubnd.quangngai.gov.vn", "Hệ thống theo dõi nhiệm vụ",
                              "https://dondoc.quangngai.gov.vn/"};

TEST_P(RemindersSuite, EachReminderIsMailedOnceThroughAPeriodEvenAcrossRestarts) {
    dondoc::testing::SmtpServer smtp;
    ASSERT_TRUE(smtp.running()) << "python3-aiosmtpd is needed (scripts/setup)";
    const auto tasks = ingest(4);
    const TaskId report = tasks[3];  // last day 21/12/2020
    const TaskId plan = tasks[4];    // last day 25/12/2020
    const auto lead = units_of(plan, read::Role::lead)[0];
    std::string other;
    for (const auto& u : units_of(report, read::Role::perform))
        if (u != lead && other.empty()) other = u;
    add_user("kh", lead, "kh@skhdt.quangngai.gov.vn");
    add_user("nv", other, "nv@donvi.quangngai.gov.vn");
    add_user("khongthu", other);                                   // in the app only
    add_user("khoa", other, "khoa@donvi.quangngai.gov.vn", true);  // locked: nothing

    auto mailer = smtp_mailer({smtp.url(), "", "", 20});
    ASSERT_TRUE(mailer.ok());
    // Day by day through the second half of December; each day three runs:
    // the run, the same run again, and a "restarted" one on new connections.
    for (auto day = std::chrono::sys_days{d("2020-12-14")};
         day <= std::chrono::sys_days{d("2020-12-31")}; day += std::chrono::days{1}) {
        const CivilDate today{day};
        ASSERT_TRUE(reminders->record(today, 3).ok());
        auto sent = reminders->send_mail(**mailer, k_settings);
        ASSERT_TRUE(sent.ok()) << sent.error().describe();
        EXPECT_EQ(sent->failed(), 0U) << domain::iso(today);
        ASSERT_TRUE(reminders->record(today, 3).ok());
        EXPECT_TRUE(reminders->send_mail(**mailer, k_settings)->mails.empty());
        auto repo2 = store::open_register(scratch->db());
        auto accounts2 = store::open_accounts(scratch->db());
        ASSERT_TRUE(repo2.ok() && accounts2.ok());
        Reminders restarted(**repo2, **accounts2, domain::WorkingCalendar::vietnam(),
                            [] { return std::chrono::system_clock::now(); });
        const auto again = restarted.record(today, 3);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(again->recorded(), 0U) << domain::iso(today);
        EXPECT_TRUE(restarted.send_mail(**mailer, k_settings)->mails.empty());
    }

    const auto mails = smtp.mails();
    std::map<std::string, std::vector<const dondoc::testing::DeliveredMail*>> by_address;
    std::set<std::string> message_ids;
    std::set<std::string> seen;  // address, milestone, task: never twice
    for (const auto& m : mails) {
        by_address[m.envelope_to].push_back(&m);
        EXPECT_TRUE(message_ids.insert(m.headers.at("message-id")).second);
        EXPECT_NE(m.headers.at("message-id").find("@ubnd.quangngai.gov.vn>"), std::string::npos);
        const auto& date = m.headers.at("date");
        EXPECT_EQ(date.size(), 31U) << date;  // "Tue, 22 Dec 2020 07:00:00 +0700"
        EXPECT_EQ(date.substr(date.size() - 5), "+0700");
        EXPECT_NE(m.headers.at("content-type").find("charset=UTF-8"), std::string::npos);
        EXPECT_NE(m.headers.at("from").find("<dondoc@ubnd.quangngai.gov.vn>"), std::string::npos);
        EXPECT_EQ(m.subject.rfind("Nhắc hạn nhiệm vụ: ", 0), 0U) << m.subject;
        EXPECT_NE(m.headers.at("to").find("<" + m.envelope_to + ">"), std::string::npos);
        EXPECT_NE(m.body.find("Kính gửi: Nguyễn Văn "), std::string::npos);
        EXPECT_NE(m.body.find("https://dondoc.quangngai.gov.vn/nhiem-vu/"), std::string::npos);
        for (const auto& [label, task] : listed(m.body)) {
            EXPECT_TRUE(
                seen.insert(m.envelope_to + "|" + label + "|" + std::to_string(task)).second)
                << "twice: " << m.envelope_to << " " << label << " " << task;
        }
    }
    // The lead of the plan, which also performs the report: 16/12 report due
    // soon, 21/12 due today, 22/12 overdue with the plan due soon, 25/12 the
    // plan due today, 28/12 overdue: five mails, six reminders.
    const auto& kh = by_address["kh@skhdt.quangngai.gov.vn"];
    ASSERT_EQ(kh.size(), 5U);
    const auto third = listed(kh[2]->body);
    ASSERT_EQ(third.size(), 2U);
    EXPECT_EQ(third[0], std::make_pair(std::string("Quá hạn"), report.value));
    EXPECT_EQ(third[1], std::make_pair(std::string("Sắp đến hạn"), plan.value));
    EXPECT_NE(kh[2]->subject.find("1 quá hạn, 1 sắp đến hạn"), std::string::npos) << kh[2]->subject;
    EXPECT_EQ(listed(kh[3]->body),
              (std::vector<std::pair<std::string, std::int64_t>>{{"Đến hạn hôm nay", plan.value}}));
    // Another performer of the report: three mails about it alone.
    const auto& nv = by_address["nv@donvi.quangngai.gov.vn"];
    ASSERT_EQ(nv.size(), 3U);
    EXPECT_EQ(listed(nv[0]->body),
              (std::vector<std::pair<std::string, std::int64_t>>{{"Sắp đến hạn", report.value}}));
    EXPECT_EQ(by_address.count("khoa@donvi.quangngai.gov.vn"), 0U);
    EXPECT_EQ(seen.size(), 6U + 3U);
}

TEST_P(RemindersSuite, AMailTheServerDidNotTakeIsSentByTheNextRun) {
    const int port = dondoc::testing::free_port();
    const auto tasks = ingest(4);
    add_user("kh", units_of(tasks[4], read::Role::lead)[0], "kh@skhdt.quangngai.gov.vn");
    auto mailer = smtp_mailer({"smtp://127.0.0.1:" + std::to_string(port), "", "", 20});
    ASSERT_TRUE(mailer.ok());
    ASSERT_TRUE(reminders->record(d("2020-12-22"), 3).ok());
    // Nobody listens: the run says so, for that person.
    const auto down = reminders->send_mail(**mailer, k_settings);
    ASSERT_TRUE(down.ok());
    ASSERT_EQ(down->mails.size(), 1U);
    ASSERT_TRUE(down->mails[0].error.has_value());
    EXPECT_EQ(down->failed(), 1U);
    EXPECT_EQ(down->mails[0].notices.size(), 2U);  // report overdue, plan due soon

    dondoc::testing::SmtpServer smtp(port);
    ASSERT_TRUE(smtp.running());
    ASSERT_TRUE(reminders->record(d("2020-12-22"), 3).ok());  // nothing new
    const auto up = reminders->send_mail(**mailer, k_settings);
    ASSERT_TRUE(up.ok());
    ASSERT_EQ(up->mails.size(), 1U);
    EXPECT_FALSE(up->mails[0].error.has_value());
    EXPECT_EQ(up->mails[0].notices, down->mails[0].notices);
    EXPECT_TRUE(reminders->send_mail(**mailer, k_settings)->mails.empty());
    const auto mails = smtp.mails();
    ASSERT_EQ(mails.size(), 1U);
    EXPECT_EQ(listed(mails[0].body).size(), 2U);
}

TEST(ReminderMail, ASenderThatIsNotAnAddressIsRefused) {
    EXPECT_EQ(check_email("dondoc").error().code, ErrorCode::invalid_input);
    EXPECT_EQ(check_email("a@b.vn\r\nBcc: x@y.vn").error().code, ErrorCode::invalid_input);
    EXPECT_TRUE(check_email("van-thu.so@stc.quangngai.gov.vn").ok());
    EXPECT_EQ(smtp_mailer({"http://127.0.0.1:25", "", "", 5}).error().code,
              ErrorCode::invalid_input);
}

}  // namespace
}  // namespace dondoc::service
