// A job run once at start and then every day at a fixed time of day in
// Vietnam (UTC+7, no daylight saving), on a thread of its own: the
// reminder scheduler inside `dondoc serve`. The job gets the day it runs
// for (Vietnam's date). stop() wakes the thread and waits for a run in
// progress to finish; the destructor stops it too.
//
// Thread-safe: stop() may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

#include "domain/calendar.h"

namespace dondoc::service {

// The time of day a daily job runs at, in Vietnam.
struct TimeOfDay {
    int hour = 7;
    int minute = 0;
};

// "07:00" → 7:00; nullopt unless HH:MM with HH < 24 and MM < 60.
std::optional<TimeOfDay> parse_time_of_day(std::string_view text);

// The first moment strictly after `now` that is `at` in Vietnam.
std::chrono::system_clock::time_point next_run(std::chrono::system_clock::time_point now,
                                               TimeOfDay at);

// Vietnam's date at a moment.
domain::CivilDate vietnam_date(std::chrono::system_clock::time_point at);

class DailyRunner {
  public:
    using Job = std::function<void(domain::CivilDate today)>;
    DailyRunner(TimeOfDay at, Job job);
    ~DailyRunner();
    DailyRunner(const DailyRunner&) = delete;
    DailyRunner& operator=(const DailyRunner&) = delete;

    void stop();

  private:
    void loop();

    const TimeOfDay m_at;
    const Job m_job;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;  // guarded by m_mutex
    std::thread m_thread;     // started last, once the members above exist
};

}  // namespace dondoc::service
