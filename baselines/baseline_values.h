// One number per compared statistic of a baseline (the median over its runs): what `history`
// plots per commit and what a baseline commit's message says moved.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "baselines/baseline_store.h"
#include "core/suite/metric_selector.h"
#include "gates/compare/gate_result.h"
#include "gates/compare/history_point.h"

namespace perfgate::baselines {

struct KeyValue {
  double median = 0;  // over the runs that measured it, in the metric's unit
  std::string unit{};
};
using BaselineValues = std::map<gates::ComparisonKey, KeyValue>;

BaselineValues baseline_values(const SuiteResult& result,
                               std::span<const gates::MetricSelector> selectors);

// "browse latency{request=list,status=2xx}.p99"
std::string describe(const gates::ComparisonKey& key);

// The body of a baseline commit message: what moved most (at most `max_lines` lines, largest
// relative change first, then "... and N more"), new and removed statistics; "first baseline"
// when there was none before.
std::string describe_changes(const BaselineValues& before, const BaselineValues& after,
                             std::size_t max_lines);

struct History {
  std::vector<gates::HistoryPoint> points{};  // by key, then commit order (oldest first)
  std::map<gates::ComparisonKey, std::string> units{};
  std::vector<std::string> skipped{};  // commits whose blob is not a readable baseline, and why
  std::size_t commits = 0;             // commits that touched the file (the newest `limit`)
};

// Walks the commits reachable from HEAD that changed the baseline file (libgit2 revwalk) and
// takes one point per commit per statistic.
History baseline_history(const BaselineLocation& location,
                         std::span<const gates::MetricSelector> selectors, std::size_t limit);

}  // namespace perfgate::baselines
