// assess_noise on hand-made A/A values: coefficients of variation, the power-based threshold and
// the repetitions, checked against the statistics they come from.
#include "harness/calibrate/noise.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "gates/compare/verdict.h"
#include "gates/stats/power.h"

using namespace perfgate;
using calibrate::MetricRuns;
using calibrate::Targets;

namespace {

// Values whose logs are centre +- spread in turn: log variance spread^2 * n / (n - 1).
MetricRuns alternating(const std::string& name, double centre, double spread, int runs) {
  MetricRuns metric{name, "ns", {}};
  for (int run = 0; run < runs; ++run)
    metric.values.push_back(centre * std::exp(run % 2 == 0 ? spread : -spread));
  return metric;
}

}  // namespace

TEST_CASE("coefficient of variation and log variance of each metric", "[calibrate]") {
  const MetricRuns runs{"latency.p50", "ns", {90, 100, 110}};
  const auto report = calibrate::assess_noise({runs}, Targets{});
  REQUIRE(report.metrics.size() == 1);
  const auto& noise = report.metrics[0];
  CHECK(noise.runs == 3);
  CHECK(noise.mean == Approx(100));
  CHECK(noise.coefficient_of_variation == Approx(0.1));  // stdev 10 / mean 100
  const double mean_log = (std::log(90) + std::log(100) + std::log(110)) / 3;
  const double variance =
      (std::pow(std::log(90) - mean_log, 2) + std::pow(std::log(100) - mean_log, 2) +
       std::pow(std::log(110) - mean_log, 2)) /
      2;
  CHECK(noise.log_variance == Approx(variance));
}

TEST_CASE("the threshold is the noisiest metric's detectable change, rounded up", "[calibrate]") {
  const Targets targets{};  // 5 %, alpha 0.05, power 90 %, 5 planned runs
  const auto quiet = alternating("latency.p50", 1e5, 0.005, 10);
  const auto noisy = alternating("latency.p99", 1e6, 0.03, 10);
  const auto report = calibrate::assess_noise({quiet, noisy}, targets);
  const double noisy_variance = report.metrics[1].log_variance;
  const double expected =
      std::expm1(stats::minimum_detectable_shift({5, noisy_variance, 0.05}, 0.9));
  CHECK(report.metrics[1].detectable_change == Approx(expected));
  CHECK(report.metrics[0].detectable_change < report.metrics[1].detectable_change);
  CHECK(report.recommendation.threshold >= expected);
  CHECK(report.recommendation.threshold < expected + 0.005 + 1e-12);
  const double half_percents = report.recommendation.threshold * 200;
  CHECK(half_percents == Approx(std::round(half_percents)).margin(1e-9));
}

TEST_CASE("repetitions meet both the power and the gate's unchanged rule", "[calibrate]") {
  const Targets targets{};
  const auto noisy = alternating("latency.p99", 1e6, 0.04, 10);
  const auto report = calibrate::assess_noise({noisy}, targets);
  const double variance = report.metrics[0].log_variance;
  const auto by_power = stats::runs_for_power({2, variance, 0.05}, std::log1p(0.05), 0.9);
  const auto by_gate = gates::repetitions_needed(variance, variance, 0.05, 0.95, 5);
  REQUIRE(by_power);
  REQUIRE(by_gate);
  REQUIRE(report.recommendation.repetitions);
  CHECK(*report.recommendation.repetitions == std::max({*by_power, *by_gate, 5}));
  CHECK(*report.recommendation.repetitions > 5);  // 4 % noise needs more than the default
}

TEST_CASE("a quiet machine keeps the gate's minimum repetitions", "[calibrate]") {
  const auto quiet = alternating("throughput", 20000, 0.001, 10);
  const auto report = calibrate::assess_noise({quiet}, Targets{});
  CHECK(report.recommendation.repetitions == 5);
  CHECK(report.recommendation.threshold == Approx(0.005));
}

TEST_CASE("hopeless noise recommends no repetition count and says why", "[calibrate]") {
  const auto wild = alternating("latency.p99", 1e6, 3.0, 10);
  const auto report = calibrate::assess_noise({wild}, Targets{});
  CHECK_FALSE(report.recommendation.repetitions);
  CHECK(calibrate::render_noise_report(report).find("quiet the machine") != std::string::npos);
}

TEST_CASE("the text report names every metric and the recommendation", "[calibrate]") {
  const auto report = calibrate::assess_noise(
      {alternating("latency.p50", 45000, 0.01, 10), {"throughput", "1/s", {20000, 20100, 19900}}},
      Targets{});
  const std::string text = calibrate::render_noise_report(report);
  CHECK(text.find("latency.p50") != std::string::npos);
  CHECK(text.find("45") != std::string::npos);
  CHECK(text.find("\xC2\xB5s") != std::string::npos);  // µs
  CHECK(text.find("20 000/s") != std::string::npos);
  CHECK(text.find("threshold:") != std::string::npos);
  CHECK(text.find("repetitions: ") != std::string::npos);
}

TEST_CASE("invalid runs and targets are rejected", "[calibrate]") {
  CHECK_THROWS_AS(calibrate::assess_noise({{"x", "ns", {1}}}, Targets{}), std::invalid_argument);
  CHECK_THROWS_AS(calibrate::assess_noise({{"x", "ns", {1, 0}}}, Targets{}), std::invalid_argument);
  CHECK_THROWS_AS(calibrate::assess_noise({{"x", "ns", {1, NAN}}}, Targets{}),
                  std::invalid_argument);
  Targets bad;
  bad.power = 0.01;
  CHECK_THROWS_AS(calibrate::assess_noise({{"x", "ns", {1, 2}}}, bad), std::invalid_argument);
}
