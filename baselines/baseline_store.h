// Where a suite's baseline lives in the user's repository, and the git questions the gate asks
// about it: which commit to read it at (the merge-base with the target branch), whether the
// change under test edits it, and writing it atomically.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/git/git_repository.h"
#include "core/model/run_result.h"
#include "core/suite/suite.h"

namespace perfgate::baselines {

struct BaselineLocation {
  GitRepository repo;
  std::string path_in_repo{};            // relative to the repository root, '/' separators
  std::filesystem::path working_file{};  // the same file in the working tree
};

// The repository containing `repo_directory` and the suite's `baseline:` path in it (relative
// paths are taken from the repository root). Throws InputError naming the suite file when the
// path leaves the repository.
BaselineLocation locate_baseline(const Suite& suite, const std::filesystem::path& repo_directory);

// The commits `gate --against REF` works with.
struct GateBase {
  std::string against{};            // REF as resolved, e.g. "main" or "origin/main"
  std::string ref_commit{};         // REF's commit
  std::string head_commit{};        // HEAD's commit
  std::string base_commit{};        // merge-base(HEAD, REF); REF's commit under the fallback
  bool merge_base_missing = false;  // the fallback was used: no merge-base in this clone
};

// Resolves REF (or origin/REF when only the remote-tracking branch exists) and the merge-base
// with HEAD. In a shallow clone where either is missing, throws InputError saying so and how to
// fix it (fetch-depth: 0, or fetching the target branch), unless `use_ref_without_merge_base`,
// which reads the baseline at REF itself.
GateBase resolve_gate_base(const GitRepository& repo, const std::string& against,
                           bool use_ref_without_merge_base);

// The baseline in `commit`'s tree; nullopt when the file does not exist there. A blob that is
// not a valid baseline throws InputError naming "<label>:<path>".
std::optional<SuiteResult> read_baseline_at(const BaselineLocation& location,
                                            const std::string& commit, const std::string& label);

// The working tree's baseline file; nullopt when absent.
std::optional<SuiteResult> read_working_baseline(const BaselineLocation& location);

// Whether the change under test (commits base..head, plus the working tree) changes the
// baseline file: rewritten, added or deleted.
bool baseline_edited_since(const BaselineLocation& location, const std::string& base_commit,
                           const std::string& head_commit);

}  // namespace perfgate::baselines
