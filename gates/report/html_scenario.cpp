#include "gates/report/html_scenario.h"

#include <cmath>
#include <map>
#include <set>

#include "core/model/units.h"
#include "gates/report/escape.h"
#include "gates/report/html_charts.h"
#include "gates/report/html_format.h"

namespace perfgate::gates::html {
namespace {

const std::string kRequestTag = "request";

struct SeriesKey {
  std::string name{};
  Tags tags{};
  auto operator<=>(const SeriesKey&) const = default;
};

// One side's data for one scenario, from its successful runs: histograms and timelines per run.
struct SideData {
  const ScenarioResult* scenario = nullptr;
  int successful_runs = 0;
  std::map<SeriesKey, std::vector<const Histogram*>> distributions{};
  std::map<SeriesKey, std::vector<const std::vector<double>*>> timelines{};
  std::map<SeriesKey, std::string> units{};
};

const ScenarioResult* find_scenario(const SuiteResult* suite, const std::string& name) {
  if (suite == nullptr) return nullptr;
  for (const ScenarioResult& scenario : suite->scenarios)
    if (scenario.name == name) return &scenario;
  return nullptr;
}

void add_run(SideData& side, const RunResult& run, const std::set<std::string>& charted) {
  ++side.successful_runs;
  for (const Metric& metric : run.metrics) {
    const SeriesKey key{metric.name, metric.tags};
    if (metric.histogram && !metric.histogram->empty() && charted.contains(metric.name)) {
      side.distributions[key].push_back(&*metric.histogram);
      side.units.emplace(key, metric.unit);
    }
    if (!metric.timeline.empty()) {
      side.timelines[key].push_back(&metric.timeline);
      side.units.emplace(key, metric.unit);
    }
  }
}

SideData collect_side(const SuiteResult* suite, const std::string& name,
                      const std::set<std::string>& charted) {
  SideData side;
  side.scenario = find_scenario(suite, name);
  if (side.scenario == nullptr) return side;
  for (const RunResult& run : side.scenario->runs)
    if (run.status == RunStatus::ok) add_run(side, run, charted);
  return side;
}

std::string request_of(const Tags& tags) {
  auto found = tags.find(kRequestTag);
  return found == tags.end() ? "" : found->second;
}

// Latency always gets the distribution charts; other histogram metrics when the gate compares
// them (charting every ttfb and connect_time would bury the page).
std::set<std::string> charted_distributions(const std::vector<size_t>& comparisons,
                                            const GateResult& gate) {
  std::set<std::string> names = {"latency"};
  for (size_t index : comparisons)
    if (gate.comparisons[index].key.statistic != Statistic::value)
      names.insert(gate.comparisons[index].key.metric);
  return names;
}

std::string figure(const std::string& caption, const std::string& body,
                   const std::string& attributes = "") {
  return "<figure" + attributes + "><figcaption>" + caption + "</figcaption>" + body +
         "</figure>\n";
}

std::string distribution_figures(const SideData& baseline, const SideData& candidate,
                                 const std::string& request) {
  std::set<SeriesKey> keys;
  for (const SideData* side : {&baseline, &candidate})
    for (const auto& [key, runs] : side->distributions)
      if (request_of(key.tags) == request) keys.insert(key);
  std::string out;
  for (const SeriesKey& key : keys) {
    DistributionPair pair{.title = describe_metric(key.name, key.tags, kRequestTag)};
    auto base = baseline.distributions.find(key);
    auto cand = candidate.distributions.find(key);
    const Distribution base_merged =
        base == baseline.distributions.end() ? Distribution{} : merge_runs(base->second);
    const Distribution cand_merged =
        cand == candidate.distributions.end() ? Distribution{} : merge_runs(cand->second);
    pair.baseline = &base_merged;
    pair.candidate = &cand_merged;
    pair.unit = (cand != candidate.distributions.end() ? candidate : baseline).units.at(key);
    const std::string title = escape_html(pair.title);
    out += figure(title + ": percentile spectrum", spectrum_chart(pair));
    out += figure(title + ": histogram", histogram_chart(pair));
  }
  return out;
}

std::string timeline_figures(const SideData& baseline, const SideData& candidate,
                             const std::string& request) {
  std::set<SeriesKey> keys;
  for (const SideData* side : {&baseline, &candidate})
    for (const auto& [key, runs] : side->timelines)
      if (request_of(key.tags) == request) keys.insert(key);
  std::string out;
  for (const SeriesKey& key : keys) {
    TimelinePair pair{.title = describe_metric(key.name, key.tags, kRequestTag)};
    auto base = baseline.timelines.find(key);
    auto cand = candidate.timelines.find(key);
    if (base != baseline.timelines.end()) pair.baseline_runs = base->second;
    if (cand != candidate.timelines.end()) pair.candidate_runs = cand->second;
    pair.unit = (cand != candidate.timelines.end() ? candidate : baseline).units.at(key);
    out += figure(escape_html(pair.title) + " per second, each run", timeline_chart(pair));
  }
  return out;
}

std::string finding(const Comparison& comparison) {
  const Change& change = comparison.change;
  std::string text =
      "baseline " + format_value(median_of(comparison.baseline_runs), comparison.unit) +
      " \xE2\x86\x92 candidate " +  // →
      format_value(median_of(comparison.candidate_runs), comparison.unit) + ": " +
      format_change(change.ratio, change.ci_low, change.ci_high) +
      ", adjusted p = " + format_p_value(comparison.test.p_adjusted) + " (" +
      to_string(comparison.test.kind) + "), " + std::to_string(comparison.baseline_runs.size()) +
      " vs " + std::to_string(comparison.candidate_runs.size()) + " runs";
  if (comparison.repetitions_needed)
    text += "; about " + std::to_string(*comparison.repetitions_needed) +
            " runs per side would decide it";
  return text;
}

std::string comparison_figure(const ReportInput& input, const HistoryIndex& history, size_t index) {
  const Comparison& comparison = input.gate->comparisons[index];
  const std::string unit = to_text(comparison.unit);
  const char* verdict = to_string(comparison.verdict);
  std::string caption =
      std::string("<span class=\"badge ") + verdict + "\">" + verdict + "</span> " +
      escape_html(describe_statistic(comparison.key.statistic, comparison.key.metric,
                                     comparison.key.tags, kRequestTag));
  std::string body = "<p class=\"finding\">" + escape_html(finding(comparison)) + "</p>" +
                     run_dots_chart(comparison, unit);
  auto points = history.find(comparison.key);
  if (points != history.end())
    body += "<p class=\"history-title\">history of the committed baseline</p>" +
            history_chart(points->second, median_of(comparison.candidate_runs), unit);
  return figure(caption, body,
                " id=\"" + comparison_anchor(index) + "\" class=\"comparison " + verdict + "\"");
}

std::vector<std::string> requests_in(const SideData& baseline, const SideData& candidate,
                                     const std::vector<size_t>& comparisons,
                                     const GateResult& gate) {
  std::set<std::string> requests;
  for (const SideData* side : {&baseline, &candidate}) {
    for (const auto& [key, runs] : side->distributions) requests.insert(request_of(key.tags));
    for (const auto& [key, runs] : side->timelines) requests.insert(request_of(key.tags));
  }
  for (size_t index : comparisons) requests.insert(request_of(gate.comparisons[index].key.tags));
  std::vector<std::string> ordered;
  for (const std::string& request : requests)
    if (!request.empty()) ordered.push_back(request);
  if (requests.contains("")) ordered.push_back("");  // the scenario as a whole comes last
  return ordered;
}

std::string unsuccessful_runs(const SideData& side, const char* label) {
  std::string out;
  if (side.scenario == nullptr) return out;
  for (const RunResult& run : side.scenario->runs)
    if (run.status != RunStatus::ok)
      out += "<li>" + std::string(label) + " run " + std::to_string(run.index) + " " +
             to_string(run.status) + ": " + safe_html(run.failure_reason) + "</li>";
  return out;
}

std::string scenario_header(const std::string& name, const SideData& baseline,
                            const SideData& candidate) {
  const ScenarioResult* any = candidate.scenario ? candidate.scenario : baseline.scenario;
  const std::string adapter = any ? any->adapter : "";
  std::string out = "<h2>" + safe_html(name) + " <small>" + safe_html(adapter) + " \xC2\xB7 " +
                    std::to_string(baseline.successful_runs) + " baseline vs " +
                    std::to_string(candidate.successful_runs) +
                    " candidate successful runs</small></h2>\n";
  const std::string approximate = any ? approximate_distribution_note(*any) : "";
  if (!approximate.empty()) out += "<p class=\"note\">" + escape_html(approximate) + "</p>\n";
  const std::string failed =
      unsuccessful_runs(baseline, "baseline") + unsuccessful_runs(candidate, "candidate");
  if (!failed.empty()) out += "<ul class=\"failed-runs\">" + failed + "</ul>\n";
  return out;
}

}  // namespace

HistoryIndex index_history(const ReportInput& input) {
  HistoryIndex index;
  for (const HistoryPoint& point : input.history) index[point.key].push_back(&point);
  return index;
}

std::vector<std::string> scenario_names(const ReportInput& input) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  auto add = [&](const std::string& name) {
    if (seen.insert(name).second) names.push_back(name);
  };
  for (const SuiteResult* suite : {input.candidate, input.baseline})
    if (suite != nullptr)
      for (const ScenarioResult& scenario : suite->scenarios) add(scenario.name);
  for (const Comparison& comparison : input.gate->comparisons) add(comparison.key.scenario);
  return names;
}

