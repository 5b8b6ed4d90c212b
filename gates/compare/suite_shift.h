// Suite-wide shift: when most compared metrics of a suite move together by a similar factor, the
// likely cause is the machine (a slower CI runner, a noisy neighbour, another CPU model), not
// the code. The gate then says so once and judges every metric relative to that common factor,
// instead of blaming each metric separately.
//
// The rule (documented in docs/statistics.md, "Suite-wide shift"):
// - Participants: comparisons with a test (2+ runs a side) and a finite, positive ratio.
//   Each contributes its change oriented so that worse is positive: log(ratio) for
//   lower-is-better metrics (latency, cpu_time), -log(ratio) for higher-is-better (throughput).
// - At least 6 participants; the common factor is the median oriented change m.
// - The common move must itself matter: |m| >= log(1 + threshold).
// - "Moved together": a participant whose oriented change has the sign of m and lies within
//   half of m around it (for m = +20 %: between about +10 % and +30 %).
// - A shift is declared when at least 3 in 4 participants moved together.
// A single regressed benchmark, or a few, never triggers it (they are a minority), and a shift
// smaller than the threshold is left to the per-metric verdicts, which already call it small.
// Once declared, each comparison's candidate runs are divided by the common factor (multiplied,
// for higher-is-better metrics) and tested again; a metric that moved well beyond the common
// factor is still a regression.
#pragma once

#include <optional>
#include <span>

#include "gates/compare/gate_result.h"

namespace perfgate::gates {

inline constexpr int kSuiteShiftMinMetrics = 6;
inline constexpr double kSuiteShiftMajority = 0.75;

std::optional<SuiteShift> detect_suite_shift(std::span<const Comparison> comparisons,
                                             double threshold);

// The candidate's run values with the common factor taken out, in the metric's direction.
std::vector<double> without_suite_shift(const Comparison& comparison, const SuiteShift& shift);

}  // namespace perfgate::gates
