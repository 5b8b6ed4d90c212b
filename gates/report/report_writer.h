// Writes the reports a command was asked for: each `--format` to stdout (text, json, csv, ...)
// or, with `--report-dir DIR`, every requested format to DIR/perfgate.<ext>. Paths are checked
// before any load runs (check_report_request), so a bad path fails in a second.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gates/report/report_input.h"

namespace perfgate::gates {

enum class ReportFormat { text, markdown, html, junit, json, csv, openmetrics };
const char* to_string(ReportFormat format);       // "text", "markdown", ...
const char* file_extension(ReportFormat format);  // "txt", "md", "html", "xml", "json", ...
// Every format, in the order help texts list them.
inline constexpr ReportFormat kReportFormats[] = {
    ReportFormat::text, ReportFormat::markdown, ReportFormat::html,       ReportFormat::junit,
    ReportFormat::json, ReportFormat::csv,      ReportFormat::openmetrics};
// The format a name stands for: to_string's names, case-insensitive, and "md" for markdown.
std::optional<ReportFormat> parse_report_format(std::string_view name);

struct ReportRequest {
  std::vector<ReportFormat> formats{};  // empty: text
  std::filesystem::path report_dir{};   // empty: formats go to stdout
};

// Throws InputError("--report-dir", ...) when the directory cannot be created or written.
void check_report_request(const ReportRequest& request);

// Renders each requested format; to stdout when no report_dir, else to files in it (atomic
// writes), and the text summary still to stdout. Also writes $GITHUB_STEP_SUMMARY and GitHub
// annotations when running in GitHub Actions.
void write_reports(const ReportInput& input, const ReportRequest& request);

}  // namespace perfgate::gates
