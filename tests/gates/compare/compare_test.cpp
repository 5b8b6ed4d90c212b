// compare() on hand-built SuiteResults with known truth.
#include "gates/compare/compare.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/environment.h"
#include "core/suite/sla_rule.h"
#include "gates/sla/sla_check.h"
#include "synthetic_suite.h"

namespace gates = perfgate::gates;
using gates::Statistic;
using gates::Verdict;
using perfgate::testing::synthetic_suite;
using perfgate::testing::SyntheticSide;

namespace {

const gates::Comparison* find(const gates::GateResult& result, const std::string& metric,
                              Statistic statistic, const std::string& request = "") {
  for (const auto& comparison : result.comparisons) {
    const auto& key = comparison.key;
    const bool tags_match =
        request.empty() ? key.tags.empty() : key.tags == perfgate::Tags{{"request", request}};
    if (key.metric == metric && key.statistic == statistic && tags_match) return &comparison;
  }
  return nullptr;
}

int count_verdicts(const gates::GateResult& result, Verdict verdict) {
  int count = 0;
  for (const auto& comparison : result.comparisons) count += comparison.verdict == verdict;
  return count;
}

}  // namespace

TEST_CASE("a 10 % slowdown of one request's p99 is the one regression", "[gates][compare]") {
  SyntheticSide baseline{.seed = 11};
  SyntheticSide candidate{.seed = 22};
  candidate.requests[1].tail_factor = 1.10;  // "get"
  const auto result =
      gates::compare(synthetic_suite(baseline), synthetic_suite(candidate), gates::GatePolicy{});
  // 3 requests x (p50, p99) + throughput + error_rate.
  REQUIRE(result.comparisons.size() == 8);
  CHECK(result.verdict == gates::GateVerdict::fail);
  const auto* slowed = find(result, "latency", Statistic::p99, "get");
  REQUIRE(slowed);
  CHECK(slowed->verdict == Verdict::regression);
  CHECK(slowed->change.ratio == Approx(1.10).epsilon(0.03));
  CHECK(slowed->change.ci_low > 1.05);
  CHECK(slowed->test.p_adjusted < 0.001);
  CHECK(slowed->test.p_adjusted >= slowed->test.p_value);
  CHECK(slowed->test.kind == gates::TestKind::welch_log);
  CHECK(slowed->baseline_runs.size() == 10);
  CHECK(count_verdicts(result, Verdict::regression) == 1);
  CHECK(count_verdicts(result, Verdict::unchanged) == 7);
  CHECK(result.notes.empty());
}

TEST_CASE("identical sides: everything unchanged, the gate passes", "[gates][compare]") {
  const auto suite = synthetic_suite(SyntheticSide{.seed = 5});
  const auto result = gates::compare(suite, suite, gates::GatePolicy{});
  REQUIRE(result.comparisons.size() == 8);
  CHECK(result.verdict == gates::GateVerdict::pass);
  for (const auto& comparison : result.comparisons) {
    INFO(comparison.key.metric << "." << gates::to_string(comparison.key.statistic));
    CHECK(comparison.verdict == Verdict::unchanged);
    CHECK(comparison.change.ratio == Approx(1));
    CHECK(comparison.test.p_value == Approx(1));
  }
}

TEST_CASE("3 runs per side: inconclusive, with the repetitions that would settle it",
          "[gates][compare]") {
  SyntheticSide baseline{.runs = 3, .seed = 1};
  SyntheticSide candidate{.runs = 3, .seed = 2};
  const auto result =
      gates::compare(synthetic_suite(baseline), synthetic_suite(candidate), gates::GatePolicy{});
  REQUIRE_FALSE(result.comparisons.empty());
  CHECK(result.verdict == gates::GateVerdict::pass);
  for (const auto& comparison : result.comparisons) {
    INFO(comparison.key.metric << "." << gates::to_string(comparison.key.statistic));
    CHECK(comparison.verdict == Verdict::inconclusive);
    REQUIRE(comparison.repetitions_needed);
    CHECK(*comparison.repetitions_needed >= 5);
    CHECK(*comparison.repetitions_needed < 100);
  }
}

