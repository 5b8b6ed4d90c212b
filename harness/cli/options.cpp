#include "harness/cli/options.h"

#include <cctype>

namespace perfgate::cli {
namespace {

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

namespace detail {

CLI::Validator choice_validator(std::vector<std::pair<std::string, int>> names) {
  std::string listed;
  for (const auto& [name, value] : names) listed += (listed.empty() ? "" : " | ") + name;
  auto check = [names = std::move(names), listed](std::string& input) -> std::string {
    const std::string wanted = lowercase(input);
    for (const auto& [name, value] : names) {
      if (name == wanted) {
        input = std::to_string(value);
        return {};
      }
    }
    return "'" + input + "' is not one of " + listed;
  };
  return CLI::Validator(std::move(check), "");  // no description: help shows the type name
}

}  // namespace detail

void add_report_options(CLI::App& command, gates::ReportRequest& request) {
  std::string listed;
  for (gates::ReportFormat format : gates::kReportFormats)
    listed += (listed.empty() ? "" : " | ") + std::string(gates::to_string(format));
  // The names are gates/report's own (parse_report_format, "md" included), not a second map.
  auto check = [listed](std::string& input) -> std::string {
    const std::optional<gates::ReportFormat> format = gates::parse_report_format(input);
    if (!format) return "'" + input + "' is not one of " + listed;
    input = std::to_string(static_cast<int>(*format));
    return {};
  };
  command.add_option("--format", request.formats, listed + " (repeatable; default text)")
      ->transform(CLI::Validator(std::move(check), ""))
      ->type_name("FORMAT");
  command
      .add_option("--report-dir", request.report_dir,
                  "Write every --format to DIR/perfgate.<ext> (text still to stdout)")
      ->type_name("DIR");
}

void add_repo_option(CLI::App& command, std::string& repo, std::string_view help) {
  command
      .add_option("-C,--repo", repo,
                  help.empty() ? "The git repository (default: the one holding the suite file)"
                               : std::string(help))
      ->type_name("DIR");
}

void add_run_options(CLI::App& command, std::optional<int>& repetitions, bool& no_progress) {
  command.add_option("--repetitions", repetitions, "Override the number of repetitions")
      ->type_name("N");
  command.add_flag("--no-progress", no_progress, "Do not draw the live progress line");
}

}  // namespace perfgate::cli
