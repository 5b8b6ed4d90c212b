#include "baselines/gate_baseline.h"

#include <algorithm>
#include <set>

#include "baselines/baseline_values.h"
#include "core/errors.h"
#include "core/git/git_repository.h"

namespace perfgate::baselines {
namespace {

std::string quoted_list(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "'" : ", '") + name + "'";
  return text;
}

// "main (merge-base 1a2b3c4): .perfgate/baselines/api.json"
std::string describe_source(const GateBase& base, const std::string& path_in_repo) {
  const std::string at =
      base.merge_base_missing
          ? base.against + " (" + short_commit_id(base.base_commit) + ", no merge-base)"
          : base.against + " (merge-base " + short_commit_id(base.base_commit) + ")";
  return at + ": " + path_in_repo;
}

std::vector<std::string> suite_scenario_names(const Suite& suite) {
  std::vector<std::string> names;
  for (const Scenario& scenario : suite.scenarios) names.push_back(scenario.name);
  return names;
}

std::vector<gates::HistoryPoint> cheap_history(const BaselineLocation& location,
                                               const gates::GatePolicy& policy) {
  try {
    return baseline_history(location, policy.metrics, 20).points;
  } catch (const InputError&) {
    return {};  // the history only decorates reports; the gate does not depend on it
  }
}

// The baselines before the one at `base_commit`, newest first. Like the history, they only
// sharpen the tests; an unreadable one is left out.
std::vector<SuiteResult> earlier_baselines(const BaselineLocation& location,
                                           const std::string& base_commit) {
  std::vector<SuiteResult> earlier;
  try {
    std::vector<CommitInfo> commits =
        location.repo.commits_touching(location.path_in_repo, kEarlierBaselines + 1, base_commit);
    if (!commits.empty()) commits.pop_back();  // the newest: the baseline at base_commit itself
    for (auto commit = commits.rbegin(); commit != commits.rend(); ++commit) {
      try {
        if (auto result = read_baseline_at(location, commit->id, "commit"))
          earlier.push_back(std::move(*result));
      } catch (const InputError&) {
      }
    }
  } catch (const InputError&) {
  }
  return earlier;
}

}  // namespace

GateBaseline baseline_for_gate(const Suite& suite, const gates::GatePolicy& policy,
                               const GateBaselineRequest& request) {
  const BaselineLocation location = locate_baseline(suite, request.repo_directory);
  GateBaseline baseline;
  baseline.commits =
      resolve_gate_base(location.repo, request.against, request.use_ref_without_merge_base);
  const GateBase& commits = baseline.commits;
  baseline.source = describe_source(commits, location.path_in_repo);
  baseline.result = read_baseline_at(location, commits.base_commit, commits.against);
  baseline.edited_by_change =
      baseline_edited_since(location, commits.base_commit, commits.head_commit);
  if (!baseline.result) return baseline;
  check_scenarios_match(suite_scenario_names(suite), *baseline.result, baseline.source);
  baseline.history = cheap_history(location, policy);
  baseline.earlier = earlier_baselines(location, commits.base_commit);
  return baseline;
}

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
