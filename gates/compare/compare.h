// compare(baseline, candidate, policy): the gate's statistics, from two SuiteResults to a
// GateResult. Pure: no I/O, deterministic.
//
// Per (scenario, metric, tags, statistic) with k baseline and m candidate run values:
// - change: ratio = exp(mean(log candidate) - mean(log baseline)), the ratio of geometric means,
//   with the (1 - alpha) confidence interval exp(Welch's interval on log values). We chose Welch
//   on logs over a bootstrap of the median ratio because (a) the interval and the p-value then
//   come from one test, so the unadjusted p < alpha exactly when the interval excludes 1 and a
//   reader never sees a "significant" change whose interval straddles 1; (b) the percentile
//   bootstrap undercovers badly with 5 runs per side (it cannot see beyond the observed values);
//   (c) it needs no resampling, so 250 comparisons cost microseconds; (d) its width gives the
//   repetitions needed directly. Run values (one per repetition) are close to lognormal.
//   The median ratio is reported beside it for readers.
// - test: Welch's t on log values, two-sided: its p-values are continuous, so they survive Holm
//   across 50 metrics, where exact Mann-Whitney with 5 vs 5 runs cannot go below 0.0079.
//   Mann-Whitney's p is reported too. With 8+ comparisons of the same metric and statistic the
//   variance is moderated across them (moderation.h), after the suite-wide shift, if any, is
//   taken out (suite_shift.h). All p-values of the gate are adjusted together
//   (policy.correction, Holm by default).
// - verdict: decide_verdict() in verdict.h; repetitions_needed when the runs leave it open.
//   evaluate_gate() is the only place a comparison's verdict or the gate's verdict is set:
//   everything that can change one (the runs, the SLA rules, a different machine) is its input.
//
// Zeros and constants (logs need values > 0):
// - every value on both sides equal (error_rate 0 and 0, a fixed counter): ratio 1, interval
//   [1, 1], p = 1 -> unchanged.
// - a side holds a zero otherwise: Welch's t on raw values, ratio = mean(candidate) /
//   mean(baseline) with the interval 1 + (Welch's interval of the difference) / mean(baseline).
//   The absolute rule for a baseline that is 0 in every run (error_rate 0 -> > 0): no relative
//   threshold can apply, so any increase counts as beyond the threshold (ratio +infinity), and it
//   is a regression (for lower-is-better) when the raw-value test is significant after correction;
//   a rare error in one candidate run is not significant and ends inconclusive. Absolute limits
//   ("error_rate < 1%") are what SLA rules are for.
// - zero variance on both sides with different values: the interval collapses to the observed
//   ratio and p = 0, so the verdict rests on the threshold alone.
// Fewer than 2 runs on a side: no test (p = 1), NaN interval, ratio = median ratio.
#pragma once

#include "core/model/environment.h"
#include "core/model/run_result.h"
#include "core/suite/gate_policy.h"
#include "gates/compare/gate_result.h"
#include "gates/compare/run_values.h"
#include "gates/compare/variance_history.h"

namespace perfgate::gates {

// The change and the raw test of one key, before the gate-wide correction (p_adjusted = p_value,
// verdict inconclusive). Exposed for tests and for tools that compare single keys.
Comparison measure_change(MatchedValues values, Direction direction, const GatePolicy& policy);

// The whole gate: match keys (notes for one-sided keys), measure each, adjust p-values together,
// decide each verdict, the policy's SLA rules on the candidate alone, the suite-wide shift check
// and the gate's verdict (decide_gate_verdict): the GateResult every command reports.
//
// `environment` is where the baseline's machine differs from the candidate's
// (environment_differences()); empty when they look alike or the caller does not check.
// policy.on_environment_change decides what a difference does: warn records the differences in
// provenance.environment_differences, fail records them and fails the gate, ignore records
// nothing, inconclusive records them and makes every comparison inconclusive (the gate then fails
// only on a breached SLA rule). Provenance's other fields are left for the caller.
//
// `history` is the run-to-run variance of each key in the suite's earlier baselines measured in
// the same environment (variance_history.h): a key with enough of it takes its test's prior from
// there, and Comparison::history_baselines says how many baselines gave it.
GateResult evaluate_gate(const SuiteResult& baseline, const SuiteResult& candidate,
                         const GatePolicy& policy,
                         std::span<const EnvironmentDifference> environment,
                         const VarianceHistory& history = {});

// evaluate_gate() without SLA rules or environment differences: the comparisons alone, and a
// gate that fails iff any comparison is a regression.
GateResult compare(const SuiteResult& baseline, const SuiteResult& candidate,
                   const GatePolicy& policy, const VarianceHistory& history = {});

}  // namespace perfgate::gates
