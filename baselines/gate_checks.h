// What `perfgate gate` checks about a baseline before comparing: that its scenarios still match
// the suite's (and, after running, the candidate's).
#pragma once

#include <string>
#include <vector>

#include "harness/model/run_result.h"

namespace perfgate::baselines {

// Throws InputError(baseline_source, "scenarios", ...) listing the scenarios that are new (in
// `scenario_names` only) and removed (in the baseline only), with the fix (`perfgate baseline
// update`); a rename shows as one of each. Returns normally when the sets are equal.
void check_scenarios_match(const std::vector<std::string>& scenario_names,
                           const SuiteResult& baseline, const std::string& baseline_source);

std::vector<std::string> scenario_names(const SuiteResult& result);

}  // namespace perfgate::baselines
