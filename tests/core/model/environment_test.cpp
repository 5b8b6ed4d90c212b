#include "core/model/environment.h"
#include "core/model/version.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace perfgate;
using perfgate::testing::run_command;
using perfgate::testing::TempDir;

namespace {

std::string first_line(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

bool cpuinfo_has_model_name() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) return true;
  }
  return false;
}

// Runs the git command line tool in `dir` with a throwaway identity; returns its stdout.
std::string git(const std::filesystem::path& dir, std::vector<std::string> arguments) {
  std::vector<std::string> argv = {"git",
                                   "-C",
                                   dir.string(),
                                   "-c",
                                   "user.name=perfgate",
                                   "-c",
                                   "user.email=perfgate@example.invalid",
                                   "-c",
                                   "commit.gpgsign=false"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  const auto output = run_command(argv, 20);
  INFO("git " << arguments.at(0) << ": " << output.err);
  REQUIRE(output.exit_code == 0);
  return output.out;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

TEST_CASE("capture_environment fills what this machine exposes") {
  const Environment environment = capture_environment();
  CHECK(environment.cores > 0);
  CHECK_THAT(environment.kernel, Catch::Contains(" "));  // release and machine
  CHECK_FALSE(environment.compiler.empty());
  CHECK(environment.perfgate == version_line());
  CHECK(environment.perfgate.starts_with(std::string(build_info().version) + " (commit "));
  if (cpuinfo_has_model_name()) CHECK_FALSE(environment.cpu_model.empty());
  CHECK(environment.governor ==
        first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"));
  CHECK(environment.tools.empty());
}

TEST_CASE("capture_git_info outside a repository is nullopt") {
  TempDir dir;
  CHECK_FALSE(capture_git_info(dir.path().string()).has_value());
  CHECK_FALSE(capture_git_info((dir.path() / "does-not-exist").string()).has_value());
}

TEST_CASE("capture_git_info reads commit, branch and dirty state through libgit2") {
  TempDir dir;
  const auto& repo = dir.path();
  git(repo, {"init", "-q", "-b", "main"});

  auto info = capture_git_info(repo.string());  // unborn branch
  REQUIRE(info.has_value());
  CHECK(info->commit.empty());
  CHECK(info->branch == "main");
  CHECK_FALSE(info->dirty);

  perfgate::testing::write_file(repo / "tracked.txt", "one\n");
  CHECK_FALSE(capture_git_info(repo.string())->dirty);  // untracked does not count
  git(repo, {"add", "tracked.txt"});
  CHECK(capture_git_info(repo.string())->dirty);  // staged counts
  git(repo, {"commit", "-q", "-m", "first"});
  const std::string head = trimmed(git(repo, {"rev-parse", "HEAD"}));

  std::filesystem::create_directory(repo / "sub");
  info = capture_git_info((repo / "sub").string());  // found by searching upward
  REQUIRE(info.has_value());
  CHECK(info->commit == head);
  CHECK(info->commit.size() == 40);
  CHECK(info->branch == "main");
  CHECK_FALSE(info->dirty);

  perfgate::testing::write_file(repo / "tracked.txt", "two\n");
  CHECK(capture_git_info(repo.string())->dirty);  // modified in the work tree
  git(repo, {"checkout", "-q", "--", "tracked.txt"});
  git(repo, {"checkout", "-q", "--detach"});
  info = capture_git_info(repo.string());
  CHECK(info->branch.empty());
  CHECK(info->commit == head);
  CHECK_FALSE(info->dirty);
}

TEST_CASE("environment_differences names the fields that differ, in order") {
  Environment baseline;
  baseline.cpu_model = "Intel Xeon 8375C";
  baseline.cores = 8;
  baseline.kernel = "6.1.0 x86_64";
  baseline.governor = "performance";
  baseline.compiler = "gcc 12.2.0";
  baseline.perfgate = "0.9.0";
  CHECK(environment_differences(baseline, baseline).empty());

  Environment candidate = baseline;
  candidate.perfgate = "1.0.0";  // perfgate's version and the tools are not compared
  candidate.tools = {{"k6", "0.49.0"}};
  CHECK(environment_differences(baseline, candidate).empty());

  candidate.cores = 4;
  candidate.cpu_model = "AMD EPYC 7763";
  candidate.governor = "";
  const auto differences = environment_differences(baseline, candidate);
  REQUIRE(differences.size() == 3);
  CHECK(differences[0] == EnvironmentDifference{"cpu_model", "Intel Xeon 8375C", "AMD EPYC 7763"});
  CHECK(differences[1] == EnvironmentDifference{"cores", "8", "4"});
  CHECK(differences[2] == EnvironmentDifference{"governor", "performance", ""});
  CHECK(describe(differences[0]) == "cpu_model: Intel Xeon 8375C -> AMD EPYC 7763");
  CHECK(describe(differences[2]) == "governor: performance -> (unknown)");
  CHECK(describe({"kernel", "", "6.1.0 x86_64"}) == "kernel: (unknown) -> 6.1.0 x86_64");
}
