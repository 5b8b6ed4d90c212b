// The run-to-run variance each key had in the suite's earlier baselines, measured in the same
// environment: the prior of the moderated test (docs/statistics.md, "Variance from history").
// Ten runs a side estimate a variance poorly; the baselines committed before this one measured
// the same metric on the same kind of machine many times, so their pooled variance lets 10 runs
// test nearly as well as a test that knew the variance.
#pragma once

#include <map>
#include <span>
#include <vector>

#include "core/model/run_result.h"
#include "core/suite/metric_selector.h"
#include "gates/compare/gate_result.h"
#include "gates/stats/moderated_t.h"

namespace perfgate::gates {

// One earlier baseline's sample variance of a key's log run values, with its degrees of freedom
// (runs - 1).
struct HistoricalVariance {
  double variance = 0;
  double df = 0;
};

using VarianceHistory = std::map<ComparisonKey, std::vector<HistoricalVariance>>;

// The variances of every selected key in each of `earlier` (one SuiteResult per baseline) that
// had at least 2 successful runs of it.
VarianceHistory variance_history(std::span<const SuiteResult> earlier,
                                 std::span<const MetricSelector> selectors);

// Fewest earlier baselines whose variances make a prior; with fewer the gate fits its prior
// across metrics as before.
inline constexpr int kMinHistoryBaselines = 3;
// The prior's degrees of freedom are capped: the machine's noise drifts over months, and a
// prior far stronger than the runs at hand would never let this gate's runs speak.
inline constexpr double kMaxHistoryDf = 100;

// The pooled variance of `history` with its summed degrees of freedom (capped at kMaxHistoryDf);
// no prior (df 0) with fewer than kMinHistoryBaselines entries.
stats::VariancePrior history_prior(std::span<const HistoricalVariance> history);

}  // namespace perfgate::gates
