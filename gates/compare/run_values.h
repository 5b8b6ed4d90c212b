// From a SuiteResult to the numbers the gate compares: for every gated (scenario, metric, tags,
// statistic) the value of each successful run. The repetition is the statistical unit: requests
// of one run share that run's machine state, so a run contributes one value, never its requests.
// Repetitions that one process measured (RunResult::process) share that process's state too, so
// they are one unit: the median of their values (docs/statistics.md).
#pragma once

#include <map>
#include <span>
#include <vector>

#include "core/model/run_result.h"
#include "core/suite/metric_selector.h"
#include "gates/compare/gate_result.h"

namespace perfgate::gates {

using RunValues = std::map<ComparisonKey, std::vector<double>>;

struct CollectedValues {
  RunValues values{};  // per key, one value per unit (run or process) that had it, in run order
  std::map<ComparisonKey, Unit> units{};  // per key, the unit of its metric
  std::vector<Note> notes{};  // wrong_kind: a selector that does not fit the metric's kind
};

// Runs whose status is not ok are skipped. A histogram statistic is read from the run's
// histogram (empty histograms give no value); `value` is the metric's value. Non-finite values
// are skipped (a NaN from an imported benchmark is no measurement). A metric that has the
// selected name but not the selected kind (say latency.p99 of a metric without histogram) is
// reported once as a wrong_kind note.
CollectedValues collect_run_values(const SuiteResult& result,
                                   std::span<const MetricSelector> selectors);

struct MatchedValues {
  ComparisonKey key{};
  Unit unit{};
  std::vector<double> baseline{};
  std::vector<double> candidate{};
};

struct Matching {
  std::vector<MatchedValues> matched{};  // keys with values on both sides, in key order
  std::vector<Note> notes{};             // missing-in-baseline / -candidate, wrong_kind
};

// Pairs the keys of both sides; a key measured on one side only becomes a note, never dropped
// silently.
Matching match_run_values(const SuiteResult& baseline, const SuiteResult& candidate,
                          std::span<const MetricSelector> selectors);

}  // namespace perfgate::gates
