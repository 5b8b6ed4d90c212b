// The gate's statistical cost: bootstrap intervals for a whole suite must take < 1 s on one core.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "gates/stats/bootstrap.h"

namespace {

struct Comparison {
  std::vector<double> baseline;
  std::vector<double> candidate;
};

// 50 scenarios x 5 metrics, 10 run values per side with a few percent of noise.
std::vector<Comparison> suite_of_comparisons() {
  std::mt19937_64 engine(42);
  std::normal_distribution<double> noise(1.0, 0.03);
  std::vector<Comparison> comparisons(50 * 5);
  for (auto& comparison : comparisons) {
    for (int run = 0; run < 10; ++run) {
      comparison.baseline.push_back(1000 * noise(engine));
      comparison.candidate.push_back(1020 * noise(engine));
    }
  }
  return comparisons;
}

void BM_BootstrapMedianRatioSuite(benchmark::State& state) {
  const auto comparisons = suite_of_comparisons();
  perfgate::stats::BootstrapOptions options;  // 2000 resamples, 95 %
  for (auto _ : state) {
    for (const auto& comparison : comparisons) {
      auto interval = perfgate::stats::bootstrap_median_ratio(comparison.baseline,
                                                              comparison.candidate, options);
      benchmark::DoNotOptimize(interval);
    }
  }
  state.counters["intervals"] = static_cast<double>(comparisons.size());
}
BENCHMARK(BM_BootstrapMedianRatioSuite)->Unit(benchmark::kMillisecond);

// One hierarchical interval of the p99 ratio: 10 runs per side of 1000 raw values each.
void BM_HierarchicalP99Ratio(benchmark::State& state) {
  std::mt19937_64 engine(43);
  std::lognormal_distribution<double> latency(0.0, 0.5);
  std::vector<std::vector<double>> baseline(10, std::vector<double>(1000));
  std::vector<std::vector<double>> candidate(10, std::vector<double>(1000));
  for (auto* side : {&baseline, &candidate}) {
    for (auto& run : *side) {
      for (double& value : run) value = latency(engine);
    }
  }
  const auto p99 = perfgate::stats::quantile_statistic(0.99);
  for (auto _ : state) {
    auto interval = perfgate::stats::hierarchical_bootstrap_ratio(baseline, candidate, p99);
    benchmark::DoNotOptimize(interval);
  }
}
BENCHMARK(BM_HierarchicalP99Ratio)->Unit(benchmark::kMillisecond);

}  // namespace
