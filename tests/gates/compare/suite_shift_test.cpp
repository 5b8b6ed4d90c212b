// Suite-wide shift: most metrics moving together by a similar factor is the machine, not the
// code; the gate says so once and judges each metric relative to the common factor.
#include "gates/compare/suite_shift.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "gates/compare/compare.h"

namespace gates = perfgate::gates;
using gates::Verdict;
using perfgate::Metric;
using perfgate::RunResult;
using perfgate::ScenarioResult;
using perfgate::SuiteResult;

namespace {

// One scenario per factor, 10 runs each of `metric` = 1000 * factor * 1 % lognormal noise.
SuiteResult suite_of(const std::vector<double>& factors, unsigned seed,
                     const std::string& metric = "real_time") {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> noise(0, 0.01);
  SuiteResult suite;
  for (size_t i = 0; i < factors.size(); ++i) {
    ScenarioResult& scenario = suite.scenarios.emplace_back();
    scenario.name = "bench_" + std::to_string(i);
    for (int run = 0; run < 10; ++run) {
      RunResult& result = scenario.runs.emplace_back();
      result.index = run;
      result.add(Metric{.name = metric, .value = 1000 * factors[i] * std::exp(noise(random))});
    }
  }
  return suite;
}

gates::GatePolicy policy_for(const std::string& metric = "real_time") {
  gates::GatePolicy policy;
  policy.metrics = {{metric, gates::Statistic::value}};
  return policy;
}

int count(const gates::GateResult& result, Verdict verdict) {
  int n = 0;
  for (const auto& comparison : result.comparisons) n += comparison.verdict == verdict;
  return n;
}

}  // namespace

TEST_CASE("a slower runner (every metric +20 %) is one suite-wide shift, not 20 regressions",
          "[gates][suite-shift]") {
  std::vector<double> slower(20, 1.20);
  auto result =
      gates::compare(suite_of(std::vector<double>(20, 1.0), 1), suite_of(slower, 2), policy_for());
  REQUIRE(result.suite_shift);
  CHECK(result.suite_shift->ratio == Approx(1.20).epsilon(0.01));
  CHECK(result.suite_shift->metrics_moved == 20);
  CHECK(result.suite_shift->metrics_total == 20);
  CHECK_THAT(result.suite_shift->sentence, Catch::Matchers::Contains("20 of 20 metrics"));
  // The common factor as every report writes a change (units.h format_change).
  CHECK_THAT(result.suite_shift->sentence,
             Catch::Matchers::Matches(".* by about \\+(19|20)\\.[0-9] % \\(for the worse.*"));
  CHECK(count(result, Verdict::regression) == 0);
  CHECK(result.verdict == gates::GateVerdict::pass);
  for (const auto& comparison : result.comparisons) {
    REQUIRE(comparison.measured_change);
    CHECK(comparison.measured_change->ratio == Approx(1.20).epsilon(0.02));
    CHECK(comparison.change.ratio == Approx(1.0).margin(0.02));
  }
}

TEST_CASE("a metric that moved well beyond the common factor is still a regression",
          "[gates][suite-shift]") {
  std::vector<double> slower(20, 1.20);
  slower[7] = 1.20 * 1.15;
  auto result =
      gates::compare(suite_of(std::vector<double>(20, 1.0), 3), suite_of(slower, 4), policy_for());
  REQUIRE(result.suite_shift);
  REQUIRE(count(result, Verdict::regression) == 1);
  for (const auto& comparison : result.comparisons) {
    if (comparison.key.scenario != "bench_7") continue;
    CHECK(comparison.verdict == Verdict::regression);
    CHECK(comparison.change.ratio == Approx(1.15).epsilon(0.02));
  }
  CHECK(result.verdict == gates::GateVerdict::fail);
}

TEST_CASE("a few regressed metrics are not a suite-wide shift", "[gates][suite-shift]") {
  std::vector<double> factors(20, 1.0);
  for (int i : {2, 5, 9, 14}) factors[i] = 1.20;  // 4 of 20: a minority
  auto result =
      gates::compare(suite_of(std::vector<double>(20, 1.0), 5), suite_of(factors, 6), policy_for());
  CHECK_FALSE(result.suite_shift);
  CHECK(count(result, Verdict::regression) == 4);
  for (const auto& comparison : result.comparisons) CHECK_FALSE(comparison.measured_change);
}

TEST_CASE("higher-is-better metrics count in their own direction", "[gates][suite-shift]") {
  // A slower machine: throughput falls by a sixth (1/1.2) everywhere.
  std::vector<double> slower(12, 1 / 1.20);
  auto result = gates::compare(suite_of(std::vector<double>(12, 1.0), 7, "throughput"),
                               suite_of(slower, 8, "throughput"), policy_for("throughput"));
  REQUIRE(result.suite_shift);
  CHECK(result.suite_shift->ratio == Approx(1.20).epsilon(0.01));  // +20 % = worse
  CHECK(count(result, Verdict::regression) == 0);
}

TEST_CASE("no shift is declared with few metrics, a small common move, or scattered moves",
          "[gates][suite-shift]") {
  SECTION("five metrics are too few to tell a machine from a change") {
    auto result = gates::compare(suite_of(std::vector<double>(5, 1.0), 9),
                                 suite_of(std::vector<double>(5, 1.2), 10), policy_for());
    CHECK_FALSE(result.suite_shift);
    CHECK(count(result, Verdict::regression) == 5);
  }
  SECTION("a common move below the threshold is left to the per-metric verdicts") {
    auto result = gates::compare(suite_of(std::vector<double>(20, 1.0), 11),
                                 suite_of(std::vector<double>(20, 1.03), 12), policy_for());
    CHECK_FALSE(result.suite_shift);
  }
  SECTION("metrics moving by very different factors did not move together") {
    std::vector<double> scattered;
    for (int i = 0; i < 20; ++i) scattered.push_back(i % 2 ? 1.10 : 1.60);
    auto result = gates::compare(suite_of(std::vector<double>(20, 1.0), 13),
                                 suite_of(scattered, 14), policy_for());
    CHECK_FALSE(result.suite_shift);
  }
}
