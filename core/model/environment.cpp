#include "core/model/environment.h"

#include <sys/utsname.h>

#include <fstream>
#include <thread>

#include "core/git/git_repository.h"
#include "core/model/version.h"

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

std::vector<EnvironmentDifference> environment_differences(const Environment& baseline,
                                                           const Environment& candidate) {
  std::vector<EnvironmentDifference> differences;
  const auto compare = [&](const char* field, std::string before, std::string after) {
    if (before != after) differences.push_back({field, std::move(before), std::move(after)});
  };
  compare("cpu_model", baseline.cpu_model, candidate.cpu_model);
  compare("cores", std::to_string(baseline.cores), std::to_string(candidate.cores));
  compare("kernel", baseline.kernel, candidate.kernel);
  compare("governor", baseline.governor, candidate.governor);
  compare("compiler", baseline.compiler, candidate.compiler);
  return differences;
}

std::string describe(const EnvironmentDifference& difference) {
  const auto shown = [](const std::string& value) { return value.empty() ? "(unknown)" : value; };
  return difference.field + ": " + shown(difference.baseline) + " -> " +
         shown(difference.candidate);
}

std::optional<GitInfo> capture_git_info(const std::string& directory) {
  const std::optional<GitRepository> repo = GitRepository::discover_if_present(directory);
  if (!repo) return std::nullopt;
  GitInfo info;
  info.commit = repo->resolve_commit("HEAD").value_or("");  // empty on an unborn branch
  info.branch = repo->head_branch();
  info.dirty = repo->has_tracked_changes();
  return info;
}

}  // namespace perfgate
