// decide_verdict() branch by branch, and repetitions_needed() against its definition.
#include "gates/compare/verdict.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "gates/stats/welch.h"

namespace gates = perfgate::gates;
using gates::Change;
using gates::Direction;
using gates::Verdict;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct VerdictCase {
  const char* what;
  int runs;
  Direction direction;
  Change change;
  double p_adjusted;
  Verdict expected;
};

constexpr auto lower = Direction::lower_is_better;
constexpr auto higher = Direction::higher_is_better;

// Default policy: alpha 0.05, threshold 5 %, min_repetitions 5.
const VerdictCase kCases[] = {
    {"too few runs wins over everything", 4, lower, {1.5, 1.4, 1.6}, 1e-6, Verdict::inconclusive},
    {"significant slowdown beyond threshold",
     10,
     lower,
     {1.10, 1.07, 1.13},
     1e-4,
     Verdict::regression},
    {"significant speedup beyond threshold",
     10,
     lower,
     {0.90, 0.87, 0.93},
     1e-4,
     Verdict::improvement},
    {"throughput drop is a regression", 10, higher, {0.90, 0.87, 0.93}, 1e-4, Verdict::regression},
    {"throughput gain is an improvement",
     10,
     higher,
     {1.10, 1.07, 1.13},
     1e-4,
     Verdict::improvement},
    {"significant but small change is unchanged",
     10,
     lower,
     {1.02, 1.01, 1.03},
     1e-4,
     Verdict::unchanged},
    {"big change without significance is inconclusive",
     10,
     lower,
     {1.10, 0.98, 1.22},
     0.2,
     Verdict::inconclusive},
    {"adjusted p at alpha is not significant",
     10,
     lower,
     {1.10, 0.99, 1.21},
     0.05,
     Verdict::inconclusive},
    {"narrow interval around 1 is unchanged",
     10,
     lower,
     {1.0, 0.98, 1.02},
     0.9,
     Verdict::unchanged},
    {"interval touching the threshold is still inside",
     10,
     lower,
     {1.0, 0.95, 1.05},
     0.9,
     Verdict::unchanged},
    {"wide interval is inconclusive", 10, lower, {1.0, 0.9, 1.1}, 0.9, Verdict::inconclusive},
    {"NaN interval is inconclusive", 10, lower, {1.0, kNaN, kNaN}, 1, Verdict::inconclusive},
    {"zero baseline, significant increase",
     10,
     lower,
     {kInfinity, kInfinity, kInfinity},
     1e-3,
     Verdict::regression},
    {"zero baseline, unclear increase",
     10,
     lower,
     {kInfinity, -kInfinity, kInfinity},
     0.4,
     Verdict::inconclusive},
};

}  // namespace

TEST_CASE("decide_verdict: each branch", "[gates][verdict]") {
  const gates::GatePolicy policy;
  for (const VerdictCase& c : kCases) {
    INFO(c.what);
    const gates::VerdictInputs inputs{c.runs, c.runs, c.direction, c.change, c.p_adjusted};
    CHECK(gates::decide_verdict(inputs, policy) == c.expected);
  }
}

TEST_CASE("decide_verdict: the smaller side decides the run count", "[gates][verdict]") {
  const gates::GatePolicy policy;
  const gates::VerdictInputs inputs{10, 4, lower, {1.0, 0.99, 1.01}, 0.9};
  CHECK(gates::decide_verdict(inputs, policy) == Verdict::inconclusive);
}

TEST_CASE("decide_verdict follows the policy's threshold and alpha", "[gates][verdict]") {
  gates::GatePolicy policy;
  policy.threshold = 0.15;
  const gates::VerdictInputs slowdown{10, 10, lower, {1.10, 1.07, 1.13}, 1e-4};
  CHECK(gates::decide_verdict(slowdown, policy) == Verdict::unchanged);
  policy.threshold = 0.05;
  policy.alpha = 1e-5;
  CHECK(gates::decide_verdict(slowdown, policy) == Verdict::inconclusive);
}

