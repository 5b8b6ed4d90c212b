#include "gates/compare/gate_result_json.h"

#include <cmath>

#include "gates/sla/sla_json.h"

namespace perfgate::gates {
namespace {

using nlohmann::json;

json number(double value) {
  return std::isfinite(value) ? json(value) : json(nullptr);
}

json numbers(const std::vector<double>& values) {
  json array = json::array();
  for (double value : values) array.push_back(number(value));
  return array;
}

void put_key(json& object, const ComparisonKey& key) {
  object["scenario"] = key.scenario;
  object["metric"] = key.metric;
  object["tags"] = json::object();
  for (const auto& [name, value] : key.tags) object["tags"][name] = value;
  object["statistic"] = to_string(key.statistic);
}

json comparison_json(const Comparison& comparison) {
  json object = json::object();
  put_key(object, comparison.key);
  object["unit"] = to_text(comparison.unit);
  object["direction"] = to_string(comparison.direction);
  object["baseline"] = {{"runs", numbers(comparison.baseline_runs)}};
  object["candidate"] = {{"runs", numbers(comparison.candidate_runs)}};
  const Change& change = comparison.change;
  object["change"] = {{"ratio", number(change.ratio)},
                      {"ci_low", number(change.ci_low)},
                      {"ci_high", number(change.ci_high)},
                      {"median_ratio", number(change.median_ratio)}};
  if (const auto& measured = comparison.measured_change)
    object["measured_change"] = {{"ratio", number(measured->ratio)},
                                 {"ci_low", number(measured->ci_low)},
                                 {"ci_high", number(measured->ci_high)},
                                 {"median_ratio", number(measured->median_ratio)}};
  const TestOutcome& test = comparison.test;
  object["test"] = {{"name", to_string(test.kind)},
                    {"p_value", number(test.p_value)},
                    {"p_adjusted", number(test.p_adjusted)},
                    {"mann_whitney_p", number(test.mann_whitney_p)}};
  object["verdict"] = to_string(comparison.verdict);
  if (comparison.repetitions_needed) object["repetitions_needed"] = *comparison.repetitions_needed;
  if (comparison.history_baselines > 0)
    object["test"]["history_baselines"] = comparison.history_baselines;
  return object;
}

json note_json(const Note& note) {
  json object = {{"kind", to_string(note.kind)}};
  put_key(object, note.key);
  object["message"] = note.message;
  return object;
}

json suite_shift_json(const SuiteShift& shift) {
  return {{"ratio", number(shift.ratio)},
          {"metrics_moved", shift.metrics_moved},
          {"metrics_total", shift.metrics_total},
          {"message", shift.sentence}};
}

json provenance_json(const Provenance& provenance) {
  return {{"baseline_source", provenance.baseline_source},
          {"candidate_source", provenance.candidate_source},
          {"baseline_edited_by_change", provenance.baseline_edited_by_change},
          {"environment_differences", provenance.environment_differences}};
}

}  // namespace

json to_json(const GateResult& result) {
  json root = json::object();
  root["schema"] = kGateSchema;
  root["verdict"] = to_string(result.verdict);
  root["comparisons"] = json::array();
  for (const Comparison& comparison : result.comparisons)
    root["comparisons"].push_back(comparison_json(comparison));
  root["sla"] = sla::to_json(std::span<const sla::SlaResult>(result.slas));
  root["notes"] = json::array();
  for (const Note& note : result.notes) root["notes"].push_back(note_json(note));
  if (result.suite_shift) root["suite_shift"] = suite_shift_json(*result.suite_shift);
  root["provenance"] = provenance_json(result.provenance);
  return root;
}

std::string to_json_text(const GateResult& result, int indent) {
  return to_json(result).dump(indent, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace perfgate::gates
