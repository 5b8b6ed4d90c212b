#include "gates/report/text_report.h"

#include "gates/stats/quantiles.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

namespace perfgate::gates {
namespace {

// Regressions first, then improvements, inconclusive, unchanged: what needs a look on top.
int rank(Verdict verdict) {
  switch (verdict) {
    case Verdict::regression:
      return 0;
    case Verdict::improvement:
      return 1;
    case Verdict::inconclusive:
      return 2;
    case Verdict::unchanged:
      return 3;
  }
  return 4;
}

std::string describe_key(const ComparisonKey& key) {
  std::string text = key.metric;
  if (!key.tags.empty()) {
    text += '{';
    bool first = true;
    for (const auto& [name, value] : key.tags) {
      text += (first ? "" : ",") + name + "=" + value;
      first = false;
    }
    text += '}';
  }
  if (key.statistic != Statistic::value) text += std::string(".") + to_string(key.statistic);
  return text;
}

std::string percent(double ratio) {
  if (!std::isfinite(ratio)) return ratio > 0 ? "+inf" : "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", (ratio - 1) * 100);
  return text;
}

std::string change_cell(const Change& change) {
  std::string cell = percent(change.ratio);
  if (std::isfinite(change.ci_low) && std::isfinite(change.ci_high))
    cell += " [" + percent(change.ci_low) + ", " + percent(change.ci_high) + "]";
  return cell;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", value);
  return text;
}

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
  return {comparison.key.scenario,
          describe_key(comparison.key),
          std::to_string(comparison.baseline_runs.size()) + "/" +
              std::to_string(comparison.candidate_runs.size()),
          number(median_of(comparison.baseline_runs)),
          number(median_of(comparison.candidate_runs)),
          change_cell(comparison.change),
          number(comparison.test.p_adjusted),
          verdict_cell(comparison)};
}

void write_table(std::ostringstream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i)
      line += (i ? "  " : "") + row[i] + std::string(widths[i] - row[i].size(), ' ');
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

std::string headline(const GateResult& gate) {
  int counts[4] = {0, 0, 0, 0};
  for (const Comparison& comparison : gate.comparisons) ++counts[rank(comparison.verdict)];
  bool breach = sla::any_breach(gate.slas);
  bool fail = gate.verdict == GateVerdict::fail;
  std::string text = fail ? "FAIL" : "PASS";
  text += ": " + std::to_string(counts[0]) + " regression(s), " + std::to_string(counts[1]) +
          " improvement(s), " + std::to_string(counts[2]) + " inconclusive, " +
          std::to_string(counts[3]) + " unchanged";
  if (breach) text += "; SLA breached";
  return text;
}

}  // namespace

std::string render_text(const GateResult& gate) {
  std::ostringstream out;
  out << headline(gate) << "\n\n";
  std::vector<const Comparison*> ordered;
  for (const Comparison& comparison : gate.comparisons) ordered.push_back(&comparison);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Comparison* a, const Comparison* b) {
    return rank(a->verdict) < rank(b->verdict);
  });
  std::vector<std::vector<std::string>> rows = {
      {"scenario", "metric", "runs", "baseline", "candidate", "change [CI]", "p adj", "verdict"}};
  for (const Comparison* comparison : ordered) rows.push_back(row_of(*comparison));
  if (rows.size() > 1) write_table(out, rows);
  for (const sla::SlaResult& result : gate.slas)
    out << "SLA " << sla::to_string(result.outcome) << ": " << result.sentence << "\n";
  for (const Note& note : gate.notes) out << "note: " << note.message << "\n";
  return out.str();
}

}  // namespace perfgate::gates
