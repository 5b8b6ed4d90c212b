// The per-scenario sections of the HTML report (internal to gates/report): per request, the
// latency spectrum and histogram of both sides, per-second timelines, and per compared statistic
// the run-to-run dots, the change and verdict, and the history trend.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "gates/report/report_input.h"

namespace perfgate::gates::html {

// Every scenario the report covers, in the candidate's order, then scenarios only the baseline
// or only the comparisons name.
std::vector<std::string> scenario_names(const ReportInput& input);

// Anchors the summary table links to.
std::string scenario_anchor(size_t scenario_index);      // "s3"
std::string comparison_anchor(size_t comparison_index);  // "c12": index into gate->comparisons

// Whether a scenario's distributions are approximate, and why (for a note); empty when exact.
// Approximate: a metric tagged {distribution: approximate} (adapters that rebuild histograms
// from percentile summaries, such as Artillery's import, tag them so), or the artillery adapter.
std::string approximate_distribution_note(const ScenarioResult& scenario);

// The history points of each compared statistic, oldest first: built once per report.
using HistoryIndex = std::map<ComparisonKey, std::vector<const HistoryPoint*>>;
HistoryIndex index_history(const ReportInput& input);

// <section id="s{index}"> for scenario `name`.
std::string scenario_section(const ReportInput& input, const HistoryIndex& history,
                             const std::string& name, size_t scenario_index);

}  // namespace perfgate::gates::html
