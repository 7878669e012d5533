// `dondoc remind`: record the day's reminders and send the mail owed.
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli_support.h"
#include "cli/exit_codes.h"
#include "cli/remind.h"
#include "cli/table.h"
#include "domain/civil_date.h"
#include "store/accounts.h"
#include "store/repository.h"

namespace dondoc::cli {
namespace {

std::optional<std::string> option_or_env(const Args& args, const std::string& name,
                                         const char* variable) {
    if (auto v = args.option(name)) return v;
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return std::string(value);
    return std::nullopt;
}

std::string unit_names_lookup(const std::vector<domain::Unit>& units, const domain::UnitId& id) {
    for (const auto& u : units) {
        if (u.id == id) return u.name;
    }
    return id.value;
}

}  // namespace

Result<RemindConfig> remind_config(const Args& args, const std::string& days_option) {
    RemindConfig config;
    if (auto days = args.option(days_option)) {
        char* end = nullptr;
        const long n = std::strtol(days->c_str(), &end, 10);
        if (days->empty() || *end != '\0' || n < 0 || n > 60)
            return make_error(ErrorCode::invalid_input,
                              "--" + days_option + " phải là số ngày làm việc từ 0 đến 60");
        config.days = static_cast<int>(n);
    }
    if (auto url = option_or_env(args, "smtp", "DONDOC_SMTP")) {
        service::SmtpSettings smtp;
        smtp.url = *url;
        if (auto user = args.option("smtp-user")) {
            smtp.user = *user;
            const char* password = std::getenv("DONDOC_SMTP_PASSWORD");
            smtp.password = password != nullptr ? password : "";
        }
        // Checked now: a wrong URL is an error at start, not at 07:00.
        if (auto checked = service::smtp_mailer(smtp); !checked) return checked.error();
        config.smtp = smtp;
        auto from = option_or_env(args, "mail-from", "DONDOC_MAIL_FROM");
        if (!from)
            return make_error(ErrorCode::invalid_input,
                              "cần --mail-from ĐỊA_CHỈ (hoặc biến DONDOC_MAIL_FROM) để gửi thư");
        DONDOC_TRY(service::check_email(*from));
        config.mail.from = *from;
    }
    config.mail.base_url = option_or_env(args, "base-url", "DONDOC_BASE_URL").value_or("");
    return config;
}

Result<RemindOutcome> remind_once(const std::string& db, domain::CivilDate as_of,
                                  const RemindConfig& config, bool dry_run,
                                  const store::SqliteMemory& memory) {
    auto repository = store::open_register(db, memory);
    if (!repository) return repository.error();
    auto accounts = store::open_accounts(db, memory);
    if (!accounts) return accounts.error();
    service::Reminders reminders(**repository, **accounts, domain::WorkingCalendar::vietnam(),
                                 [] { return std::chrono::system_clock::now(); });
    RemindOutcome outcome;
    auto record = reminders.record(as_of, config.days, dry_run);
    if (!record) return record.error();
    outcome.record = std::move(*record);
    if (dry_run || !config.smtp) return outcome;
    auto mailer = service::smtp_mailer(*config.smtp);
    if (!mailer) return mailer.error();
    auto sent = reminders.send_mail(**mailer, config.mail);
    if (!sent) return sent.error();
    outcome.mail = std::move(*sent);
    outcome.mailed = true;
    return outcome;
}

std::string remind_summary(const RemindOutcome& o) {
    std::string s = "Nhắc hạn ";
    s += domain::vietnamese(o.record.as_of);
    s += ": ";
    s += std::to_string(o.record.recorded());
    s += " thông báo mới (";
    s += std::to_string(o.record.milestones.size());
    s += " mốc đến hạn)";
    if (o.mailed) {
        s += ", ";
        s += std::to_string(o.mail.mails.size() - o.mail.failed());
        s += " thư đã gửi, ";
        s += std::to_string(o.mail.failed());
        s += " thư lỗi";
    } else {
        s += ", không gửi thư (chưa cấu hình --smtp)";
    }
    return s;
}

int run_remind(const std::vector<std::string>& raw, Io io) {
    std::set<std::string> options = k_mail_options;
    options.insert({"db", "as-of", "days"});
    auto args = Args::parse(raw, options, {"dry-run", "json"});
    if (!args) return fail(io, "remind", args.error());
    if (!args->positional().empty()) {
        io.err << "Cách dùng: dondoc remind [--as-of NGÀY] [--days N] [--smtp smtp://MÁY:CỔNG] "
                  "[--mail-from ĐỊA_CHỈ] [--dry-run] [--json]\n";
        return k_exit_usage;
    }
    auto as_of = date_option(*args, "as-of", today());
    if (!as_of) return fail(io, "remind", as_of.error());
    auto config = remind_config(*args, "days");
    if (!config) return fail(io, "remind", config.error());
    const bool dry_run = args->flag("dry-run");
    auto outcome = remind_once(db_path(*args), *as_of, *config, dry_run);
    if (!outcome) return fail(io, "remind", outcome.error());
    const int code = outcome->mail.failed() > 0 ? exit_code_for(ErrorCode::io_error) : k_exit_ok;

    if (args->flag("json")) {
        nlohmann::ordered_json j;
        j["as_of"] = domain::iso(outcome->record.as_of);
        j["days"] = outcome->record.days;
        j["dry_run"] = dry_run;
        j["recorded"] = outcome->record.recorded();
        auto& notices = j["notices"] = nlohmann::ordered_json::array();
        for (const auto& m : outcome->record.milestones) {
            const auto& n = m.notice;
            notices.push_back({{"task", n.task.value},
                               {"kind", store::notice_kind_name(n.kind)},
                               {"day", domain::iso(n.day)},
                               {"occurrence", domain::iso(n.occurrence)},
                               {"period", n.period_label},
                               {"unit", n.unit.value},
                               {"new", m.recorded},
                               {"users", m.users},
                               {"mails", m.mails}});
        }
        auto& mails = j["mails"] = nlohmann::ordered_json::array();
        for (const auto& m : outcome->mail.mails) {
            mails.push_back({{"login", m.login},
                             {"address", m.address},
                             {"notices", m.notices},
                             {"error", m.error ? nlohmann::ordered_json(*m.error)
                                               : nlohmann::ordered_json(nullptr)}});
        }
        j["mailed"] = outcome->mailed;
        j["failed"] = outcome->mail.failed();
        io.out << j.dump() << "\n";
        return code;
    }

    std::vector<domain::Unit> units;
    if (auto repository = store::open_register(db_path(*args)))
        if (auto all = (*repository)->units()) units = std::move(*all);
    io.out << remind_summary(*outcome) << (dry_run ? " — chạy thử, chưa ghi gì" : "") << "\n";
    Table table({"Mốc", "Mã NV", "Thời hạn", "Đơn vị", "Nhiệm vụ", "Mới"});
    for (const auto& m : outcome->record.milestones) {
        const auto& n = m.notice;
        std::string day = domain::vietnamese(n.day);
        if (!n.period_label.empty()) day += " (" + n.period_label + ")";
        table.add({std::string(store::notice_kind_label(n.kind)), std::to_string(n.task.value), day,
                   unit_names_lookup(units, n.unit), n.task_text,
                   dry_run ? "?" : (m.recorded ? "mới" : "đã nhắc")});
    }
    if (!table.empty()) io.out << table.str();
    for (const auto& m : outcome->mail.mails) {
        io.out << (m.error ? "Lỗi gửi thư tới " : "Đã gửi thư tới ") << m.address << " (" << m.login
               << ", " << m.notices.size() << " nhiệm vụ)";
        if (m.error) io.out << ": " << *m.error << " — sẽ gửi lại lần chạy sau";
        io.out << "\n";
    }
    return code;
}

}  // namespace dondoc::cli
