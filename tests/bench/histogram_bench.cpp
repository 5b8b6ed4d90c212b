// Histogram costs that matter: record() sits in the load generator's inner loop; the others run
// once per run or per report.
#include <cmath>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "core/model/histogram.h"

using perfgate::Histogram;

namespace {

// Latencies around 1 ms with a heavy right tail, like a real service.
std::vector<uint64_t> lognormal_latencies_ns(size_t count, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::lognormal_distribution<double> latency(std::log(1e6), 0.8);
  std::vector<uint64_t> values(count);
  for (uint64_t& value : values) value = static_cast<uint64_t>(latency(random));
  return values;
}

Histogram histogram_of(const std::vector<uint64_t>& values) {
  Histogram histogram;
  for (const uint64_t value : values) histogram.record(value);
  return histogram;
}

const std::vector<uint64_t>& million_latencies() {
  static const std::vector<uint64_t> values = lognormal_latencies_ns(1'000'000, 1);
  return values;
}

void BM_Record(benchmark::State& state) {
  // 16 K values (128 KiB) stay in cache, so this measures record() and not memory.
  const std::vector<uint64_t> values = lognormal_latencies_ns(16 * 1024, 2);
  Histogram histogram;
  for (auto _ : state) {
    for (const uint64_t value : values) histogram.record(value);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(histogram.count());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(values.size()));
  // Shown with an SI prefix, e.g. "2.1ns": CPU time per recorded value.
  state.counters["time_per_record"] = benchmark::Counter(
      static_cast<double>(values.size()),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Record);

void BM_ValueAtPercentile(benchmark::State& state) {
  const Histogram histogram = histogram_of(million_latencies());
  for (auto _ : state) benchmark::DoNotOptimize(histogram.value_at_percentile(99.9));
}
BENCHMARK(BM_ValueAtPercentile);

void BM_Merge(benchmark::State& state) {
  const Histogram part = histogram_of(million_latencies());
  for (auto _ : state) {
    Histogram merged = part;
    merged.merge(part);
    benchmark::DoNotOptimize(merged.count());
  }
}
BENCHMARK(BM_Merge);

void BM_Encode(benchmark::State& state) {
  const Histogram histogram = histogram_of(million_latencies());
  for (auto _ : state) benchmark::DoNotOptimize(histogram.encode());
  state.counters["bytes"] = static_cast<double>(histogram.encode().size());
}
BENCHMARK(BM_Encode);

void BM_Decode(benchmark::State& state) {
  const std::string text = histogram_of(million_latencies()).encode();
  for (auto _ : state) benchmark::DoNotOptimize(Histogram::decode(text));
}
BENCHMARK(BM_Decode);

}  // namespace
