// Ingest in batches: directives shaped like the five seeds (each copy with
// its own number, so every one is a new document) into the Quảng Ngãi demo
// register in an SQLite file, a batch of 100 per transaction.
//
//   build/release/bench/ingest_bench --benchmark_counters_tabular=true
//
// BM_IngestSeedMix cycles through the five seeds; BM_IngestSeed004 takes
// only the heaviest (5 tasks for every district: ~165 assignments).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "read/reader.h"
#include "service/register_service.h"
#include "store/repository.h"

namespace {

using namespace dondoc;

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

struct Seed {
    std::string text;
    std::string symbol;  // the part after the number ("/UBND-KTTH")
};

std::vector<Seed> load_seeds() {
    std::vector<Seed> seeds;
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(DONDOC_TEST_DATA "/read/seeds")) {
        if (entry.path().extension() == ".txt") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
        Seed seed;
        seed.text = slurp(path);
        auto record = read::read_document(seed.text);
        if (!record || !record->notation) continue;
        seed.symbol = record->notation->substr(record->notation->find('/'));
        seeds.push_back(std::move(seed));
    }
    return seeds;
}

// The seed with its own number replaced by `number`: its "Số: … /SYMBOL"
// line becomes "Số: NUMBER" + the symbol.
std::string renumbered(const Seed& seed, std::size_t number) {
    std::string text = seed.text;
    const std::size_t line = text.find("Số:");
    if (line == std::string::npos) return text;
    const std::size_t symbol = text.find(seed.symbol, line);
    if (symbol == std::string::npos) return text;
    const std::size_t start = line + std::string_view("Số:").size();
    std::string out = text.substr(0, start);
    out += ' ';
    out += std::to_string(number);
    out.append(text, symbol);
    return out;
}

struct World {
    std::filesystem::path path;
    std::unique_ptr<store::Repository> repo;
    std::unique_ptr<service::RegisterService> service;
    std::vector<Seed> seeds;
    std::size_t next_number = 10000;
};

World& world() {
    static World w = [] {
        World out;
        out.path = std::filesystem::temp_directory_path() / "dondoc-ingest-bench.db";
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(out.path.string() + suffix);
        auto opened = store::open_sqlite(out.path.string());
        if (!opened) std::abort();
        out.repo = std::move(opened.value());
        out.service = std::make_unique<service::RegisterService>(
            *out.repo, domain::WorkingCalendar::vietnam());
        const auto units =
            out.service->import_demo_units(slurp(DONDOC_PROJECT_DATA "/quang-ngai/units_2024.csv"),
                                           slurp(DONDOC_PROJECT_DATA "/quang-ngai/units_2025.csv"));
        if (!units) std::abort();
        out.seeds = load_seeds();
        if (out.seeds.size() != 5) std::abort();
        return out;
    }();
    return w;
}

void ingest_batches(benchmark::State& state, bool only_004) {
    auto& w = world();
    constexpr std::size_t k_batch = 100;
    std::size_t tasks = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<service::RegisterService::SourceFile> files;
        for (std::size_t i = 0; i < k_batch; ++i) {
            const std::size_t n = w.next_number++;
            const Seed& seed = only_004 ? w.seeds[4] : w.seeds[n % w.seeds.size()];
            files.push_back({"copy-" + std::to_string(n) + ".txt", renumbered(seed, n)});
        }
        state.ResumeTiming();
        const auto results = w.service->ingest_batch(files, {});
        for (const auto& r : results) {
            if (!r) {
                state.SkipWithError(r.error().describe().c_str());
                return;
            }
            tasks += r->tasks.size();
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * k_batch));
    state.counters["tasks_per_doc"] =
        static_cast<double>(tasks) / static_cast<double>(state.iterations() * k_batch);
}

void BM_IngestSeedMix(benchmark::State& state) {
    ingest_batches(state, false);
}
BENCHMARK(BM_IngestSeedMix)->Unit(benchmark::kMillisecond)->Iterations(20);

void BM_IngestSeed004(benchmark::State& state) {
    ingest_batches(state, true);
}
BENCHMARK(BM_IngestSeed004)->Unit(benchmark::kMillisecond)->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
