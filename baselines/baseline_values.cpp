#include "baselines/baseline_values.h"

#include <algorithm>
#include <cmath>

#include "baselines/baseline_file.h"
#include "core/errors.h"
#include "core/model/units.h"
#include "gates/compare/run_values.h"
#include "gates/stats/quantiles.h"

namespace perfgate::baselines {
namespace {

std::string unit_of(const SuiteResult& result, const gates::ComparisonKey& key) {
  for (const ScenarioResult& scenario : result.scenarios)
    if (scenario.name == key.scenario)
      for (const RunResult& run : scenario.runs)
        if (const Metric* metric = run.find(key.metric, key.tags)) return metric->unit;
  return "";
}

struct Moved {
  std::string line;
  double magnitude = 0;  // |log ratio|: +10 % and -9.1 % weigh the same
};

std::vector<Moved> moved_values(const BaselineValues& before, const BaselineValues& after) {
  std::vector<Moved> moved;
  for (const auto& [key, now] : after) {
    const auto old = before.find(key);
    if (old == before.end() || old->second.median == now.median) continue;
    const double ratio = now.median / old->second.median;
    const double magnitude = std::isfinite(std::log(ratio)) ? std::abs(std::log(ratio)) : 1e9;
    moved.push_back({describe(key) + ": " + format_value(old->second.median, parse_unit(now.unit)) +
                         " -> " + format_value(now.median, parse_unit(now.unit)) +
                         (std::isfinite(ratio) ? " (" + format_change(ratio) + ")" : ""),
                     magnitude});
  }
  std::stable_sort(moved.begin(), moved.end(),
                   [](const Moved& a, const Moved& b) { return a.magnitude > b.magnitude; });
  return moved;
}

std::size_t count_missing(const BaselineValues& from, const BaselineValues& in) {
  return static_cast<std::size_t>(std::count_if(
      from.begin(), from.end(), [&](const auto& entry) { return !in.contains(entry.first); }));
}

}  // namespace

BaselineValues baseline_values(const SuiteResult& result,
                               std::span<const gates::MetricSelector> selectors) {
  BaselineValues values;
  for (const auto& [key, runs] : gates::collect_run_values(result, selectors).values)
    if (!runs.empty()) values[key] = {stats::median(runs), unit_of(result, key)};
  return values;
}

std::string describe(const gates::ComparisonKey& key) {
  const bool value = key.statistic == gates::Statistic::value;
  return key.scenario + " " +
         format_metric_label(key.metric, key.tags, value ? "" : gates::to_string(key.statistic));
}

std::string describe_changes(const BaselineValues& before, const BaselineValues& after,
                             std::size_t max_lines) {
  if (before.empty()) return "First baseline: " + std::to_string(after.size()) + " statistics.\n";
  const std::vector<Moved> moved = moved_values(before, after);
  std::string text;
  for (std::size_t i = 0; i < moved.size() && i < max_lines; ++i) text += moved[i].line + "\n";
  if (moved.size() > max_lines)
    text += "... and " + std::to_string(moved.size() - max_lines) + " more\n";
  if (moved.empty()) text += "No compared statistic moved.\n";
  if (const std::size_t added = count_missing(after, before))
    text += std::to_string(added) + " new statistics\n";
  if (const std::size_t removed = count_missing(before, after))
    text += std::to_string(removed) + " statistics removed\n";
  return text;
}

History baseline_history(const BaselineLocation& location,
                         std::span<const gates::MetricSelector> selectors, std::size_t limit) {
  History history;
  const std::vector<CommitInfo> commits =
      location.repo.commits_touching(location.path_in_repo, limit);
  history.commits = commits.size();
  for (const CommitInfo& commit : commits) {
    std::optional<SuiteResult> result;
    try {
      result = read_baseline_at(location, commit.id, "commit");
    } catch (const InputError& error) {
      history.skipped.push_back(error.what());
      continue;
    }
    if (!result) continue;
    for (const auto& [key, value] : baseline_values(*result, selectors)) {
      history.points.push_back({key, commit.id, commit.committed_at, commit.subject, value.median});
      history.units[key] = value.unit;
    }
  }
  std::stable_sort(history.points.begin(), history.points.end(),
                   [](const auto& a, const auto& b) { return a.key < b.key; });
  return history;
}

}  // namespace perfgate::baselines