TEST_CASE("error_rate: zero on both sides is unchanged, zero to errors a regression",
          "[gates][compare]") {
  const gates::GatePolicy policy;
  const auto clean = synthetic_suite(SyntheticSide{.seed = 1});
  const auto same_clean = gates::compare(clean, synthetic_suite(SyntheticSide{.seed = 2}), policy);
  const auto* zero = find(same_clean, "error_rate", Statistic::value);
  REQUIRE(zero);
  CHECK(zero->verdict == Verdict::unchanged);
  CHECK(zero->test.kind == gates::TestKind::none);

  SyntheticSide failing{.seed = 2};
  failing.error_rate = [](int run) { return 0.02 + 0.001 * (run % 3); };
  const auto broken = gates::compare(clean, synthetic_suite(failing), policy);
  const auto* errors = find(broken, "error_rate", Statistic::value);
  REQUIRE(errors);
  CHECK(errors->test.kind == gates::TestKind::welch);
  CHECK(std::isinf(errors->change.ratio));
  CHECK(errors->verdict == Verdict::regression);
  CHECK(broken.verdict == gates::GateVerdict::fail);

  SyntheticSide one_error{.seed = 2};
  one_error.error_rate = [](int run) { return run == 4 ? 0.001 : 0.0; };
  const auto rare = gates::compare(clean, synthetic_suite(one_error), policy);
  CHECK(find(rare, "error_rate", Statistic::value)->verdict == Verdict::inconclusive);
  CHECK(rare.verdict == gates::GateVerdict::pass);
}

TEST_CASE("throughput is higher-is-better", "[gates][compare]") {
  SyntheticSide slower{.seed = 3};
  slower.throughput_per_s = 1700;
  const auto result = gates::compare(synthetic_suite(SyntheticSide{.seed = 4}),
                                     synthetic_suite(slower), gates::GatePolicy{});
  const auto* throughput = find(result, "throughput", Statistic::value);
  REQUIRE(throughput);
  CHECK(throughput->direction == gates::Direction::higher_is_better);
  CHECK(throughput->verdict == Verdict::regression);
  SyntheticSide faster{.seed = 3};
  faster.throughput_per_s = 2400;
  const auto better = gates::compare(synthetic_suite(SyntheticSide{.seed = 4}),
                                     synthetic_suite(faster), gates::GatePolicy{});
  CHECK(find(better, "throughput", Statistic::value)->verdict == Verdict::improvement);
  CHECK(better.verdict == gates::GateVerdict::pass);
}

TEST_CASE("keys on one side only are reported, never dropped", "[gates][compare]") {
  SyntheticSide baseline{.seed = 1};
  baseline.requests = {{"list"}, {"old"}};
  SyntheticSide candidate{.seed = 2};
  candidate.requests = {{"list"}, {"new"}};
  const auto result =
      gates::compare(synthetic_suite(baseline), synthetic_suite(candidate), gates::GatePolicy{});
  CHECK(result.comparisons.size() == 4);  // list p50, p99, throughput, error_rate
  int missing_in_baseline = 0, missing_in_candidate = 0;
  for (const auto& note : result.notes) {
    const auto& request = note.key.tags.at("request");
    if (note.kind == gates::NoteKind::missing_in_baseline) {
      CHECK(request == "new");
      ++missing_in_baseline;
    }
    if (note.kind == gates::NoteKind::missing_in_candidate) {
      CHECK(request == "old");
      ++missing_in_candidate;
    }
  }
  CHECK(missing_in_baseline == 2);
  CHECK(missing_in_candidate == 2);
}

TEST_CASE("failed runs are skipped; a selector of the wrong kind is noted once",
          "[gates][compare]") {
  auto baseline = synthetic_suite(SyntheticSide{.seed = 1});
  auto candidate = synthetic_suite(SyntheticSide{.seed = 2});
  auto& failed = candidate.scenarios[0].runs[0];
  failed.status = perfgate::RunStatus::failed;
  failed.failure_reason = "target down";
  gates::GatePolicy policy;
  policy.metrics = {{"latency", Statistic::p50}, {"throughput", Statistic::p99}};
  const auto result = gates::compare(baseline, candidate, policy);
  REQUIRE(result.comparisons.size() == 3);
  for (const auto& comparison : result.comparisons) CHECK(comparison.candidate_runs.size() == 9);
  REQUIRE(result.notes.size() == 1);
  CHECK(result.notes[0].kind == gates::NoteKind::wrong_kind);
  CHECK(result.notes[0].key.metric == "throughput");
}

