#include "harness/cli/gate_report.h"

#include <filesystem>
#include <iostream>

#include "gates/compare/gate_result_json.h"
#include "gates/report/text_report.h"
#include "harness/errors.h"
#include "harness/model/atomic_file.h"

namespace perfgate::cli {
namespace {

using gates::ReportFormat;

std::vector<ReportFormat> formats_of(const gates::ReportRequest& request) {
  return request.formats.empty() ? std::vector{ReportFormat::text} : request.formats;
}

std::string render(ReportFormat format, const gates::ReportInput& input) {
  return format == ReportFormat::json ? gates::to_json_text(*input.gate)
                                      : gates::render_text(*input.gate);
}

std::string provenance_lines(const gates::Provenance& provenance, const std::string& edited_path) {
  std::string text = "baseline: " + provenance.baseline_source + "\n";
  if (!provenance.candidate_source.empty())
    text += "candidate: " + provenance.candidate_source + "\n";
  if (provenance.baseline_edited_by_change)
    text += "NOTE: this change edits its baseline file (" + edited_path +
            "); it is judged against the target branch's baseline, not its own edit.\n";
  if (!provenance.environment_differences.empty()) {
    text += "environment differs from the baseline's:\n";
    for (const std::string& difference : provenance.environment_differences)
      text += "  " + difference + "\n";
  }
  return text;
}

std::string file_name(ReportFormat format) {
  return format == ReportFormat::json ? "perfgate.json" : "perfgate.txt";
}

}  // namespace

void check_gate_report_request(const gates::ReportRequest& request) {
  for (ReportFormat format : request.formats)
    if (format != ReportFormat::text && format != ReportFormat::json)
      throw InputError("--format", "", "only text and json reports are available in this build");
  if (request.report_dir.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(request.report_dir, error);
  if (error || !std::filesystem::is_directory(request.report_dir))
    throw InputError("--report-dir", "",
                     "cannot create " + request.report_dir.string() + ": " + error.message());
}

void write_gate_reports(const gates::ReportInput& input, const gates::ReportRequest& request) {
  const gates::Provenance& provenance = input.gate->provenance;
  const std::string path =
      provenance.baseline_source.substr(provenance.baseline_source.rfind(": ") == std::string::npos
                                            ? 0
                                            : provenance.baseline_source.rfind(": ") + 2);
  const std::string lines = provenance_lines(provenance, path);
  bool text_on_stdout = false;
  for (ReportFormat format : formats_of(request)) {
    std::string report = render(format, input);
    if (format == ReportFormat::text) report += lines;
    if (!request.report_dir.empty())
      write_file_atomically((request.report_dir / file_name(format)).string(), report);
    else
      std::cout << report;
    text_on_stdout = text_on_stdout || (request.report_dir.empty() && format == ReportFormat::text);
  }
  // The summary is always shown: on stdout beside report files, else on stderr when stdout
  // carries a machine format only (so it stays parseable).
  if (!request.report_dir.empty())
    std::cout << gates::render_text(*input.gate) << lines;
  else if (!text_on_stdout)
    std::cerr << lines;
}

}  // namespace perfgate::cli
