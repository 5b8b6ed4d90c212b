// Every ci/ template parses (YAML through yaml-cpp, the Jenkinsfile by a bracket and keyword
// check), all of its shell passes `bash -n`, it installs perfgate the cheap way first, and every
// perfgate subcommand and flag it uses exists in the binary.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "tests/ci/template_scripts.h"
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

std::vector<std::string> step_ids(const YAML::Node& steps) {
  std::vector<std::string> ids;
  for (const auto& step : steps) ids.push_back(step["id"] ? step["id"].as<std::string>() : "");
  return ids;
}

const YAML::Node step_with_id(const YAML::Node& steps, const std::string& id) {
  for (const auto& step : steps)
    if (step["id"] && step["id"].as<std::string>() == id) return step;
  FAIL("no step with id " << id);
  return {};
}

void check_shell(const std::string& script, const std::string& where) {
  TempDir dir;
  write_file(dir.path() / "script.sh", script);
  const auto out = run_command({"bash", "-n", (dir.path() / "script.sh").string()});
  INFO(where << "\n" << script << "\n" << out.err);
  CHECK(out.exit_code == 0);
}

std::string help_text(const std::vector<std::string>& command) {
  std::vector<std::string> argv{perfgate_binary().string()};
  argv.insert(argv.end(), command.begin(), command.end());
  argv.push_back("--help");
  const auto out = run_command(argv);
  return out.exit_code == 0 ? out.out : "";
}

// `--help` of each command path, asked once.
class HelpCache {
 public:
  const std::string& of(const std::vector<std::string>& command) {
    auto found = texts_.find(command);
    if (found == texts_.end()) found = texts_.emplace(command, help_text(command)).first;
    return found->second;
  }

 private:
  std::map<std::vector<std::string>, std::string> texts_;
};

// The flag as a whole word of the help: --format, not --format-version.
bool help_names(const std::string& help, const std::string& flag) {
  const auto is_name_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  };
  for (auto at = help.find(flag); at != std::string::npos; at = help.find(flag, at + 1)) {
    const bool starts = at == 0 || !is_name_char(help[at - 1]);
    const bool ends = at + flag.size() == help.size() || !is_name_char(help[at + flag.size()]);
    if (starts && ends) return true;
  }
  return false;
}

// Leading bare words are subcommands while each one's --help differs from its parent's: the
// rule needs no knowledge of the help's layout. The first word must be a subcommand or a flag.
void check_call(HelpCache& help, const std::vector<std::string>& words) {
  std::vector<std::string> command;
  std::size_t at = 0;
  for (; at < words.size() && std::regex_match(words[at], std::regex("[a-z][a-z-]*")); ++at) {
    auto candidate = command;
    candidate.push_back(words[at]);
    if (help.of(candidate).empty() || help.of(candidate) == help.of(command)) break;
    command = candidate;
  }
  if (command.empty() && at < words.size() && words[at][0] != '-') {
    FAIL_CHECK("perfgate " << words[at] << ": not a perfgate command");
    return;
  }
  for (; at < words.size(); ++at) {
    if (words[at].size() < 2 || words[at][0] != '-' || words[at] == "--") continue;
    const std::string flag = words[at].substr(0, words[at].find('='));
    std::string name = "perfgate";
    for (const auto& word : command) name += " " + word;
    INFO(name << " " << flag);
    CHECK(help_names(help.of(command), flag));
  }
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

TEST_CASE("all shell in the templates passes bash -n", "[ci]") {
  const auto scripts = template_scripts();
  CHECK(scripts.size() >= 15);  // action 4, workflows 3, GitLab 3, Jenkins 6, Kubernetes 1
  for (const auto& script : scripts) check_shell(script.text, script.where);
}

TEST_CASE("the composite action declares and documents its inputs", "[ci]") {
  const YAML::Node action = load("ci/github/action.yml");
  CHECK(action["runs"]["using"].as<std::string>() == "composite");
  CHECK(action["inputs"]["suite"]["required"].as<bool>());
  CHECK(action["inputs"]["command"]["default"].as<std::string>() == "gate");
  CHECK(action["inputs"]["perfgate"]["default"].as<std::string>().empty());
  CHECK(action["inputs"]["version"]["default"].as<std::string>().empty());
  CHECK(action["outputs"]["exit-code"]);
  CHECK(action["outputs"]["installed-from"]);
  // Each input has a description, and a row in an input table of the docs.
  const std::string docs =
      read_file(source_dir() / "README.md") + read_file(source_dir() / "docs/ci.md");
  for (const auto& input : action["inputs"]) {
    const std::string name = input.first.as<std::string>();
    INFO("input " << name);
    CHECK_FALSE(input.second["description"].as<std::string>().empty());
    CHECK(docs.find("| `" + name + "` |") != std::string::npos);
  }
}

TEST_CASE("the action finds perfgate, then a release, then a cached build", "[ci]") {
  const YAML::Node steps = load("ci/github/action.yml")["runs"]["steps"];
  std::set<std::string> uses;
  for (const auto& step : steps) {
    if (step["run"]) CHECK(step["shell"].as<std::string>() == "bash");  // composite needs shell
    if (step["uses"]) uses.insert(step["uses"].as<std::string>());
  }
  CHECK(uses.count("actions/upload-artifact@v4"));
  CHECK(uses.count("actions/github-script@v7"));
  const auto ids = step_ids(steps);
  const auto position = [&](const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) - ids.begin();
  };
  CHECK(position("locate") < position("restore"));
  CHECK(position("restore") < position("build"));
  CHECK(position("build") < position("save"));
  CHECK(position("save") < position("perfgate"));
  // The lookup: the input, PATH, then the release's .deb, installed with apt.
  const std::string locate = step_with_id(steps, "locate")["run"].as<std::string>();
  const auto at = [&](const std::string& text) { return locate.find(text); };
  CHECK(at("$PERFGATE_GIVEN") < at("command -v perfgate"));
  CHECK(at("command -v perfgate") < at("$PERFGATE_VERSION"));
  CHECK(at("releases/download/v$PERFGATE_VERSION/perfgate_${PERFGATE_VERSION}_amd64.deb") !=
        std::string::npos);
  CHECK(at("apt-get install -y -qq --no-install-recommends \"$deb\"") != std::string::npos);
  // Only then the cache, restored and saved under one key and path, around a build of the
  // binary alone.
  const YAML::Node restore = step_with_id(steps, "restore");
  const YAML::Node save = step_with_id(steps, "save");
  CHECK(restore["uses"].as<std::string>() == "actions/cache/restore@v4");
  CHECK(save["uses"].as<std::string>() == "actions/cache/save@v4");
  CHECK(restore["with"]["key"].as<std::string>() == save["with"]["key"].as<std::string>());
  CHECK(restore["with"]["path"].as<std::string>() == save["with"]["path"].as<std::string>());
  CHECK(restore["if"].as<std::string>() == "steps.locate.outputs.build == 'true'");
  CHECK(save["if"].as<std::string>().find("steps.restore.outputs.cache-hit != 'true'") !=
        std::string::npos);
  const std::string build = step_with_id(steps, "build")["run"].as<std::string>();
  CHECK(build.find("--target perfgate") != std::string::npos);
  CHECK(build.find("-DPERFGATE_BUILD_TESTS=OFF") != std::string::npos);
  CHECK(build.find("runtime-packages") != std::string::npos);  // what a cache hit installs
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
  const YAML::Node sharded = load("ci/github/perfgate-sharded.yml");
  CHECK(sharded["jobs"]["load"]["strategy"]["matrix"]["shard"].size() == 4);
}

TEST_CASE("the GitLab template runs in an image or installs a package before it builds", "[ci]") {
  const YAML::Node gitlab = load("ci/gitlab/perfgate.gitlab-ci.yml");
  CHECK(gitlab[".perfgate"]["variables"]["GIT_DEPTH"].as<int>() == 0);
  CHECK(gitlab[".perfgate"]["image"]["name"].as<std::string>() == "$PERFGATE_IMAGE");
  // The perfgate image's entrypoint is perfgate; a GitLab job needs its shell instead.
  CHECK(gitlab[".perfgate"]["image"]["entrypoint"][0].as<std::string>().empty());
  CHECK(gitlab["variables"]["PERFGATE_VERSION"]);
  std::string before;
  for (const auto& line : gitlab[".perfgate"]["before_script"])
    before += line.as<std::string>() + "\n";
  CHECK(before.find("_amd64.deb") < before.find("git clone"));
  const YAML::Node gate = gitlab["perfgate-gate"];
  CHECK(gate["artifacts"]["reports"]["junit"].as<std::string>() == "perfgate-report/perfgate.xml");
  CHECK(gate["artifacts"]["when"].as<std::string>() == "always");
}

TEST_CASE("the Kubernetes manifest is an Indexed Job of shards in the perfgate image", "[ci]") {
  const auto documents =
      YAML::LoadAllFromFile((source_dir() / "ci/kubernetes/perfgate-shards-job.yaml").string());
  REQUIRE(documents.size() == 2);
  CHECK(documents[0]["kind"].as<std::string>() == "Job");
  CHECK(documents[0]["spec"]["completionMode"].as<std::string>() == "Indexed");
  CHECK(documents[0]["spec"]["completions"].as<int>() ==
        documents[0]["spec"]["parallelism"].as<int>());
  const auto pod = documents[0]["spec"]["template"]["spec"];
  CHECK(pod["containers"][0]["image"].as<std::string>().find("/perfgate:") != std::string::npos);
  CHECK(pod["volumes"][0]["configMap"]["name"].as<std::string>() == "perfgate-suite");
  CHECK(documents[1]["kind"].as<std::string>() == "PersistentVolumeClaim");
}

TEST_CASE("the Jenkinsfile is balanced and has a stage with junit", "[ci]") {
  const std::string text = read_file(source_dir() / "ci/jenkins/Jenkinsfile");
  CHECK(is_balanced(text));
  CHECK(text.find("pipeline {") != std::string::npos);
  CHECK(text.find("stage('Install perfgate')") < text.find("stage('Performance gate')"));
  CHECK(text.find("_amd64.deb") < text.find("git clone"));
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

TEST_CASE("a template that builds perfgate installs the build profile only", "[ci]") {
  int installs = 0;
  for (const auto& script : template_scripts())
    for (const auto& words : shell_commands(script.text))
      for (std::size_t i = 0; i < words.size(); ++i)
        if (words[i].find("install-deps.sh") != std::string::npos) {
          INFO(script.where);
          REQUIRE(i + 1 < words.size());
          CHECK(words[i + 1] == "build");  // never the test profile's browsers, JDK and Node
          ++installs;
        }
  CHECK(installs == 3);  // the action, GitLab, Jenkins
}

TEST_CASE("the shell splitter finds perfgate's words as sh would", "[ci]") {
  const auto calls = perfgate_calls(
      "if ! command -v perfgate > /dev/null; then perfgate --version; fi\n"
      "X=1 \"$PERFGATE\" gate \"$SUITE\" --against \"origin/$B\" \\\n  --format junit 2> err\n"
      "perfgate run a.yaml --shard \"$((I + 1))/4\" -o \"/r/$(echo \"x\")-1.json\" # --no\n"
      "cp \"$d/perfgate\" x && \"$DIRECTORY/perfgate\" merge --x='a b' | tee log\n"
      "echo \"perfgate gate --fake\"; ldd perfgate\n");
  using Words = std::vector<std::string>;
  REQUIRE(calls.size() == 4);
  CHECK(calls[0] == Words{"--version"});
  CHECK(calls[1] == Words{"gate", "$SUITE", "--against", "origin/$B", "--format", "junit"});
  CHECK(calls[2] ==
        Words{"run", "a.yaml", "--shard", "$((I + 1))/4", "-o", "/r/$(echo \"x\")-1.json"});
  CHECK(calls[3] == Words{"merge", "--x=a b"});
}

TEST_CASE("every perfgate command and flag the templates use exists", "[ci][e2e]") {
  HelpCache help;
  int checked = 0;
  for (const auto& script : template_scripts())
    for (const auto& call : perfgate_calls(script.text)) {
      INFO(script.where);
      check_call(help, call);
      ++checked;
    }
  for (const auto& call : action_step_calls()) {
    INFO("a workflow step that uses the action");
    check_call(help, call);
    ++checked;
  }
  CHECK(checked >= 12);
}
