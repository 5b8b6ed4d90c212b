#include "gates/compare/run_values.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <utility>

#include "gates/stats/quantiles.h"

namespace perfgate::gates {
namespace {

double percentile_of(Statistic statistic) {
  switch (statistic) {
    case Statistic::p50:
      return 50;
    case Statistic::p90:
      return 90;
    case Statistic::p95:
      return 95;
    case Statistic::p99:
      return 99;
    case Statistic::p999:
      return 99.9;
    default:
      return 0;
  }
}

std::optional<double> histogram_statistic(const Histogram& histogram, Statistic statistic) {
  if (histogram.empty()) return std::nullopt;
  switch (statistic) {
    case Statistic::mean:
      return histogram.mean();
    case Statistic::min:
      return static_cast<double>(histogram.min());
    case Statistic::max:
      return static_cast<double>(histogram.max());
    default:
      return static_cast<double>(histogram.value_at_percentile(percentile_of(statistic)));
  }
}

// Whether the metric has what the selector asks for.
bool has_kind(const Metric& metric, Statistic statistic) {
  return statistic == Statistic::value ? metric.value.has_value() : metric.histogram.has_value();
}

std::optional<double> selected_value(const Metric& metric, Statistic statistic) {
  std::optional<double> value = statistic == Statistic::value
                                    ? metric.value
                                    : histogram_statistic(*metric.histogram, statistic);
  if (value && !std::isfinite(*value)) return std::nullopt;
  return value;
}

Note wrong_kind_note(const ComparisonKey& key) {
  const bool wants_value = key.statistic == Statistic::value;
  return Note{NoteKind::wrong_kind, key,
              wants_value
                  ? "the metric has no single value; select a statistic like " + key.metric + ".p99"
                  : "the metric has no histogram; select it by name: " + key.metric};
}

class Collector {
 public:
  // `unit` tells the statistical unit the run belongs to: its process when one process measured
  // several repetitions, else the run itself.
  void add_run(const std::string& scenario, const RunResult& run, int unit,
               std::span<const MetricSelector> selectors) {
    for (const Metric& metric : run.metrics)
      for (const MetricSelector& selector : selectors)
        if (selector.metric == metric.name) add_metric(scenario, metric, selector.statistic, unit);
  }

  // One value per statistical unit: the median of a process's runs, or the run's own value.
  CollectedValues take() {
    for (auto& [key, values] : by_unit_) {
      std::vector<double>& out = collected_.values[key];
      for (size_t begin = 0; begin < values.size();) {
        size_t end = begin;
        std::vector<double> unit_values;
        while (end < values.size() && values[end].first == values[begin].first)
          unit_values.push_back(values[end++].second);
        out.push_back(stats::median(unit_values));
        begin = end;
      }
    }
    return std::move(collected_);
  }

 private:
  void add_metric(const std::string& scenario, const Metric& metric, Statistic statistic,
                  int unit) {
    ComparisonKey key{scenario, metric.name, metric.tags, statistic};
    if (!has_kind(metric, statistic)) {
      if (noted_.insert(key).second) collected_.notes.push_back(wrong_kind_note(key));
      return;
    }
    if (auto value = selected_value(metric, statistic)) {
      collected_.units.try_emplace(key, parse_unit(metric.unit));
      by_unit_[std::move(key)].emplace_back(unit, *value);
    }
  }

  CollectedValues collected_;
  std::map<ComparisonKey, std::vector<std::pair<int, double>>> by_unit_;  // (unit, value), in order
  std::set<ComparisonKey> noted_;
};

Note missing_note(NoteKind kind, const ComparisonKey& key) {
  const char* side = kind == NoteKind::missing_in_baseline ? "baseline" : "candidate";
  return Note{kind, key, std::string("no successful run of the ") + side + " measured it"};
}

void append(std::vector<Note>& to, std::vector<Note>&& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

CollectedValues collect_run_values(const SuiteResult& result,
                                   std::span<const MetricSelector> selectors) {
  Collector collector;
  for (const ScenarioResult& scenario : result.scenarios)
    for (size_t i = 0; i < scenario.runs.size(); ++i) {
      const RunResult& run = scenario.runs[i];
      // Runs of their own process get units no process index can have.
      const int unit = run.process.value_or(-1 - static_cast<int>(i));
      if (run.status == RunStatus::ok) collector.add_run(scenario.name, run, unit, selectors);
    }
  return collector.take();
}

Matching match_run_values(const SuiteResult& baseline, const SuiteResult& candidate,
                          std::span<const MetricSelector> selectors) {
  CollectedValues base = collect_run_values(baseline, selectors);
  CollectedValues cand = collect_run_values(candidate, selectors);
  Matching matching;
  for (auto& [key, values] : base.values) {
    auto found = cand.values.find(key);
    if (found == cand.values.end()) {
      matching.notes.push_back(missing_note(NoteKind::missing_in_candidate, key));
      continue;
    }
    matching.matched.push_back(
        {key, cand.units.at(key), std::move(values), std::move(found->second)});
  }
  for (const auto& [key, values] : cand.values)
    if (!base.values.contains(key))
      matching.notes.push_back(missing_note(NoteKind::missing_in_baseline, key));
  // The same selector mistake on both sides is one note.
  std::erase_if(cand.notes, [&](const Note& note) {
    return std::any_of(base.notes.begin(), base.notes.end(),
                       [&](const Note& other) { return other.key == note.key; });
  });
  append(matching.notes, std::move(base.notes));
  append(matching.notes, std::move(cand.notes));
  return matching;
}

}  // namespace perfgate::gates
