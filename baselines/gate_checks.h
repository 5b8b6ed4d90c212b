// What `perfgate gate` checks about a baseline before and after comparing: that its scenarios
// still match the suite's, and whether it was measured on the same kind of machine.
#pragma once

#include <string>
#include <vector>

#include "gates/compare/gate_result.h"
#include "harness/model/run_result.h"
#include "harness/suite/gate_policy.h"

namespace perfgate::baselines {

// Throws InputError(baseline_source, "scenarios", ...) listing the scenarios that are new (in
// `scenario_names` only) and removed (in the baseline only), with the fix (`perfgate baseline
// update`); a rename shows as one of each. Returns normally when the sets are equal.
void check_scenarios_match(const std::vector<std::string>& scenario_names,
                           const SuiteResult& baseline, const std::string& baseline_source);

std::vector<std::string> scenario_names(const SuiteResult& result);

// "cpu_model: Intel Xeon 8375C -> AMD EPYC 7763", one per differing field among CPU model,
// cores, kernel, governor and compiler.
std::vector<std::string> environment_differences(const Environment& baseline,
                                                 const Environment& candidate);

// Records the differences in gate.provenance and applies the suite's choice: warn keeps the
// verdicts, fail fails the gate, ignore records nothing, inconclusive turns every comparison
// inconclusive (the gate then fails only on a breached SLA rule).
void apply_environment_check(gates::GateResult& gate, std::vector<std::string> differences,
                             gates::EnvironmentChangeAction action);

}  // namespace perfgate::baselines
