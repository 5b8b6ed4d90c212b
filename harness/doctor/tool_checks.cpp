// Load tools and git on PATH.
#include <unistd.h>

#include <sstream>
#include <string>

#include "harness/doctor/doctor.h"

namespace perfgate::doctor {
namespace {

struct Tool {
  const char* name;
  const char* needed_for;
  const char* install;
  bool required;  // missing -> warning rather than info
};

constexpr Tool kTools[] = {
    {"k6", "scenarios with adapter: k6", "https://grafana.com/docs/k6/latest/set-up/install-k6/",
     false},
    {"jmeter", "scenarios with adapter: jmeter", "sudo apt-get install jmeter", false},
    {"artillery", "scenarios with adapter: artillery", "npm install -g artillery", false},
    {"wrk", "comparing perfgate's generator with wrk", "sudo apt-get install wrk", false},
    {"git", "fetching history in CI (perfgate itself reads git through libgit2)",
     "sudo apt-get install git", true},
};

std::string find_on_path(const std::string& path_env, const std::string& name) {
  std::istringstream directories(path_env);
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    if (directory.empty()) continue;
    const std::string candidate = directory + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

Finding tool_finding(const Tool& tool, const std::string& path_env) {
  const std::string check = std::string("tool ") + tool.name;
  const std::string found = find_on_path(path_env, tool.name);
  if (!found.empty()) return {check, Severity::ok, found, ""};
  return {check, tool.required ? Severity::warning : Severity::info,
          std::string("not on PATH (needed for ") + tool.needed_for + ")", tool.install};
}

}  // namespace

std::vector<Finding> check_tools(const Inputs& inputs) {
  std::vector<Finding> findings;
  for (const Tool& tool : kTools) findings.push_back(tool_finding(tool, inputs.path_env));
  return findings;
}

}  // namespace perfgate::doctor
