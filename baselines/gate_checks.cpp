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

}  // namespace perfgate::baselines
