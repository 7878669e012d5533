// Reading received files: DOCX (documents/s), the PDF text layer (pages/s)
// and OCR (seconds per page), over the copies in tests/data/read/formats.
//   build/release/bench/source_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "read/reader.h"
#include "read/source.h"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every file of the formats folder with this extension, but for scans.
std::vector<std::string> files(const std::string& ext) {
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(fs::path(DONDOC_TEST_DATA) / "read/formats")) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() == ext && name.find(".scan.") == std::string::npos) {
            paths.push_back(entry.path());
        }
    }
    std::sort(paths.begin(), paths.end());
    std::vector<std::string> out;
    for (const auto& p : paths) out.push_back(slurp(p));
    return out;
}

void run(benchmark::State& state, const std::vector<std::string>& docs, bool read_record) {
    std::size_t bytes = 0;
    std::size_t pages = 0;
    for (auto _ : state) {
        for (const auto& doc : docs) {
            auto source = dondoc::read::to_text(doc);
            if (!source) {
                state.SkipWithError(source.error().describe().c_str());
                return;
            }
            pages += source->pages;
            if (read_record) {
                auto record = dondoc::read::read_document(source->text);
                benchmark::DoNotOptimize(record);
            }
            benchmark::DoNotOptimize(source);
            bytes += doc.size();
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
    state.counters["documents/s"] = benchmark::Counter(
        static_cast<double>(state.iterations() * docs.size()), benchmark::Counter::kIsRate);
    if (pages > 0) {
        state.counters["pages/s"] =
            benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsRate);
    }
}

void docx_to_text(benchmark::State& state) {
    static const auto docs = files(".docx");
    run(state, docs, false);
}
BENCHMARK(docx_to_text)->Unit(benchmark::kMicrosecond);

void docx_to_record(benchmark::State& state) {
    static const auto docs = files(".docx");
    run(state, docs, true);
}
BENCHMARK(docx_to_record)->Unit(benchmark::kMicrosecond);

void pdf_text_layer(benchmark::State& state) {
    static const auto docs = files(".pdf");
    run(state, docs, false);
}
BENCHMARK(pdf_text_layer)->Unit(benchmark::kMillisecond);

// One scanned A4 page at 300 dpi (PNG), and the two-page scanned PDF
// (rendered at 300 dpi, then OCR).
void ocr_png_page(benchmark::State& state) {
    static const std::vector<std::string> docs = {
        slurp(fs::path(DONDOC_TEST_DATA) / "read/formats/seed_000.scan.png")};
    run(state, docs, false);
}
BENCHMARK(ocr_png_page)->Unit(benchmark::kSecond)->Iterations(3);

void ocr_scanned_pdf(benchmark::State& state) {
    static const std::vector<std::string> docs = {
        slurp(fs::path(DONDOC_TEST_DATA) / "read/formats/seed_000.scan.pdf")};
    run(state, docs, false);
}
BENCHMARK(ocr_scanned_pdf)->Unit(benchmark::kSecond)->Iterations(2);

// The scanned PDFs of the five seeds (10 pages), once: seconds per page over
// pages of different density (CPU time: run with OMP_THREAD_LIMIT=1).
void ocr_scanned_seeds(benchmark::State& state) {
    static const auto docs = [] {
        std::vector<std::string> out;
        for (int k = 0; k < 5; ++k) {
            out.push_back(slurp(fs::path(DONDOC_TEST_DATA) /
                                ("read/formats/seed_00" + std::to_string(k) + ".scan.pdf")));
        }
        return out;
    }();
    run(state, docs, false);
    state.counters["s/page"] = benchmark::Counter(
        state.counters["pages/s"].value, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(ocr_scanned_seeds)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
