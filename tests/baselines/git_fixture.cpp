#include "tests/baselines/git_fixture.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

namespace perfgate::testing {

std::string git(const std::filesystem::path& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git", "-C", repo.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.begin(), "/usr/bin/env");
  const CommandOutput out = run_command(argv, 30);
  INFO("git " << args.front() << ": " << out.err);
  REQUIRE(out.exit_code == 0);
  return out.out;
}

void init_repo(const std::filesystem::path& repo) {
  std::filesystem::create_directories(repo);
  git(repo, {"init", "-q", "-b", "main"});
  git(repo, {"config", "user.name", "Baseline Tester"});
  git(repo, {"config", "user.email", "tester@example.com"});
  git(repo, {"config", "commit.gpgsign", "false"});
  commit_file(repo, "README.md", "a project\n", "initial commit");
}

void commit_file(const std::filesystem::path& repo, const std::string& path,
                 const std::string& text, const std::string& message) {
  std::filesystem::create_directories((repo / path).parent_path());
  write_file(repo / path, text);
  git(repo, {"add", path});
  git(repo, {"commit", "-q", "-m", message});
}

SuiteResult synthetic_result(const std::string& suite, const std::vector<std::string>& scenarios,
                             double latency_ms) {
  SuiteResult result{.suite = suite};
  result.environment = {.cpu_model = "Test CPU", .cores = 2, .kernel = "6.1", .compiler = "gcc"};
  for (const std::string& name : scenarios) {
    ScenarioResult scenario{.name = name, .adapter = "native"};
    for (int run = 0; run < 5; ++run) {
      const double noise = 1.0 + 0.004 * (run - 2);  // +-0.8 %: runs differ a little
      Histogram histogram;
      for (int i = 0; i < 200; ++i)
        histogram.record(static_cast<uint64_t>(latency_ms * 1e6 * noise * (1 + 0.001 * i)));
      RunResult result_run{.index = run, .duration_s = 1};
      result_run.add(
          {.name = "latency", .unit = "ns", .tags = {{"request", "list"}}, .histogram = histogram});
      result_run.add({.name = "throughput",
                      .unit = "1/s",
                      .value = 1000 / (latency_ms * noise),
                      .timeline = {990, 1010}});
      scenario.runs.push_back(result_run);
    }
    result.scenarios.push_back(scenario);
  }
  return result;
}

std::string suite_yaml(const std::string& suite, const std::vector<std::string>& scenarios,
                       const std::string& target, const std::string& extra_gate_lines) {
  std::string text = "suite: " + suite +
                     "\nrepetitions: 5\n"
                     "gate:\n  metrics: [latency.p50, throughput]\n" +
                     extra_gate_lines + "scenarios:\n";
  for (const std::string& name : scenarios)
    text += "  - name: " + name + "\n    adapter: native\n    target: " + target +
            "\n    connections: 4\n    duration: 1s\n    requests:\n"
            "      - { name: list, path: /items }\n";
  return text;
}

std::string mock_suite_yaml(const std::string& suite, const std::vector<std::string>& scenarios,
                            const MockService& service, const std::string& extra_gate_lines) {
  std::string text = "suite: " + suite + "\nrepetitions: " + std::to_string(service.repetitions) +
                     "\ngate:\n  metrics: [latency.p50, throughput]\n" + extra_gate_lines +
                     "scenarios:\n";
  for (const std::string& name : scenarios)
    text += "  - name: " + name + "\n    adapter: mock\n    request: list\n    latency: " +
            std::to_string(service.latency_ms) + "ms\n    noise: " + service.noise +
            "\n    seed: " + std::to_string(service.seed) + "\n" + service.extra_keys;
  return text;
}

}  // namespace perfgate::testing
