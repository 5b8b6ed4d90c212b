// GitRepository's history walk and commit: the parts that walk or write the object database.
#include <git2.h>

#include "core/errors.h"
#include "core/git/git_handles.h"
#include "core/git/git_repository.h"

namespace perfgate {

using namespace git_detail;

namespace {

// The blob id at `path` in `commit`'s tree, or a zero oid when absent.
git_oid blob_or_zero(git_commit* commit, const char* path) {
  git_oid zero{};
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit) != 0) return zero;
  const Tree tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  if (git_tree_entry_bypath(&raw_entry, tree.get(), path) != 0) return zero;
  const TreeEntry entry(raw_entry);
  return *git_tree_entry_id(entry.get());
}

// Whether `commit` changes `path` against its first parent. A parent missing from a shallow
// clone counts as "absent", so the oldest available commit that has the file is a point.
bool touches(git_commit* commit, const char* path) {
  const git_oid here = blob_or_zero(commit, path);
  git_oid before{};
  git_commit* raw_parent = nullptr;
  if (git_commit_parentcount(commit) > 0 && git_commit_parent(&raw_parent, commit, 0) == 0) {
    const Commit parent(raw_parent);
    before = blob_or_zero(parent.get(), path);
  }
  return !git_oid_equal(&here, &before) && !git_oid_is_zero(&here);
}

}  // namespace

std::vector<CommitInfo> GitRepository::commits_touching(const std::string& path, std::size_t limit,
                                                        const std::string& from) const {
  if (head_state() == HeadState::unborn) return {};
  git_revwalk* raw_walk = nullptr;
  if (git_revwalk_new(&raw_walk, repo_.get()) != 0) fail("cannot walk the history");
  const Revwalk walk(raw_walk);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
  git_revwalk_simplify_first_parent(walk.get());
  if (from.empty()) {
    if (git_revwalk_push_head(walk.get()) != 0) fail("cannot walk the history from HEAD");
  } else {
    git_oid start;
    if (git_oid_fromstr(&start, from.c_str()) != 0 || git_revwalk_push(walk.get(), &start) != 0)
      fail("cannot walk the history from " + from);
  }
  std::vector<CommitInfo> newest_first;
  git_oid oid;
  while (newest_first.size() < limit && git_revwalk_next(&oid, walk.get()) == 0) {
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo_.get(), &oid) != 0) break;  // shallow: history ends here
    const Commit commit(raw);
    if (touches(commit.get(), path.c_str()))
      newest_first.push_back({hex(oid), iso8601_utc(git_commit_time(commit.get())),
                              first_line(git_commit_message(commit.get()))});
  }
  return {newest_first.rbegin(), newest_first.rend()};
}

Signature GitRepository::default_signature() const {
  git_signature* raw = nullptr;
  if (git_signature_default(&raw, repo_.get()) != 0)
    throw InputError(origin_, "",
                     "no commit author: set git config user.name and user.email, or pass "
                     "--author \"Name <email>\"");
  const SignaturePtr signature(raw);
  return {signature->name, signature->email};
}

std::string GitRepository::commit_file(const std::string& path, const std::string& content,
                                       const std::string& message, const Signature& author) const {
  git_oid blob_id;
  if (git_blob_create_from_buffer(&blob_id, repo_.get(), content.data(), content.size()) != 0)
    fail("cannot store the baseline blob");
  // The new tree is HEAD's tree with this one path replaced: nothing else that happens to be
  // staged or modified is committed.
  Commit parent;
  Tree parent_tree;
  if (head_state() != HeadState::unborn) {
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo_.get(), "HEAD^{commit}") != 0) fail("cannot read HEAD");
    parent.reset(reinterpret_cast<git_commit*>(raw));
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, parent.get()) != 0) fail("cannot read HEAD's tree");
    parent_tree.reset(raw_tree);
  }
  git_tree_update update{};
  update.action = GIT_TREE_UPDATE_UPSERT;
  update.id = blob_id;
  update.filemode = GIT_FILEMODE_BLOB;
  update.path = path.c_str();
  git_oid tree_id;
  if (git_tree_create_updated(&tree_id, repo_.get(), parent_tree.get(), 1, &update) != 0)
    fail("cannot build the commit's tree");
  git_tree* raw_tree = nullptr;
  if (git_tree_lookup(&raw_tree, repo_.get(), &tree_id) != 0) fail("cannot read the new tree");
  const Tree tree(raw_tree);

  git_signature* raw_signature = nullptr;
  if (git_signature_now(&raw_signature, author.name.c_str(), author.email.c_str()) != 0)
    throw InputError("--author", "", "not a valid author: " + last_git_error());
  const SignaturePtr signature(raw_signature);
  const git_commit* parents[] = {parent.get()};
  git_oid commit_id;
  if (git_commit_create(&commit_id, repo_.get(), "HEAD", signature.get(), signature.get(), "UTF-8",
                        message.c_str(), tree.get(), parent ? 1 : 0, parents) != 0)
    fail("cannot create the commit");

  git_index* raw_index = nullptr;
  if (git_repository_index(&raw_index, repo_.get()) != 0) fail("cannot read the index");
  const Index index(raw_index);
  if (git_index_add_bypath(index.get(), path.c_str()) != 0 || git_index_write(index.get()) != 0)
    fail("committed " + hex(commit_id) + " but cannot stage " + path + " in the index");
  return hex(commit_id);
}

}  // namespace perfgate
