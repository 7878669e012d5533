// Import speed: the generated province's tasks-100000.csv (17 MB) into an
// SQLite file, after its 200 units; checked against expected-100000.json.
//
//   build/release/bench/import_bench [--benchmark_counters_tabular=true]
//
// Each iteration imports into a fresh register (a dry run first: the
// reading and checking alone). Rows per second are by the clock (100,000
// over the wall time of the import step); the CPU column is the process's.
// BM_ReportOneTask then times a small write into such a register (one
// task reported done, a transaction each): what a change made for the
// import's sake (the page size, say) costs the server's everyday writes.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/civil_date.h"
#include "service/register_service.h"

namespace {

using namespace dondoc;

const std::string k_data = DONDOC_SHARED_DATA "/bench-province/";

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Fresh {
    std::filesystem::path path;
    std::unique_ptr<store::Repository> repo;
    std::unique_ptr<service::RegisterService> service;
};

Fresh fresh_register() {
    Fresh f;
    f.path = std::filesystem::temp_directory_path() / "dondoc-import-bench.db";
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(f.path.string() + suffix);
    auto opened = store::open_sqlite(f.path.string());
    if (!opened) std::abort();
    f.repo = std::move(*opened);
    f.service =
        std::make_unique<service::RegisterService>(*f.repo, domain::WorkingCalendar::vietnam());
    if (!f.service->import_units(slurp(k_data + "units-200.csv"), "units-200.csv")) std::abort();
    return f;
}

void import(benchmark::State& state, bool apply) {
    const std::string csv = slurp(k_data + "tasks-100000.csv");
    if (csv.empty()) {
        state.SkipWithError("no ../shared/data/bench-province/tasks-100000.csv");
        return;
    }
    std::size_t rows = 0;
    for (auto _ : state) {
        state.PauseTiming();
        Fresh f = fresh_register();
        state.ResumeTiming();
        service::ImportOptions options;
        options.apply = apply;
        auto report = f.service->import_tasks(csv, "tasks-100000.csv", options);
        if (!report || !report->problems.empty()) {
            state.SkipWithError("the import failed");
            return;
        }
        rows = report->rows;
        if (apply) {
            state.PauseTiming();
            // The counts a correct system gives: overdue = open now and due before 01/07/2024.
            const auto expected = nlohmann::json::parse(slurp(k_data + "expected-100000.json"));
            service::TaskQuery all;
            all.as_of = *domain::parse_iso("2100-01-01");
            auto tasks = f.service->tasks(all);
            std::size_t open = 0;
            std::size_t overdue = 0;
            const auto cut = *domain::parse_iso(expected["as_of"].get<std::string>());
            for (const auto& v : *tasks) {
                if (v.status == domain::TaskStatus::done_on_time ||
                    v.status == domain::TaskStatus::done_late)
                    continue;
                ++open;
                if (v.due && *v.due < cut) ++overdue;
            }
            if (open != expected["open"].get<std::size_t>() ||
                overdue != expected["overdue_total"].get<std::size_t>()) {
                state.SkipWithError("the counts differ from expected-100000.json");
                return;
            }
            state.counters["open"] = static_cast<double>(open);
            state.counters["overdue"] = static_cast<double>(overdue);
            state.counters["MB_per_100k"] =
                static_cast<double>(std::filesystem::file_size(f.path)) / 1e6;
            state.ResumeTiming();
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
}

void BM_ImportDryRun(benchmark::State& state) {
    import(state, false);
}
BENCHMARK(BM_ImportDryRun)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

void BM_ImportApply(benchmark::State& state) {
    import(state, true);
}
BENCHMARK(BM_ImportApply)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

// A small write into the register the import made: one task reported done
// (its report, its status rows, the deltas; one transaction each), to see
// what the register's page size costs the server's everyday writes.
void BM_ReportOneTask(benchmark::State& state) {
    const std::string csv = slurp(k_data + "tasks-100000.csv");
    if (csv.empty()) {
        state.SkipWithError("no ../shared/data/bench-province/tasks-100000.csv");
        return;
    }
    Fresh f = fresh_register();
    service::ImportOptions options;
    options.apply = true;
    if (auto report = f.service->import_tasks(csv, "tasks-100000.csv", options);
        !report || !report->problems.empty()) {
        state.SkipWithError("the import failed");
        return;
    }
    service::TaskQuery overdue;
    overdue.as_of = *domain::parse_iso("2024-07-01");
    overdue.status = domain::TaskStatus::overdue;
    auto tasks = f.service->tasks(overdue);
    if (!tasks || tasks->empty()) {
        state.SkipWithError("no overdue task");
        return;
    }
    const auto on = *domain::parse_iso("2024-07-02");
    std::size_t next = 0;
    for (auto _ : state) {
        const auto& task = (*tasks)[next++ % tasks->size()];
        if (!f.service->report_done(task.task.id, on, "Đã hoàn thành")) {
            state.SkipWithError("report_done failed");
            return;
        }
    }
}
BENCHMARK(BM_ReportOneTask)->Unit(benchmark::kMicrosecond)->Iterations(2000);

}  // namespace

BENCHMARK_MAIN();
