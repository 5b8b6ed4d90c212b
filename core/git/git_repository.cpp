#include "core/git/git_repository.h"

#include <git2.h>

#include "core/errors.h"
#include "core/git/git_handles.h"

namespace perfgate {

using namespace git_detail;

void GitRepository::Free::operator()(git_repository* repo) const {
  git_repository_free(repo);
}

GitRepository::GitRepository(git_repository* repo, std::string origin)
    : repo_(repo), origin_(std::move(origin)) {}
GitRepository::~GitRepository() = default;
GitRepository::GitRepository(GitRepository&&) noexcept = default;
GitRepository& GitRepository::operator=(GitRepository&&) noexcept = default;

void GitRepository::fail(const std::string& what) const {
  throw InputError(origin_, "", what + ": " + last_git_error());
}

std::optional<GitRepository> GitRepository::discover_if_present(
    const std::filesystem::path& directory) {
  ensure_libgit2();
  git_repository* raw = nullptr;
  const int opened = git_repository_open_ext(&raw, directory.c_str(), 0, nullptr);
  if (opened == GIT_ENOTFOUND) return std::nullopt;
  if (opened != 0)
    throw InputError(directory.string(), "", "cannot open the git repository: " + last_git_error());
  return GitRepository(raw, directory.string());
}

GitRepository GitRepository::discover(const std::filesystem::path& directory) {
  std::optional<GitRepository> repo = discover_if_present(directory);
  if (!repo)
    throw InputError(directory.string(), "",
                     "not inside a git repository (baselines live in the repository's history)");
  return std::move(*repo);
}

std::filesystem::path GitRepository::workdir() const {
  const char* path = git_repository_workdir(repo_.get());
  if (!path) return {};
  std::string text = path;
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

bool GitRepository::is_shallow() const {
  return git_repository_is_shallow(repo_.get()) == 1;
}

HeadState GitRepository::head_state() const {
  if (git_repository_head_unborn(repo_.get()) == 1) return HeadState::unborn;
  if (git_repository_head_detached(repo_.get()) == 1) return HeadState::detached;
  return HeadState::on_branch;
}

// Read from the symbolic HEAD itself, so an unborn branch still has its name.
std::string GitRepository::head_branch() const {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repo_.get(), "HEAD") != 0) return "";
  const Reference head(raw);
  if (git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC) return "";  // detached
  const std::string target = git_reference_symbolic_target(head.get());
  const std::string prefix = "refs/heads/";
  return target.starts_with(prefix) ? target.substr(prefix.size()) : target;
}

bool GitRepository::index_has_conflicts() const {
  git_index* raw = nullptr;
  if (git_repository_index(&raw, repo_.get()) != 0) fail("cannot read the index");
  const Index index(raw);
  return git_index_has_conflicts(index.get()) == 1;
}

bool GitRepository::has_tracked_changes() const {
  if (git_repository_is_bare(repo_.get())) return false;
  git_status_options options = GIT_STATUS_OPTIONS_INIT;
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = 0;  // no untracked, no ignored files: they do not make a build dirty
  git_status_list* raw = nullptr;
  if (git_status_list_new(&raw, repo_.get(), &options) != 0) fail("cannot read the status");
  const StatusList status(raw);
  return git_status_list_entrycount(status.get()) > 0;
}

std::optional<std::string> GitRepository::resolve_commit(const std::string& revision) const {
  git_object* raw = nullptr;
  if (git_revparse_single(&raw, repo_.get(), (revision + "^{commit}").c_str()) != 0)
    return std::nullopt;
  const Object object(raw);
  return hex(*git_object_id(object.get()));
}

std::optional<std::string> GitRepository::merge_base(const std::string& commit_a,
                                                     const std::string& commit_b) const {
  const auto a = parse_oid(commit_a);
  const auto b = parse_oid(commit_b);
  git_oid base;
  if (!a || !b || git_merge_base(&base, repo_.get(), &*a, &*b) != 0) return std::nullopt;
  return hex(base);
}

std::optional<std::string> GitRepository::blob_id_at(const std::string& commit,
                                                     const std::string& path) const {
  const auto oid = parse_oid(commit);
  git_commit* raw_commit = nullptr;
  if (!oid || git_commit_lookup(&raw_commit, repo_.get(), &*oid) != 0)
    fail("cannot read commit " + commit);
  const Commit found(raw_commit);
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, found.get()) != 0) fail("cannot read the tree of " + commit);
  const Tree tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  if (git_tree_entry_bypath(&raw_entry, tree.get(), path.c_str()) != 0) return std::nullopt;
  const TreeEntry entry(raw_entry);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return std::nullopt;
  return hex(*git_tree_entry_id(entry.get()));
}

std::string GitRepository::read_blob(const std::string& blob_id) const {
  const auto oid = parse_oid(blob_id);
  git_blob* raw = nullptr;
  if (!oid || git_blob_lookup(&raw, repo_.get(), &*oid) != 0) fail("cannot read blob " + blob_id);
  const Blob blob(raw);
  const auto* bytes = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(bytes, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

std::optional<std::string> GitRepository::hash_workdir_file(const std::string& path) const {
  const std::filesystem::path file = workdir() / path;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return std::nullopt;
  git_oid oid;
  if (git_odb_hashfile(&oid, file.c_str(), GIT_OBJECT_BLOB) != 0)
    fail("cannot read " + file.string());
  return hex(oid);
}

CommitInfo GitRepository::commit_info(const std::string& commit) const {
  const auto oid = parse_oid(commit);
  git_commit* raw = nullptr;
  if (!oid || git_commit_lookup(&raw, repo_.get(), &*oid) != 0)
    fail("cannot read commit " + commit);
  const Commit found(raw);
  return {commit, iso8601_utc(git_commit_time(found.get())),
          first_line(git_commit_message(found.get()))};
}

}  // namespace perfgate
