#include "gates/report/report_writer.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <system_error>

#include "core/errors.h"
#include "core/model/atomic_file.h"
#include "gates/compare/gate_result_json.h"
#include "gates/report/csv_report.h"
#include "gates/report/github_annotations.h"
#include "gates/report/html_report.h"
#include "gates/report/junit_report.h"
#include "gates/report/markdown_report.h"
#include "gates/report/openmetrics_report.h"
#include "gates/report/redact_gate.h"
#include "gates/report/text_report.h"

namespace perfgate::gates {
namespace {

namespace fs = std::filesystem;

std::vector<ReportFormat> formats_of(const ReportRequest& request) {
  return request.formats.empty() ? std::vector{ReportFormat::text} : request.formats;
}

fs::path report_path(const ReportRequest& request, ReportFormat format) {
  return request.report_dir / (std::string("perfgate.") + file_extension(format));
}

std::string render(const ReportInput& input, ReportFormat format, bool colour) {
  switch (format) {
    case ReportFormat::text:
      return render_text(*input.gate, {.colour = colour});
    case ReportFormat::markdown:
      return render_markdown(input);
    case ReportFormat::html:
      return render_html(input);
    case ReportFormat::junit:
      return render_junit(input);
    case ReportFormat::json:
      return to_json_text(redact_gate(*input.gate));
    case ReportFormat::csv:
      return render_csv(input);
    case ReportFormat::openmetrics:
      return render_openmetrics(input);
  }
  return "";
}

// Workflow commands go to stdout, so they are written only when stdout carries text for people:
// `--format json > gate.json` must stay valid JSON.
bool stdout_is_for_people(const ReportRequest& request) {
  if (!request.report_dir.empty()) return true;
  for (ReportFormat format : formats_of(request))
    if (format != ReportFormat::text && format != ReportFormat::markdown) return false;
  return true;
}

bool env_is(const char* name, const char* value) {
  const char* set = std::getenv(name);
  return set != nullptr && std::string(set) == value;
}

void append_step_summary(const ReportInput& input) {
  const char* path = std::getenv("GITHUB_STEP_SUMMARY");
  if (path == nullptr || path[0] == '\0') return;
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << render_markdown(input) << "\n";
  out.flush();
  if (!out) throw InputError(path, "GITHUB_STEP_SUMMARY", "cannot append the job summary");
}

void check_writable(const fs::path& dir) {
  fs::path probe = dir / ".perfgate-write-check";
  {
    std::ofstream out(probe, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError("--report-dir", "", dir.string() + ": directory is not writable");
  }
  std::error_code ignored;
  fs::remove(probe, ignored);
}

}  // namespace

const char* to_string(ReportFormat format) {
  switch (format) {
    case ReportFormat::text:
      return "text";
    case ReportFormat::markdown:
      return "markdown";
    case ReportFormat::html:
      return "html";
    case ReportFormat::junit:
      return "junit";
    case ReportFormat::json:
      return "json";
    case ReportFormat::csv:
      return "csv";
    case ReportFormat::openmetrics:
      return "openmetrics";
  }
  return "?";
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "md") return ReportFormat::markdown;
  for (ReportFormat format : kReportFormats)
    if (lower == to_string(format)) return format;
  return std::nullopt;
}

const char* file_extension(ReportFormat format) {
  switch (format) {
    case ReportFormat::text:
      return "txt";
    case ReportFormat::markdown:
      return "md";
    case ReportFormat::html:
      return "html";
    case ReportFormat::junit:
      return "xml";
    case ReportFormat::json:
      return "json";
    case ReportFormat::csv:
      return "csv";
    case ReportFormat::openmetrics:
      return "prom";  // the extension node_exporter's textfile collector reads
  }
  return "txt";
}

void check_report_request(const ReportRequest& request) {
  if (request.report_dir.empty()) return;
  const fs::path& dir = request.report_dir;
  std::error_code error;
  fs::create_directories(dir, error);
  if (error || !fs::is_directory(dir))
    throw InputError("--report-dir", "",
                     dir.string() + ": cannot create the directory" +
                         (error ? ": " + error.message() : ": a file is in the way"));
  check_writable(dir);
  for (ReportFormat format : formats_of(request))
    if (fs::is_directory(report_path(request, format)))
      throw InputError("--report-dir", "",
                       report_path(request, format).string() + " is a directory, not a file");
}

void write_reports(const ReportInput& input, const ReportRequest& request) {
  bool colour = terminal_wants_colour(STDOUT_FILENO);
  if (request.report_dir.empty()) {
    for (ReportFormat format : formats_of(request)) std::cout << render(input, format, colour);
  } else {
    for (ReportFormat format : formats_of(request))
      write_file_atomically(report_path(request, format).string(), render(input, format, false));
    std::cout << render_text(*input.gate, {.colour = colour});
  }
  append_step_summary(input);
  if (env_is("GITHUB_ACTIONS", "true") && stdout_is_for_people(request))
    std::cout << render_github_annotations(input);
  std::cout.flush();
}

}  // namespace perfgate::gates
