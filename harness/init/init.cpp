#include "harness/init/init.h"

#include <fstream>
#include <regex>

#include "core/errors.h"
#include "core/model/atomic_file.h"
#include "core/suite/quantity.h"
#include "core/suite/suite_loader.h"
#include "harness/init/starter_files.h"

namespace perfgate::init {
namespace fs = std::filesystem;
namespace {

// http://host:port/path -> (http://host:port, /path); the suite loader checks the rest.
std::pair<std::string, std::string> split_url(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0)
    throw InputError("--url", "", "expected a URL like http://127.0.0.1:8080, got '" + url + "'");
  const auto slash = url.find('/', scheme.size());
  if (slash == std::string::npos) return {url, "/"};
  return {url.substr(0, slash), url.substr(slash)};
}

detail::SuiteValues suite_values(const InitOptions& options) {
  if (!std::regex_match(options.name, std::regex("[A-Za-z0-9][A-Za-z0-9._-]*")))
    throw InputError("--name", "",
                     "expected letters, digits, '.', '_' or '-', got '" + options.name + "'");
  if (!parse_duration(options.duration) || parse_duration(options.duration)->count() <= 0)
    throw InputError("--duration", "",
                     "expected a duration like 10s, got '" + options.duration + "'");
  if (options.repetitions < 2)
    throw InputError("--repetitions", "", "expected at least 2 (a variance needs two runs)");
  // The URL is written into YAML as it is: keep out what would end or comment the scalar.
  if (options.url.find_first_of("\"' #\\\n\r\t") != std::string::npos)
    throw InputError("--url", "", "quotes, spaces, '#' and backslashes cannot appear in the URL");
  auto [base, path] = split_url(options.url);
  return {options.name, base, path, options.duration, options.repetitions};
}

// "suites .perfgate .github": what to `git add`, in plan order, each once.
std::string top_level_paths(const InitPlan& plan) {
  std::string paths;
  for (const PlannedFile& file : plan.files) {
    const std::string top = file.path.begin()->string();
    if ((" " + paths + " ").find(" " + top + " ") == std::string::npos)
      paths += (paths.empty() ? "" : " ") + top;
  }
  return paths;
}

}  // namespace

const char* to_string(CiKind kind) {
  switch (kind) {
    case CiKind::github:
      return "github";
    case CiKind::gitlab:
      return "gitlab";
    case CiKind::jenkins:
      return "jenkins";
  }
  return "?";
}

std::optional<CiKind> parse_ci_kind(std::string_view text) {
  for (CiKind kind : {CiKind::github, CiKind::gitlab, CiKind::jenkins})
    if (text == to_string(kind)) return kind;
  return std::nullopt;
}

std::optional<CiKind> detect_ci(const fs::path& directory) {
  if (fs::is_directory(directory / ".github")) return CiKind::github;
  if (fs::exists(directory / ".gitlab-ci.yml")) return CiKind::gitlab;
  if (fs::exists(directory / "Jenkinsfile")) return CiKind::jenkins;
  return std::nullopt;
}

InitPlan plan_init(const InitOptions& options) {
  const detail::SuiteValues values = suite_values(options);
  const std::string suite_path = "suites/" + values.name + ".yaml";
  InitPlan plan;
  plan.files.push_back({suite_path, detail::starter_suite(values)});
  // The suite perfgate writes must load as it is (its gate block included); a bad URL fails
  // here, naming --url.
  const Suite suite = parse_suite(plan.files.back().content, "--url");
  plan.files.push_back({".perfgate/baselines/README.md", detail::baselines_readme(suite_path)});
  const auto detected = detect_ci(options.directory);
  plan.ci_detected = !options.ci && detected;
  plan.ci = options.ci.value_or(detected.value_or(CiKind::github));
  const bool existing_ci_file =
      (plan.ci == CiKind::gitlab && fs::exists(options.directory / ".gitlab-ci.yml")) ||
      (plan.ci == CiKind::jenkins && fs::exists(options.directory / "Jenkinsfile"));
  detail::add_ci_files(plan, plan.ci, suite_path, existing_ci_file);
  plan.next_steps.insert(plan.next_steps.begin(),
                         {"perfgate run " + suite_path + "   # try it against " + options.url,
                          "git add " + top_level_paths(plan) + " && git commit -m 'Add perfgate'",
                          "perfgate baseline update " + suite_path + " --commit"});
  return plan;
}

void write_plan(const InitPlan& plan, const fs::path& directory, bool force) {
  if (!force)
    for (const PlannedFile& file : plan.files)
      if (fs::exists(directory / file.path))
        throw InputError((directory / file.path).string(), "",
                         "exists; perfgate init does not overwrite files (use --force)");
  for (const PlannedFile& file : plan.files) {
    const fs::path target = directory / file.path;
    fs::create_directories(target.parent_path());
    write_file_atomically(target.string(), file.content);
  }
}

}  // namespace perfgate::init
