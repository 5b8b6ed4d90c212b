#include "gates/compare/compare.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "gates/compare/moderation.h"
#include "gates/compare/suite_shift.h"
#include "gates/compare/verdict.h"
#include "gates/policy/direction.h"
#include "gates/stats/mann_whitney.h"
#include "gates/stats/multiplicity.h"
#include "gates/stats/quantiles.h"
#include "gates/stats/welch.h"

namespace perfgate::gates {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// candidate / baseline, with the limits for a zero baseline (the absolute rule in compare.h).
double relative(double candidate, double baseline) {
  if (baseline != 0) return candidate / baseline;
  if (candidate == 0) return 1;
  return candidate > 0 ? kInfinity : -kInfinity;
}

bool all_positive(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return v > 0; });
}

bool all_equal_to(std::span<const double> values, double value) {
  return std::all_of(values.begin(), values.end(), [value](double v) { return v == value; });
}

std::vector<double> logs_of(std::span<const double> values) {
  std::vector<double> logs(values.size());
  std::transform(values.begin(), values.end(), logs.begin(), [](double v) { return std::log(v); });
  return logs;
}

// Sample variance (ddof 1); 0 for fewer than 2 values.
double sample_variance(std::span<const double> values) {
  if (values.size() < 2) return 0;
  const double mean = stats::mean(values);
  double sum = 0;
  for (double v : values) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(values.size() - 1);
}

void measure_on_logs(Comparison& comparison, double confidence) {
  const auto result =
      stats::welch_t_test(logs_of(comparison.candidate_runs), logs_of(comparison.baseline_runs));
  const auto interval = stats::welch_confidence_interval(result, confidence);
  comparison.test.kind = TestKind::welch_log;
  comparison.test.p_value = result.p_value;
  comparison.change.ratio = std::exp(result.mean_difference);
  comparison.change.ci_low = std::exp(interval.low);
  comparison.change.ci_high = std::exp(interval.high);
}

void measure_on_raw_values(Comparison& comparison, double confidence) {
  const auto result = stats::welch_t_test(comparison.candidate_runs, comparison.baseline_runs);
  const auto interval = stats::welch_confidence_interval(result, confidence);
  const double baseline_mean = stats::mean(comparison.baseline_runs);
  comparison.test.kind = TestKind::welch;
  comparison.test.p_value = result.p_value;
  comparison.change.ratio = relative(baseline_mean + result.mean_difference, baseline_mean);
  comparison.change.ci_low = relative(baseline_mean + interval.low, baseline_mean);
  comparison.change.ci_high = relative(baseline_mean + interval.high, baseline_mean);
}

void measure_test_and_interval(Comparison& comparison, double confidence) {
  const auto& base = comparison.baseline_runs;
  const auto& cand = comparison.candidate_runs;
  if (std::min(base.size(), cand.size()) < 2) {
    comparison.change.ratio = comparison.change.median_ratio;
    comparison.change.ci_low = comparison.change.ci_high = kNaN;
  } else if (all_positive(base) && all_positive(cand)) {
    measure_on_logs(comparison, confidence);
  } else if (all_equal_to(base, base.front()) && all_equal_to(cand, base.front())) {
    comparison.change = Change{1, 1, 1, 1};  // e.g. error_rate 0 on both sides
  } else {
    measure_on_raw_values(comparison, confidence);
  }
}

// The spread of one side on the scale the interval was built on, for repetitions_needed: log
// values, or raw values relative to the baseline mean. nullopt when there is no such scale.
std::optional<double> relative_variance(std::span<const double> values, double baseline_mean,
                                        bool on_logs) {
  if (values.size() < 2) return std::nullopt;
  if (on_logs) return sample_variance(logs_of(values));
  if (baseline_mean <= 0) return std::nullopt;
  return sample_variance(values) / (baseline_mean * baseline_mean);
}

std::optional<int> estimate_repetitions(const Comparison& comparison, const GatePolicy& policy) {
  const auto& base = comparison.baseline_runs;
  const auto& cand = comparison.candidate_runs;
  const bool on_logs = all_positive(base) && all_positive(cand);
  const bool constant = all_equal_to(base, base.front()) && all_equal_to(cand, base.front());
  if (constant)
    return repetitions_needed(0, 0, policy.threshold, 1 - policy.alpha, policy.min_repetitions);
  const double baseline_mean = stats::mean(base);
  auto base_variance = relative_variance(base, baseline_mean, on_logs);
  auto cand_variance = relative_variance(cand, baseline_mean, on_logs);
  // A side with a single run: assume it is as noisy as the other.
  if (!base_variance) base_variance = cand_variance;
  if (!cand_variance) cand_variance = base_variance;
  if (!base_variance) return std::nullopt;
  return repetitions_needed(*base_variance, *cand_variance, policy.threshold, 1 - policy.alpha,
                            policy.min_repetitions);
}

