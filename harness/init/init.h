// `perfgate init` without the CLI: plan the starter files (a commented suite against the user's
// URL, .perfgate/baselines/, a CI workflow for the CI in use), then write them, refusing to
// overwrite anything unless forced.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::init {

enum class CiKind { github, gitlab, jenkins };
const char* to_string(CiKind kind);  // "github", "gitlab", "jenkins"
std::optional<CiKind> parse_ci_kind(std::string_view text);

// .github/ -> github, .gitlab-ci.yml -> gitlab, Jenkinsfile -> jenkins (in that order);
// nullopt when the directory shows none of them.
std::optional<CiKind> detect_ci(const std::filesystem::path& directory);

struct InitOptions {
  std::filesystem::path directory = ".";  // the repository root
  std::string url;                        // http://host:port[/path]: what the scenario loads
  std::string name = "api";               // suite name: suites/<name>.yaml, the baseline file
  std::optional<CiKind> ci;               // nullopt: detect (github when nothing is found)
  std::string duration = "10s";           // per run, as in a suite file
  int repetitions = 5;                    // runs per scenario
};

struct PlannedFile {
  std::filesystem::path path;  // relative to the directory
  std::string content;
};

struct InitPlan {
  std::vector<PlannedFile> files;
  CiKind ci = CiKind::github;
  bool ci_detected = false;
  std::vector<std::string> next_steps;  // what to run or edit next, in order
};

// Validates the options (InputError naming --url, --name, --duration or --repetitions) and
// checks that the suite it would write loads and its gate block parses.
InitPlan plan_init(const InitOptions& options);

// Writes every planned file under `directory`. Without `force`, throws InputError naming the
// first file that exists, before writing anything.
void write_plan(const InitPlan& plan, const std::filesystem::path& directory, bool force);

}  // namespace perfgate::init
