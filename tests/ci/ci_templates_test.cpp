// Every ci/ template parses (YAML through yaml-cpp, the Jenkinsfile by a bracket and keyword
// check), its shell steps pass `bash -n`, and the perfgate flags it uses exist in the binary.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <set>

#include "tests/support/test_support.h"

using namespace perfgate::testing;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> yaml_templates() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir() / "ci")) {
    const auto extension = entry.path().extension();
    if (extension == ".yml" || extension == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

YAML::Node load(const std::string& relative) {
  return YAML::LoadFile((source_dir() / relative).string());
}

// GitHub expressions (${{ ... }}) are not shell; replace them before `bash -n`.
std::string without_expressions(std::string script) {
  return std::regex_replace(script, std::regex(R"(\$\{\{[^}]*\}\})"), "EXPRESSION");
}

void check_shell(const std::string& script, const std::string& where) {
  TempDir dir;
  write_file(dir.path() / "step.sh", without_expressions(script));
  const auto out = run_command({"bash", "-n", (dir.path() / "step.sh").string()});
  INFO(where << "\n" << script << "\n" << out.err);
  CHECK(out.exit_code == 0);
}

void check_steps(const YAML::Node& steps, const std::string& where) {
  for (const auto& step : steps)
    if (step["run"]) check_shell(step["run"].as<std::string>(), where);
}

std::string help_of(const std::vector<std::string>& command) {
  std::vector<std::string> argv{perfgate_binary().string()};
  argv.insert(argv.end(), command.begin(), command.end());
  argv.push_back("--help");
  return run_command(argv).out;
}

// Braces and parentheses balance outside strings and // comments, and every string ends.
// Groovy's ''' strings get a marker that no character of the text can equal.
bool is_balanced(const std::string& text) {
  constexpr char kTripleQuote = '\x01';
  int braces = 0, parens = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (quote == kTripleQuote && text.compare(i, 3, "'''") == 0)
        quote = 0, i += 2;
      else if (c == quote)
        quote = 0;
    } else if (text.compare(i, 2, "//") == 0) {
      i = std::min(text.find('\n', i), text.size());
    } else if (text.compare(i, 3, "'''") == 0) {
      quote = kTripleQuote, i += 2;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else {
      braces += c == '{' ? 1 : c == '}' ? -1 : 0;
      parens += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (braces < 0 || parens < 0) return false;
    }
  }
  return quote == 0 && braces == 0 && parens == 0;
}

}  // namespace

TEST_CASE("every YAML template under ci/ parses", "[ci]") {
  const auto files = yaml_templates();
  CHECK(files.size() >= 6);
  for (const auto& file : files) {
    INFO(file);
    CHECK_NOTHROW(YAML::LoadAllFromFile(file.string()));
    CHECK_FALSE(YAML::LoadAllFromFile(file.string()).empty());
  }
}

TEST_CASE("the composite action declares its inputs and runs bash that parses", "[ci]") {
  const YAML::Node action = load("ci/github/action.yml");
  CHECK(action["runs"]["using"].as<std::string>() == "composite");
  CHECK(action["inputs"]["suite"]["required"].as<bool>());
  CHECK(action["inputs"]["command"]["default"].as<std::string>() == "gate");
  CHECK(action["outputs"]["exit-code"]);
  std::set<std::string> uses;
  for (const auto& step : action["runs"]["steps"]) {
    if (step["run"]) CHECK(step["shell"].as<std::string>() == "bash");  // composite needs shell
    if (step["uses"]) uses.insert(step["uses"].as<std::string>());
  }
  CHECK(uses.count("actions/upload-artifact@v4"));
  CHECK(uses.count("actions/github-script@v7"));
  check_steps(action["runs"]["steps"], "ci/github/action.yml");
}

