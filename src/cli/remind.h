// Reminders from the command line: `dondoc remind` (for cron) and the
// scheduler of `dondoc serve`, which share how the mail settings are read
// and what one run does. Defined in remind_commands.cpp.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "base/error.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "domain/calendar.h"
#include "service/mail.h"
#include "service/reminders.h"
#include "store/sqlite_memory.h"

namespace dondoc::cli {

// The options both commands accept for mail (each a value).
inline const std::set<std::string> k_mail_options = {"smtp", "smtp-user", "mail-from", "base-url"};

// Where reminders are mailed from: --smtp or $DONDOC_SMTP (no SMTP: in the
// app only, the mail waits), --smtp-user with $DONDOC_SMTP_PASSWORD (or
// user:password in the URL), --mail-from or $DONDOC_MAIL_FROM, --base-url
// or $DONDOC_BASE_URL for links to the task pages.
struct RemindConfig {
    int days = service::k_default_remind_days;
    std::optional<service::SmtpSettings> smtp;
    service::MailSettings mail;
};
Result<RemindConfig> remind_config(const Args& args, const std::string& days_option);

// What one run did: the notices found (and recorded unless a dry run) and
// the mail sent (none without SMTP or in a dry run).
struct RemindOutcome {
    service::ReminderRecord record;
    service::MailRun mail;
    bool mailed = false;  // SMTP was configured and tried
};

// One run on the register at `db`, with connections of its own (keeping
// at most `memory` of the register's pages each: the server's bound).
Result<RemindOutcome> remind_once(const std::string& db, domain::CivilDate as_of,
                                  const RemindConfig& config, bool dry_run,
                                  const store::SqliteMemory& memory = {});

// One line for a log: "Nhắc hạn 21/12/2020: 3 thông báo mới, 2 thư đã gửi, 0 thư lỗi".
std::string remind_summary(const RemindOutcome& outcome);

// `dondoc remind`; its exit code is non-zero when a mail could not be sent.
int run_remind(const std::vector<std::string>& args, Io io);

}  // namespace dondoc::cli
