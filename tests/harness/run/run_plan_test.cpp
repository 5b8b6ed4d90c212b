// The plan of a suite's steps: the one place repetitions are counted out.
#include <catch2/catch.hpp>

#include "harness/run/run_plan.h"

using namespace perfgate;

namespace {

Scenario scenario_of(AdapterKind adapter, ToolOptions tool, std::optional<int> repetitions = {}) {
  Scenario scenario;
  scenario.name = to_string(adapter);
  scenario.adapter = adapter;
  scenario.repetitions = repetitions;
  scenario.tool = std::move(tool);
  return scenario;
}

Suite suite_of(int repetitions, std::vector<Scenario> scenarios) {
  Suite suite;
  suite.repetitions = repetitions;
  suite.scenarios = std::move(scenarios);
  return suite;
}

std::vector<PlanStep> measures(const RunPlan& plan, size_t scenario) {
  std::vector<PlanStep> steps;
  for (const PlanStep& step : plan.steps)
    if (step.scenario == scenario && step.kind == StepKind::measure) steps.push_back(step);
  return steps;
}

}  // namespace

TEST_CASE("plan: each scenario warms up, then measures one repetition per step", "[plan]") {
  const Suite suite = suite_of(3, {scenario_of(AdapterKind::native, std::monostate{}),
                                   scenario_of(AdapterKind::mock, MockOptions{}, 2)});
  const RunPlan plan = plan_suite(suite, {1, 0}, std::nullopt);
  REQUIRE(plan.steps.size() == 2 + 1 + 3 + 1);
  CHECK(plan.steps[0] == PlanStep{StepKind::warm_up, 1, {}});
  CHECK(plan.steps[1] == PlanStep{StepKind::measure, 1, {0, 1}});
  CHECK(plan.steps[2] == PlanStep{StepKind::measure, 1, {1, 1}});
  CHECK(plan.steps[3] == PlanStep{StepKind::warm_up, 0, {}});
  CHECK(measures(plan, 0).size() == 3);
  CHECK(measures(plan, 0).back().repetitions.first == 2);
}

TEST_CASE("plan: --repetitions overrides the suite's and the scenario's", "[plan]") {
  const Suite suite = suite_of(3, {scenario_of(AdapterKind::mock, MockOptions{}, 7)});
  CHECK(measures(plan_suite(suite, {0}, 5), 0).size() == 5);
  CHECK(measures(plan_suite(suite, {0}, std::nullopt), 0).size() == 7);
}

TEST_CASE("plan: Google Benchmark gets a process per repetition, or K when the suite asks",
          "[plan]") {
  GbenchOptions gbench;
  gbench.binary = "bench";
  const Suite one_each = suite_of(10, {scenario_of(AdapterKind::gbench, gbench)});
  CHECK(measures(plan_suite(one_each, {0}, std::nullopt), 0).size() == 10);

  gbench.repetitions_per_process = 4;
  const Suite batched = suite_of(10, {scenario_of(AdapterKind::gbench, gbench)});
  const auto steps = measures(plan_suite(batched, {0}, std::nullopt), 0);
  REQUIRE(steps.size() == 3);  // 4 + 4 + 2
  CHECK(steps[0].repetitions == Repetitions{0, 4});
  CHECK(steps[1].repetitions == Repetitions{4, 4});
  CHECK(steps[2].repetitions == Repetitions{8, 2});
}

TEST_CASE("plan: a scenario with files imports them and measures nothing", "[plan]") {
  Suite suite = suite_of(10, {scenario_of(AdapterKind::k6, K6Options{})});
  suite.scenarios[0].files = {"a.json", "b.json"};
  const RunPlan plan = plan_suite(suite, {0}, std::nullopt);
  REQUIRE(plan.steps.size() == 1);
  CHECK(plan.steps[0].kind == StepKind::import_files);
}