TEST_CASE("decide_verdict: a different machine is inconclusive only when the policy says so",
          "[gates][verdict][environment]") {
  gates::GatePolicy policy;
  gates::VerdictInputs slowdown{10, 10, lower, {1.10, 1.07, 1.13}, 1e-4};
  slowdown.environment_differs = true;
  for (auto action : {gates::EnvironmentChangeAction::warn, gates::EnvironmentChangeAction::fail,
                      gates::EnvironmentChangeAction::ignore}) {
    policy.on_environment_change = action;
    CHECK(gates::decide_verdict(slowdown, policy) == Verdict::regression);
  }
  policy.on_environment_change = gates::EnvironmentChangeAction::inconclusive;
  CHECK(gates::decide_verdict(slowdown, policy) == Verdict::inconclusive);
  slowdown.environment_differs = false;
  CHECK(gates::decide_verdict(slowdown, policy) == Verdict::regression);
}

TEST_CASE("decide_gate_verdict: a regression, a breached rule or fail on a different machine",
          "[gates][verdict]") {
  gates::GatePolicy policy;
  std::vector<gates::Comparison> comparisons(2);
  comparisons[0].verdict = Verdict::unchanged;
  comparisons[1].verdict = Verdict::improvement;
  std::vector<perfgate::sla::SlaResult> slas(1);
  slas[0].outcome = perfgate::sla::SlaOutcome::pass;
  CHECK(gates::decide_gate_verdict(comparisons, slas, false, policy) == gates::GateVerdict::pass);
  CHECK(gates::decide_gate_verdict(comparisons, slas, true, policy) == gates::GateVerdict::pass);
  policy.on_environment_change = gates::EnvironmentChangeAction::fail;
  CHECK(gates::decide_gate_verdict(comparisons, slas, false, policy) == gates::GateVerdict::pass);
  CHECK(gates::decide_gate_verdict(comparisons, slas, true, policy) == gates::GateVerdict::fail);
  policy.on_environment_change = gates::EnvironmentChangeAction::warn;
  slas[0].outcome = perfgate::sla::SlaOutcome::breach;
  CHECK(gates::decide_gate_verdict(comparisons, slas, false, policy) == gates::GateVerdict::fail);
  slas[0].outcome = perfgate::sla::SlaOutcome::no_data;
  CHECK(gates::decide_gate_verdict(comparisons, slas, false, policy) == gates::GateVerdict::pass);
  comparisons[1].verdict = Verdict::regression;
  CHECK(gates::decide_gate_verdict(comparisons, slas, false, policy) == gates::GateVerdict::fail);
  CHECK(gates::decide_gate_verdict({}, {}, false, policy) == gates::GateVerdict::pass);
}

namespace {

double half_width(int n, double variance_sum) {
  return perfgate::stats::student_t_quantile(2.0 * n - 2, 0.975) * std::sqrt(variance_sum / n);
}

}  // namespace

TEST_CASE("repetitions_needed is the smallest n that narrows the interval enough",
          "[gates][verdict]") {
  const double target = std::log1p(0.05) / 2;
  for (double sd : {0.02, 0.05, 0.1}) {
    INFO("sd " << sd);
    const auto n = gates::repetitions_needed(sd * sd, sd * sd, 0.05, 0.95, 2);
    REQUIRE(n);
    CHECK(half_width(*n, 2 * sd * sd) < target);
    if (*n > 2) CHECK(half_width(*n - 1, 2 * sd * sd) >= target);
  }
  // 2 % noise: about 1.35 t^2 per side, i.e. 7 runs (hand-checked with the t table: t(12) = 2.18).
  CHECK(gates::repetitions_needed(0.0004, 0.0004, 0.05, 0.95, 2) == 7);
}

TEST_CASE("repetitions_needed edge cases", "[gates][verdict]") {
  CHECK(gates::repetitions_needed(0, 0, 0.05, 0.95, 5) == 5);
  CHECK(gates::repetitions_needed(1e-8, 1e-8, 0.05, 0.95, 5) == 5);  // never below the minimum
  CHECK_FALSE(gates::repetitions_needed(100, 100, 0.05, 0.95, 5));   // hopeless noise
  CHECK_FALSE(gates::repetitions_needed(kNaN, 0, 0.05, 0.95, 5));
  CHECK_FALSE(gates::repetitions_needed(-1, 0, 0.05, 0.95, 5));
}