TEST_CASE("a single run per side gives no test and no interval", "[gates][compare]") {
  const auto result =
      gates::compare(synthetic_suite(SyntheticSide{.runs = 1, .seed = 1}),
                     synthetic_suite(SyntheticSide{.runs = 1, .seed = 2}), gates::GatePolicy{});
  for (const auto& comparison : result.comparisons) {
    CHECK(comparison.verdict == Verdict::inconclusive);
    CHECK(comparison.test.p_value == 1);
    CHECK(std::isnan(comparison.change.ci_low));
  }
}

TEST_CASE("A/A: twenty unchanged gates of 2 % noise raise no alarm", "[gates][compare]") {
  int failed_gates = 0;
  for (std::uint64_t seed = 100; seed < 120; ++seed) {
    const auto result =
        gates::compare(synthetic_suite(SyntheticSide{.seed = seed}),
                       synthetic_suite(SyntheticSide{.seed = seed + 1000}), gates::GatePolicy{});
    failed_gates += result.verdict == gates::GateVerdict::fail;
    CHECK(count_verdicts(result, Verdict::unchanged) == 8);
  }
  CHECK(failed_gates == 0);
}

TEST_CASE("heavy noise: inconclusive with a repetition estimate, never a wrong verdict",
          "[gates][compare]") {
  const auto result =
      gates::compare(synthetic_suite(SyntheticSide{.noise = 0.15, .seed = 7}),
                     synthetic_suite(SyntheticSide{.noise = 0.15, .seed = 8}), gates::GatePolicy{});
  CHECK(result.verdict == gates::GateVerdict::pass);
  CHECK(count_verdicts(result, Verdict::regression) == 0);
  CHECK(count_verdicts(result, Verdict::improvement) == 0);
  const auto* p99 = find(result, "latency", Statistic::p99, "list");
  REQUIRE(p99);
  CHECK(p99->verdict == Verdict::inconclusive);
  REQUIRE(p99->repetitions_needed);
  // 15 % noise needs about t^2 * 2 * (0.15 / 0.0244)^2 ~ 290 runs per side (0.0244 =
  // log(1.05) / 2); the estimate comes from 10 noisy runs, so allow a wide band.
  CHECK(*p99->repetitions_needed > 100);
  CHECK(*p99->repetitions_needed < 1000);
}

// ---- evaluate_gate: the environment check, one case per on_environment_change ----

namespace {

const std::vector<perfgate::EnvironmentDifference> kOtherMachine = {
    {"cpu_model", "Intel Xeon 8375C", "AMD EPYC 7763"}, {"cores", "8", "4"}};

gates::GatePolicy policy_on_environment_change(gates::EnvironmentChangeAction action) {
  gates::GatePolicy policy;
  policy.on_environment_change = action;
  return policy;
}

// The get request's p99 10 % slower: one regression when the machines are alike.
struct RegressedPair {
  perfgate::SuiteResult baseline = synthetic_suite(SyntheticSide{.seed = 11});
  perfgate::SuiteResult candidate = [] {
    SyntheticSide side{.seed = 22};
    side.requests[1].tail_factor = 1.10;
    return synthetic_suite(side);
  }();
};

const std::vector<std::string> kOtherMachineSentences = {
    "cpu_model: Intel Xeon 8375C -> AMD EPYC 7763", "cores: 8 -> 4"};

}  // namespace

TEST_CASE("evaluate_gate: the same machine leaves every on_environment_change action idle",
          "[gates][compare][environment]") {
  const RegressedPair pair;
  const auto expected = gates::compare(pair.baseline, pair.candidate, gates::GatePolicy{});
  for (auto action :
       {gates::EnvironmentChangeAction::warn, gates::EnvironmentChangeAction::fail,
        gates::EnvironmentChangeAction::ignore, gates::EnvironmentChangeAction::inconclusive}) {
    const auto result = gates::evaluate_gate(pair.baseline, pair.candidate,
                                             policy_on_environment_change(action), {});
    CHECK(result.verdict == gates::GateVerdict::fail);
    CHECK(count_verdicts(result, Verdict::regression) == 1);
    CHECK(result.provenance.environment_differences.empty());
    REQUIRE(result.comparisons.size() == expected.comparisons.size());
    for (std::size_t i = 0; i < result.comparisons.size(); ++i)
      CHECK(result.comparisons[i].verdict == expected.comparisons[i].verdict);
  }
}

