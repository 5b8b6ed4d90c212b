// JTL CSV ingest speed: a synthetic JMeter 5.x default CSV (17 columns, 8 labels, 2 % failures,
// quoted messages on transaction rows) imported from memory and from a file in the page cache.
// docs/performance.md quotes the bytes/s figures of a Release build, next to awk over the same
// file. Writes the file it reads to $TMPDIR/perfgate-jtl-bench.jtl (kept, for the awk comparison).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "adapters/jmeter/jtl_import.h"

namespace {

constexpr int kRows = 400'000;

std::string synthetic_jtl() {
  std::mt19937_64 random(42);
  std::string text =
      "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
      "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n";
  int64_t time_ms = 1'700'000'000'000;
  for (int row = 0; row < kRows; ++row) {
    time_ms += static_cast<int64_t>(random() % 3);
    const int label = static_cast<int>(random() % 8);
    const int elapsed = 5 + static_cast<int>(random() % 400);
    const bool failed = random() % 50 == 0;
    const bool transaction = row % 100 == 99;
    text += std::to_string(time_ms) + ',' + std::to_string(elapsed) + ',' +
            (transaction ? "checkout" : "GET /api/items/" + std::to_string(label)) + ',' +
            (failed ? "500" : "200") + ',' +
            (transaction ? "\"Number of samples in transaction : 3, number of failing samples : 0\""
                         : (failed ? "Internal Server Error" : "OK")) +
            ",Thread Group 1-" + std::to_string(1 + label) + ",text," +
            (failed ? "false" : "true") + ",," + std::to_string(1000 + label * 13) +
            ",187,16,16,http://127.0.0.1:8080/api/items," + std::to_string(elapsed - 2) + ",0," +
            std::to_string(row % 50 ? 0 : 1) + '\n';
  }
  return text;
}

const std::string& jtl_text() {
  static const std::string text = synthetic_jtl();
  return text;
}

void BM_JtlCsvImportFromMemory(benchmark::State& state) {
  const std::string& text = jtl_text();
  for (auto _ : state) {
    perfgate::RunResult run = perfgate::jmeter::import_jtl_text(text, "bench.jtl");
    benchmark::DoNotOptimize(run);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
  state.counters["rows_per_second"] =
      benchmark::Counter(static_cast<double>(kRows) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_JtlCsvImportFromMemory)->Unit(benchmark::kMillisecond);

void BM_JtlCsvImportFromFile(benchmark::State& state) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "perfgate-jtl-bench.jtl";
  std::ofstream(path, std::ios::binary) << jtl_text();
  for (auto _ : state) {
    perfgate::RunResult run = perfgate::jmeter::import_jtl_file(path);
    benchmark::DoNotOptimize(run);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(jtl_text().size()));
}
BENCHMARK(BM_JtlCsvImportFromFile)->Unit(benchmark::kMillisecond);

}  // namespace
