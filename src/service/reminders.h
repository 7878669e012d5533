// Reminders (nhắc hạn): as of a day, the open tasks and open occurrences of
// periodic tasks whose deadline is near (sắp đến hạn: within N working days,
// Vietnamese calendar), today (đến hạn hôm nay) or past (quá hạn) are
// noticed to their responsible unit: every active account of the unit gets
// the notice in the app and, when it has an address, in one e-mail per run
// listing all of that person's new notices.
//
// Each milestone is noticed once: a notice is keyed by task, occurrence,
// milestone, the day it is about (the last day on time, after extensions)
// and unit, and the database refuses a second one (store/accounts.h), so a
// run repeated the same day, a restarted server or a second server on the
// same PostgreSQL adds nothing. Mail owed is kept with its delivery state:
// a send that failed is retried by the next run, a sent one never again.
//
// Not thread-safe: one Reminders per pair of connections.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "domain/calendar.h"
#include "service/account_service.h"
#include "service/mail.h"
#include "store/accounts.h"
#include "store/repository.h"

namespace dondoc::service {

using domain::CivilDate;

inline constexpr int k_default_remind_days = 3;
// A mail is given up after this many failed attempts (one per run).
inline constexpr std::int64_t k_max_mail_attempts = 10;
// A claim older than this (seconds) was left by a run that died.
inline constexpr std::int64_t k_mail_claim_seconds = 900;

// One milestone of one occurrence, found as of a day.
struct Milestone {
    store::Notice notice;   // id 0 until recorded
    bool recorded = false;  // new in this run (false: noticed before)
    std::size_t users = 0;  // accounts notified in the app
    std::size_t mails = 0;  // e-mails queued
};

struct ReminderRecord {
    CivilDate as_of;
    int days = k_default_remind_days;
    std::vector<Milestone> milestones;  // all found, new or not, by unit then day
    [[nodiscard]] std::size_t recorded() const;
};

// One e-mail of a run: to one person, listing their notices.
struct MailSent {
    std::string login;
    std::string address;
    std::vector<std::int64_t> notices;
    std::optional<std::string> error;  // the failure; none when the server accepted it
};

struct MailRun {
    std::vector<MailSent> mails;
    [[nodiscard]] std::size_t failed() const;
};

// Where the mail goes out and from whom.
struct MailSettings {
    std::string from;  // the sender's address (dondoc@so-tai-chinh.quangngai.gov.vn)
    std::string from_name = "Hệ thống theo dõi nhiệm vụ";
    // Link to the web UI (https://dondoc.example/), for the task links; may be empty.
    std::string base_url;
};

class Reminders {
  public:
    Reminders(store::Repository& repository, store::AccountStore& accounts,
              const domain::WorkingCalendar& calendar, Clock clock);

    // Finds the milestones as of `as_of` (due within `days` working days,
    // due that day, overdue) and records the new ones with their in-app
    // notifications and the mail owed. `dry_run`: finds only. days ≥ 0.
    Result<ReminderRecord> record(CivilDate as_of, int days, bool dry_run = false);

    // Sends the mail owed (recorded by any run, including failed sends of
    // earlier runs): one message per person, through `mailer`.
    Result<MailRun> send_mail(Mailer& mailer, const MailSettings& settings);

  private:
    [[nodiscard]] std::int64_t now() const;

    store::Repository& m_repository;
    store::AccountStore& m_accounts;
    const domain::WorkingCalendar& m_calendar;
    const Clock m_clock;
};

// The mail to one person about their notices: subject and plain-text body,
// in Vietnamese (exposed for tests and the dry run).
struct ReminderMail {
    std::string subject;
    std::string body;
};
ReminderMail reminder_mail(const domain::User& user, const std::string& unit_name,
                           const std::vector<store::Notice>& notices, const std::string& base_url);

}  // namespace dondoc::service
