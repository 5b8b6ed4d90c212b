#include "harness/doctor/doctor.h"

#include <algorithm>
#include <cstdlib>
#include <thread>

namespace perfgate::doctor {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::ok:
      return "ok";
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warn";
  }
  return "?";
}

Inputs system_inputs() {
  Inputs inputs;
  const char* path = std::getenv("PATH");
  inputs.path_env = path ? path : "";
  inputs.cores = std::max(1u, std::thread::hardware_concurrency());
  return inputs;
}

std::vector<Finding> run_checks(const Inputs& inputs) {
  std::vector<Finding> findings;
  for (auto check : {check_cpu, check_load, check_memory, check_tools, check_git}) {
    auto more = check(inputs);
    findings.insert(findings.end(), more.begin(), more.end());
  }
  return findings;
}

std::string render_findings(const std::vector<Finding>& findings) {
  std::string text;
  int warnings = 0;
  for (const Finding& finding : findings) {
    text += "[" + std::string(to_string(finding.severity)) + "] " + finding.check + ": " +
            finding.message + "\n";
    if (!finding.fix.empty()) text += "       fix: " + finding.fix + "\n";
    if (finding.severity == Severity::warning) ++warnings;
  }
  text += "\n" + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings") + "\n";
  return text;
}

bool has_warnings(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& finding) { return finding.severity == Severity::warning; });
}

}  // namespace perfgate::doctor
