#include "synthetic_suite.h"

#include <cmath>
#include <random>

namespace perfgate::testing {
namespace {

constexpr int kValuesPerRun = 1000;

Histogram latency_histogram(const SyntheticRequest& request, double run_factor) {
  Histogram histogram;
  for (int i = 0; i < kValuesPerRun; ++i) {
    double value = request.median_ns * (0.5 + static_cast<double>(i) / kValuesPerRun);
    if (i >= kValuesPerRun * 98 / 100) value *= request.tail_factor;
    histogram.record(static_cast<std::uint64_t>(value * run_factor));
  }
  return histogram;
}

}  // namespace

SuiteResult synthetic_suite(const SyntheticSide& side) {
  std::mt19937_64 random(side.seed);
  std::normal_distribution<double> log_noise(0, side.noise);
  ScenarioResult scenario{.name = "browse", .adapter = "native"};
  for (int index = 0; index < side.runs; ++index) {
    RunResult run{.index = index};
    for (const SyntheticRequest& request : side.requests)
      run.add({.name = "latency",
               .unit = "ns",
               .tags = {{"request", request.name}},
               .histogram = latency_histogram(request, std::exp(log_noise(random)))});
    run.add({.name = "throughput",
             .unit = "1/s",
             .value = side.throughput_per_s * std::exp(log_noise(random))});
    run.add({.name = "error_rate", .unit = "ratio", .value = side.error_rate(index)});
    scenario.runs.push_back(std::move(run));
  }
  return SuiteResult{.suite = "synthetic", .scenarios = {std::move(scenario)}};
}

}  // namespace perfgate::testing
