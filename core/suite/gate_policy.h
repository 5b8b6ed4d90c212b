// The suite's `gate:` block as a plain value with documented defaults. The suite loader fills it
// (core/suite/gate_loader.h), perfgate compare builds one from its flags, and gates/ decides
// with it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/suite/correction.h"
#include "core/suite/metric_selector.h"
#include "core/suite/sla_rule.h"

namespace perfgate::gates {

using stats::Correction;  // none | holm | benjamini_hochberg ("bh" in suite files)

// What to do when baseline and candidate were measured on different machines (`perfgate gate`
// compares CPU model, cores, kernel, governor and compiler): warn = compare and say so,
// fail = fail the gate, ignore = say nothing, inconclusive = every comparison becomes
// inconclusive (only SLA rules, which need no baseline, can still fail the gate).
enum class EnvironmentChangeAction { warn, fail, ignore, inconclusive };

// What `perfgate gate` does when the target branch has no baseline file yet.
enum class MissingBaselineAction { pass, fail };

struct GatePolicy {
  double alpha = 0.05;  // in (0, 1): family-wise (holm) or FDR (bh) level
  Correction correction = Correction::holm;
  double threshold = 0.05;  // smallest relative change that matters, in (0, 1)
  std::vector<MetricSelector> metrics = {{"latency", Statistic::p50},
                                         {"latency", Statistic::p99},
                                         {"throughput", Statistic::value},
                                         {"error_rate", Statistic::value}};
  // metric name -> direction; see gates/policy/direction.h for the defaults
  std::map<std::string, Direction> direction_overrides{};
  int min_repetitions = 5;  // >= 2 (a variance needs two runs); fewer runs -> inconclusive
  EnvironmentChangeAction on_environment_change = EnvironmentChangeAction::warn;
  MissingBaselineAction on_missing_baseline = MissingBaselineAction::pass;
  std::vector<sla::SlaRule> sla{};  // parsed, each with its text, file and line

  bool operator==(const GatePolicy&) const = default;
};

// The valid values of alpha and threshold, and what a message says is expected, shared by the
// suite loader and perfgate compare's flags so that both reject the same values the same way.
constexpr bool valid_alpha(double alpha) {
  return alpha > 0 && alpha < 1;
}
constexpr bool valid_threshold(double fraction) {
  return fraction > 0 && fraction < 1;
}
inline constexpr std::string_view kExpectedAlpha = "a number between 0 and 1 like 0.05";
inline constexpr std::string_view kExpectedThreshold =
    "a percentage like 5% (above 0%, below 100%)";
inline constexpr std::string_view kExpectedMetric = "METRIC.STATISTIC or METRIC";

}  // namespace perfgate::gates
