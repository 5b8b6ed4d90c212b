#include "baselines/gate_checks.h"

#include <algorithm>
#include <set>

#include "harness/errors.h"

namespace perfgate::baselines {
namespace {

std::string quoted_list(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "'" : ", '") + name + "'";
  return text;
}

void add_difference(std::vector<std::string>& out, const char* field, const std::string& before,
                    const std::string& after) {
  if (before != after)
    out.push_back(std::string(field) + ": " + (before.empty() ? "(unknown)" : before) + " -> " +
                  (after.empty() ? "(unknown)" : after));
}

}  // namespace

std::vector<std::string> scenario_names(const SuiteResult& result) {
  std::vector<std::string> names;
  for (const ScenarioResult& scenario : result.scenarios) names.push_back(scenario.name);
  return names;
}

void check_scenarios_match(const std::vector<std::string>& names, const SuiteResult& baseline,
                           const std::string& baseline_source) {
  const std::set<std::string> now(names.begin(), names.end());
  const std::vector<std::string> before_list = scenario_names(baseline);
  const std::set<std::string> before(before_list.begin(), before_list.end());
  std::vector<std::string> added, removed;
  std::set_difference(now.begin(), now.end(), before.begin(), before.end(),
                      std::back_inserter(added));
  std::set_difference(before.begin(), before.end(), now.begin(), now.end(),
                      std::back_inserter(removed));
  if (added.empty() && removed.empty()) return;
  std::string message = "the suite's scenarios no longer match the baseline's:";
  if (!added.empty()) message += " new (not in the baseline): " + quoted_list(added) + ";";
  if (!removed.empty()) message += " removed (only in the baseline): " + quoted_list(removed) + ";";
  if (!added.empty() && !removed.empty()) message += " a renamed scenario shows as one of each;";
  message += " after merging, record a new baseline with `perfgate baseline update`";
  throw InputError(baseline_source, "scenarios", message);
}

std::vector<std::string> environment_differences(const Environment& baseline,
                                                 const Environment& candidate) {
  std::vector<std::string> out;
  add_difference(out, "cpu_model", baseline.cpu_model, candidate.cpu_model);
  add_difference(out, "cores", std::to_string(baseline.cores), std::to_string(candidate.cores));
  add_difference(out, "kernel", baseline.kernel, candidate.kernel);
  add_difference(out, "governor", baseline.governor, candidate.governor);
  add_difference(out, "compiler", baseline.compiler, candidate.compiler);
  return out;
}

void apply_environment_check(gates::GateResult& gate, std::vector<std::string> differences,
                             gates::EnvironmentChangeAction action) {
  using gates::EnvironmentChangeAction;
  if (differences.empty() || action == EnvironmentChangeAction::ignore) return;
  gate.provenance.environment_differences = std::move(differences);
  if (action == EnvironmentChangeAction::fail) gate.verdict = gates::GateVerdict::fail;
  if (action != EnvironmentChangeAction::inconclusive) return;
  for (gates::Comparison& comparison : gate.comparisons)
    comparison.verdict = gates::Verdict::inconclusive;
  gate.verdict = sla::any_breach(gate.slas) ? gates::GateVerdict::fail : gates::GateVerdict::pass;
}

}  // namespace perfgate::baselines
