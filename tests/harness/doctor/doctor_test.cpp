// Doctor checks on fake /sys and /proc trees, a fake PATH, and real git repositories in temp
// dirs (shallow clone, detached HEAD, dirty work tree).
#include "harness/doctor/doctor.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using doctor::Finding;
using doctor::Severity;

namespace {

const Finding& find(const std::vector<Finding>& findings, const std::string& check) {
  for (const Finding& finding : findings)
    if (finding.check == check) return finding;
  FAIL("no finding for " << check);
  throw std::logic_error("unreachable");
}

// write_file, creating the parent folders of a fake /sys or /proc file first.
void put(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  write_file(path, text);
}

doctor::Inputs fake_inputs(const TempDir& dir) {
  doctor::Inputs inputs;
  inputs.sys_root = dir.path() / "sys";
  inputs.proc_root = dir.path() / "proc";
  inputs.path_env = (dir.path() / "bin").string();
  inputs.directory = dir.path();
  inputs.cores = 2;
  return inputs;
}

void git(const std::filesystem::path& directory, std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(),
                   {"git", "-C", directory.string(), "-c", "user.name=t", "-c",
                    "user.email=t@example.com", "-c", "init.defaultBranch=main"});
  auto out = run_command(arguments);
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
}

}  // namespace

TEST_CASE("a powersave governor and turbo on are warnings with fixes", "[doctor]") {
  TempDir dir;
  auto inputs = fake_inputs(dir);
  put(inputs.sys_root / "devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
  put(inputs.sys_root / "devices/system/cpu/intel_pstate/no_turbo", "0\n");
  put(inputs.sys_root / "devices/system/cpu/smt/active", "1\n");
  const auto findings = doctor::check_cpu(inputs);
  const Finding& governor = find(findings, "cpu governor");
  CHECK(governor.severity == Severity::warning);
  CHECK(governor.message.find("powersave") != std::string::npos);
  CHECK(governor.fix.find("cpupower frequency-set -g performance") != std::string::npos);
  CHECK(find(findings, "cpu turbo").severity == Severity::warning);
  CHECK(find(findings, "cpu smt").severity == Severity::info);
  CHECK(doctor::has_warnings(findings));
}

TEST_CASE("a tuned machine passes and an unexposed governor is only information", "[doctor]") {
  TempDir dir;
  auto inputs = fake_inputs(dir);
  put(inputs.sys_root / "devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance");
  put(inputs.sys_root / "devices/system/cpu/cpufreq/boost", "0");
  auto findings = doctor::check_cpu(inputs);
  CHECK(find(findings, "cpu governor").severity == Severity::ok);
  CHECK(find(findings, "cpu turbo").severity == Severity::ok);
  CHECK_FALSE(doctor::has_warnings(findings));
  std::filesystem::remove_all(inputs.sys_root);
  findings = doctor::check_cpu(inputs);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::info);
}

TEST_CASE("load average above half the cores and low memory warn", "[doctor]") {
  TempDir dir;
  auto inputs = fake_inputs(dir);
  put(inputs.proc_root / "loadavg", "1.50 0.80 0.40 2/300 1234\n");
  put(inputs.proc_root / "meminfo",
      "MemTotal:        8000000 kB\nMemFree:  100000 kB\nMemAvailable:     300000 kB\n");
  CHECK(doctor::check_load(inputs)[0].severity == Severity::warning);
  CHECK(doctor::check_load(inputs)[0].message.find("1.50") != std::string::npos);
  CHECK(doctor::check_memory(inputs)[0].severity == Severity::warning);
  put(inputs.proc_root / "loadavg", "0.20 0.10 0.00 1/300 1234\n");
  put(inputs.proc_root / "meminfo", "MemTotal: 8000000 kB\nMemAvailable: 6000000 kB\n");
  CHECK(doctor::check_load(inputs)[0].severity == Severity::ok);
  CHECK(doctor::check_memory(inputs)[0].message.find("5859 MiB available") != std::string::npos);
}

