#include "gates/sla/sla_json.h"

#include <nlohmann/json.hpp>

namespace perfgate::sla {
namespace {

nlohmann::json run_json(const RunValue& run) {
  return {{"run", run.run_index}, {"value", run.value}};
}

}  // namespace

nlohmann::json to_json(const SlaResult& result) {
  nlohmann::json json = {
      {"rule", result.rule.text},
      {"where", result.rule.where},
      {"scenario", result.scenario},
      {"metric", result.rule.metric},
      {"tags", result.tags},
      {"statistic", to_string(result.rule.statistic)},
      {"comparison", to_string(result.rule.comparison)},
      {"threshold", result.threshold},
      {"unit", result.unit},
      {"outcome", to_string(result.outcome)},
  };
  if (result.outcome != SlaOutcome::no_data) {
    json["observed"] = result.observed;
    json["worst"] = run_json(result.worst);
  }
  json["runs"] = nlohmann::json::array();
  for (const RunValue& run : result.runs) json["runs"].push_back(run_json(run));
  json["runs_breaching"] = result.runs_breaching;
  json["message"] = result.sentence;
  return json;
}

nlohmann::json to_json(std::span<const SlaResult> results) {
  nlohmann::json array = nlohmann::json::array();
  for (const SlaResult& result : results) array.push_back(to_json(result));
  return array;
}

}  // namespace perfgate::sla
