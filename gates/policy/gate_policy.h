// The suite's `gate:` block, parsed once into a plain value with documented defaults.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gates/policy/metric_selector.h"
#include "gates/stats/multiplicity.h"
#include "harness/suite/suite.h"

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
  std::map<std::string, Direction> direction_overrides{};  // metric name -> direction
  int min_repetitions = 5;  // >= 2 (a variance needs two runs); fewer runs -> inconclusive
  EnvironmentChangeAction on_environment_change = EnvironmentChangeAction::warn;
  MissingBaselineAction on_missing_baseline = MissingBaselineAction::pass;
  std::vector<std::string> sla{};  // rules as written, e.g. "latency.p99 < 250ms"

  // The override for `metric_name` if any, else default_direction().
  Direction direction_of(const std::string& metric_name) const;

  bool operator==(const GatePolicy&) const = default;
};

const char* to_string(Correction correction);  // "none", "holm", "bh"

// Parses the `gate:` block given as JSON object text (Suite::gate_yaml); "" gives the defaults.
// Keys: alpha (number), correction ("holm" | "bh" | "none"), threshold ("5%" or 0.05),
// metrics (list of "NAME.STAT" or "NAME"), directions (map NAME -> "lower_is_better" |
// "higher_is_better"), min_repetitions (integer >= 2), on_environment_change
// ("warn" | "fail" | "ignore"), sla (list of strings).
// Throws perfgate::InputError(file, "[line N, key ]gate.<key>", what was expected) for invalid
// JSON, a non-object, an unknown key or a bad value. `line` is the gate block's line, 0 if unknown.
GatePolicy parse_gate_policy(std::string_view gate_json, const std::string& file = "gate",
                             int line = 0);

// The same for a loaded suite: messages name the suite file and the gate block's line.
GatePolicy parse_gate_policy(const Suite& suite);

}  // namespace perfgate::gates
