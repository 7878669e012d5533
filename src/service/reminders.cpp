#include "service/reminders.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "domain/civil_date.h"
#include "domain/status.h"
#include "service/register_service.h"

namespace dondoc::service {
namespace {

// Who answers for a task: its lead units (chủ trì), else the units that
// perform it when none leads. Coordinating units (phối hợp) are not noticed.
std::vector<domain::UnitId> responsible_units(const domain::Task& task) {
    std::vector<domain::UnitId> lead;
    std::vector<domain::UnitId> perform;
    for (const auto& a : task.assignments) {
        if (!a.unit) continue;
        auto& list = a.role == read::Role::lead ? lead : perform;
        if (a.role == read::Role::coordinate) continue;
        if (std::find(list.begin(), list.end(), *a.unit) == list.end()) list.push_back(*a.unit);
    }
    return lead.empty() ? perform : lead;
}

bool active_on(const domain::User& u, CivilDate day) {
    return !u.disabled && (!u.expires_on || day <= *u.expires_on);
}

std::string unit_name(const std::map<std::string, std::string>& names, const domain::UnitId& id) {
    auto it = names.find(id.value);
    return it == names.end() ? id.value : it->second;
}

}  // namespace

std::size_t ReminderRecord::recorded() const {
    return static_cast<std::size_t>(std::count_if(milestones.begin(), milestones.end(),
                                                  [](const Milestone& m) { return m.recorded; }));
}

std::size_t MailRun::failed() const {
    return static_cast<std::size_t>(
        std::count_if(mails.begin(), mails.end(), [](const MailSent& m) { return m.error; }));
}

namespace {
// Days past the N working days within which a deadline may still be "near":
// Tết's week off and weekends (2 calendar days per working day are counted
// besides).
constexpr int k_holiday_margin_days = 12;
// Tasks whose facts are read in one statement.
constexpr std::size_t k_facts_batch = 500;
}  // namespace

Reminders::Reminders(store::Repository& repository, store::AccountStore& accounts,
                     const domain::WorkingCalendar& calendar, Clock clock)
    : m_repository(repository),
      m_accounts(accounts),
      m_calendar(calendar),
      m_clock(std::move(clock)) {}

std::int64_t Reminders::now() const {
    return std::chrono::duration_cast<std::chrono::seconds>(m_clock().time_since_epoch()).count();
}

Result<ReminderRecord> Reminders::record(CivilDate as_of, int days, bool dry_run) {
    if (days < 0 || days > 60)
        return make_error(ErrorCode::invalid_input, "số ngày làm việc nhắc trước phải từ 0 đến 60",
                          "days");
    ReminderRecord out;
    out.as_of = as_of;
    out.days = days;

    // Only the tasks that can have a milestone are read: those with an
    // occurrence or an approved extension due from today to a little past
    // the N working days (the calendar's holidays and an exclusive
    // deadline's day are inside the margin), and those overdue, from the
    // register's status index. The status of each is then worked out below.
    std::set<std::int64_t> candidates;
    std::vector<store::TaskFacts> facts;
    std::map<std::int64_t, std::string> notations;
    auto loaded_all = m_repository.read_snapshot([&]() -> Result<void> {
        auto due = m_repository.due_candidates(
            as_of, domain::plus_days(as_of, 2 * days + k_holiday_margin_days), false);
        if (!due) return due.error();
        for (const auto& c : *due) candidates.insert(c.task.value);
        auto overdue = m_repository.overdue_tasks({}, as_of);
        if (!overdue) return overdue.error();
        for (const auto& id : *overdue) candidates.insert(id.value);
        store::TaskFilter batch;
        batch.state = domain::TaskState::active;
        const auto flush = [&]() -> Result<void> {
            if (batch.ids.empty()) return {};
            auto loaded = m_repository.task_facts(batch);
            if (!loaded) return loaded.error();
            for (auto& f : *loaded) facts.push_back(std::move(f));
            batch.ids.clear();
            return {};
        };
        for (const auto id : candidates) {
            batch.ids.push_back(domain::TaskId{id});
            if (batch.ids.size() == k_facts_batch) DONDOC_TRY(flush());
        }
        DONDOC_TRY(flush());
        for (const auto& f : facts) {
            if (!f.task.document || notations.count(f.task.document->value) > 0) continue;
            auto doc = m_repository.document(*f.task.document);
            notations[f.task.document->value] = doc ? doc->notation : std::string();
        }
        return {};
    });
    if (!loaded_all) return loaded_all.error();

    const domain::StatusOptions options{days};
    for (const auto& f : facts) {
        if (f.occurrences.empty()) continue;  // no deadline: nothing to remind of
        const auto units = responsible_units(f.task);
        if (units.empty()) continue;
        const bool recurring = f.occurrences.size() > 1;
        for (const auto& o : f.occurrences) {
            const auto in = occurrence_inputs(f, o, as_of);
            const auto status = domain::status_as_of(in, as_of, m_calendar, options);
            if (!in.due) continue;
            const CivilDate last_day = in.inclusive ? *in.due : domain::plus_days(*in.due, -1);
            store::NoticeKind kind = store::NoticeKind::overdue;
            if (status == domain::TaskStatus::overdue) {
                kind = store::NoticeKind::overdue;
            } else if (status == domain::TaskStatus::due_soon) {
                kind =
                    last_day == as_of ? store::NoticeKind::due_today : store::NoticeKind::due_soon;
            } else {
                continue;  // done, or not near yet
            }
            for (const auto& unit : units) {
                Milestone m;
                m.notice.task = f.task.id;
                m.notice.occurrence = o.due;
                m.notice.period_label = recurring ? o.period_label : std::string();
                m.notice.kind = kind;
                m.notice.day = last_day;
                m.notice.unit = unit;
                m.notice.noticed_on = as_of;
                m.notice.created_at = now();
                m.notice.task_text = f.task.action;
                if (f.task.document) m.notice.document = notations[f.task.document->value];
                out.milestones.push_back(std::move(m));
            }
        }
    }
    std::sort(out.milestones.begin(), out.milestones.end(),
              [](const Milestone& a, const Milestone& b) {
                  return std::tie(a.notice.unit.value, a.notice.day, a.notice.task.value,
                                  a.notice.occurrence) < std::tie(b.notice.unit.value, b.notice.day,
                                                                  b.notice.task.value,
                                                                  b.notice.occurrence);
              });
    if (dry_run || out.milestones.empty()) return out;

    auto users = m_accounts.users();
    if (!users) return users.error();
    std::multimap<std::string, const domain::User*> by_unit;
    for (const auto& u : *users) {
        if (active_on(u, as_of)) by_unit.emplace(u.unit.value, &u);
    }
    // One transaction: a run that fails halfway leaves no notice without
    // its notifications and mail (which would then never be made).
    auto written = m_accounts.transaction([&]() -> Result<void> {
        for (auto& m : out.milestones) {
            m.recorded = false;
            m.users = 0;
            m.mails = 0;
            auto id = m_accounts.insert_notice(m.notice);
            if (!id) return id.error();
            if (!*id) continue;
            m.notice.id = **id;
            m.recorded = true;
            const auto [first, last] = by_unit.equal_range(m.notice.unit.value);
            for (auto it = first; it != last; ++it) {
                const domain::User& u = *it->second;
                DONDOC_TRY(m_accounts.add_notification(u.id, m.notice.id, m.notice.created_at));
                ++m.users;
                if (u.email) {
                    DONDOC_TRY(m_accounts.add_delivery(m.notice.id, u.id, *u.email));
                    ++m.mails;
                }
            }
        }
        return {};
    });
    if (!written) return written.error();
    return out;
}

Result<MailRun> Reminders::send_mail(Mailer& mailer, const MailSettings& settings) {
    if (settings.from.empty())
        return make_error(ErrorCode::invalid_input, "chưa có địa chỉ gửi thư (--mail-from)",
                          "mail-from");
    DONDOC_TRY(check_email(settings.from));
    const std::int64_t started = now();
    auto claimed = m_accounts.claim_deliveries(random_hex(16), started,
                                               started - k_mail_claim_seconds, k_max_mail_attempts);
    if (!claimed) return claimed.error();
    MailRun run;
    if (claimed->empty()) return run;

    std::map<std::string, std::string> unit_names;
    auto units = m_repository.units();
    if (!units) return units.error();
    for (const auto& u : *units) unit_names[u.id.value] = u.name;

    // Deliveries come by user: one mail per user (and address) with all of
    // their notices.
    std::size_t i = 0;
    while (i < claimed->size()) {
        const auto& head = (*claimed)[i];
        std::size_t j = i;
        std::vector<store::Notice> notices;
        while (j < claimed->size() && (*claimed)[j].user == head.user &&
               (*claimed)[j].address == head.address) {
            notices.push_back((*claimed)[j].notice);
            ++j;
        }
        MailSent sent;
        sent.address = head.address;
        for (const auto& n : notices) sent.notices.push_back(n.id);
        auto user = m_accounts.user(head.user);
        if (!user) return user.error();
        sent.login = user->login;
        const auto mail =
            reminder_mail(*user, unit_name(unit_names, user->unit), notices, settings.base_url);
        MailMessage message;
        message.from = settings.from;
        message.from_name = settings.from_name;
        message.to = head.address;
        message.to_name = user->display_name;
        message.subject = mail.subject;
        message.body = mail.body;
        message.date = m_clock();
        message.message_id = new_message_id(settings.from, message.date);
        auto result = mailer.send(settings.from, head.address, format_mail(message));
        if (!result) sent.error = result.error().message;
        for (const auto& n : notices) {
            DONDOC_TRY(m_accounts.finish_delivery(n.id, head.user, now(), sent.error));
        }
        run.mails.push_back(std::move(sent));
        i = j;
    }
    return run;
}

ReminderMail reminder_mail(const domain::User& user, const std::string& unit_name,
                           const std::vector<store::Notice>& notices, const std::string& base_url) {
    std::map<store::NoticeKind, std::vector<const store::Notice*>> by_kind;
    for (const auto& n : notices) by_kind[n.kind].push_back(&n);
    ReminderMail mail;
    // Overdue first: what needs doing most.
    const std::vector<store::NoticeKind> order = {
        store::NoticeKind::overdue, store::NoticeKind::due_today, store::NoticeKind::due_soon};
    std::string counts;
    for (const auto kind : order) {
        auto it = by_kind.find(kind);
        if (it == by_kind.end()) continue;
        if (!counts.empty()) counts += ", ";
        counts += std::to_string(it->second.size());
        counts += ' ';
        std::string label(store::notice_kind_label(kind));
        // "Quá hạn" → "quá hạn" in the middle of a sentence (ASCII first letters only).
        if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z')
            label[0] = static_cast<char>(label[0] - 'A' + 'a');
        else if (label.rfind("Đ", 0) == 0)
            label.replace(0, std::string("Đ").size(), "đ");
        counts += label;
    }
    mail.subject = "Nhắc hạn nhiệm vụ: ";
    mail.subject += counts;
    mail.subject += " (";
    mail.subject += unit_name;
    mail.subject += ')';

    std::string& b = mail.body;
    b += "Kính gửi: ";
    b += user.display_name;
    b += " (";
    b += unit_name;
    b += ").\n\n";
    b += "Hệ thống theo dõi nhiệm vụ xin nhắc các nhiệm vụ ";
    b += unit_name;
    b += " chủ trì hoặc thực hiện:\n";
    for (const auto kind : order) {
        auto it = by_kind.find(kind);
        if (it == by_kind.end()) continue;
        b += "\n";
        b += store::notice_kind_label(kind);
        b += " (";
        b += std::to_string(it->second.size());
        b += ")\n";
        int number = 0;
        for (const store::Notice* n : it->second) {
            b += std::to_string(++number);
            b += ". ";
            b += n->task_text;
            b += "\n   Thời hạn: ";
            b += domain::vietnamese(n->day);
            if (!n->period_label.empty()) {
                b += " (kỳ ";
                b += n->period_label;
                b += ')';
            }
            if (!n->document.empty()) {
                b += "\n   Văn bản giao: ";
                b += n->document;
            }
            b += "\n   Mã nhiệm vụ: ";
            b += std::to_string(n->task.value);
            if (!base_url.empty()) {
                b += " - ";
                b += base_url;
                if (base_url.back() != '/') b += '/';
                b += "nhiem-vu/";
                b += std::to_string(n->task.value);
            }
            b += '\n';
        }
    }
    b += "\nĐề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả đúng thời hạn.\n";
    b += "\nThư này do hệ thống gửi tự động, xin không trả lời thư này.\n";
    return mail;
}

}  // namespace dondoc::service
