#include "gates/compare/verdict.h"

#include <algorithm>
#include <cmath>

#include "gates/stats/welch.h"

namespace perfgate::gates {
namespace {

constexpr int kMaxRepetitionsNeeded = 100000;

// The interval's end on the worse side reaches beyond the threshold: a change of the size that
// matters is plausible. With a significant change, that is a regression.
bool may_be_worse(const Change& change, Direction direction, double threshold) {
  return direction == Direction::lower_is_better ? change.ci_high > 1 + threshold
                                                 : change.ci_low < 1 - threshold;
}

bool may_be_better(const Change& change, Direction direction, double threshold) {
  return direction == Direction::lower_is_better ? change.ci_low < 1 - threshold
                                                 : change.ci_high > 1 + threshold;
}

bool got_worse(const Change& change, Direction direction) {
  return direction == Direction::lower_is_better ? change.ratio > 1 : change.ratio < 1;
}

double half_width(int runs_per_side, double variance_sum, double confidence) {
  const double df = 2.0 * runs_per_side - 2;
  return stats::student_t_quantile(df, (1 + confidence) / 2) *
         std::sqrt(variance_sum / runs_per_side);
}

}  // namespace

Verdict decide_verdict(const VerdictInputs& inputs, const GatePolicy& policy) {
  if (inputs.environment_differs &&
      policy.on_environment_change == EnvironmentChangeAction::inconclusive)
    return Verdict::inconclusive;
  if (std::min(inputs.baseline_runs, inputs.candidate_runs) < policy.min_repetitions)
    return Verdict::inconclusive;
  const Change& change = inputs.change;
  if (inputs.p_adjusted < policy.alpha) {
    const bool worse = got_worse(change, inputs.direction);
    if (worse && may_be_worse(change, inputs.direction, policy.threshold))
      return Verdict::regression;
    if (!worse && may_be_better(change, inputs.direction, policy.threshold))
      return Verdict::improvement;
  }
  if (change.ci_low >= 1 - policy.threshold && change.ci_high <= 1 + policy.threshold)
    return Verdict::unchanged;
  return Verdict::inconclusive;
}

GateVerdict decide_gate_verdict(std::span<const Comparison> comparisons,
                                std::span<const sla::SlaResult> slas, bool environment_differs,
                                const GatePolicy& policy) {
  const bool regression = std::any_of(
      comparisons.begin(), comparisons.end(),
      [](const Comparison& comparison) { return comparison.verdict == Verdict::regression; });
  const bool environment_fails =
      environment_differs && policy.on_environment_change == EnvironmentChangeAction::fail;
  return regression || sla::any_breach(slas) || environment_fails ? GateVerdict::fail
                                                                  : GateVerdict::pass;
}

std::optional<int> repetitions_needed(double variance_baseline, double variance_candidate,
                                      double threshold, double confidence, int min_repetitions) {
  const double variance_sum = variance_baseline + variance_candidate;
  if (!std::isfinite(variance_sum) || variance_sum < 0 || !(threshold > 0)) return std::nullopt;
  const int floor = std::max(2, min_repetitions);
  if (variance_sum == 0) return floor;
  const double target = std::log1p(threshold) / 2;
  if (half_width(kMaxRepetitionsNeeded, variance_sum, confidence) >= target) return std::nullopt;
  // The half-width falls as n grows, so bisect for the smallest n that meets the target.
  if (half_width(floor, variance_sum, confidence) < target) return floor;
  int low = floor;                   // misses the target
  int high = kMaxRepetitionsNeeded;  // meets it
  while (high - low > 1) {
    const int middle = low + (high - low) / 2;
    (half_width(middle, variance_sum, confidence) < target ? high : low) = middle;
  }
  return high;
}

}  // namespace perfgate::gates
