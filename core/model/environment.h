// The environment fingerprint stored with every result: where the numbers were measured.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/run_result.h"

namespace perfgate {

// Reads the CPU model (/proc/cpuinfo), cores (hardware concurrency), kernel (uname release and
// machine), cpufreq governor of cpu0 (empty if unreadable, as in most containers and VMs), the
// compiler perfgate was built with and perfgate's version. `tools` is left for adapters to fill.
// Fields this machine does not expose are empty; never throws for a missing /proc or /sys file.
Environment capture_environment();

// One fingerprint field that differs between the machine a baseline was measured on and the
// candidate's. `perfgate gate` hands these to gates::evaluate_gate, which applies the suite's
// on_environment_change to them.
struct EnvironmentDifference {
  std::string field{};      // "cpu_model", "cores", "kernel", "governor" or "compiler"
  std::string baseline{};   // the baseline's value; empty when it was not recorded
  std::string candidate{};  // the candidate's value; empty when it was not recorded

  bool operator==(const EnvironmentDifference&) const = default;
};

// The fields among CPU model, cores, kernel, governor and compiler (in that order) whose values
// differ; empty when the machines look alike. perfgate's version and the tools are not compared.
std::vector<EnvironmentDifference> environment_differences(const Environment& baseline,
                                                           const Environment& candidate);

// "cpu_model: Intel Xeon 8375C -> AMD EPYC 7763"; an empty side reads "(unknown)".
std::string describe(const EnvironmentDifference& difference);

// The git state of the repository containing `directory` (searching upward), read through the
// git wrapper (core/git/): HEAD's commit (empty on an unborn branch), the branch's short name
// (empty when HEAD is detached) and dirty = a tracked file is modified or staged (untracked files
// do not count). nullopt when `directory` is not inside a repository. Throws InputError(directory)
// only when a repository exists but libgit2 cannot read it (corruption, or ownership refused by
// safe.directory).
std::optional<GitInfo> capture_git_info(const std::string& directory);

}  // namespace perfgate
