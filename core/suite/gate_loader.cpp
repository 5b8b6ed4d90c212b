#include "core/suite/gate_loader.h"

#include <array>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/suite/quantity.h"
#include "core/suite/suite_keys.h"

namespace perfgate::suite_detail {
namespace {

using gates::Direction;
using gates::EnvironmentChangeAction;
using gates::GatePolicy;
using gates::MetricSelector;
using gates::MissingBaselineAction;

constexpr std::array<std::string_view, 2> kDirectionNames{"lower_is_better", "higher_is_better"};
constexpr std::array<std::pair<std::string_view, EnvironmentChangeAction>, 4> kEnvironmentActions{
    {{"warn", EnvironmentChangeAction::warn},
     {"fail", EnvironmentChangeAction::fail},
     {"ignore", EnvironmentChangeAction::ignore},
     {"inconclusive", EnvironmentChangeAction::inconclusive}}};
constexpr std::array<std::pair<std::string_view, MissingBaselineAction>, 2> kMissingBaselineActions{
    {{"pass", MissingBaselineAction::pass}, {"fail", MissingBaselineAction::fail}}};

// "a, b or c"
std::string or_list(std::span<const std::string_view> names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
    text += names[i];
  }
  return text;
}

// One name of a closed set: `parse` gives its value, or nullopt for any other text; `names`
// are the valid ones, listed in the message, the closest of them suggested.
template <typename Parse>
auto read_name(const Field& field, Parse parse, std::span<const std::string_view> names) {
  if (field.node().IsScalar())
    if (auto value = parse(field.node().Scalar())) return *value;
  std::string message = "expected " + or_list(names) + ", got " + field.describe();
  if (field.node().IsScalar()) {
    std::string_view suggestion = closest_word(field.node().Scalar(), names);
    if (!suggestion.empty()) message += " \u2014 did you mean '" + std::string(suggestion) + "'?";
  }
  field.fail(message);
}

template <typename Action, size_t N>
Action read_action(const Field& field,
                   const std::array<std::pair<std::string_view, Action>, N>& actions) {
  std::array<std::string_view, N> names;
  for (size_t i = 0; i < N; ++i) names[i] = actions[i].first;
  auto parse = [&](std::string_view text) -> std::optional<Action> {
    for (const auto& [name, action] : actions)
      if (text == name) return action;
    return std::nullopt;
  };
  return read_name(field, parse, names);
}

double read_alpha(const Field& field) {
  std::optional<double> alpha = field.plain_number();
  if (alpha && gates::valid_alpha(*alpha)) return *alpha;
  std::string message =
      "expected " + std::string(gates::kExpectedAlpha) + ", got " + field.describe();
  // In a JSON suite, "alpha": "0.05" is a string; say so rather than leave a puzzle.
  if (!alpha && field.is_string() && parse_plain_number(field.node().Scalar()))
    message += " (quoted: write the number without quotes)";
  field.fail(message);
}

// "5%", or a fraction: a plain number (0.05) or a quoted one ('0.05'). A bare number above 1 is
// rejected: "threshold: 5" is almost surely a forgotten '%'.
double read_threshold(const Field& field) {
  std::optional<double> fraction = field.plain_number();
  if (!fraction && field.node().IsScalar()) fraction = parse_fraction(field.node().Scalar());
  if (!fraction || !gates::valid_threshold(*fraction))
    field.fail("expected " + std::string(gates::kExpectedThreshold) + ", got " + field.describe());
  return *fraction;
}

std::vector<MetricSelector> read_metrics(const Field& field) {
  const std::string expected = "a non-empty list like [latency.p99, throughput]";
  std::vector<Field> items = field.items(expected);
  if (items.empty()) field.fail("expected " + expected + ", got an empty list");
  std::vector<MetricSelector> metrics;
  for (const Field& item : items) {
    std::optional<MetricSelector> selector;
    if (item.is_string()) selector = gates::parse_metric_selector(item.node().Scalar());
    if (!selector)
      item.fail("expected " + std::string(gates::kExpectedMetric) + ", got " + item.describe());
    metrics.push_back(*selector);
  }
  return metrics;
}

std::map<std::string, Direction> read_directions(const Field& field) {
  field.expect_mapping("a map like {throughput: higher_is_better}");
  std::map<std::string, Direction> directions;
  for (const auto& [metric, value] : field.members()) {
    directions.emplace(metric, read_name(value, gates::parse_direction, kDirectionNames));
  }
  return directions;
}

// Each rule keeps its file, key path and line, for the messages of the checks on the results.
std::vector<sla::SlaRule> read_sla(const Field& field) {
  std::vector<sla::SlaRule> rules;
  for (const Field& item : field.items("a list of rules")) {
    if (!item.is_string())
      item.fail("expected a rule like \"latency.p99 < 250ms\", got " + item.describe());
    rules.push_back(
        sla::parse_sla_rule(item.node().Scalar(), item.file(), item.key_path(), item.line()));
  }
  return rules;
}

}  // namespace

GatePolicy read_gate_policy(const Field& field) {
  field.expect_mapping("a gate policy like {alpha: 0.05, threshold: 5%}");
  field.check_keys(suite_keys::gate);
  GatePolicy policy;
  if (auto alpha = field.member("alpha")) policy.alpha = read_alpha(*alpha);
  if (auto correction = field.member("correction"))
    policy.correction = read_name(*correction, stats::parse_correction, stats::kCorrectionNames);
  if (auto threshold = field.member("threshold")) policy.threshold = read_threshold(*threshold);
  if (auto metrics = field.member("metrics")) policy.metrics = read_metrics(*metrics);
  if (auto directions = field.member("directions"))
    policy.direction_overrides = read_directions(*directions);
  if (auto repetitions = field.member("min_repetitions"))
    policy.min_repetitions = static_cast<int>(repetitions->whole_number(2, 10'000));
  if (auto action = field.member("on_environment_change"))
    policy.on_environment_change = read_action(*action, kEnvironmentActions);
  if (auto action = field.member("on_missing_baseline"))
    policy.on_missing_baseline = read_action(*action, kMissingBaselineActions);
  if (auto rules = field.member("sla")) policy.sla = read_sla(*rules);
  return policy;
}

}  // namespace perfgate::suite_detail