void decide(Comparison& comparison, const GatePolicy& policy, bool environment_differs) {
  VerdictInputs inputs{static_cast<int>(comparison.baseline_runs.size()),
                       static_cast<int>(comparison.candidate_runs.size()), comparison.direction,
                       comparison.change, comparison.test.p_adjusted};
  // repetitions_needed tells how many runs would settle what the runs leave open, so it follows
  // the verdict of the runs alone: more runs do not settle a different machine.
  if (decide_verdict(inputs, policy) == Verdict::inconclusive)
    comparison.repetitions_needed = estimate_repetitions(comparison, policy);
  inputs.environment_differs = environment_differs;
  comparison.verdict = decide_verdict(inputs, policy);
}

// What the gate reports about a different machine: nothing when the suite says ignore.
std::vector<std::string> recorded_differences(std::span<const EnvironmentDifference> environment,
                                              EnvironmentChangeAction action) {
  std::vector<std::string> sentences;
  if (action == EnvironmentChangeAction::ignore) return sentences;
  for (const EnvironmentDifference& difference : environment)
    sentences.push_back(describe(difference));
  return sentences;
}

}  // namespace

Comparison measure_change(MatchedValues values, Direction direction, const GatePolicy& policy) {
  Comparison comparison;
  comparison.key = std::move(values.key);
  comparison.unit = std::move(values.unit);
  comparison.direction = direction;
  comparison.baseline_runs = std::move(values.baseline);
  comparison.candidate_runs = std::move(values.candidate);
  comparison.change.median_ratio =
      relative(stats::median(comparison.candidate_runs), stats::median(comparison.baseline_runs));
  comparison.test.mann_whitney_p =
      stats::mann_whitney_u(comparison.candidate_runs, comparison.baseline_runs).p_value;
  measure_test_and_interval(comparison, 1 - policy.alpha);
  comparison.test.p_adjusted = comparison.test.p_value;
  return comparison;
}

namespace {

// Re-measures each comparison with the suite-wide factor taken out of its candidate runs; the
// runs themselves stay as measured, and the raw change is kept beside.
void judge_relative_to_shift(std::vector<Comparison>& comparisons, const SuiteShift& shift,
                             const GatePolicy& policy) {
  for (Comparison& comparison : comparisons) {
    MatchedValues values{comparison.key, comparison.unit, comparison.baseline_runs,
                         without_suite_shift(comparison, shift)};
    Comparison relative = measure_change(std::move(values), comparison.direction, policy);
    relative.candidate_runs = std::move(comparison.candidate_runs);
    relative.measured_change = comparison.change;
    comparison = std::move(relative);
  }
}

// The comparisons measured and their p-values adjusted together; nothing decided yet.
GateResult measure_changes(const SuiteResult& baseline, const SuiteResult& candidate,
                           const GatePolicy& policy, const VarianceHistory& history) {
  Matching matching = match_run_values(baseline, candidate, policy.metrics);
  GateResult result;
  result.notes = std::move(matching.notes);
  for (MatchedValues& values : matching.matched) {
    const Direction direction = direction_of(policy, values.key.metric);
    result.comparisons.push_back(measure_change(std::move(values), direction, policy));
  }
  result.suite_shift = detect_suite_shift(result.comparisons, policy.threshold);
  if (result.suite_shift) judge_relative_to_shift(result.comparisons, *result.suite_shift, policy);
  moderate_tests(result.comparisons, result.suite_shift, 1 - policy.alpha, history);
  std::vector<double> p_values;
  for (const Comparison& comparison : result.comparisons)
    p_values.push_back(comparison.test.p_value);
  const auto adjusted = stats::adjust_p_values(p_values, policy.correction);
  for (std::size_t i = 0; i < result.comparisons.size(); ++i)
    result.comparisons[i].test.p_adjusted = adjusted[i];
  return result;
}

}  // namespace

GateResult evaluate_gate(const SuiteResult& baseline, const SuiteResult& candidate,
                         const GatePolicy& policy,
                         std::span<const EnvironmentDifference> environment,
                         const VarianceHistory& history) {
  GateResult result = measure_changes(baseline, candidate, policy, history);
  const bool environment_differs = !environment.empty();
  for (Comparison& comparison : result.comparisons) decide(comparison, policy, environment_differs);
  result.slas = sla::check_slas(policy.sla, candidate);
  result.provenance.environment_differences =
      recorded_differences(environment, policy.on_environment_change);
  result.verdict =
      decide_gate_verdict(result.comparisons, result.slas, environment_differs, policy);
  return result;
}

GateResult compare(const SuiteResult& baseline, const SuiteResult& candidate,
                   const GatePolicy& policy, const VarianceHistory& history) {
  GatePolicy comparisons_only = policy;
  comparisons_only.sla.clear();
  return evaluate_gate(baseline, candidate, comparisons_only, {}, history);
}

}  // namespace perfgate::gates
