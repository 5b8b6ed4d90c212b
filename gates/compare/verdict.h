// The verdict of one comparison, decided in one small pure function from the runs, the change
// interval, the corrected p-value and whether the machines differ; the gate's verdict from the
// comparisons, the SLA rules and the machines; and how many repetitions would settle an open
// question. evaluate_gate (compare.h) calls these and is the only place a verdict is set.
#pragma once

#include <optional>
#include <span>

#include "core/suite/gate_policy.h"
#include "gates/compare/gate_result.h"

namespace perfgate::gates {

struct VerdictInputs {
  int baseline_runs = 0;
  int candidate_runs = 0;
  Direction direction = Direction::lower_is_better;
  Change change{};        // ratio and its (1 - alpha) interval; NaN or infinite allowed
  double p_adjusted = 1;  // after the gate-wide correction
  // Baseline and candidate were measured on different machines (environment_differences in
  // core/model/environment.h found a differing field).
  bool environment_differs = false;
};

// In this order (after criterion.rs's compare_to_threshold, with the test's p-value added):
// 0. the environment differs and policy.on_environment_change is inconclusive -> inconclusive
//    (the change may be the machine's, not the code's; warn, fail and ignore leave the
//    comparison to the rules below)
// 1. fewer than policy.min_repetitions runs on a side      -> inconclusive
// 2. p_adjusted < alpha and the interval reaching beyond the threshold on the side the ratio
//    moved (a change of the size that matters is plausible) -> regression or improvement, by
//    the direction (lower-is-better: ratio > 1 with ci_high > 1 + threshold is worse, ratio < 1
//    with ci_low < 1 - threshold is better; the reverse for higher-is-better). Statistical and
//    practical significance: requiring the point estimate itself beyond the threshold would
//    catch a slowdown of exactly the threshold only half the time.
// 3. the interval inside [1 - threshold, 1 + threshold]     -> unchanged (a significant but
//    small change is unchanged too: it does not matter)
// 4. otherwise (the interval too wide to tell)              -> inconclusive
// NaN ratios or bounds never satisfy 2 or 3, so they end inconclusive.
Verdict decide_verdict(const VerdictInputs& inputs, const GatePolicy& policy);

// fail iff a comparison is a regression, an SLA rule is breached, or the environment differs and
// policy.on_environment_change is fail; otherwise pass. (With inconclusive no comparison is a
// regression, so only a breached SLA rule, which needs no baseline, can fail the gate.)
GateVerdict decide_gate_verdict(std::span<const Comparison> comparisons,
                                std::span<const sla::SlaResult> slas, bool environment_differs,
                                const GatePolicy& policy);

// Runs per side for which the interval on log values, t_{(1+confidence)/2, 2n-2} *
// sqrt((var_baseline + var_candidate) / n), would be narrower than log(1 + threshold) / 2.
// Half the threshold, not the whole: the interval must fit inside +-threshold around a centre
// that itself wanders by about one half-width between runs of the experiment, so a half-width of
// half the threshold gives an unchanged metric a good chance (about 95 %) to be called unchanged,
// where a half-width equal to the threshold would give it almost none.
// Variances are sample variances (ddof 1) of the log run values. Zero variance gives
// min_repetitions. At least min_repetitions; nullopt beyond 100000 (noise that high needs a
// quieter machine, not more runs) or for non-finite input.
std::optional<int> repetitions_needed(double variance_baseline, double variance_candidate,
                                      double threshold, double confidence, int min_repetitions);

}  // namespace perfgate::gates
