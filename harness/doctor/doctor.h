// `perfgate doctor` without the CLI: checks of what makes benchmark numbers noisy or a gate fail
// in CI (CPU frequency scaling, turbo, SMT, load, memory, load tools, git state), each finding
// with a fix. Reads /sys, /proc, PATH and the git repository; never changes anything.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace perfgate::doctor {

enum class Severity { ok, info, warning };
const char* to_string(Severity severity);  // "ok", "info", "warn"

struct Finding {
  std::string check;  // "cpu governor", "load average", "tool k6", "git", ...
  Severity severity = Severity::ok;
  std::string message;  // what was found
  std::string fix;      // what to do about it; empty when nothing is needed
};

// Where to look: the real system by default; tests point the roots at a fake tree.
struct Inputs {
  std::filesystem::path sys_root = "/sys";
  std::filesystem::path proc_root = "/proc";
  std::string path_env;                   // PATH, ':'-separated
  std::filesystem::path directory = ".";  // for the git checks
  int cores = 1;                          // online CPUs, for the load average
};

// The real system: /sys, /proc, $PATH, the current directory, hardware concurrency.
Inputs system_inputs();

std::vector<Finding> check_cpu(const Inputs& inputs);     // governor, turbo/boost, SMT
std::vector<Finding> check_load(const Inputs& inputs);    // load average against cores
std::vector<Finding> check_memory(const Inputs& inputs);  // MemAvailable
std::vector<Finding> check_tools(const Inputs& inputs);   // k6, jmeter, artillery, wrk, git
std::vector<Finding> check_git(const Inputs& inputs);     // repository, shallow, detached, dirty

// Every check above, in that order.
std::vector<Finding> run_checks(const Inputs& inputs);

// One line per finding ("[warn] cpu governor: ... \n       fix: ..."), then a count.
std::string render_findings(const std::vector<Finding>& findings);

bool has_warnings(const std::vector<Finding>& findings);

}  // namespace perfgate::doctor
