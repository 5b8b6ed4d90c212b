#include "gates/report/text_report.h"

#include <unistd.h>

#include "core/model/units.h"
#include "gates/report/escape.h"
#include "gates/report/finding.h"

#include "gates/stats/quantiles.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace perfgate::gates {
namespace {

constexpr const char* kRed = "\x1b[31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

double median_of(const std::vector<double>& values) {
  return values.empty() ? NAN : stats::median(values);
}

std::string verdict_cell(const Comparison& comparison) {
  std::string text = to_string(comparison.verdict);
  if (comparison.repetitions_needed)
    text += " (needs ~" + std::to_string(*comparison.repetitions_needed) + " runs/side)";
  return text;
}

std::vector<std::string> row_of(const Comparison& comparison) {
  return {
      safe_terminal(comparison.key.scenario),
      printable(metric_label(comparison.key)),
      std::to_string(comparison.baseline_runs.size()) + "/" +
          std::to_string(comparison.candidate_runs.size()),
      format_value(median_of(comparison.baseline_runs), comparison.unit),
      format_value(median_of(comparison.candidate_runs), comparison.unit),
      format_change(comparison.change.ratio, comparison.change.ci_low, comparison.change.ci_high),
      format_p_value(comparison.test.p_adjusted),
      verdict_cell(comparison)};
}

// Columns are as wide as their widest cell in characters (UTF-8 continuation bytes take no
// column). The verdict, last, is coloured after padding so escape codes do not count as width.
size_t display_width(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

const char* verdict_colour(const std::string& cell) {
  if (cell.starts_with("regression")) return kRed;
  if (cell.starts_with("improvement")) return kGreen;
  if (cell.starts_with("inconclusive")) return kYellow;
  return nullptr;
}

void write_table(std::ostringstream& out, const std::vector<std::vector<std::string>>& rows,
                 const TextOptions& options) {
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& row = rows[r];
    std::string line;
    for (size_t i = 0; i + 1 < row.size(); ++i)
      line += row[i] + std::string(widths[i] - display_width(row[i]), ' ') + "  ";
    const std::string& last = row.back();
    const char* colour = options.colour && r > 0 ? verdict_colour(last) : nullptr;
    line += colour ? colour + last + kReset : last;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

std::string headline(const GateResult& gate, const TextOptions& options) {
  VerdictCounts counts = count_verdicts(gate);
  bool breach = sla::any_breach(gate.slas);
  bool fail = gate.verdict == GateVerdict::fail;
  std::string verdict = fail ? "FAIL" : "PASS";
  if (options.colour) verdict = std::string(kBold) + (fail ? kRed : kGreen) + verdict + kReset;
  std::string text = verdict + ": " + std::to_string(counts.regressions) + " regression(s), " +
                     std::to_string(counts.improvements) + " improvement(s), " +
                     std::to_string(counts.inconclusive) + " inconclusive, " +
                     std::to_string(counts.unchanged) + " unchanged";
  if (breach) text += "; SLA breached";
  return text;
}

}  // namespace

// Where the numbers came from and what they should be read against: the suite-wide shift, the
// baseline's source, a baseline edited by the change under test, another machine.
void write_context(std::ostringstream& out, const GateResult& gate) {
  if (gate.suite_shift)
    out << "suite-wide shift: " << safe_terminal(gate.suite_shift->sentence) << "\n";
  const Provenance& provenance = gate.provenance;
  if (!provenance.baseline_source.empty())
    out << "baseline: " << safe_terminal(provenance.baseline_source) << "\n";
  if (!provenance.candidate_source.empty())
    out << "candidate: " << safe_terminal(provenance.candidate_source) << "\n";
  if (provenance.baseline_edited_by_change)
    out << "NOTE: this change edits its baseline file; it is judged against the target "
           "branch's baseline, not its own edit.\n";
  if (!provenance.environment_differences.empty()) {
    out << "environment differs from the baseline's:\n";
    for (const std::string& difference : provenance.environment_differences)
      out << "  " << safe_terminal(difference) << "\n";
  }
}

std::string render_text(const GateResult& gate, const TextOptions& options) {
  std::ostringstream out;
  out << headline(gate, options) << "\n\n";
  std::vector<std::vector<std::string>> rows = {
      {"scenario", "metric", "runs", "baseline", "candidate", "change (CI)", "p adj", "verdict"}};
  for (const Comparison* comparison : ordered_comparisons(gate))
    rows.push_back(row_of(*comparison));
  if (rows.size() > 1) write_table(out, rows, options);
  for (const sla::SlaResult& result : gate.slas) {
    std::string outcome = sla::to_string(result.outcome);
    if (options.colour && result.outcome == sla::SlaOutcome::breach)
      outcome = kRed + outcome + kReset;
    out << "SLA " << outcome << ": " << safe_terminal(result.sentence) << "\n";
  }
  for (const Note& note : gate.notes) out << "note: " << safe_terminal(note.message) << "\n";
  write_context(out, gate);
  return out.str();
}

bool terminal_wants_colour(int fd) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && no_colour[0] != '\0') return false;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string(term) == "dumb") return false;
  return isatty(fd) == 1;
}

}  // namespace perfgate::gates
