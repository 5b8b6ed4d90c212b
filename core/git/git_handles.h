// Internal to the git wrapper (core/git/): owning handles for libgit2 objects and small
// conversions.
#pragma once

#include <git2.h>

#include <ctime>
#include <memory>
#include <optional>
#include <string>

namespace perfgate::git_detail {

// libgit2 is initialised once per process and stays up until exit.
inline void ensure_libgit2() {
  static const int initialised = git_libgit2_init();
  (void)initialised;
}

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* object) const { Free(object); }
};
using Object = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;
using Commit = std::unique_ptr<git_commit, Deleter<git_commit, git_commit_free>>;
using Tree = std::unique_ptr<git_tree, Deleter<git_tree, git_tree_free>>;
using TreeEntry = std::unique_ptr<git_tree_entry, Deleter<git_tree_entry, git_tree_entry_free>>;
using Blob = std::unique_ptr<git_blob, Deleter<git_blob, git_blob_free>>;
using Revwalk = std::unique_ptr<git_revwalk, Deleter<git_revwalk, git_revwalk_free>>;
using Index = std::unique_ptr<git_index, Deleter<git_index, git_index_free>>;
using Reference = std::unique_ptr<git_reference, Deleter<git_reference, git_reference_free>>;
using StatusList = std::unique_ptr<git_status_list, Deleter<git_status_list, git_status_list_free>>;
using SignaturePtr = std::unique_ptr<git_signature, Deleter<git_signature, git_signature_free>>;

inline std::string last_git_error() {
  const git_error* error = git_error_last();
  return error && error->message ? error->message : "unknown libgit2 error";
}

inline std::string hex(const git_oid& oid) {
  char text[GIT_OID_HEXSZ + 1];
  return git_oid_tostr(text, sizeof text, &oid);
}

inline std::optional<git_oid> parse_oid(const std::string& text) {
  git_oid oid;
  if (git_oid_fromstrn(&oid, text.data(), text.size()) != 0) return std::nullopt;
  return oid;
}

inline std::string iso8601_utc(git_time_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

inline std::string first_line(const char* message) {
  std::string text = message ? message : "";
  return text.substr(0, text.find('\n'));
}

}  // namespace perfgate::git_detail
