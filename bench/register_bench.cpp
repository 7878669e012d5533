// The register at scale: a generated province of `units` units and `tasks`
// tasks, then the two questions the issue times — the scoreboard as of a
// date, and one unit's overdue list.
//
//   build/release/bench/register_bench --tasks=100000 --units=2000
//       [--sqlite=FILE] [--db=postgresql://…] [--build-only]
//
// The register is built in an SQLite file (deterministic: fixed seed; a
// temporary one unless --sqlite names it, kept then and reused when it
// already holds the tasks). With --db=postgresql://… it is copied into that
// empty database (`dondoc db copy`; reused when it already holds the
// tasks) and the benchmarks run there.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "domain/civil_date.h"
#include "service/register_service.h"
#include "store/copy.h"
#include "store/repository.h"

namespace {

using namespace dondoc;

std::size_t g_tasks = 100000;
std::size_t g_units = 2000;
std::string g_sqlite;       // empty: a temporary file
std::string g_db;           // empty: the SQLite file itself
bool g_build_only = false;  // build (and copy) the register, run no benchmark

struct World {
    std::filesystem::path path;
    std::unique_ptr<store::Repository> repo;
    std::unique_ptr<service::RegisterService> service;
    double build_seconds = 0;
    std::uintmax_t bytes = 0;
};

World& world() {
    static World w = [] {
        World out;
        out.path = g_sqlite.empty()
                       ? std::filesystem::temp_directory_path() / "dondoc-register-bench.db"
                       : std::filesystem::path(g_sqlite);
        if (g_sqlite.empty()) {
            for (const char* suffix : {"", "-wal", "-shm"})
                std::filesystem::remove(out.path.string() + suffix);
        }
        auto opened = store::open_sqlite(out.path.string());
        if (!opened) {
            std::fprintf(stderr, "cannot open %s: %s\n", out.path.c_str(),
                         opened.error().describe().c_str());
            std::exit(1);
        }
        out.repo = std::move(opened.value());
        const auto start = std::chrono::steady_clock::now();
        std::mt19937 random(20240601);
        auto present = out.repo->counts();
        const bool reuse = present && present->tasks == g_tasks;
        auto built = reuse ? Result<void>() : out.repo->transaction([&]() -> Result<void> {
            domain::Unit province;
            province.id = domain::UnitId{"p"};
            province.name = "Tỉnh Bình Minh";
            province.kind = domain::UnitKind::province;
            if (auto ok = out.repo->save_unit(province); !ok) return ok;
            for (std::size_t u = 0; u < g_units; ++u) {
                domain::Unit unit;
                unit.id = domain::UnitId{"u" + std::to_string(u)};
                unit.name = "Xã số " + std::to_string(u);
                unit.kind = domain::UnitKind::commune;
                unit.parent = province.id;
                if (auto ok = out.repo->save_unit(unit); !ok) return ok;
            }
            const auto first = std::chrono::sys_days{domain::CivilDate{
                std::chrono::year{2023}, std::chrono::January, std::chrono::day{1}}};
            std::uniform_int_distribution<int> day(0, 3 * 365 - 1);
            std::uniform_int_distribution<std::size_t> unit(0, g_units - 1);
            std::uniform_int_distribution<int> percent(0, 99);
            std::uniform_int_distribution<int> delay(-20, 20);
            // Written in batches through the bulk path: a task, its
            // occurrence and, for 60 %, a report confirmed two days later.
            constexpr std::size_t k_batch = 10000;
            std::vector<store::TaskHistory> batch;
            batch.reserve(k_batch);
            for (std::size_t t = 0; t < g_tasks; ++t) {
                store::TaskHistory history;
                domain::Task& task = history.facts.task;
                task.clause = std::to_string(t % 10 + 1);
                task.action = "Báo cáo kết quả thực hiện nhiệm vụ số " + std::to_string(t);
                task.state = domain::TaskState::active;
                const domain::CivilDate due{first + std::chrono::days{day(random)}};
                task.assigned_on = domain::plus_days(due, -30);
                read::Deadline deadline;
                deadline.kind = read::DeadlineKind::date;
                deadline.text = "chậm nhất ngày " + domain::vietnamese(due);
                deadline.date = read::Date{static_cast<int>(due.year()),
                                           static_cast<int>(static_cast<unsigned>(due.month())),
                                           static_cast<int>(static_cast<unsigned>(due.day()))};
                task.deadlines = {deadline};
                task.assignments = {
                    {domain::UnitId{"u" + std::to_string(unit(random))}, "Xã", read::Role::lead}};
                history.facts.occurrences = {{domain::TaskId{}, due, ""}};
                if (percent(random) < 60) {
                    domain::CompletionReport report;
                    report.reported_on = domain::plus_days(due, delay(random));
                    report.outcome = domain::ReviewOutcome::confirmed;
                    report.reviewed_on = domain::plus_days(report.reported_on, 2);
                    history.facts.reports.push_back(report);
                }
                batch.push_back(std::move(history));
                if (batch.size() == k_batch || t + 1 == g_tasks) {
                    auto ids = out.repo->insert_task_histories(batch);
                    if (!ids) return ids.error();
                    batch.clear();
                    if ((t + 1) % 1000000 == 0) {
                        std::fprintf(
                            stderr, "%zu tasks written in %.0f s\n", t + 1,
                            std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
                                .count());
                    }
                }
            }
            return {};
        });
        if (!built) {
            std::fprintf(stderr, "building the register failed: %s\n",
                         built.error().describe().c_str());
            std::exit(1);
        }
        out.build_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        out.bytes = std::filesystem::file_size(out.path);
        std::fprintf(stderr,
                     "register: %zu tasks over %zu units %s in %.1f s, %.0f bytes per task\n",
                     g_tasks, g_units, reuse ? "found" : "built", out.build_seconds,
                     static_cast<double>(out.bytes) / static_cast<double>(g_tasks));
        if (!g_db.empty()) {
            out.repo.reset();
            auto target = store::open_register(g_db);
            if (!target) {
                std::fprintf(stderr, "cannot open %s: %s\n", g_db.c_str(),
                             target.error().describe().c_str());
                std::exit(1);
            }
            auto held = (*target)->counts();
            if (!held || held->tasks != g_tasks) {
                target->reset();
                const auto copy_start = std::chrono::steady_clock::now();
                auto copied = store::copy_register(out.path.string(), g_db);
                if (!copied) {
                    std::fprintf(stderr, "copy failed: %s\n", copied.error().describe().c_str());
                    std::exit(1);
                }
                for (const auto& check : *copied) {
                    if (!check.matches()) {
                        std::fprintf(stderr, "copy differs in %s\n", check.table.c_str());
                        std::exit(1);
                    }
                }
                std::fprintf(
                    stderr, "copied to %s in %.1f s, every table's checksum matches\n",
                    g_db.c_str(),
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - copy_start)
                        .count());
                target = store::open_register(g_db);
                if (!target) std::exit(1);
            }
            out.repo = std::move(*target);
        }
        out.service = std::make_unique<service::RegisterService>(
            *out.repo, domain::WorkingCalendar::vietnam());
        return out;
    }();
    return w;
}

