// CPU, load and memory checks from /sys and /proc.
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "harness/doctor/doctor.h"

namespace perfgate::doctor {
namespace {

std::optional<std::string> read_word(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word)) return std::nullopt;
  return word;
}

Finding governor_finding(const Inputs& inputs) {
  const auto governor =
      read_word(inputs.sys_root / "devices/system/cpu/cpu0/cpufreq/scaling_governor");
  if (!governor)
    return {"cpu governor", Severity::info,
            "not exposed (usual in VMs and containers): the host decides the frequency", ""};
  if (*governor == "performance") return {"cpu governor", Severity::ok, "performance", ""};
  return {"cpu governor", Severity::warning,
          "'" + *governor + "': the frequency follows the load, so run-to-run noise grows",
          "sudo cpupower frequency-set -g performance   (or: echo performance | sudo tee "
          "/sys/devices/system/cpu/cpu*/cpufreq/scaling_governor)"};
}

std::optional<Finding> turbo_finding(const Inputs& inputs) {
  const auto no_turbo = read_word(inputs.sys_root / "devices/system/cpu/intel_pstate/no_turbo");
  if (no_turbo) {
    if (*no_turbo == "1") return Finding{"cpu turbo", Severity::ok, "off (intel_pstate)", ""};
    return Finding{"cpu turbo", Severity::warning,
                   "on (intel_pstate): the clock depends on temperature and other load",
                   "echo 1 | sudo tee /sys/devices/system/cpu/intel_pstate/no_turbo"};
  }
  const auto boost = read_word(inputs.sys_root / "devices/system/cpu/cpufreq/boost");
  if (!boost) return std::nullopt;
  if (*boost == "0") return Finding{"cpu turbo", Severity::ok, "boost off", ""};
  return Finding{"cpu turbo", Severity::warning,
                 "boost on: the clock depends on temperature and other load",
                 "echo 0 | sudo tee /sys/devices/system/cpu/cpufreq/boost"};
}

std::optional<Finding> smt_finding(const Inputs& inputs) {
  const auto active = read_word(inputs.sys_root / "devices/system/cpu/smt/active");
  if (!active) return std::nullopt;
  if (*active == "0") return Finding{"cpu smt", Severity::ok, "off", ""};
  return Finding{"cpu smt", Severity::info,
                 "on: hyperthread siblings share a core, so the generator and the system under "
                 "test can slow each other down",
                 "pin them to different physical cores (taskset), or: echo off | sudo tee "
                 "/sys/devices/system/cpu/smt/control"};
}

}  // namespace

std::vector<Finding> check_cpu(const Inputs& inputs) {
  std::vector<Finding> findings{governor_finding(inputs)};
  if (auto turbo = turbo_finding(inputs)) findings.push_back(*turbo);
  if (auto smt = smt_finding(inputs)) findings.push_back(*smt);
  return findings;
}

std::vector<Finding> check_load(const Inputs& inputs) {
  std::ifstream in(inputs.proc_root / "loadavg");
  double one_minute = 0;
  if (!(in >> one_minute)) return {{"load average", Severity::info, "unreadable", ""}};
  std::ostringstream text;
  text.precision(2);
  text << std::fixed << one_minute << " over the last minute on " << inputs.cores << " cores";
  // Above half the cores, other work competes with the benchmark for CPU time.
  if (one_minute > 0.5 * inputs.cores)
    return {{"load average", Severity::warning, text.str() + ": other work competes for CPU",
             "wait for the machine to idle, or run on a dedicated runner (see `top`)"}};
  return {{"load average", Severity::ok, text.str(), ""}};
}

std::vector<Finding> check_memory(const Inputs& inputs) {
  std::ifstream in(inputs.proc_root / "meminfo");
  std::string key;
  long long kib = -1, total_kib = -1, value = 0;
  std::string unit;
  while (in >> key >> value >> unit) {
    if (key == "MemAvailable:") kib = value;
    if (key == "MemTotal:") total_kib = value;
  }
  if (kib < 0) return {{"free memory", Severity::info, "MemAvailable unreadable", ""}};
  const std::string text =
      std::to_string(kib / 1024) + " MiB available of " + std::to_string(total_kib / 1024) + " MiB";
  // Under 512 MiB or 10 %, page cache eviction and swapping show up as latency outliers.
  if (kib < 512 * 1024 || (total_kib > 0 && kib * 10 < total_kib))
    return {{"free memory", Severity::warning, text + ": swapping and cache eviction add outliers",
             "stop other processes or use a larger runner"}};
  return {{"free memory", Severity::ok, text, ""}};
}

}  // namespace perfgate::doctor
