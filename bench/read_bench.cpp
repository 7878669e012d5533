// Reading throughput: the five seeds (documents/s and MB/s), and large
// synthetic directives (1, 4 and 10 MB) to show the cost stays linear.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "read/reader.h"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::vector<std::string>& seeds() {
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> out;
        for (int i = 0; i < 5; ++i) {
            out.push_back(slurp(fs::path(DONDOC_TEST_DATA) / "read/seeds" /
                                ("seed_00" + std::to_string(i) + ".txt")));
        }
        return out;
    }();
    return texts;
}

// A directive of about `bytes`: seed 004's header and tail around its
// numbered items repeated with new numbers, so every part of the reader works.
std::string large_directive(std::size_t bytes) {
    const std::string& seed = seeds()[4];
    const std::size_t body_begin = seed.find("1. Yêu cầu");
    const std::size_t body_end =
        seed.find("Yêu cầu Thủ trưởng các cơ quan, đơn vị, địa phương khẩn");
    const std::string head = seed.substr(0, body_begin);
    const std::string items = seed.substr(body_begin, body_end - body_begin);
    const std::string tail = seed.substr(body_end);
    std::string out = head;
    // The two items without their numbers; numbering restarts every 50
    // items, as in a long plan's sections.
    const std::size_t second = items.find("\n2. ");
    const std::string first_item = items.substr(1, second + 1 - 1);
    const std::string second_item = items.substr(second + 2);
    for (int n = 0; out.size() < bytes; ++n) {
        out += std::to_string(2 * (n % 25) + 1);
        out += first_item;
        out += std::to_string(2 * (n % 25) + 2);
        out += second_item;
    }
    return out + tail;
}

void BM_ReadSeeds(benchmark::State& state) {
    std::size_t bytes = 0;
    for (const auto& s : seeds()) bytes += s.size();
    for (auto _ : state) {
        for (const auto& s : seeds()) {
            auto record = dondoc::read::read_document(s);
            benchmark::DoNotOptimize(record);
        }
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
    state.counters["documents/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * seeds().size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadSeeds)->Unit(benchmark::kMicrosecond);

void BM_ReadLarge(benchmark::State& state) {
    const std::string text = large_directive(static_cast<std::size_t>(state.range(0)) << 20);
    dondoc::read::ReadLimits limits;
    limits.max_tasks = 1u << 30;
    limits.max_references = 1u << 30;
    std::size_t tasks = 0;
    for (auto _ : state) {
        auto record = dondoc::read::read_document(text, limits);
        tasks = record.ok() ? record->tasks.size() : 0;
        benchmark::DoNotOptimize(record);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
    state.counters["tasks"] = static_cast<double>(tasks);
}
BENCHMARK(BM_ReadLarge)->Arg(1)->Arg(4)->Arg(10)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
