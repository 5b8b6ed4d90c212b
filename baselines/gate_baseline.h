// The baseline `perfgate gate` compares against, in one call: found in the suite's repository,
// read at merge-base(HEAD, REF) through git (never the working tree, so a change cannot edit the
// baseline it is judged against), with where it came from, whether the change edits it, its
// history for the reports, and its scenarios checked against the suite's.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "baselines/baseline_store.h"
#include "core/model/run_result.h"
#include "core/suite/gate_policy.h"
#include "core/suite/suite.h"
#include "gates/compare/history_point.h"

namespace perfgate::baselines {

// What the gate was asked for: the directory to find the repository from (--repo, or the suite
// file's directory), the target branch (--against REF) and --no-merge-base.
struct GateBaselineRequest {
  std::filesystem::path repo_directory{};
  std::string against{};
  bool use_ref_without_merge_base = false;
};

struct GateBaseline {
  // The baseline at commits.base_commit; nullopt when the file does not exist there (the
  // suite's on_missing_baseline decides what that means).
  std::optional<SuiteResult> result{};
  std::string source{};           // "main (merge-base 1a2b3c4): .perfgate/baselines/api.json"
  GateBase commits{};             // REF as resolved, its commit, HEAD and the base commit
  bool edited_by_change = false;  // base..HEAD or the working tree changes the baseline file
  // The committed values of the gated statistics (policy.metrics) over the last 20 commits that
  // changed the file, oldest first; empty without a baseline or when the history cannot be read
  // (it only decorates reports, the gate does not depend on it).
  std::vector<gates::HistoryPoint> history{};
  // The baselines committed before this one on the base branch (reachable from the base commit,
  // so a change cannot plant one), newest first, at most kEarlierBaselines: the run-to-run
  // variances of the ones measured in the candidate's environment are the tests' prior
  // (gates/compare/variance_history.h). Empty when they cannot be read.
  std::vector<SuiteResult> earlier{};
};

inline constexpr std::size_t kEarlierBaselines = 10;

// Throws InputError when there is no repository, the baseline path leaves it, REF or the
// merge-base cannot be found (resolve_gate_base says how to fix a shallow clone), the baseline
// blob is not a valid baseline, or the baseline's scenarios no longer match the suite's
// (check_scenarios_match, naming `source`).
GateBaseline baseline_for_gate(const Suite& suite, const gates::GatePolicy& policy,
                               const GateBaselineRequest& request);

// Throws InputError(baseline_source, "scenarios", ...) listing the scenarios that are new (in
// `scenario_names` only) and removed (in the baseline only), with the fix (`perfgate baseline
// update`); a rename shows as one of each. Returns normally when the sets are equal.
void check_scenarios_match(const std::vector<std::string>& scenario_names,
                           const SuiteResult& baseline, const std::string& baseline_source);

std::vector<std::string> scenario_names(const SuiteResult& result);

}  // namespace perfgate::baselines
