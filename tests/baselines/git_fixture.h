// Real git repositories in temporary directories for the baseline tests, driven with the git
// command line (the code under test uses libgit2, so the two check each other).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/model/run_result.h"

namespace perfgate::testing {

// Runs `git -C repo args...`; fails the test when git fails. Returns stdout.
std::string git(const std::filesystem::path& repo, const std::vector<std::string>& args);

// `git init` on branch main with a local author, and one first commit (a README).
void init_repo(const std::filesystem::path& repo);

// Writes `text` to repo/path and commits it with `message`.
void commit_file(const std::filesystem::path& repo, const std::string& path,
                 const std::string& text, const std::string& message);

// A small suite result: scenarios with 5 ok runs each, a latency histogram per run (around
// `latency_ms`, with run-to-run noise) and a throughput value.
SuiteResult synthetic_result(const std::string& suite, const std::vector<std::string>& scenarios,
                             double latency_ms);

// A suite file (YAML) naming these scenarios against `target`, gating latency.p50 and throughput.
std::string suite_yaml(const std::string& suite, const std::vector<std::string>& scenarios,
                       const std::string& target, const std::string& extra_gate_lines = "");

// The simulated service of a mock suite (adapters/mock): what its scenarios measure.
struct MockService {
  double latency_ms = 5;
  int seed = 1;              // another seed: the same service, measured again
  std::string noise = "2%";  // run-to-run
  int repetitions = 10;
  std::string extra_keys{};  // more scenario keys, each line indented by 4
};

// A suite file (YAML) whose scenarios are mock ones with the request `list`, gating
// latency.p50 and throughput: end-to-end tests that do not depend on the machine's speed.
std::string mock_suite_yaml(const std::string& suite, const std::vector<std::string>& scenarios,
                            const MockService& service, const std::string& extra_gate_lines = "");

}  // namespace perfgate::testing
