#include "harness/model/environment.h"

#include <git2.h>
#include <sys/utsname.h>

#include <fstream>
#include <memory>
#include <thread>

#include "harness/errors.h"
#include "harness/model/version.h"

namespace perfgate {

namespace {

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// The first "key : value" line of /proc/cpuinfo whose key is one of `keys` (in order of
// preference: x86 says "model name", many ARM kernels "Hardware" or "Model").
std::string cpu_model() {
  for (const char* wanted : {"model name", "Hardware", "Model", "cpu model"}) {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
      const size_t colon = line.find(':');
      if (colon != std::string::npos && trim(line.substr(0, colon)) == wanted) {
        return trim(line.substr(colon + 1));
      }
    }
  }
  return "";
}

std::string kernel() {
  utsname names{};
  if (::uname(&names) != 0) return "";
  return std::string(names.release) + " " + names.machine;
}

std::string first_line_of(const char* path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return trim(line);
}

std::string compiler() {
#if defined(__clang__)
  return trim("clang " __clang_version__);
#elif defined(__GNUC__)
  return "gcc " __VERSION__;
#else
  return __VERSION__;
#endif
}

}  // namespace

Environment capture_environment() {
  Environment environment;
  environment.cpu_model = cpu_model();
  environment.cores = static_cast<int>(std::thread::hardware_concurrency());
  environment.kernel = kernel();
  environment.governor = first_line_of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
  environment.compiler = compiler();
  environment.perfgate = version_line();
  return environment;
}

// ---- git, through libgit2 ----

namespace {

// libgit2 counts init/shutdown pairs, so this nests with other users in the process.
struct LibGit2 {
  LibGit2() { git_libgit2_init(); }
  ~LibGit2() { git_libgit2_shutdown(); }
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

using Repository = std::unique_ptr<git_repository, decltype(&git_repository_free)>;
using Reference = std::unique_ptr<git_reference, decltype(&git_reference_free)>;
using StatusList = std::unique_ptr<git_status_list, decltype(&git_status_list_free)>;

[[noreturn]] void fail_git(const std::string& directory, const char* doing) {
  const git_error* error = git_error_last();
  throw InputError(directory, "",
                   std::string("git: cannot ") + doing + ": " + (error ? error->message : "?"));
}

std::string head_commit(git_repository* repo) {
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo, "HEAD") != 0) return "";  // unborn branch
  char hex[GIT_OID_HEXSZ + 1];
  return git_oid_tostr(hex, sizeof hex, &oid);
}

// Read from the symbolic HEAD itself, so an unborn branch still has its name.
std::string head_branch(git_repository* repo) {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repo, "HEAD") != 0) return "";
  const Reference head(raw, &git_reference_free);
  if (git_reference_type(head.get()) != GIT_REFERENCE_SYMBOLIC) return "";  // detached
  const std::string target = git_reference_symbolic_target(head.get());
  const std::string prefix = "refs/heads/";
  return target.starts_with(prefix) ? target.substr(prefix.size()) : target;
}

bool has_tracked_changes(git_repository* repo, const std::string& directory) {
  if (git_repository_is_bare(repo)) return false;  // no work tree, nothing to modify
  git_status_options options = GIT_STATUS_OPTIONS_INIT;
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = 0;  // no untracked, no ignored files: they do not make a build dirty
  git_status_list* raw = nullptr;
  if (git_status_list_new(&raw, repo, &options) != 0) fail_git(directory, "read the status");
  const StatusList status(raw, &git_status_list_free);
  return git_status_list_entrycount(status.get()) > 0;
}

}  // namespace

std::optional<GitInfo> capture_git_info(const std::string& directory) {
  const LibGit2 library;
  git_repository* raw = nullptr;
  const int opened = git_repository_open_ext(&raw, directory.c_str(), 0, nullptr);
  if (opened == GIT_ENOTFOUND) return std::nullopt;
  if (opened != 0) fail_git(directory, "open the repository");
  const Repository repo(raw, &git_repository_free);
  GitInfo info;
  info.commit = head_commit(repo.get());
  info.branch = head_branch(repo.get());
  info.dirty = has_tracked_changes(repo.get(), directory);
  return info;
}

}  // namespace perfgate