TEST_CASE("tools are looked up on PATH; a missing git warns, a missing k6 informs", "[doctor]") {
  TempDir dir;
  auto inputs = fake_inputs(dir);
  put(dir.path() / "bin/k6", "#!/bin/sh\n");
  std::filesystem::permissions(dir.path() / "bin/k6", std::filesystem::perms::owner_all);
  put(dir.path() / "bin/wrk", "not executable");
  const auto findings = doctor::check_tools(inputs);
  CHECK(find(findings, "tool k6").severity == Severity::ok);
  CHECK(find(findings, "tool wrk").severity == Severity::info);
  CHECK(find(findings, "tool artillery").fix == "npm install -g artillery");
  CHECK(find(findings, "tool git").severity == Severity::warning);
}

TEST_CASE("git: no repository, then a repository on a branch, dirty", "[doctor][git]") {
  TempDir dir;
  auto inputs = fake_inputs(dir);
  inputs.directory = dir.path() / "repo";
  std::filesystem::create_directories(inputs.directory);
  CHECK(find(doctor::check_git(inputs), "git").severity == Severity::warning);
  git(inputs.directory, {"init", "-q"});
  put(inputs.directory / "a.txt", "1");
  git(inputs.directory, {"add", "a.txt"});
  git(inputs.directory, {"commit", "-q", "-m", "first"});
  auto findings = doctor::check_git(inputs);
  CHECK(find(findings, "git HEAD").severity == Severity::ok);
  CHECK(find(findings, "git HEAD").message.find("on main") != std::string::npos);
  CHECK(find(findings, "git history").severity == Severity::ok);
  CHECK_FALSE(doctor::has_warnings(findings));
  put(inputs.directory / "a.txt", "2");
  CHECK(find(doctor::check_git(inputs), "git work tree").severity == Severity::info);
}

TEST_CASE("git: a shallow clone warns with the fetch-depth fix; detached HEAD informs",
          "[doctor][git]") {
  TempDir dir;
  const auto origin = dir.path() / "origin";
  std::filesystem::create_directories(origin);
  git(origin, {"init", "-q"});
  for (const char* text : {"1", "2", "3"}) {
    put(origin / "a.txt", text);
    git(origin, {"add", "a.txt"});
    git(origin, {"commit", "-q", "-m", text});
  }
  git(dir.path(), {"clone", "-q", "--depth", "1", "file://" + origin.string(), "clone"});
  auto inputs = fake_inputs(dir);
  inputs.directory = dir.path() / "clone";
  auto findings = doctor::check_git(inputs);
  const Finding& history = find(findings, "git history");
  CHECK(history.severity == Severity::warning);
  CHECK(history.fix.find("fetch-depth: 0") != std::string::npos);
  git(inputs.directory, {"checkout", "-q", "--detach"});
  findings = doctor::check_git(inputs);
  CHECK(find(findings, "git HEAD").severity == Severity::info);
  CHECK(find(findings, "git HEAD").message.find("detached") != std::string::npos);
}

TEST_CASE("perfgate doctor prints every check and exits 1 under --strict only on warnings",
          "[doctor][e2e]") {
  TempDir dir;  // not a repository: the git check warns
  auto out = run_command({perfgate_binary(), "doctor", "-C", dir.path().string()});
  INFO(out.out << out.err);
  CHECK(out.exit_code == 0);
  CHECK(out.out.find("cpu governor") != std::string::npos);
  CHECK(out.out.find("load average") != std::string::npos);
  CHECK(out.out.find("free memory") != std::string::npos);
  CHECK(out.out.find("tool k6") != std::string::npos);
  CHECK(out.out.find("[warn] git: not a git repository") != std::string::npos);
  CHECK(out.out.find("fix: git init") != std::string::npos);
  auto strict = run_command({perfgate_binary(), "doctor", "--strict", "-C", dir.path().string()});
  CHECK(strict.exit_code == 1);
}
