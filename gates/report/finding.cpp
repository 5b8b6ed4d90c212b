#include "gates/report/finding.h"

#include <algorithm>
#include <cmath>

#include "core/model/units.h"
#include "gates/report/escape.h"
#include "gates/stats/quantiles.h"

namespace perfgate::gates {
namespace {

bool finite_interval(const Change& change) {
  return std::isfinite(change.ci_low) && std::isfinite(change.ci_high);
}

std::string change_text(const Change& change) {
  return format_change(change.ratio, change.ci_low, change.ci_high);
}

std::string statistic_text(Statistic statistic) {
  return statistic == Statistic::value ? "" : to_string(statistic);
}

std::string from_to(const Comparison& comparison) {
  return "from " + format_median(comparison.baseline_runs, comparison.unit) + " to " +
         format_median(comparison.candidate_runs, comparison.unit);
}

std::string inconclusive_sentence(const Comparison& comparison) {
  std::string text = subject(comparison.key) + " is inconclusive: ";
  if (!finite_interval(comparison.change))
    return text + "too few runs to form an interval (" +
           std::to_string(comparison.baseline_runs.size()) + " baseline, " +
           std::to_string(comparison.candidate_runs.size()) + " candidate)";
  text +=
      change_text(comparison.change) + ", " + from_to(comparison) + ", is too uncertain to decide";
  if (comparison.repetitions_needed)
    text += "; about " + std::to_string(*comparison.repetitions_needed) +
            " runs per side would settle it";
  return text;
}

}  // namespace

int verdict_rank(Verdict verdict) {
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

std::vector<const Comparison*> ordered_comparisons(const GateResult& gate) {
  std::vector<const Comparison*> ordered;
  for (const Comparison& comparison : gate.comparisons) ordered.push_back(&comparison);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Comparison* a, const Comparison* b) {
    return verdict_rank(a->verdict) < verdict_rank(b->verdict);
  });
  return ordered;
}

VerdictCounts count_verdicts(const GateResult& gate) {
  VerdictCounts counts;
  for (const Comparison& comparison : gate.comparisons) {
    switch (comparison.verdict) {
      case Verdict::regression:
        ++counts.regressions;
        break;
      case Verdict::improvement:
        ++counts.improvements;
        break;
      case Verdict::inconclusive:
        ++counts.inconclusive;
        break;
      case Verdict::unchanged:
        ++counts.unchanged;
        break;
    }
  }
  return counts;
}

// Tag values are redacted one by one: a header-like value ("Authorization: Bearer x") hides the
// rest of its own text only, not the rest of the sentence it is put in.
Tags redacted_tags(const Tags& tags) {
  Tags redacted;
  for (const auto& [name, value] : redact_tags(tags)) redacted[name] = redact_secrets(value);
  return redacted;
}

std::string subject(const ComparisonKey& key) {
  return format_subject(statistic_text(key.statistic), key.metric, redact_secrets(key.scenario),
                        redacted_tags(key.tags));
}

std::string metric_label(const ComparisonKey& key) {
  return format_metric_label(key.metric, redacted_tags(key.tags), statistic_text(key.statistic));
}

std::string request_of(const ComparisonKey& key) {
  auto found = key.tags.find("request");
  return found == key.tags.end() ? "" : redact_secrets(found->second);
}

std::string format_median(const std::vector<double>& runs, const Unit& unit) {
  return runs.empty() ? "n/a" : format_value(stats::median(runs), unit);
}

namespace {

std::string finding_without_shift(const Comparison& comparison) {
  const Change& change = comparison.change;
  switch (comparison.verdict) {
    case Verdict::inconclusive:
      return inconclusive_sentence(comparison);
    case Verdict::unchanged:
      return subject(comparison.key) + " is unchanged: " + change_text(change) + ", " +
             from_to(comparison);
    case Verdict::regression:
    case Verdict::improvement:
      break;
  }
  std::string moved = change.ratio >= 1 ? " rose " : " fell ";
  if (std::isinf(change.ratio)) return subject(comparison.key) + moved + from_to(comparison);
  std::string text = change_text(change);
  text.erase(0, 1);  // the verb carries the sign
  return subject(comparison.key) + moved + text + ", " + from_to(comparison);
}

// When a suite-wide shift was declared, the change is relative to it: say what was measured.
std::string shift_clause(const Comparison& comparison) {
  if (!comparison.measured_change) return "";
  return "; " + format_change(comparison.measured_change->ratio) +
         " as measured, before taking out the suite-wide shift";
}

}  // namespace

std::string finding_sentence(const Comparison& comparison) {
  return finding_without_shift(comparison) + shift_clause(comparison);
}

}  // namespace perfgate::gates
