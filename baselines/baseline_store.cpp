#include "baselines/baseline_store.h"

#include <fstream>
#include <sstream>
#include <tuple>

#include "baselines/baseline_file.h"
#include "core/errors.h"

namespace perfgate::baselines {
namespace {

namespace fs = std::filesystem;

std::string shallow_fix(const std::string& against) {
  return "This is a shallow clone (most CI checkouts are). Fix: fetch the full history "
         "(GitHub Actions: actions/checkout with `fetch-depth: 0`; GitLab: GIT_DEPTH: 0; or "
         "`git fetch --unshallow`), or at least the target branch (`git fetch origin " +
         against + "`). To gate against " + against +
         "'s own baseline without a merge-base, pass --no-merge-base.";
}

// REF, else origin/REF: CI checkouts often have the target branch only as a remote branch.
std::optional<std::pair<std::string, std::string>> resolve_ref(const GitRepository& repo,
                                                               const std::string& against) {
  if (auto commit = repo.resolve_commit(against)) return std::pair{against, *commit};
  const std::string remote = "origin/" + against;
  if (against.rfind("origin/", 0) != 0)
    if (auto commit = repo.resolve_commit(remote)) return std::pair{remote, *commit};
  return std::nullopt;
}

}  // namespace

BaselineLocation locate_baseline(const Suite& suite, const fs::path& repo_directory) {
  GitRepository repo = GitRepository::discover(repo_directory);
  const fs::path root = repo.workdir();
  if (root.empty())
    throw InputError(repo_directory.string(), "", "a bare repository has no working tree");
  const fs::path written(suite.baseline_path);
  const fs::path absolute = (written.is_absolute() ? written : root / written).lexically_normal();
  const fs::path relative = absolute.lexically_relative(root);
  if (relative.empty() || *relative.begin() == ".." || relative == ".")
    throw InputError(suite.path, "key baseline",
                     "the baseline " + suite.baseline_path + " is outside the git repository " +
                         root.string() + "; baselines are read from and committed to it");
  return {std::move(repo), relative.generic_string(), absolute};
}

GateBase resolve_gate_base(const GitRepository& repo, const std::string& against,
                           bool use_ref_without_merge_base) {
  GateBase base;
  const auto head = repo.resolve_commit("HEAD");
  if (!head) throw InputError("HEAD", "", "the repository has no commit yet");
  base.head_commit = *head;
  const auto ref = resolve_ref(repo, against);
  if (!ref && repo.is_shallow())
    throw InputError("--against " + against, "",
                     "no branch or commit named " + against + " (nor origin/" + against +
                         ") in this clone. " + shallow_fix(against));
  if (!ref)
    throw InputError("--against " + against, "",
                     "no branch, tag or commit named " + against + " (nor origin/" + against +
                         "); fetch it first: git fetch origin " + against);
  std::tie(base.against, base.ref_commit) = *ref;
  if (auto merge_base = repo.merge_base(base.head_commit, base.ref_commit)) {
    base.base_commit = *merge_base;
    return base;
  }
  if (use_ref_without_merge_base) {
    base.base_commit = base.ref_commit;
    base.merge_base_missing = true;
    return base;
  }
  if (repo.is_shallow())
    throw InputError("--against " + against, "",
                     "the merge-base of HEAD and " + base.against +
                         " is not in this clone, so the baseline to gate against is unknown. " +
                         shallow_fix(against));
  throw InputError("--against " + against, "",
                   "HEAD and " + base.against +
                       " have no common ancestor; pass --no-merge-base to use " + base.against +
                       "'s baseline as it is");
}

std::optional<SuiteResult> read_baseline_at(const BaselineLocation& location,
                                            const std::string& commit, const std::string& label) {
  const auto blob = location.repo.blob_id_at(commit, location.path_in_repo);
  if (!blob) return std::nullopt;
  return parse_baseline(location.repo.read_blob(*blob),
                        label + " (" + short_commit_id(commit) + "):" + location.path_in_repo);
}

std::optional<SuiteResult> read_working_baseline(const BaselineLocation& location) {
  std::error_code error;
  if (!fs::exists(location.working_file, error)) return std::nullopt;
  std::ifstream in(location.working_file, std::ios::binary);
  if (!in) throw InputError(location.working_file.string(), "", "cannot read the baseline");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_baseline(text.str(), location.working_file.string());
}

bool baseline_edited_since(const BaselineLocation& location, const std::string& base_commit,
                           const std::string& head_commit) {
  const auto at_base = location.repo.blob_id_at(base_commit, location.path_in_repo);
  const auto at_head = location.repo.blob_id_at(head_commit, location.path_in_repo);
  const auto in_worktree = location.repo.hash_workdir_file(location.path_in_repo);
  return at_base != at_head || at_base != in_worktree;
}

}  // namespace perfgate::baselines
