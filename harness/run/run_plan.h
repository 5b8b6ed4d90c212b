// What the harness will do for a suite, step by step: import a scenario's files, warm it up, or
// measure some of its repetitions. The plan is a value, made before anything runs, so that a
// later mode can change it (interleave two checkouts, add repetitions to the scenarios still
// undecided) without touching the adapters, which only measure the step they are given
// (docs/architecture.md, "The harness owns the repetitions").
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "adapters/adapter.h"
#include "core/suite/suite.h"

namespace perfgate {

enum class StepKind { import_files, warm_up, measure };

struct PlanStep {
  StepKind kind = StepKind::measure;
  size_t scenario = 0;        // index into Suite::scenarios
  Repetitions repetitions{};  // measure: which repetitions this step measures

  bool operator==(const PlanStep&) const = default;
};

struct RunPlan {
  std::vector<PlanStep> steps;

  bool operator==(const RunPlan&) const = default;
};

// How many repetitions a scenario gets: --repetitions, else its own, else the suite's.
int repetitions_of(const Suite& suite, const Scenario& scenario, std::optional<int> override);

// The scenarios of `order` (indexes into suite.scenarios) one after another: a scenario with
// `files:` imports them; any other warms up, then measures its repetitions one per step (a
// process each), or K per step when the scenario asks one process to measure K (Google
// Benchmark's repetitions_per_process).
RunPlan plan_suite(const Suite& suite, const std::vector<size_t>& order,
                   std::optional<int> repetitions);

}  // namespace perfgate
