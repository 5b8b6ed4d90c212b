#include "harness/run/run_plan.h"

#include <algorithm>

namespace perfgate {

int repetitions_of(const Suite& suite, const Scenario& scenario, std::optional<int> override) {
  return override.value_or(scenario.repetitions.value_or(suite.repetitions));
}

RunPlan plan_suite(const Suite& suite, const std::vector<size_t>& order,
                   std::optional<int> repetitions) {
  RunPlan plan;
  for (size_t index : order) {
    const Scenario& scenario = suite.scenarios.at(index);
    if (!scenario.files.empty()) {
      plan.steps.push_back({.kind = StepKind::import_files, .scenario = index});
      continue;
    }
    const int count = repetitions_of(suite, scenario, repetitions);
    const int per_step = std::max(1, adapter_for(scenario.adapter).repetitions_per_step(scenario));
    plan.steps.push_back({.kind = StepKind::warm_up, .scenario = index});
    for (int first = 0; first < count; first += per_step)
      plan.steps.push_back({.kind = StepKind::measure,
                            .scenario = index,
                            .repetitions = {first, std::min(per_step, count - first)}});
  }
  return plan;
}

}  // namespace perfgate
