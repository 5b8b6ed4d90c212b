#include "gates/report/markdown_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "gates/report/escape.h"
#include "gates/report/finding.h"

namespace perfgate::gates {
namespace {

constexpr std::size_t kMaxNotes = 30;       // the rest are counted, and shown in the HTML report
constexpr std::size_t kMaxNoteBytes = 600;  // a failure reason can hold a whole stack trace

// At most `max_bytes` of `text`, cut at a UTF-8 character boundary, with an ellipsis when cut.
std::string clip(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "\u2026";
}

// What is printed, in priority order; rows beyond the budget are hidden.
struct Plan {
  std::vector<const Comparison*> changed{};
  std::vector<const sla::SlaResult*> slas{};
  std::vector<const Comparison*> unchanged{};
  std::size_t hidden = 0;
};

struct Context {
  const ReportInput& input;
  const MarkdownOptions& options;
};

int outcome_rank(sla::SlaOutcome outcome) {
  switch (outcome) {
    case sla::SlaOutcome::breach:
      return 0;
    case sla::SlaOutcome::no_data:
      return 1;
    case sla::SlaOutcome::pass:
      return 2;
  }
  return 3;
}

Plan full_plan(const GateResult& gate) {
  Plan plan;
  for (const Comparison* comparison : ordered_comparisons(gate))
    (comparison->verdict == Verdict::unchanged ? plan.unchanged : plan.changed)
        .push_back(comparison);
  for (const sla::SlaResult& result : gate.slas) plan.slas.push_back(&result);
  std::stable_sort(plan.slas.begin(), plan.slas.end(), [](const auto* a, const auto* b) {
    return outcome_rank(a->outcome) < outcome_rank(b->outcome);
  });
  return plan;
}

std::size_t total_rows(const Plan& plan) {
  return plan.changed.size() + plan.slas.size() + plan.unchanged.size();
}

// The first `budget` rows in priority order: changed metrics, SLA results, unchanged metrics.
Plan limit(const Plan& full, std::size_t budget) {
  Plan plan;
  auto take = [&budget](const auto& from, auto& to) {
    std::size_t count = std::min(budget, from.size());
    to.assign(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(count));
    budget -= count;
  };
  take(full.changed, plan.changed);
  take(full.slas, plan.slas);
  take(full.unchanged, plan.unchanged);
  plan.hidden = total_rows(full) - total_rows(plan);
  return plan;
}

std::string plural(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

const char* verdict_icon(Verdict verdict) {
  switch (verdict) {
    case Verdict::regression:
      return "\u274C ";
    case Verdict::improvement:
      return "\u2705 ";
    case Verdict::inconclusive:
      return "\u2754 ";
    case Verdict::unchanged:
      return "";
  }
  return "";
}

std::string verdict_cell(const Comparison& comparison) {
  std::string text = std::string(verdict_icon(comparison.verdict)) + to_string(comparison.verdict);
  if (comparison.repetitions_needed)
    text += " (needs ~" + std::to_string(*comparison.repetitions_needed) + " runs/side)";
  return text;
}

void write_headline(std::ostringstream& out, const ReportInput& input) {
  const GateResult& gate = *input.gate;
  VerdictCounts counts = count_verdicts(gate);
  bool fail = gate.verdict == GateVerdict::fail;
  out << "### " << (fail ? "\u274C FAIL" : "\u2705 PASS") << " \u00B7 perfgate";
  if (!input.suite.empty()) out << " " << safe_markdown(input.suite);
  out << ": " << plural(counts.regressions, "regression", "regressions") << ", "
      << plural(counts.improvements, "improvement", "improvements") << ", " << counts.inconclusive
      << " inconclusive, " << counts.unchanged << " unchanged";
  auto breaches = std::count_if(gate.slas.begin(), gate.slas.end(), [](const auto& result) {
    return result.outcome == sla::SlaOutcome::breach;
  });
  if (!gate.slas.empty())
    out << "; SLA: " << breaches << " of " << plural(gate.slas.size(), "check", "checks")
        << " breached";
  out << "\n\n";
}

void write_comparison_table(std::ostringstream& out, const std::vector<const Comparison*>& rows) {
  out << "| scenario | request | metric | baseline | candidate | change (CI) | p adj | verdict |\n"
      << "|---|---|---|---:|---:|---|---:|---|\n";
  for (const Comparison* comparison : rows) {
    const Change& change = comparison->change;
    out << "| " << safe_markdown(comparison->key.scenario) << " | "
        << escape_markdown(request_of(comparison->key)) << " | "
        << escape_markdown(metric_label(comparison->key)) << " | "
        << escape_markdown(format_median(comparison->baseline_runs, comparison->unit)) << " | "
        << escape_markdown(format_median(comparison->candidate_runs, comparison->unit)) << " | "
        << escape_markdown(format_change(change.ratio, change.ci_low, change.ci_high)) << " | "
        << escape_markdown(format_p_value(comparison->test.p_adjusted)) << " | "
        << verdict_cell(*comparison) << " |\n";
  }
  out << "\n";
}

void write_changed(std::ostringstream& out, const Plan& plan) {
  if (plan.changed.empty()) return;
  out << "#### What changed\n\n";
  write_comparison_table(out, plan.changed);
  for (const Comparison* comparison : plan.changed)
    out << "- " << verdict_icon(comparison->verdict)
        << escape_markdown(finding_sentence(*comparison)) << ".\n";
  out << "\n";
}

const char* outcome_icon(sla::SlaOutcome outcome) {
  switch (outcome) {
    case sla::SlaOutcome::breach:
      return "\u274C breach";
    case sla::SlaOutcome::no_data:
      return "\u2754 no data";
    case sla::SlaOutcome::pass:
      return "\u2705 pass";
  }
  return "";
}

void write_slas(std::ostringstream& out, const Plan& plan) {
  if (plan.slas.empty()) return;
  out << "#### SLA\n\n";
  for (const sla::SlaResult* result : plan.slas) {
    out << "- " << outcome_icon(result->outcome) << " \u00B7 " << safe_markdown(result->rule.text);
    if (!result->sentence.empty()) out << ": " << safe_markdown(result->sentence);
    out << "\n";
  }
  out << "\n";
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

std::string repetitions_note(const GateResult& gate) {
  int inconclusive = 0, needed = 0;
  for (const Comparison& comparison : gate.comparisons) {
    if (comparison.verdict != Verdict::inconclusive) continue;
    ++inconclusive;
    needed = std::max(needed, comparison.repetitions_needed.value_or(0));
  }
  if (inconclusive == 0) return "";
  std::string text = "**Too few repetitions** to decide " +
                     plural(static_cast<std::size_t>(inconclusive), "comparison", "comparisons");
  const char* them = inconclusive == 1 ? "it" : "them";
  if (needed > 0)
    return text + ": about " + std::to_string(needed) + " runs per side would settle " + them +
           " (`repetitions:` in the suite).";
  return text + ": more runs per side would settle " + them + " (`repetitions:` in the suite).";
}

std::vector<std::string> failed_runs(const SuiteResult* candidate) {
  std::vector<std::string> lines;
  if (candidate == nullptr) return lines;
  for (const ScenarioResult& scenario : candidate->scenarios)
    for (const RunResult& run : scenario.runs)
      if (run.status != RunStatus::ok)
        lines.push_back("Run " + std::to_string(run.index) + " of " + safe_markdown(scenario.name) +
                        " " + to_string(run.status) + ": " +
                        safe_markdown(clip(run.failure_reason, kMaxNoteBytes)));
  return lines;
}

std::vector<std::string> notes(const ReportInput& input) {
  const GateResult& gate = *input.gate;
  const Provenance& provenance = gate.provenance;
  std::vector<std::string> lines;
  if (provenance.baseline_edited_by_change)
    lines.push_back(
        "\u26A0\uFE0F **The baseline was edited by this change.** The gate judged the change "
        "against the baseline as it was before it; review the baseline edit with the code.");
  if (!provenance.environment_differences.empty()) {
    std::vector<std::string> differences;
    for (const auto& difference : provenance.environment_differences)
      differences.push_back(safe_markdown(difference));
    lines.push_back(
        "\u26A0\uFE0F **The environment differs** between baseline and candidate, so part of a "
        "change may come from the machine: " +
        join(differences, "; ") + ".");
  }
  if (gate.suite_shift)
    lines.push_back("\u26A0\uFE0F **Suite-wide shift:** " +
                    safe_markdown(gate.suite_shift->sentence));
  if (std::string text = repetitions_note(gate); !text.empty()) lines.push_back(text);
  if (input.candidate != nullptr && !input.candidate->complete)
    lines.push_back("The candidate results are incomplete (interrupted, or a run is missing).");
  for (std::string& line : failed_runs(input.candidate)) lines.push_back(std::move(line));
  for (const Note& note : gate.notes)
    lines.push_back(safe_markdown(clip(note.message, kMaxNoteBytes)));
  return lines;
}

void write_notes(std::ostringstream& out, const Context& context) {
  std::vector<std::string> lines = notes(context.input);
  if (lines.empty()) return;
  out << "#### Notes\n\n";
  for (std::size_t i = 0; i < lines.size() && i < kMaxNotes; ++i) out << "- " << lines[i] << "\n";
  if (lines.size() > kMaxNotes)
    out << "- \u2026 and " << lines.size() - kMaxNotes << " more notes in "
        << escape_markdown(context.options.full_report) << ".\n";
  out << "\n";
}

void write_unchanged(std::ostringstream& out, const Plan& plan) {
  if (plan.unchanged.empty()) return;
  out << "<details><summary>"
      << plural(plan.unchanged.size(), "unchanged metric", "unchanged metrics") << "</summary>\n\n";
  write_comparison_table(out, plan.unchanged);
  out << "</details>\n\n";
}

void write_footer(std::ostringstream& out, const Context& context, const Plan& plan) {
  if (plan.hidden > 0)
    out << "> **Truncated:** " << plural(plan.hidden, "row is", "rows are")
        << " not shown, to stay under GitHub's 65 536-character limit. The full report is "
        << escape_markdown(context.options.full_report) << ".\n\n";
  const Provenance& provenance = context.input.gate->provenance;
  std::vector<std::string> sources;
  if (!provenance.baseline_source.empty())
    sources.push_back("baseline: " + safe_markdown(provenance.baseline_source));
  if (!provenance.candidate_source.empty())
    sources.push_back("candidate: " + safe_markdown(provenance.candidate_source));
  if (!sources.empty()) out << "<sub>" << join(sources, " \u00B7 ") << "</sub>\n";
}

std::string render(const Context& context, const Plan& plan) {
  std::ostringstream out;
  write_headline(out, context.input);
  write_changed(out, plan);
  write_slas(out, plan);
  write_notes(out, context);
  write_unchanged(out, plan);
  write_footer(out, context, plan);
  return out.str();
}

}  // namespace

std::string render_markdown(const ReportInput& input, const MarkdownOptions& options) {
  Context context{input, options};
  Plan full = full_plan(*input.gate);
  std::string text = render(context, full);
  if (text.size() < options.max_bytes) return text;
  // The size grows with the number of rows shown: find the most rows that fit by bisection.
  std::size_t fits = 0, too_many = total_rows(full);
  while (too_many - fits > 1) {
    std::size_t middle = fits + (too_many - fits) / 2;
    (render(context, limit(full, middle)).size() < options.max_bytes ? fits : too_many) = middle;
  }
  text = render(context, limit(full, fits));
  if (text.size() < options.max_bytes) return text;
  // Even without rows the notes and names are too long: cut the text itself.
  std::string note = "\n\n> **Truncated** to stay under GitHub's limit. The full report is " +
                     escape_markdown(options.full_report) + ".\n";
  std::size_t room = options.max_bytes > note.size() + 4 ? options.max_bytes - note.size() - 4 : 0;
  return clip(text, room) + note;
}

}  // namespace perfgate::gates
