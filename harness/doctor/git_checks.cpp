// The git state a gate depends on: a repository, full history (merge-base), a branch.
#include "core/errors.h"
#include "core/git/git_repository.h"
#include "core/model/environment.h"
#include "harness/doctor/doctor.h"

namespace perfgate::doctor {
namespace {

// nullopt when the directory is in no repository (or libgit2 cannot open it).
std::optional<bool> is_shallow(const std::filesystem::path& directory) {
  try {
    const std::optional<GitRepository> repo = GitRepository::discover_if_present(directory);
    if (!repo) return std::nullopt;
    return repo->is_shallow();
  } catch (const InputError&) {
    return std::nullopt;
  }
}

Finding shallow_finding(bool shallow) {
  if (!shallow) return {"git history", Severity::ok, "full (merge-base available)", ""};
  return {"git history", Severity::warning,
          "shallow clone: `perfgate gate --against REF` cannot find the merge-base",
          "git fetch --unshallow   (GitHub Actions: actions/checkout with fetch-depth: 0; "
          "GitLab: GIT_DEPTH: 0)"};
}

Finding head_finding(const GitInfo& info) {
  if (info.commit.empty())
    return {"git HEAD", Severity::warning, "no commit yet: there is nothing to gate against",
            "git commit the suite and .perfgate/ first"};
  if (info.branch.empty())
    return {"git HEAD", Severity::info,
            "detached at " + info.commit.substr(0, 12) +
                " (normal in CI): gate works; `baseline update --commit` needs a branch",
            "git checkout -B main   (or the branch the baseline belongs to)"};
  return {"git HEAD", Severity::ok, "on " + info.branch + " at " + info.commit.substr(0, 12), ""};
}

}  // namespace

std::vector<Finding> check_git(const Inputs& inputs) {
  std::optional<GitInfo> info;
  try {
    info = capture_git_info(inputs.directory.string());
  } catch (const InputError& error) {
    return {{"git", Severity::warning, error.what(),
             "git config --global --add safe.directory " + inputs.directory.string()}};
  }
  if (!info)
    return {{"git", Severity::warning,
             "not a git repository: baselines live in git and gate reads them from there",
             "git init && git add . && git commit -m 'Add perfgate'"}};
  std::vector<Finding> findings{{"git", Severity::ok, "repository found", ""}};
  findings.push_back(shallow_finding(is_shallow(inputs.directory).value_or(false)));
  findings.push_back(head_finding(*info));
  if (info->dirty)
    findings.push_back({"git work tree", Severity::info,
                        "tracked files modified: results will record dirty: true",
                        "commit or stash before measuring a baseline"});
  return findings;
}

}  // namespace perfgate::doctor