TEST_CASE("evaluate_gate: warn records a different machine and keeps the verdicts",
          "[gates][compare][environment]") {
  const auto policy = policy_on_environment_change(gates::EnvironmentChangeAction::warn);
  const auto same = synthetic_suite(SyntheticSide{.seed = 5});
  const auto unchanged =
      gates::evaluate_gate(same, synthetic_suite(SyntheticSide{.seed = 6}), policy, kOtherMachine);
  CHECK(unchanged.verdict == gates::GateVerdict::pass);
  CHECK(count_verdicts(unchanged, Verdict::unchanged) == 8);
  CHECK(unchanged.provenance.environment_differences == kOtherMachineSentences);

  const RegressedPair pair;
  const auto regressed = gates::evaluate_gate(pair.baseline, pair.candidate, policy, kOtherMachine);
  CHECK(regressed.verdict == gates::GateVerdict::fail);
  CHECK(count_verdicts(regressed, Verdict::regression) == 1);
  CHECK(regressed.provenance.environment_differences == kOtherMachineSentences);
}

TEST_CASE("evaluate_gate: fail fails the gate on a different machine, verdicts as measured",
          "[gates][compare][environment]") {
  const auto policy = policy_on_environment_change(gates::EnvironmentChangeAction::fail);
  const auto result =
      gates::evaluate_gate(synthetic_suite(SyntheticSide{.seed = 5}),
                           synthetic_suite(SyntheticSide{.seed = 6}), policy, kOtherMachine);
  CHECK(result.verdict == gates::GateVerdict::fail);
  CHECK(count_verdicts(result, Verdict::unchanged) == 8);
  CHECK(result.provenance.environment_differences == kOtherMachineSentences);
}

TEST_CASE("evaluate_gate: ignore records nothing and changes nothing",
          "[gates][compare][environment]") {
  const auto policy = policy_on_environment_change(gates::EnvironmentChangeAction::ignore);
  const auto unchanged =
      gates::evaluate_gate(synthetic_suite(SyntheticSide{.seed = 5}),
                           synthetic_suite(SyntheticSide{.seed = 6}), policy, kOtherMachine);
  CHECK(unchanged.verdict == gates::GateVerdict::pass);
  CHECK(unchanged.provenance.environment_differences.empty());

  const RegressedPair pair;
  const auto regressed = gates::evaluate_gate(pair.baseline, pair.candidate, policy, kOtherMachine);
  CHECK(regressed.verdict == gates::GateVerdict::fail);
  CHECK(count_verdicts(regressed, Verdict::regression) == 1);
  CHECK(regressed.provenance.environment_differences.empty());
}

TEST_CASE("evaluate_gate: inconclusive makes every comparison inconclusive; SLA rules still fail",
          "[gates][compare][environment]") {
  const auto policy = policy_on_environment_change(gates::EnvironmentChangeAction::inconclusive);
  const RegressedPair pair;
  const auto measured = gates::compare(pair.baseline, pair.candidate, gates::GatePolicy{});
  const auto result = gates::evaluate_gate(pair.baseline, pair.candidate, policy, kOtherMachine);
  CHECK(result.verdict == gates::GateVerdict::pass);
  CHECK(count_verdicts(result, Verdict::inconclusive) == 8);
  CHECK(result.provenance.environment_differences == kOtherMachineSentences);
  // More runs settle noise, not a different machine: a repetition estimate only where the runs
  // themselves left the answer open.
  REQUIRE(result.comparisons.size() == measured.comparisons.size());
  for (std::size_t i = 0; i < result.comparisons.size(); ++i)
    CHECK(result.comparisons[i].repetitions_needed.has_value() ==
          (measured.comparisons[i].verdict == Verdict::inconclusive));

  const std::vector<std::string> texts = {"latency.p99 < 1us"};  // every request is slower
  auto with_rule = policy;
  with_rule.sla = perfgate::sla::parse_sla_rules(texts, "perf.yaml");
  const auto breached =
      gates::evaluate_gate(pair.baseline, pair.candidate, with_rule, kOtherMachine);
  CHECK(count_verdicts(breached, Verdict::inconclusive) == 8);
  CHECK(perfgate::sla::any_breach(breached.slas));
  CHECK(breached.verdict == gates::GateVerdict::fail);
}
