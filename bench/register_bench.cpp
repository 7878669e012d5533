// The register at scale: a generated province of `units` units and `tasks`
// tasks in an SQLite file, then the two questions the issue times — the
// scoreboard as of a date, and one unit's overdue list.
//
//   build/release/bench/register_bench --tasks=100000 --units=2000
//
// The register is built once per run in a temporary file (deterministic:
// fixed seed) and reused by every benchmark.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "domain/civil_date.h"
#include "service/register_service.h"
#include "store/repository.h"

namespace {

using namespace dondoc;

std::size_t g_tasks = 100000;
std::size_t g_units = 2000;
std::string g_keep;         // --keep=PATH: build the register there and leave it
bool g_build_only = false;  // --build-only: build it, run no benchmark

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
        out.path = g_keep.empty()
                       ? std::filesystem::temp_directory_path() / "dondoc-register-bench.db"
                       : std::filesystem::path(g_keep);
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(out.path.string() + suffix);
        auto opened = store::open_sqlite(out.path.string());
        if (!opened) {
            std::fprintf(stderr, "cannot open %s: %s\n", out.path.c_str(),
                         opened.error().describe().c_str());
            std::exit(1);
        }
        out.repo = std::move(opened.value());
        const auto start = std::chrono::steady_clock::now();
        std::mt19937 random(20240601);
        auto built = out.repo->transaction([&]() -> Result<void> {
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
            for (std::size_t t = 0; t < g_tasks; ++t) {
                domain::Task task;
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
                auto id = out.repo->insert_task(task, {{domain::TaskId{}, due, ""}});
                if (!id) return id.error();
                if (percent(random) <
                    60) {  // done: reported around the deadline, confirmed two days later
                    domain::CompletionReport report;
                    report.task = *id;
                    report.reported_on = domain::plus_days(due, delay(random));
                    auto report_id = out.repo->add_report(report);
                    if (!report_id) return report_id.error();
                    if (auto ok =
                            out.repo->review_report(*report_id, domain::ReviewOutcome::confirmed,
                                                    domain::plus_days(report.reported_on, 2), "");
                        !ok) {
                        return ok;
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
        out.service = std::make_unique<service::RegisterService>(
            *out.repo, domain::WorkingCalendar::vietnam());
        std::fprintf(stderr,
                     "register: %zu tasks over %zu units built in %.1f s, %.0f bytes per task\n",
                     g_tasks, g_units, out.build_seconds,
                     static_cast<double>(out.bytes) / static_cast<double>(g_tasks));
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

}  // namespace

int main(int argc, char** argv) {
    // --tasks=N --units=N [--keep=PATH] [--build-only], then Google
    // Benchmark's own flags. bench/server-wrk builds its big register this way.
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--tasks=", 0) == 0) {
            g_tasks = std::stoul(arg.substr(8));
        } else if (arg.rfind("--units=", 0) == 0) {
            g_units = std::stoul(arg.substr(8));
        } else if (arg.rfind("--keep=", 0) == 0) {
            g_keep = arg.substr(7);
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
