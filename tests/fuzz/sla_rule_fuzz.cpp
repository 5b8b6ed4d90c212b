// libFuzzer target: SLA rule text (gate.sla entries of an untrusted suite file). Any text is
// either rejected with an InputError or parsed into a rule that is well-formed, prints back to a
// text that parses to the same rule, and evaluates on a small suite without crashing.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/errors.h"
#include "core/suite/sla_rule.h"
#include "gates/sla/sla_check.h"

namespace sla = perfgate::sla;

namespace {

perfgate::SuiteResult make_suite() {
  perfgate::Histogram histogram;
  for (uint64_t value = 1; value < 5000; value += 7) histogram.record(value * 1000);
  perfgate::ScenarioResult scenario{.name = "browse", .adapter = "native"};
  for (int index = 0; index < 3; ++index) {
    perfgate::RunResult run{.index = index};
    run.add(
        {.name = "latency", .unit = "ns", .tags = {{"request", "list"}}, .histogram = histogram});
    run.add({.name = "latency", .unit = "ns", .tags = {{"request", "get"}}, .histogram = {}});
    run.add({.name = "throughput", .unit = "1/s", .value = 1000.0 + index});
    run.add({.name = "error_rate", .unit = "ratio", .value = NAN});
    run.add({.name = "errors", .unit = "count", .value = 0});
    if (index == 1) run.status = perfgate::RunStatus::failed;
    scenario.runs.push_back(run);
  }
  return {.suite = "fuzz", .scenarios = {scenario}};
}

// The rule written back in the documented syntax.
std::string canonical_text(const sla::SlaRule& rule) {
  std::string text = rule.scenario.empty() ? "" : rule.scenario + ":";
  text += rule.metric;
  if (!rule.tags.empty()) {
    std::string tags;
    for (const auto& [key, value] : rule.tags)
      tags += (tags.empty() ? "" : ",") + key + "=" + value;
    text += "{" + tags + "}";
  }
  if (rule.statistic.written) text += "." + sla::to_string(rule.statistic);
  return text + " " + sla::to_string(rule.comparison) + " " + rule.threshold.text;
}

void check_well_formed(const sla::SlaRule& rule) {
  if (rule.metric.empty()) __builtin_trap();
  const sla::Statistic& statistic = rule.statistic;
  if (statistic.kind == sla::StatisticKind::percentile &&
      !(statistic.percentile > 0 && statistic.percentile <= 100)) {
    __builtin_trap();
  }
  if (!std::isfinite(rule.threshold.value) || rule.threshold.value < 0) __builtin_trap();
}

void check_round_trip(const sla::SlaRule& rule) {
  sla::SlaRule again = sla::parse_sla_rule(canonical_text(rule));
  again.text = rule.text;
  again.file = rule.file;
  again.where = rule.where;
  again.line = rule.line;
  if (!(again == rule)) __builtin_trap();
}

void evaluate(const sla::SlaRule& rule) {
  static const perfgate::SuiteResult suite = make_suite();
  try {
    auto results = sla::check_slas(std::span<const sla::SlaRule>(&rule, 1), suite);
    if (results.empty()) __builtin_trap();  // a rule always yields a result, if only no-data
  } catch (const perfgate::InputError&) {
    // A unit or statistic that does not fit the metric: the documented rejection.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sla::SlaRule rule;
  try {
    rule = sla::parse_sla_rule(text, "fuzz.yaml", "gate.sla[0]");
  } catch (const perfgate::InputError&) {
    return 0;
  }
  check_well_formed(rule);
  check_round_trip(rule);
  evaluate(rule);
  return 0;
}
