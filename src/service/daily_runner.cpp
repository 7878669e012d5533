#include "service/daily_runner.h"

namespace dondoc::service {
namespace {

constexpr auto k_vietnam_offset = std::chrono::hours{7};

bool two_digits(std::string_view s, int& value) {
    if (s.size() != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return false;
    value = (s[0] - '0') * 10 + (s[1] - '0');
    return true;
}

}  // namespace

std::optional<TimeOfDay> parse_time_of_day(std::string_view text) {
    if (text.size() == 4) {
        // "7:00"
        std::string padded = "0";
        padded += text;
        return parse_time_of_day(padded);
    }
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    TimeOfDay t;
    if (!two_digits(text.substr(0, 2), t.hour) || !two_digits(text.substr(3, 2), t.minute))
        return std::nullopt;
    if (t.hour > 23 || t.minute > 59) return std::nullopt;
    return t;
}

std::chrono::system_clock::time_point next_run(std::chrono::system_clock::time_point now,
                                               TimeOfDay at) {
    const auto local = now + k_vietnam_offset;
    const auto midnight = std::chrono::floor<std::chrono::days>(local);
    auto candidate = midnight + std::chrono::hours{at.hour} + std::chrono::minutes{at.minute};
    if (candidate <= local) candidate += std::chrono::days{1};
    return std::chrono::time_point_cast<std::chrono::system_clock::duration>(candidate -
                                                                             k_vietnam_offset);
}

domain::CivilDate vietnam_date(std::chrono::system_clock::time_point at) {
    return domain::CivilDate{std::chrono::floor<std::chrono::days>(at + k_vietnam_offset)};
}

DailyRunner::DailyRunner(TimeOfDay at, Job job)
    : m_at(at), m_job(std::move(job)), m_thread([this] { loop(); }) {}

DailyRunner::~DailyRunner() {
    stop();
}

void DailyRunner::stop() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id()) m_thread.join();
}

void DailyRunner::loop() {
    // Once at start: a server started after the hour still reminds today
    // (the notices are kept once each, so a restart repeats nothing).
    m_job(vietnam_date(std::chrono::system_clock::now()));
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        const auto when = next_run(std::chrono::system_clock::now(), m_at);
        if (m_wake.wait_until(lock, when, [this] { return m_stopping; })) break;
        lock.unlock();
        m_job(vietnam_date(std::chrono::system_clock::now()));
        lock.lock();
    }
}

}  // namespace dondoc::service
