// A git repository read and written through libgit2: the one libgit2 wrapper, with what the
// baselines, the environment fingerprint and `perfgate doctor` need and nothing more.
// Every failure is an InputError naming the repository (and the revision or path involved):
// a missing ref, a shallow clone or a corrupt object is a problem with the user's checkout.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct git_repository;

namespace perfgate {

struct CommitInfo {
  std::string id{};            // full hex id
  std::string committed_at{};  // ISO 8601 UTC of the committer time
  std::string subject{};       // first line of the message
};

enum class HeadState { on_branch, detached, unborn };

struct Signature {
  std::string name{};
  std::string email{};
};

// The first 7 hex digits of a commit id, as git shows it in one-line logs.
inline std::string short_commit_id(std::string_view commit) {
  return std::string(commit.substr(0, 7));
}

class GitRepository {
 public:
  // The repository containing `directory` (searching upward; linked worktrees included).
  // Throws InputError(directory) when there is none or it cannot be opened.
  static GitRepository discover(const std::filesystem::path& directory);
  // The same, but nullopt when `directory` is inside no repository (or does not exist); throws
  // InputError(directory) only when a repository exists and cannot be opened (corruption, or
  // ownership refused by safe.directory).
  static std::optional<GitRepository> discover_if_present(const std::filesystem::path& directory);
  ~GitRepository();
  GitRepository(GitRepository&&) noexcept;
  GitRepository& operator=(GitRepository&&) noexcept;

  std::filesystem::path workdir() const;  // absolute, no trailing slash; empty when bare
  bool is_shallow() const;
  HeadState head_state() const;
  // The short name of the branch HEAD points to, also when that branch has no commit yet
  // (unborn); empty when HEAD is detached.
  std::string head_branch() const;
  bool index_has_conflicts() const;
  // A tracked file is modified or staged (untracked and ignored files do not count); false for
  // a bare repository, which has no work tree.
  bool has_tracked_changes() const;

  // The commit `revision` names (any rev-parse syntax), or nullopt when it names nothing.
  std::optional<std::string> resolve_commit(const std::string& revision) const;
  // The best common ancestor, or nullopt when none can be found (unrelated histories, or
  // history missing from a shallow clone).
  std::optional<std::string> merge_base(const std::string& commit_a,
                                        const std::string& commit_b) const;
  // The id of the blob at `path` (relative to the repository root, '/' separators) in the tree
  // of `commit`; nullopt when the path is absent there.
  std::optional<std::string> blob_id_at(const std::string& commit, const std::string& path) const;
  std::string read_blob(const std::string& blob_id) const;
  // The blob id `path` (a file in the working tree) would get if it were added.
  std::optional<std::string> hash_workdir_file(const std::string& path) const;
  CommitInfo commit_info(const std::string& commit) const;

  // The commits reachable from HEAD (or from `from`, a full commit id, when given) whose tree
  // changes `path` against their first parent (or that add it as a root commit), oldest first,
  // at most `limit` (the newest ones).
  std::vector<CommitInfo> commits_touching(const std::string& path, std::size_t limit,
                                           const std::string& from = {}) const;

  // The author from git config (user.name, user.email); InputError when it is not set.
  Signature default_signature() const;
  // Commits `content` as `path` on top of HEAD, changing nothing else in the tree, updates the
  // ref HEAD points to (or HEAD itself when detached) and stages `path` in the index so
  // `git status` agrees. Returns the new commit's id.
  std::string commit_file(const std::string& path, const std::string& content,
                          const std::string& message, const Signature& author) const;

 private:
  GitRepository(git_repository* repo, std::string origin);
  [[noreturn]] void fail(const std::string& what) const;

  struct Free {
    void operator()(git_repository* repo) const;
  };
  std::unique_ptr<git_repository, Free> repo_;
  std::string origin_;  // the directory it was discovered from, for messages
};

}  // namespace perfgate
