#include "gates/sla/sla_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "core/errors.h"
#include "gates/sla/sla_sentence.h"
#include "gates/stats/quantiles.h"

namespace perfgate::sla {
namespace {

// The values of one tag set across the ok runs of one scenario.
struct Series {
  std::string unit;
  std::vector<RunValue> runs;
};

std::string metric_with_tags(const std::string& metric, const Tags& tags) {
  if (tags.empty()) return metric;
  std::string text = metric + "{";
  for (const auto& [key, value] : tags) text += key + "=" + value + ",";
  text.back() = '}';
  return text;
}

[[noreturn]] void fail(const SlaRule& rule, const std::string& message) {
  throw InputError(rule.file, location(rule), "'" + rule.text + "': " + message);
}

const char* kind_name(ThresholdKind kind) {
  switch (kind) {
    case ThresholdKind::duration:
      return "a duration";
    case ThresholdKind::rate:
      return "a rate";
    case ThresholdKind::percentage:
      return "a percentage";
    case ThresholdKind::number:
      return "a plain number";
  }
  return "a value";
}

// Which kinds of VALUE fit a metric unit, and how to say what would fit.
bool fits(ThresholdKind kind, const std::string& unit) {
  if (unit == "ns") return kind == ThresholdKind::duration;
  if (unit == "1/s") return kind == ThresholdKind::rate || kind == ThresholdKind::number;
  if (unit == "ratio") return kind == ThresholdKind::percentage || kind == ThresholdKind::number;
  return kind == ThresholdKind::number;
}

std::string what_fits(const std::string& unit) {
  if (unit == "ns") return "a duration such as 250ms";
  if (unit == "1/s") return "a rate such as 1000/s";
  if (unit == "ratio") return "a percentage such as 1%";
  return "a plain number";
}

double threshold_in_unit(const SlaRule& rule, const Metric& metric) {
  if (!fits(rule.threshold.kind, metric.unit)) {
    fail(rule, "compares " + metric.name + " (unit " + metric.unit + ") with " +
                   kind_name(rule.threshold.kind) + " '" + rule.threshold.text + "'; write " +
                   what_fits(metric.unit));
  }
  return rule.threshold.value;
}

std::optional<double> histogram_statistic(const Histogram& histogram, const Statistic& statistic) {
  if (histogram.empty()) return std::nullopt;
  switch (statistic.kind) {
    case StatisticKind::min:
      return static_cast<double>(histogram.min());
    case StatisticKind::mean:
      return histogram.mean();
    case StatisticKind::max:
      return static_cast<double>(histogram.max());
    case StatisticKind::percentile:
      return static_cast<double>(histogram.value_at_percentile(statistic.percentile));
    case StatisticKind::value:
      break;
  }
  return std::nullopt;
}

// The rule's statistic of one run's metric; nullopt when the run has nothing to say (an empty
// histogram, a NaN read back from JSON null).
std::optional<double> statistic_of(const SlaRule& rule, const Metric& metric) {
  const Statistic& statistic = rule.statistic;
  if (statistic.kind == StatisticKind::value) {
    if (metric.value) return std::isfinite(*metric.value) ? metric.value : std::nullopt;
    if (!statistic.written) {
      fail(rule, metric.name + " is a distribution: name a statistic, e.g. " + metric.name +
                     ".p99 or " + metric.name + ".mean");
    }
    fail(rule, metric.name + " has no single value: use min, mean, max or pN");
  }
  if (!metric.histogram) {
    fail(rule, metric.name + " is a single value, not a distribution: write " + metric.name +
                   ".value or leave the statistic out");
  }
  return histogram_statistic(*metric.histogram, statistic);
}

bool applies(const SlaRule& rule, const Metric& metric) {
  if (metric.name != rule.metric) return false;
  return std::all_of(rule.tags.begin(), rule.tags.end(), [&](const auto& tag) {
    auto found = metric.tags.find(tag.first);
    return found != metric.tags.end() && found->second == tag.second;
  });
}

bool has_applicable_metric(const SlaRule& rule, const ScenarioResult& scenario) {
  return std::any_of(scenario.runs.begin(), scenario.runs.end(), [&](const RunResult& run) {
    return std::any_of(run.metrics.begin(), run.metrics.end(),
                       [&](const Metric& metric) { return applies(rule, metric); });
  });
}

void add_run_value(const SlaRule& rule, const RunResult& run, const Metric& metric,
                   std::map<Tags, Series>& series) {
  threshold_in_unit(rule, metric);  // a misfit is an error even when the run has no value
  std::optional<double> value = statistic_of(rule, metric);
  if (!value) return;
  Series& entry = series[metric.tags];
  entry.unit = metric.unit;
  entry.runs.push_back({.run_index = run.index, .value = *value});
}

// Per tag set, the values of the ok runs. An exact tag match is the named aggregate.
std::map<Tags, Series> collect_series(const SlaRule& rule, const ScenarioResult& scenario) {
  std::map<Tags, Series> series;
  for (const RunResult& run : scenario.runs) {
    if (run.status != RunStatus::ok) continue;
    for (const Metric& metric : run.metrics) {
      if (applies(rule, metric)) add_run_value(rule, run, metric, series);
    }
  }
  if (auto exact = series.find(rule.tags); exact != series.end()) {
    return {{exact->first, std::move(exact->second)}};
  }
  return series;
}

// The run on the wrong side of the threshold by the most (or, if none is, the closest to it).
RunValue worst_run(const std::vector<RunValue>& runs, Comparison comparison, double threshold) {
  auto badness = [&](const RunValue& run) {
    switch (comparison) {
      case Comparison::less:
      case Comparison::less_or_equal:
        return run.value;
      case Comparison::greater:
      case Comparison::greater_or_equal:
        return -run.value;
      case Comparison::equal:
        return std::abs(run.value - threshold);
    }
    return 0.0;
  };
  return *std::max_element(runs.begin(), runs.end(), [&](const RunValue& a, const RunValue& b) {
    return badness(a) < badness(b);
  });
}

SlaResult evaluate(const SlaRule& rule, const std::string& scenario, const Tags& tags,
                   Series series) {
  SlaResult result{.rule = rule, .scenario = scenario, .tags = tags, .unit = series.unit};
  result.runs = std::move(series.runs);
  std::vector<double> values;
  for (const RunValue& run : result.runs) values.push_back(run.value);
  result.observed = stats::median(values);
  result.threshold = rule.threshold.value;
  result.worst = worst_run(result.runs, rule.comparison, result.threshold);
  result.runs_breaching =
      static_cast<int>(std::count_if(values.begin(), values.end(), [&](double v) {
        return !satisfies(v, rule.comparison, result.threshold);
      }));
  bool holds = satisfies(result.observed, rule.comparison, result.threshold);
  result.outcome = holds ? SlaOutcome::pass : SlaOutcome::breach;
  result.sentence = describe_outcome(result);
  return result;
}

SlaResult no_data(const SlaRule& rule, const std::string& scenario, const std::string& reason) {
  return {.rule = rule,
          .scenario = scenario,
          .tags = rule.tags,
          .threshold = rule.threshold.value,
          .outcome = SlaOutcome::no_data,
          .sentence = "no data for '" + rule.text + "': " + reason};
}

std::string no_ok_run_reason(const SlaRule& rule, const ScenarioResult& scenario) {
  auto failed = std::count_if(scenario.runs.begin(), scenario.runs.end(),
                              [](const RunResult& run) { return run.status != RunStatus::ok; });
  return "no successful run of " + scenario.name + " has a value for " +
         metric_with_tags(rule.metric, rule.tags) + " (" + std::to_string(failed) + " of " +
         std::to_string(scenario.runs.size()) + " runs failed or were interrupted)";
}

void check_scenario(const SlaRule& rule, const ScenarioResult& scenario, bool scoped,
                    std::vector<SlaResult>& results) {
  std::map<Tags, Series> series = collect_series(rule, scenario);
  if (!series.empty()) {
    for (auto& [tags, values] : series) {
      results.push_back(evaluate(rule, scenario.name, tags, std::move(values)));
    }
  } else if (has_applicable_metric(rule, scenario)) {
    results.push_back(no_data(rule, scenario.name, no_ok_run_reason(rule, scenario)));
  } else if (scoped) {
    results.push_back(no_data(rule, scenario.name,
                              "scenario " + scenario.name + " has no metric " +
                                  metric_with_tags(rule.metric, rule.tags)));
  }
}

void check_rule(const SlaRule& rule, const SuiteResult& candidate,
                std::vector<SlaResult>& results) {
  size_t before = results.size();
  if (!rule.scenario.empty()) {
    auto scenario = std::find_if(candidate.scenarios.begin(), candidate.scenarios.end(),
                                 [&](const ScenarioResult& s) { return s.name == rule.scenario; });
    if (scenario == candidate.scenarios.end()) {
      results.push_back(no_data(rule, rule.scenario,
                                "the results have no scenario named '" + rule.scenario + "'"));
      return;
    }
    check_scenario(rule, *scenario, true, results);
    return;
  }
  for (const ScenarioResult& scenario : candidate.scenarios) {
    check_scenario(rule, scenario, false, results);
  }
  if (results.size() == before) {
    results.push_back(
        no_data(rule, "", "no scenario has a metric " + metric_with_tags(rule.metric, rule.tags)));
  }
}

}  // namespace

std::vector<SlaResult> check_slas(std::span<const SlaRule> rules, const SuiteResult& candidate) {
  std::vector<SlaResult> results;
  for (const SlaRule& rule : rules) check_rule(rule, candidate, results);
  return results;
}

bool satisfies(double observed, Comparison comparison, double threshold) {
  switch (comparison) {
    case Comparison::less:
      return observed < threshold;
    case Comparison::less_or_equal:
      return observed <= threshold;
    case Comparison::greater:
      return observed > threshold;
    case Comparison::greater_or_equal:
      return observed >= threshold;
    case Comparison::equal:
      return observed == threshold;
  }
  return false;
}

bool any_breach(std::span<const SlaResult> results) {
  return std::any_of(results.begin(), results.end(),
                     [](const SlaResult& result) { return result.outcome == SlaOutcome::breach; });
}

const char* to_string(SlaOutcome outcome) {
  switch (outcome) {
    case SlaOutcome::pass:
      return "pass";
    case SlaOutcome::breach:
      return "breach";
    case SlaOutcome::no_data:
      return "no-data";
  }
  return "?";
}

}  // namespace perfgate::sla
