#include "gates/report/csv_report.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "gates/report/escape.h"
#include "gates/report/finding.h"
#include "gates/stats/quantiles.h"

namespace perfgate::gates {
namespace {

// Shortest text that reads back to the same double (17 significant digits at most).
std::string number(double value) {
  if (!std::isfinite(value)) return "";
  char text[32];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

std::string median_of(const std::vector<double>& runs) {
  return runs.empty() ? "" : number(stats::median(runs));
}

std::string tags_of(const Tags& tags) {
  std::string text;
  for (const auto& [name, value] : redact_tags(tags))
    text += (text.empty() ? "" : ";") + name + "=" + value;
  return text;
}

std::string row_of(const ReportInput& input, const Comparison& comparison) {
  const ComparisonKey& key = comparison.key;
  std::string unit = to_text(comparison.unit);
  std::vector<std::string> cells = {
      csv_cell(input.suite),
      csv_cell(key.scenario),
      csv_cell(request_of(key)),
      csv_cell(key.metric),
      csv_cell(tags_of(key.tags)),
      to_string(key.statistic),
      csv_cell(unit),
      to_string(comparison.direction),
      std::to_string(comparison.baseline_runs.size()),
      std::to_string(comparison.candidate_runs.size()),
      median_of(comparison.baseline_runs),
      median_of(comparison.candidate_runs),
      number(comparison.change.ratio),
      number(comparison.change.ci_low),
      number(comparison.change.ci_high),
      number(comparison.change.median_ratio),
      to_string(comparison.test.kind),
      number(comparison.test.p_value),
      number(comparison.test.p_adjusted),
      number(comparison.test.mann_whitney_p),
      to_string(comparison.verdict),
      comparison.repetitions_needed ? std::to_string(*comparison.repetitions_needed) : "",
      csv_cell(finding_sentence(comparison))};
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
  return line + "\r\n";
}

}  // namespace

std::string render_csv(const ReportInput& input) {
  std::ostringstream out;
  out << "suite,scenario,request,metric,tags,statistic,unit,direction,baseline_runs,"
         "candidate_runs,baseline_median,candidate_median,ratio,ci_low,ci_high,median_ratio,test,"
         "p_value,p_adjusted,mann_whitney_p,verdict,repetitions_needed,sentence\r\n";
  for (const Comparison* comparison : ordered_comparisons(*input.gate))
    out << row_of(input, *comparison);
  return out.str();
}

}  // namespace perfgate::gates
