// Bootstrap intervals: determinism, degenerate inputs, coverage on simulated data with known truth,
// and the hierarchical variant keeping between-run variation.
#include "gates/stats/bootstrap.h"

#include <catch2/catch.hpp>
#include <iostream>
#include <random>
#include <stdexcept>
#include <vector>

#include "gates/stats/quantiles.h"

namespace stats = perfgate::stats;

namespace {

std::vector<double> normal_sample(std::mt19937_64& engine, double mean, double sd, int count) {
  std::normal_distribution<double> distribution(mean, sd);
  std::vector<double> values(static_cast<std::size_t>(count));
  for (double& value : values) value = distribution(engine);
  return values;
}

}  // namespace

TEST_CASE("the same seed gives the same interval", "[stats][bootstrap]") {
  const std::vector<double> baseline{101, 99, 103, 98, 100, 102, 97, 105, 99, 100};
  const std::vector<double> candidate{108, 111, 107, 112, 109, 110, 106, 113, 110, 109};
  stats::BootstrapOptions options;
  const auto first = stats::bootstrap_median_ratio(baseline, candidate, options);
  const auto second = stats::bootstrap_median_ratio(baseline, candidate, options);
  CHECK(first.low == second.low);
  CHECK(first.high == second.high);
  CHECK(first.estimate == Approx(109.5 / 100.0));
  CHECK(first.low < first.estimate);
  CHECK(first.estimate < first.high);
  CHECK(first.low > 1.0);  // a clear 9 % slowdown
  options.seed = 12345;
  const auto other_seed = stats::bootstrap_median_ratio(baseline, candidate, options);
  CHECK((other_seed.low != first.low || other_seed.high != first.high));
}

TEST_CASE("a wider confidence level gives a wider interval", "[stats][bootstrap]") {
  const std::vector<double> values{3, 9, 4, 7, 5, 8, 2, 6, 1, 10};
  stats::BootstrapOptions narrow;
  narrow.confidence = 0.5;
  const auto inner = stats::bootstrap_interval(values, stats::median_statistic(), narrow);
  const auto outer = stats::bootstrap_interval(values, stats::median_statistic());
  CHECK(outer.low <= inner.low);
  CHECK(inner.high <= outer.high);
  CHECK(outer.high - outer.low > inner.high - inner.low);
}

TEST_CASE("one value or equal values give a zero-width interval", "[stats][bootstrap]") {
  const auto single = stats::bootstrap_median_ratio(std::vector<double>{2}, std::vector<double>{3});
  CHECK(single.estimate == 1.5);
  CHECK(single.low == 1.5);
  CHECK(single.high == 1.5);
  const std::vector<double> equal{4, 4, 4, 4};
  const auto flat = stats::bootstrap_interval(equal, stats::quantile_statistic(0.9));
  CHECK(flat.low == 4);
  CHECK(flat.high == 4);
}

TEST_CASE("bootstrap rejects bad input and options", "[stats][bootstrap]") {
  const std::vector<double> good{1, 2, 3};
  CHECK_THROWS_AS(stats::bootstrap_median_ratio(std::vector<double>{}, good),
                  std::invalid_argument);
  CHECK_THROWS_WITH(stats::bootstrap_median_ratio(good, std::vector<double>{1, 0}),
                    Catch::Contains("candidate") && Catch::Contains("<= 0"));
  stats::BootstrapOptions options;
  options.resamples = 0;
  CHECK_THROWS_AS(stats::bootstrap_median_ratio(good, good, options), std::invalid_argument);
  options = {};
  options.confidence = 1.0;
  CHECK_THROWS_AS(stats::bootstrap_interval(good, stats::median_statistic(), options),
                  std::invalid_argument);
  CHECK_THROWS_AS(stats::quantile_statistic(-0.1), std::invalid_argument);
}

TEST_CASE("95 % median-ratio intervals cover the true ratio about 95 % of the time",
          "[stats][bootstrap]") {
  // Normal runs around 100 and 110 (true ratio of medians 1.1), 10 runs per side, 200 trials.
  // A percentile interval of a median from 10 runs is slightly narrow, so accept 90-99 %.
  std::mt19937_64 engine(2024);
  constexpr int kTrials = 200;
  int covered = 0;
  stats::BootstrapOptions options;
  for (int trial = 0; trial < kTrials; ++trial) {
    const auto baseline = normal_sample(engine, 100, 3, 10);
    const auto candidate = normal_sample(engine, 110, 3.3, 10);
    options.seed = static_cast<std::uint64_t>(trial);
    const auto interval = stats::bootstrap_median_ratio(baseline, candidate, options);
    if (interval.low <= 1.1 && 1.1 <= interval.high) ++covered;
  }
  std::cout << "median-ratio 95 % bootstrap interval covered the truth in " << covered << " of "
            << kTrials << " trials\n";
  CHECK(covered >= 180);
  CHECK(covered <= 198);
}

TEST_CASE("hierarchical bootstrap keeps between-run variation", "[stats][bootstrap]") {
  // Five runs whose levels differ by a few percent, each with 200 values of small noise. Pooling
  // all values as independent gives a far narrower interval than resampling runs first.
  std::mt19937_64 engine(7);
  std::vector<std::vector<double>> runs;
  for (double level : {100.0, 104.0, 97.0, 102.0, 95.0}) {
    runs.push_back(normal_sample(engine, level, 1.0, 200));
  }
  std::vector<double> pooled;
  for (const auto& run : runs) pooled.insert(pooled.end(), run.begin(), run.end());
  const auto statistic = stats::median_statistic();
  const auto hierarchical = stats::hierarchical_bootstrap_interval(runs, statistic);
  const auto flat = stats::bootstrap_interval(pooled, statistic);
  CHECK(hierarchical.estimate == Approx(stats::median(pooled)));
  CHECK(hierarchical.high - hierarchical.low > 4 * (flat.high - flat.low));
  const auto again = stats::hierarchical_bootstrap_interval(runs, statistic);
  CHECK(again.low == hierarchical.low);
  CHECK(again.high == hierarchical.high);
}

TEST_CASE("hierarchical ratio of p99 detects a shift and validates runs", "[stats][bootstrap]") {
  std::mt19937_64 engine(11);
  std::vector<std::vector<double>> baseline;
  std::vector<std::vector<double>> candidate;
  for (int run = 0; run < 8; ++run) {
    baseline.push_back(normal_sample(engine, 100, 5, 100));
    candidate.push_back(normal_sample(engine, 120, 6, 100));
  }
  stats::BootstrapOptions options;
  options.resamples = 500;
  const auto interval = stats::hierarchical_bootstrap_ratio(
      baseline, candidate, stats::quantile_statistic(0.99), options);
  CHECK(interval.low > 1.05);
  CHECK(interval.high < 1.4);
  candidate[1].clear();
  CHECK_THROWS_WITH(
      stats::hierarchical_bootstrap_ratio(baseline, candidate, stats::median_statistic(), options),
      Catch::Contains("candidate run 1"));
  CHECK_THROWS_AS(stats::hierarchical_bootstrap_interval({}, stats::median_statistic()),
                  std::invalid_argument);
}
