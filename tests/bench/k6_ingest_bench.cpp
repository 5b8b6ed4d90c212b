// Ingest speed of the k6 import (one core): a ~64 MiB file made by repeating the Point lines of
// a real k6 run (tests/fixtures/k6/groups-checks-thresholds), imported end to end from the page
// cache. Bytes/s is the figure docs/performance.md quotes (target: >= 200 MB/s for NDJSON).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "adapters/k6/k6_import.h"
#include "tests/support/test_support.h"

namespace {

constexpr size_t kTargetBytes = size_t{64} << 20;

// Metric lines once, then the Point lines again and again (every line stays a real k6 line).
std::string repeated_fixture(const std::string& name) {
  std::ifstream in(perfgate::testing::fixtures_dir() / "k6" / name);
  std::string header, body, line;
  std::getline(in, header);  // CSV header or the first NDJSON line
  header += '\n';
  while (std::getline(in, line)) {
    if (line.find("\"type\":\"Metric\"") != std::string::npos)
      header += line + '\n';
    else
      body += line + '\n';
  }
  std::string text = header;
  while (text.size() < kTargetBytes) text += body;
  return text;
}

const std::string& scratch_file(const std::string& fixture) {
  static std::map<std::string, std::string> paths;
  auto [found, inserted] = paths.try_emplace(fixture);
  if (inserted) {
    found->second =
        (std::filesystem::temp_directory_path() / ("perfgate-k6-bench-" + fixture)).string();
    std::ofstream(found->second, std::ios::binary) << repeated_fixture(fixture);
  }
  return found->second;
}

void import_repeatedly(benchmark::State& state, const std::string& fixture) {
  const std::string& path = scratch_file(fixture);
  const auto bytes = static_cast<int64_t>(std::filesystem::file_size(path));
  for (auto _ : state) {
    perfgate::k6::ImportedFile imported = perfgate::k6::import_k6_file(path);
    benchmark::DoNotOptimize(imported.run.metrics.data());
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_K6ImportNdjson(benchmark::State& state) {
  import_repeatedly(state, "groups-checks-thresholds.ndjson");
}
BENCHMARK(BM_K6ImportNdjson)->Unit(benchmark::kMillisecond)->MinTime(2);

void BM_K6ImportCsv(benchmark::State& state) {
  import_repeatedly(state, "groups-checks-thresholds.csv");
}
BENCHMARK(BM_K6ImportCsv)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace
