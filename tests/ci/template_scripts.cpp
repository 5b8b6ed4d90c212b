#include "tests/ci/template_scripts.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "tests/support/test_support.h"

namespace perfgate::testing {
namespace {

namespace fs = std::filesystem;

// GitHub expressions (${{ ... }}) are not shell; a plain word stands in for each.
std::string without_expressions(const std::string& script) {
  return std::regex_replace(script, std::regex(R"(\$\{\{[^}]*\}\})"), "EXPRESSION");
}

std::string joined(const YAML::Node& lines) {
  std::string script;
  for (const auto& line : lines) script += line.as<std::string>() + "\n";
  return script;
}

std::string step_name(const YAML::Node& step, std::size_t index) {
  return step["name"] ? step["name"].as<std::string>() : "step " + std::to_string(index + 1);
}

void add_steps(std::vector<TemplateScript>& scripts, const std::string& where,
               const YAML::Node& steps) {
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i]["run"])
      scripts.push_back({where + ": " + step_name(steps[i], i),
                         without_expressions(steps[i]["run"].as<std::string>())});
}

std::vector<fs::path> github_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(source_dir() / "ci/github"))
    if (entry.path().extension() == ".yml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

void add_github(std::vector<TemplateScript>& scripts) {
  for (const auto& file : github_files()) {
    const std::string where = "ci/github/" + file.filename().string();
    const YAML::Node root = YAML::LoadFile(file.string());
    if (root["runs"]) add_steps(scripts, where, root["runs"]["steps"]);
    for (const auto& job : root["jobs"])
      add_steps(scripts, where + " job " + job.first.as<std::string>(), job.second["steps"]);
  }
}

void add_gitlab(std::vector<TemplateScript>& scripts) {
  const YAML::Node root =
      YAML::LoadFile((source_dir() / "ci/gitlab/perfgate.gitlab-ci.yml").string());
  for (const auto& job : root)
    for (const char* key : {"before_script", "script", "after_script"})
      if (job.second.IsMap() && job.second[key])
        scripts.push_back(
            {"ci/gitlab " + job.first.as<std::string>() + " " + key, joined(job.second[key])});
}

// Groovy's sh '…' and '''…''' strings: neither interpolates, and a backslash before a newline
// continues the line in both Groovy and sh, so the text is the shell as sh receives it.
void add_jenkins(std::vector<TemplateScript>& scripts) {
  const std::string text = read_file(source_dir() / "ci/jenkins/Jenkinsfile");
  const std::regex triple(R"('''([\s\S]*?)''')");
  for (std::sregex_iterator it(text.begin(), text.end(), triple), end; it != end; ++it)
    scripts.push_back({"ci/jenkins/Jenkinsfile sh '''", (*it)[1].str()});
  const std::regex single(R"(\bsh\s+'([^'\n]+)')");
  for (std::sregex_iterator it(text.begin(), text.end(), single), end; it != end; ++it)
    scripts.push_back({"ci/jenkins/Jenkinsfile sh '" + (*it)[1].str() + "'", (*it)[1].str()});
}

void add_kubernetes(std::vector<TemplateScript>& scripts) {
  const auto documents =
      YAML::LoadAllFromFile((source_dir() / "ci/kubernetes/perfgate-shards-job.yaml").string());
  for (const auto& document : documents) {
    if (!document["spec"] || !document["spec"]["template"]) continue;
    for (const auto& container : document["spec"]["template"]["spec"]["containers"])
      if (container["args"])
        scripts.push_back({"ci/kubernetes container " + container["name"].as<std::string>(),
                           container["args"][0].as<std::string>()});
  }
}

std::size_t double_quote_end(std::string_view text, std::size_t at);

// The index just past the substitution that starts at `at` ($( … ), $(( … )) or ${ … }),
// across the quotes and substitutions nested in it.
std::size_t substitution_end(std::string_view text, std::size_t at) {
  int depth = 0;
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\')
      ++i;
    else if (c == '\'')
      i = std::min(text.find('\'', i + 1), text.size());
    else if (c == '"')
      i = double_quote_end(text, i) - 1;
    else if (c == '(' || c == '{')
      ++depth;
    else if ((c == ')' || c == '}') && --depth == 0)
      return i + 1;
  }
  return text.size();
}

bool starts_substitution(std::string_view text, std::size_t at) {
  return text[at] == '$' && at + 1 < text.size() && (text[at + 1] == '(' || text[at + 1] == '{');
}

// The index just past the "…" string that starts at `at`.
std::size_t double_quote_end(std::string_view text, std::size_t at) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (starts_substitution(text, i))
      i = substitution_end(text, i) - 1;
    else if (text[i] == '"')
      return i + 1;
  }
  return text.size();
}

// Splits shell text into simple commands of unquoted words (see the header for the subset).
class ShellSplitter {
 public:
  explicit ShellSplitter(std::string_view text) : text_(text) {}

  std::vector<std::vector<std::string>> commands() {
    while (at_ < text_.size()) step();
    end_command();
    return std::move(commands_);
  }

 private:
  void step() {
    const char c = text_[at_];
    const char next = at_ + 1 < text_.size() ? text_[at_ + 1] : '\0';
    if (c == '\\') {
      if (next != '\n') word_ += next, in_word_ = true;
      at_ += 2;
    } else if (c == '\'' || c == '"') {
      quoted(c);
    } else if (starts_substitution(text_, at_)) {
      substitution();
    } else if (c == '#' && !in_word_) {
      at_ = std::min(text_.find('\n', at_), text_.size());
    } else if (c == ' ' || c == '\t') {
      end_word(), ++at_;
    } else if (std::string_view("\n;&|()").find(c) != std::string_view::npos) {
      end_command(), ++at_;
    } else if (c == '>' || c == '<') {
      redirection();
    } else {
      word_ += c, in_word_ = true, ++at_;
    }
  }

  // The text between the quotes, as written: an escape or a $(…) inside stays as it is.
  void quoted(char quote) {
    const std::size_t end = quote == '"' ? double_quote_end(text_, at_)
                                         : std::min(text_.find('\'', at_ + 1) + 1, text_.size());
    word_ += text_.substr(at_ + 1, end - at_ - 2);
    in_word_ = true;
    at_ = end;
  }

  void substitution() {
    const std::size_t end = substitution_end(text_, at_);
    word_ += text_.substr(at_, end - at_);
    in_word_ = true;
    at_ = end;
  }

  // `2> /dev/null`, `>> file`, `>&2`: the descriptor before and the target after are dropped.
  void redirection() {
    const bool descriptor = in_word_ && std::all_of(word_.begin(), word_.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
    if (descriptor) word_.clear(), in_word_ = false;
    end_word();
    while (at_ < text_.size() && (text_[at_] == '>' || text_[at_] == '<' || text_[at_] == '&'))
      ++at_;
    drop_next_word_ = true;
  }

  void end_word() {
    if (!in_word_) return;
    if (drop_next_word_)
      drop_next_word_ = false;
    else
      words_.push_back(word_);
    word_.clear();
    in_word_ = false;
  }

  void end_command() {
    end_word();
    drop_next_word_ = false;
    if (!words_.empty()) commands_.push_back(std::move(words_));
    words_.clear();
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::string word_;
  bool in_word_ = false;
  bool drop_next_word_ = false;
  std::vector<std::string> words_;
  std::vector<std::vector<std::string>> commands_;
};

bool is_assignment(const std::string& word) {
  return std::regex_match(word, std::regex("[A-Za-z_][A-Za-z0-9_]*=.*"));
}

bool is_perfgate(const std::string& program) {
  const std::string suffix = "/perfgate";
  return program == "perfgate" || program == "$PERFGATE" ||
         (program.size() > suffix.size() &&
          program.compare(program.size() - suffix.size(), suffix.size(), suffix) == 0);
}

}  // namespace

std::vector<TemplateScript> template_scripts() {
  std::vector<TemplateScript> scripts;
  add_github(scripts);
  add_gitlab(scripts);
  add_jenkins(scripts);
  add_kubernetes(scripts);
  return scripts;
}

std::vector<std::vector<std::string>> shell_commands(std::string_view script) {
  return ShellSplitter(script).commands();
}

std::vector<std::vector<std::string>> perfgate_calls(std::string_view script) {
  static const std::set<std::string> keywords{"if",    "then", "else", "elif", "do",   "while",
                                              "until", "!",    "{",    "}",    "time", "exec"};
  std::vector<std::vector<std::string>> calls;
  for (auto& words : shell_commands(script)) {
    auto program = std::find_if(words.begin(), words.end(), [](const std::string& word) {
      return !keywords.count(word) && !is_assignment(word);
    });
    if (program != words.end() && is_perfgate(*program))
      calls.emplace_back(std::next(program), words.end());
  }
  return calls;
}

std::vector<std::vector<std::string>> action_step_calls() {
  std::vector<std::vector<std::string>> calls;
  for (const auto& file : github_files()) {
    const YAML::Node root = YAML::LoadFile(file.string());
    for (const auto& job : root["jobs"])
      for (const auto& step : job.second["steps"]) {
        if (!step["uses"] ||
            step["uses"].as<std::string>().find("/ci/github@") == std::string::npos)
          continue;
        const YAML::Node with = step["with"];
        const std::string command = with["command"] ? with["command"].as<std::string>() : "gate";
        if (command == "install") continue;
        std::vector<std::string> call{command};  // an unknown command fails as a subcommand
        if (command == "baseline-update") call = {"baseline", "update"};
        if (with["args"])  // the action splits args on whitespace ($EXTRA_ARGS unquoted)
          for (const auto& words : shell_commands(with["args"].as<std::string>()))
            call.insert(call.end(), words.begin(), words.end());
        calls.push_back(call);
      }
  }
  return calls;
}

}  // namespace perfgate::testing
