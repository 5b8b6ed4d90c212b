// The charts of the HTML report (internal to gates/report), each built from plain data and drawn
// by svg_chart.h. Baseline and candidate are always the CSS classes "baseline" and "candidate".
#pragma once

#include <string>
#include <vector>

#include "core/model/histogram.h"
#include "gates/compare/gate_result.h"
#include "gates/report/report_input.h"

namespace perfgate::gates::html {

// A distribution merged over runs, kept as its non-empty buckets with running counts. Merging
// bucket lists (a few hundred entries per run) is much cheaper than merging Histograms, whose
// dense count arrays are ~100 KiB each: it keeps a 200-scenario report well under a second.
struct Distribution {
  std::vector<uint64_t> values{};      // each bucket's reported value, increasing
  std::vector<uint64_t> cumulative{};  // values recorded at or below values[i]
  uint64_t min = 0;                    // exact, over all runs
  uint64_t max = 0;

  bool empty() const { return cumulative.empty(); }
  uint64_t count() const { return cumulative.empty() ? 0 : cumulative.back(); }
  // Histogram::value_at_percentile's rule for the merged values, `fraction` in [0, 1].
  double value_at(double fraction) const;
};

// Lossless: the same buckets and counts as merging the histograms. Empty histograms are skipped.
Distribution merge_runs(const std::vector<const Histogram*>& runs);

// Both sides of one distribution, each merged over a side's successful runs. A side is null
// when it has no such metric.
struct DistributionPair {
  std::string title{};  // e.g. "latency of list (status=2xx)"
  std::string unit{};   // the metric's unit, "ns" for latencies
  const Distribution* baseline = nullptr;
  const Distribution* candidate = nullptr;
};

// The HdrHistogram "percentile spectrum": x = 1 / (1 - percentile) on a log scale, labelled
// 50 %, 90 %, 99 %, 99.9 % ..., y = the value at that percentile; the tail is where the curves
// part. Each curve ends at its side's max.
std::string spectrum_chart(const DistributionPair& pair);

// Overlaid bars: share of each side's values per bin, 40 log-spaced bins from the smallest to
// the largest value of the two sides, on a log axis (body and tail both visible).
std::string histogram_chart(const DistributionPair& pair);

// Per-second values of one timeline metric: one line per successful run of each side.
struct TimelinePair {
  std::string title{};
  std::string unit{};
  std::vector<const std::vector<double>*> baseline_runs{};
  std::vector<const std::vector<double>*> candidate_runs{};
};
std::string timeline_chart(const TimelinePair& pair);

// Each run's value of a compared statistic as a dot, baseline row above candidate row, with a
// tick at each side's median: the run-to-run noise the verdict had to see through.
std::string run_dots_chart(const Comparison& comparison, const std::string& unit);

// The committed baseline values of one compared statistic over the baseline's git history,
// oldest first, with the candidate's median as the last point.
std::string history_chart(const std::vector<const HistoryPoint*>& points, double candidate_median,
                          const std::string& unit);

}  // namespace perfgate::gates::html