const domain::CivilDate k_as_of{std::chrono::year{2024}, std::chrono::July, std::chrono::day{1}};

// As of three dates (range argument: days after 2023-01-01), and for a quarter.
void BM_Scoreboard(benchmark::State& state) {
    auto& w = world();
    const domain::CivilDate as_of = domain::plus_days(
        domain::CivilDate{std::chrono::year{2023}, std::chrono::January, std::chrono::day{1}},
        static_cast<int>(state.range(0)));
    std::size_t rows = 0;
    for (auto _ : state) {
        auto board = w.service->scoreboard(
            service::ScoreQuery{as_of, std::nullopt, std::nullopt, std::nullopt});
        rows = board ? board->size() : 0;
        benchmark::DoNotOptimize(board);
    }
    state.SetLabel("as of " + domain::iso(as_of));
    state.counters["units"] = static_cast<double>(rows);
    state.counters["tasks"] = static_cast<double>(g_tasks);
}
BENCHMARK(BM_Scoreboard)->Arg(180)->Arg(547)->Arg(1094)->Unit(benchmark::kMillisecond);

void BM_ScoreboardQuarter(benchmark::State& state) {
    auto& w = world();
    const domain::CivilDate from{std::chrono::year{2024}, std::chrono::April, std::chrono::day{1}};
    const domain::CivilDate to{std::chrono::year{2024}, std::chrono::June, std::chrono::day{30}};
    std::size_t rows = 0;
    for (auto _ : state) {
        auto board = w.service->scoreboard(service::ScoreQuery{k_as_of, from, to, std::nullopt});
        rows = board ? board->size() : 0;
        benchmark::DoNotOptimize(board);
    }
    state.counters["units"] = static_cast<double>(rows);
}
BENCHMARK(BM_ScoreboardQuarter)->Unit(benchmark::kMillisecond);

void BM_UnitOverdueList(benchmark::State& state) {
    auto& w = world();
    std::size_t found = 0;
    for (auto _ : state) {
        service::TaskQuery query;
        query.as_of = k_as_of;
        query.unit = domain::UnitId{"u7"};
        query.status = domain::TaskStatus::overdue;
        auto list = w.service->tasks(query);
        found = list ? list->size() : 0;
        benchmark::DoNotOptimize(list);
    }
    state.counters["overdue"] = static_cast<double>(found);
}
BENCHMARK(BM_UnitOverdueList)->Unit(benchmark::kMillisecond);

// A unit's page of 50 tasks (the API's /api/tasks?unit=…&limit=50): of u7
// each time (arg 0), or of another commune each time (arg 1), as the
// server's load test asks (bench/server-wrk).
void BM_UnitTaskPage(benchmark::State& state) {
    auto& w = world();
    const bool rotating = state.range(0) != 0;
    std::size_t next = 0;
    std::size_t total = 0;
    for (auto _ : state) {
        service::TaskPageQuery page;
        page.query.as_of = k_as_of;
        std::string unit = "u";
        unit += std::to_string(rotating ? next++ % g_units : 7);
        page.query.unit = domain::UnitId{unit};
        page.limit = 50;
        auto got = w.service->task_page(page);
        total = got ? got->total : 0;
        benchmark::DoNotOptimize(got);
    }
    state.counters["total"] = static_cast<double>(total);
}
BENCHMARK(BM_UnitTaskPage)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
    // The options above, then Google Benchmark's own flags. --build-only
    // leaves the register for other measures (a server under load).
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--tasks=", 0) == 0) {
            g_tasks = std::stoul(arg.substr(8));
        } else if (arg.rfind("--units=", 0) == 0) {
            g_units = std::stoul(arg.substr(8));
        } else if (arg.rfind("--sqlite=", 0) == 0) {
            g_sqlite = arg.substr(9);
        } else if (arg.rfind("--db=", 0) == 0) {
            g_db = arg.substr(5);
        } else if (arg == "--build-only") {
            g_build_only = true;
        } else {
            rest.push_back(argv[i]);
        }
    }
    if (g_build_only) {
        world();
        return 0;
    }
    int count = static_cast<int>(rest.size());
    benchmark::Initialize(&count, rest.data());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
