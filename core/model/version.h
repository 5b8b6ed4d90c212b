// perfgate's version, the git commit it was built from and its build type. The version comes
// from the VERSION file at the repository root (a release is tagged v<VERSION>); the commit
// and build type are written at build time by cmake/write_version.cmake.
#pragma once

#include <string>
#include <string_view>

namespace perfgate {

struct BuildInfo {
  std::string_view version;     // "0.2.0"
  std::string_view commit;      // "7fd3c8d1a2b3", "7fd3c8d1a2b3-dirty", or "unknown"
  std::string_view build_type;  // "Release", "RelWithDebInfo", ...
};

const BuildInfo& build_info();

// "0.2.0 (commit 7fd3c8d1a2b3, Release)": what `perfgate --version` prints after "perfgate "
// and what the environment fingerprint of every results file records.
std::string version_line();

}  // namespace perfgate