std::string scenario_anchor(size_t scenario_index) {
  return "s" + std::to_string(scenario_index);
}
std::string comparison_anchor(size_t comparison_index) {
  return "c" + std::to_string(comparison_index);
}

namespace {

bool has_approximate_distribution(const ScenarioResult& scenario) {
  for (const RunResult& run : scenario.runs)
    for (const Metric& metric : run.metrics)
      if (auto tag = metric.tags.find("distribution");
          tag != metric.tags.end() && tag->second == "approximate")
        return true;
  return false;
}

}  // namespace

std::string approximate_distribution_note(const ScenarioResult& scenario) {
  if (scenario.adapter != "artillery" && !has_approximate_distribution(scenario)) return "";
  const std::string tool = scenario.adapter.empty() ? "The load tool" : scenario.adapter;
  return tool +
         " reports summary percentiles, not every value: the distributions of this "
         "scenario are rebuilt from those percentiles and are approximate between them and "
         "beyond the highest one.";
}

std::string scenario_section(const ReportInput& input, const HistoryIndex& history,
                             const std::string& name, size_t scenario_index) {
  std::vector<size_t> comparisons;
  for (size_t i = 0; i < input.gate->comparisons.size(); ++i)
    if (input.gate->comparisons[i].key.scenario == name) comparisons.push_back(i);
  const std::set<std::string> charted = charted_distributions(comparisons, *input.gate);
  const SideData baseline = collect_side(input.baseline, name, charted);
  const SideData candidate = collect_side(input.candidate, name, charted);
  std::string out = "<section class=\"scenario\" id=\"" + scenario_anchor(scenario_index) +
                    "\">\n" + scenario_header(name, baseline, candidate);
  for (const std::string& request : requests_in(baseline, candidate, comparisons, *input.gate)) {
    out += "<section class=\"request\"><h3>" +
           (request.empty() ? std::string("whole scenario") : "request " + safe_html(request)) +
           "</h3>\n<div class=\"grid\">\n" + distribution_figures(baseline, candidate, request) +
           timeline_figures(baseline, candidate, request);
    for (size_t index : comparisons)
      if (request_of(input.gate->comparisons[index].key.tags) == request)
        out += comparison_figure(input, history, index);
    out += "</div></section>\n";
  }
  return out + "</section>\n";
}

}  // namespace perfgate::gates::html
