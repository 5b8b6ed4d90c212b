#include "gates/policy/gate_policy.h"

#include <nlohmann/json.hpp>

#include "harness/errors.h"
#include "harness/suite/quantity.h"

namespace perfgate::gates {
namespace {

using nlohmann::json;

// Names the file and the field in every message about the gate block.
class GateErrors {
 public:
  GateErrors(std::string file, int line) : file_(std::move(file)), line_(line) {}

  [[noreturn]] void fail(const std::string& field, const std::string& message) const {
    std::string where = field.empty() ? std::string("gate") : "gate." + field;
    if (line_ > 0) where = "line " + std::to_string(line_) + ", key " + where;
    throw InputError(file_, where, message);
  }

 private:
  std::string file_;
  int line_;
};

// A short rendering of a JSON value for messages, bounded so hostile input stays readable.
std::string shown(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

double parse_alpha(const json& value, const GateErrors& errors) {
  if (!value.is_number() || !(value.get<double>() > 0 && value.get<double>() < 1))
    errors.fail("alpha", "expected a number between 0 and 1 like 0.05, got " + shown(value));
  return value.get<double>();
}

Correction parse_correction(const json& value, const GateErrors& errors) {
  if (value == "holm") return Correction::holm;
  if (value == "bh") return Correction::benjamini_hochberg;
  if (value == "none") return Correction::none;
  errors.fail("correction", "expected holm, bh or none, got " + shown(value));
}

double parse_threshold(const json& value, const GateErrors& errors) {
  std::optional<double> fraction;
  if (value.is_string()) fraction = parse_fraction(value.get<std::string>());
  // A bare number must be a fraction: "threshold: 5" is almost surely a forgotten '%'.
  if (value.is_number() && value.get<double>() <= 1) fraction = value.get<double>();
  if (!fraction || !(*fraction > 0 && *fraction < 1))
    errors.fail("threshold",
                "expected a percentage like 5% (above 0%, below 100%), got " + shown(value));
  return *fraction;
}

std::vector<MetricSelector> parse_metrics(const json& value, const GateErrors& errors) {
  if (!value.is_array() || value.empty())
    errors.fail("metrics",
                "expected a non-empty list like [latency.p99, throughput], got " + shown(value));
  std::vector<MetricSelector> metrics;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto field = "metrics[" + std::to_string(i) + "]";
    std::optional<MetricSelector> selector;
    if (value[i].is_string()) selector = parse_metric_selector(value[i].get<std::string>());
    if (!selector)
      errors.fail(field, "expected METRIC.STATISTIC or METRIC, got " + shown(value[i]));
    metrics.push_back(*selector);
  }
  return metrics;
}

std::map<std::string, Direction> parse_directions(const json& value, const GateErrors& errors) {
  if (!value.is_object())
    errors.fail("directions",
                "expected a map like {throughput: higher_is_better}, got " + shown(value));
  std::map<std::string, Direction> directions;
  for (const auto& [metric, direction] : value.items()) {
    std::optional<Direction> parsed;
    if (direction.is_string()) parsed = parse_direction(direction.get<std::string>());
    if (!parsed)
      errors.fail("directions." + metric,
                  "expected lower_is_better or higher_is_better, got " + shown(direction));
    directions.emplace(metric, *parsed);
  }
  return directions;
}

int parse_min_repetitions(const json& value, const GateErrors& errors) {
  if (!value.is_number_integer() || value.get<long long>() < 2 || value.get<long long>() > 10000)
    errors.fail("min_repetitions", "expected a whole number from 2 to 10000, got " + shown(value));
  return static_cast<int>(value.get<long long>());
}

EnvironmentChangeAction parse_environment_action(const json& value, const GateErrors& errors) {
  if (value == "warn") return EnvironmentChangeAction::warn;
  if (value == "fail") return EnvironmentChangeAction::fail;
  if (value == "ignore") return EnvironmentChangeAction::ignore;
  if (value == "inconclusive") return EnvironmentChangeAction::inconclusive;
  errors.fail("on_environment_change",
              "expected warn, fail, ignore or inconclusive, got " + shown(value));
}

MissingBaselineAction parse_missing_baseline_action(const json& value, const GateErrors& errors) {
  if (value == "pass") return MissingBaselineAction::pass;
  if (value == "fail") return MissingBaselineAction::fail;
  errors.fail("on_missing_baseline", "expected pass or fail, got " + shown(value));
}

std::vector<std::string> parse_sla(const json& value, const GateErrors& errors) {
  if (!value.is_array()) errors.fail("sla", "expected a list of rules, got " + shown(value));
  std::vector<std::string> rules;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string())
      errors.fail("sla[" + std::to_string(i) + "]",
                  "expected a rule like \"latency.p99 < 250ms\", got " + shown(value[i]));
    rules.push_back(value[i].get<std::string>());
  }
  return rules;
}

void apply_key(GatePolicy& policy, const std::string& key, const json& value,
               const GateErrors& errors) {
  if (key == "alpha")
    policy.alpha = parse_alpha(value, errors);
  else if (key == "correction")
    policy.correction = parse_correction(value, errors);
  else if (key == "threshold")
    policy.threshold = parse_threshold(value, errors);
  else if (key == "metrics")
    policy.metrics = parse_metrics(value, errors);
  else if (key == "directions")
    policy.direction_overrides = parse_directions(value, errors);
  else if (key == "min_repetitions")
    policy.min_repetitions = parse_min_repetitions(value, errors);
  else if (key == "on_environment_change")
    policy.on_environment_change = parse_environment_action(value, errors);
  else if (key == "on_missing_baseline")
    policy.on_missing_baseline = parse_missing_baseline_action(value, errors);
  else if (key == "sla")
    policy.sla = parse_sla(value, errors);
  else
    errors.fail(key,
                "unknown key; expected alpha, correction, threshold, metrics, directions, "
                "min_repetitions, on_environment_change, on_missing_baseline or sla");
}

}  // namespace

Direction GatePolicy::direction_of(const std::string& metric_name) const {
  const auto found = direction_overrides.find(metric_name);
  return found != direction_overrides.end() ? found->second : default_direction(metric_name);
}

const char* to_string(Correction correction) {
  switch (correction) {
    case Correction::none:
      return "none";
    case Correction::holm:
      return "holm";
    case Correction::benjamini_hochberg:
      return "bh";
  }
  return "holm";
}

GatePolicy parse_gate_policy(std::string_view gate_json, const std::string& file, int line) {
  const GateErrors errors(file, line);
  GatePolicy policy;
  if (gate_json.empty()) return policy;
  const json root = json::parse(gate_json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) errors.fail("", "the gate block is not valid JSON");
  if (root.is_null()) return policy;  // `gate:` with nothing under it
  if (!root.is_object()) errors.fail("", "expected a map of gate settings, got " + shown(root));
  for (const auto& [key, value] : root.items()) apply_key(policy, key, value, errors);
  return policy;
}

GatePolicy parse_gate_policy(const Suite& suite) {
  return parse_gate_policy(suite.gate_yaml, suite.path, suite.gate_line);
}

}  // namespace perfgate::gates
