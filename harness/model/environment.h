// The environment fingerprint stored with every result: where the numbers were measured.
#pragma once

#include <optional>
#include <string>

#include "harness/model/run_result.h"

namespace perfgate {

// Reads /proc/cpuinfo, uname, cpufreq governor (empty if unreadable), the compiler and version.
Environment capture_environment();

// The git state of the repository containing `directory` (commit, branch, dirty), read with
// the git command line tool if present; nullopt when not inside a repository.
std::optional<GitInfo> capture_git_info(const std::string& directory);

// perfgate's own version string, e.g. "0.1.0".
const char* perfgate_version();

}  // namespace perfgate