TEST_CASE("the GitHub workflows gate pull requests with full history and update on main", "[ci]") {
  const YAML::Node gate = load("ci/github/perfgate-gate.yml");
  CHECK(gate["on"]["pull_request"]);
  CHECK(gate["permissions"]["pull-requests"].as<std::string>() == "write");
  const YAML::Node gate_steps = gate["jobs"]["gate"]["steps"];
  CHECK(gate_steps[0]["with"]["fetch-depth"].as<int>() == 0);
  CHECK(gate_steps[1]["uses"].as<std::string>().find("/ci/github@") != std::string::npos);
  const YAML::Node baseline = load("ci/github/perfgate-baseline.yml");
  CHECK(baseline["on"]["push"]["branches"][0].as<std::string>() == "main");
  CHECK(baseline["permissions"]["contents"].as<std::string>() == "write");
  const YAML::Node baseline_steps = baseline["jobs"]["baseline"]["steps"];
  CHECK(baseline_steps[2]["with"]["command"].as<std::string>() == "baseline-update");
  check_steps(baseline_steps, "perfgate-baseline.yml");
  const YAML::Node sharded = load("ci/github/perfgate-sharded.yml");
  CHECK(sharded["jobs"]["load"]["strategy"]["matrix"]["shard"].size() == 4);
  check_steps(sharded["jobs"]["load"]["steps"], "perfgate-sharded.yml load");
  check_steps(sharded["jobs"]["gate"]["steps"], "perfgate-sharded.yml gate");
}

TEST_CASE("the GitLab template publishes the JUnit report and fetches full history", "[ci]") {
  const YAML::Node gitlab = load("ci/gitlab/perfgate.gitlab-ci.yml");
  CHECK(gitlab[".perfgate"]["variables"]["GIT_DEPTH"].as<int>() == 0);
  const YAML::Node gate = gitlab["perfgate-gate"];
  CHECK(gate["artifacts"]["reports"]["junit"].as<std::string>() == "perfgate-report/perfgate.xml");
  CHECK(gate["artifacts"]["when"].as<std::string>() == "always");
  for (const char* job : {"perfgate-gate", "perfgate-baseline"}) {
    std::string script;
    for (const auto& line : gitlab[job]["script"]) script += line.as<std::string>() + "\n";
    check_shell(script, job);
  }
  std::string before;
  for (const auto& line : gitlab[".perfgate"]["before_script"])
    before += line.as<std::string>() + "\n";
  check_shell(before, "before_script");
}

TEST_CASE("the Kubernetes manifest is an Indexed Job of shards", "[ci]") {
  const auto documents =
      YAML::LoadAllFromFile((source_dir() / "ci/kubernetes/perfgate-shards-job.yaml").string());
  REQUIRE(documents.size() == 2);
  CHECK(documents[0]["kind"].as<std::string>() == "Job");
  CHECK(documents[0]["spec"]["completionMode"].as<std::string>() == "Indexed");
  CHECK(documents[0]["spec"]["completions"].as<int>() ==
        documents[0]["spec"]["parallelism"].as<int>());
  const auto container = documents[0]["spec"]["template"]["spec"]["containers"][0];
  check_shell(container["args"][0].as<std::string>(), "kubernetes args");
  CHECK(documents[1]["kind"].as<std::string>() == "PersistentVolumeClaim");
}

TEST_CASE("the Jenkinsfile is balanced and has a stage with junit", "[ci]") {
  const std::string text = read_file(source_dir() / "ci/jenkins/Jenkinsfile");
  CHECK(is_balanced(text));
  CHECK(text.find("pipeline {") != std::string::npos);
  CHECK(text.find("stage('Performance gate')") != std::string::npos);
  CHECK(text.find("junit ") != std::string::npos);
  CHECK(text.find("perfgate-report/perfgate.xml") != std::string::npos);
}

TEST_CASE("the Groovy bracket check catches what it should", "[ci]") {
  CHECK(is_balanced("stage('a') { sh \"echo '}'\" } // }\n"));
  CHECK(is_balanced("sh(script: '''\n echo ) \"\n''')"));
  CHECK_FALSE(is_balanced("stage('a') { steps {"));
  CHECK_FALSE(is_balanced("sh('x'"));
  CHECK_FALSE(is_balanced("} {"));
  CHECK_FALSE(is_balanced("sh 'unterminated"));
}

TEST_CASE("the perfgate flags the templates use exist", "[ci][e2e]") {
  const std::string gate = help_of({"gate"});
  for (const char* flag : {"--against", "--no-progress", "--format", "--report-dir", "--results"}) {
    INFO(flag);
    CHECK(gate.find(flag) != std::string::npos);
  }
  const std::string update = help_of({"baseline", "update"});
  for (const char* flag : {"--commit", "--no-progress"}) {
    INFO(flag);
    CHECK(update.find(flag) != std::string::npos);
  }
}
