// Moderated tests across the gate: comparisons of the same kind (same metric and statistic,
// e.g. p50 latency of every request, real_time of every benchmark) share their run-to-run noise
// through an empirical-Bayes prior on the variance of log run values (gates/stats/moderated_t.h).
// Groups of fewer than kMinComparisonsForPrior comparisons keep their Welch test: a prior fitted
// on a handful of variances would be mostly noise.
#pragma once

#include <optional>
#include <vector>

#include "gates/compare/gate_result.h"
#include "gates/compare/variance_history.h"

namespace perfgate::gates {

inline constexpr int kMinComparisonsForPrior = 8;

// Replaces the test, ratio and interval of every welch_log comparison whose prior carries
// information (d0 > 0), on the candidate values relative to `shift` when a suite-wide shift was
// declared. `confidence` is 1 - alpha. A comparison whose key has enough `history` takes its
// prior from there (its own metric, measured before); the others from their group, when it is
// large enough.
void moderate_tests(std::vector<Comparison>& comparisons, const std::optional<SuiteShift>& shift,
                    double confidence, const VarianceHistory& history = {});

}  // namespace perfgate::gates
