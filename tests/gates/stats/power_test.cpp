// Power and sample size of the two-sample t-test: Cohen's tables (G*Power gives the same), the
// limits, and a simulation of the gate's own Welch test on logs at the minimum detectable shift.
#include "gates/stats/power.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "gates/stats/welch.h"

namespace stats = perfgate::stats;
using stats::TwoSampleDesign;

TEST_CASE("power matches Cohen's tables for effect sizes 0.5 and 0.8", "[stats][power]") {
  // Unit variance: the shift is Cohen's d. G*Power 3.1: d 0.5, n 64 -> 0.8015; d 0.8, n 26 ->
  // 0.8075; d 0.5, n 86 -> 0.9032.
  CHECK(stats::two_sample_power({64, 1.0, 0.05}, 0.5) == Approx(0.8015).margin(0.0005));
  CHECK(stats::two_sample_power({26, 1.0, 0.05}, 0.8) == Approx(0.8075).margin(0.0005));
  CHECK(stats::two_sample_power({86, 1.0, 0.05}, 0.5) == Approx(0.9032).margin(0.0005));
  CHECK(stats::two_sample_power({26, 1.0, 0.05}, -0.8) ==
        Approx(stats::two_sample_power({26, 1.0, 0.05}, 0.8)));
}

TEST_CASE("runs for power reproduce the classic sample sizes", "[stats][power]") {
  CHECK(stats::runs_for_power({2, 1.0, 0.05}, 0.5, 0.80) == 64);
  CHECK(stats::runs_for_power({2, 1.0, 0.05}, 0.8, 0.80) == 26);
  CHECK(stats::runs_for_power({2, 1.0, 0.05}, 0.5, 0.90) == 86);
  CHECK(stats::runs_for_power({2, 1.0, 0.05}, 0.5, 0.90, 50) == std::nullopt);
  CHECK(stats::runs_for_power({2, 1e-6, 0.05}, 0.5, 0.90) == 2);
}

TEST_CASE("the minimum detectable shift inverts the power", "[stats][power]") {
  const TwoSampleDesign design{5, 0.02 * 0.02, 0.05};
  const double shift = stats::minimum_detectable_shift(design, 0.9);
  CHECK(stats::two_sample_power(design, shift) == Approx(0.9).margin(1e-9));
  CHECK(shift > 0.02);  // 5 runs cannot resolve a change the size of one run's noise
  // More runs resolve smaller shifts; more noise needs larger ones.
  CHECK(stats::minimum_detectable_shift({20, design.variance, 0.05}, 0.9) < shift);
  CHECK(stats::minimum_detectable_shift({5, 4 * design.variance, 0.05}, 0.9) ==
        Approx(2 * shift).epsilon(1e-6));
}

TEST_CASE("zero variance and invalid designs", "[stats][power]") {
  CHECK(stats::two_sample_power({5, 0, 0.05}, 0.1) == 1.0);
  CHECK(stats::two_sample_power({5, 0, 0.05}, 0) == 0.05);
  CHECK(stats::two_sample_power({5, 1, 0.05}, 0) == Approx(0.05));
  CHECK(stats::minimum_detectable_shift({5, 0, 0.05}, 0.9) == 0);
  CHECK_THROWS_AS(stats::two_sample_power({1, 1, 0.05}, 0.1), std::invalid_argument);
  CHECK_THROWS_AS(stats::two_sample_power({5, -1, 0.05}, 0.1), std::invalid_argument);
  CHECK_THROWS_AS(stats::two_sample_power({5, 1, 1.5}, 0.1), std::invalid_argument);
  CHECK_THROWS_AS(stats::two_sample_power({5, 1, 0.05}, NAN), std::invalid_argument);
  CHECK_THROWS_AS(stats::minimum_detectable_shift({5, 1, 0.05}, 0.01), std::invalid_argument);
  CHECK_THROWS_AS(stats::minimum_detectable_shift({5, 1, 0.05}, 1.0), std::invalid_argument);
}

TEST_CASE("Welch on logs detects the minimum detectable shift about 90 % of the time",
          "[stats][power]") {
  // 4000 simulated A/B experiments of 5 lognormal runs per side (2 % run-to-run noise): the
  // planning formula must predict the rejection rate of the test the gate really uses.
  const TwoSampleDesign design{5, 0.02 * 0.02, 0.05};
  const double shift = stats::minimum_detectable_shift(design, 0.9);
  std::mt19937_64 generator(42);
  std::normal_distribution<double> noise(0, 0.02);
  int rejected = 0;
  const int experiments = 4000;
  for (int experiment = 0; experiment < experiments; ++experiment) {
    std::vector<double> baseline, candidate;
    for (int run = 0; run < design.runs_per_side; ++run) {
      baseline.push_back(noise(generator));
      candidate.push_back(shift + noise(generator));
    }
    if (stats::welch_t_test(candidate, baseline).p_value < design.alpha) ++rejected;
  }
  // Welch's df falls below 2n - 2 when the sample variances differ, so it is slightly less
  // powerful than Student's: allow 4 points below, 2 above (the binomial SE is 0.5 points).
  const double rate = static_cast<double>(rejected) / experiments;
  CHECK(rate > 0.86);
  CHECK(rate < 0.92);
}
