#include "gates/report/finding.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gates/report/escape.h"
#include "gates/sla/sla_sentence.h"
#include "gates/stats/quantiles.h"

namespace perfgate::gates {
namespace {

// Magnitudes below 10 % keep one decimal (4.5 %); larger ones are whole (12 %). An interval
// takes the precision of its wider end, so it reads (8–16 %), not (8.0–16 %).
bool needs_decimal(double percent) {
  return std::abs(percent) < 9.95;
}

std::string magnitude(double percent, bool decimal) {
  char text[32];
  std::snprintf(text, sizeof text, decimal ? "%.1f" : "%.0f", std::abs(percent));
  return text;
}

std::string signed_magnitude(double ratio, bool decimal) {
  double percent = (ratio - 1) * 100;
  return (percent < 0 ? "-" : "+") + magnitude(percent, decimal);
}

bool finite_interval(const Change& change) {
  return std::isfinite(change.ci_low) && std::isfinite(change.ci_high);
}

std::string from_to(const Comparison& comparison, const std::string& unit) {
  return "from " + format_median(comparison.baseline_runs, unit) + " to " +
         format_median(comparison.candidate_runs, unit);
}

std::string inconclusive_sentence(const Comparison& comparison, const std::string& unit) {
  std::string text = subject(comparison.key) + " is inconclusive: ";
  if (!finite_interval(comparison.change))
    return text + "too few runs to form an interval (" +
           std::to_string(comparison.baseline_runs.size()) + " baseline, " +
           std::to_string(comparison.candidate_runs.size()) + " candidate)";
  text += format_change(comparison.change) + ", " + from_to(comparison, unit) +
          ", is too uncertain to decide";
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
  std::string text = key.statistic == Statistic::value
                         ? key.metric
                         : std::string(to_string(key.statistic)) + " " + key.metric;
  text += " of " + redact_secrets(key.scenario);
  std::string others;
  for (const auto& [name, value] : redacted_tags(key.tags)) {
    if (name == "request")
      text += "/" + value;
    else
      others += (others.empty() ? "" : ", ") + name + "=" + value;
  }
  return others.empty() ? text : text + " (" + others + ")";
}

std::string metric_label(const ComparisonKey& key) {
  std::string text = key.metric;
  if (!key.tags.empty()) {
    text += '{';
    bool first = true;
    for (const auto& [name, value] : redacted_tags(key.tags)) {
      text += (first ? "" : ",") + name + "=" + value;
      first = false;
    }
    text += '}';
  }
  if (key.statistic != Statistic::value) text += std::string(".") + to_string(key.statistic);
  return text;
}

std::string request_of(const ComparisonKey& key) {
  auto found = key.tags.find("request");
  return found == key.tags.end() ? "" : redact_secrets(found->second);
}

std::string format_value(double value, const std::string& unit) {
  if (std::isnan(value)) return "n/a";
  return sla::format_in_unit(value, unit);
}

std::string format_median(const std::vector<double>& runs, const std::string& unit) {
  return runs.empty() ? "n/a" : format_value(stats::median(runs), unit);
}

std::string format_percent(double ratio) {
  if (std::isnan(ratio)) return "n/a";
  if (std::isinf(ratio)) return ratio > 0 ? "+inf" : "-inf";
  return signed_magnitude(ratio, needs_decimal((ratio - 1) * 100)) + " %";
}

std::string format_change(const Change& change) {
  std::string text = format_percent(change.ratio);
  if (!finite_interval(change) || !std::isfinite(change.ratio)) return text;
  double low = (change.ci_low - 1) * 100, high = (change.ci_high - 1) * 100;
  bool decimal = needs_decimal(std::max(std::abs(low), std::abs(high)));
  if (low >= 0 || high <= 0) {
    if (std::abs(low) > std::abs(high)) std::swap(low, high);
    return text + " (" + magnitude(low, decimal) + "\u2013" + magnitude(high, decimal) + " %)";
  }
  return text + " (" + signed_magnitude(change.ci_low, decimal) + " to " +
         signed_magnitude(change.ci_high, decimal) + " %)";
}

namespace {

std::string finding_without_shift(const Comparison& comparison, const std::string& unit) {
  const Change& change = comparison.change;
  switch (comparison.verdict) {
    case Verdict::inconclusive:
      return inconclusive_sentence(comparison, unit);
    case Verdict::unchanged:
      return subject(comparison.key) + " is unchanged: " + format_change(change) + ", " +
             from_to(comparison, unit);
    case Verdict::regression:
    case Verdict::improvement:
      break;
  }
  std::string moved = change.ratio >= 1 ? " rose " : " fell ";
  if (std::isinf(change.ratio)) return subject(comparison.key) + moved + from_to(comparison, unit);
  std::string text = format_change(change);
  text.erase(0, 1);  // the verb carries the sign
  return subject(comparison.key) + moved + text + ", " + from_to(comparison, unit);
}

// When a suite-wide shift was declared, the change is relative to it: say what was measured.
std::string shift_clause(const Comparison& comparison) {
  if (!comparison.measured_change) return "";
  return "; " + format_percent(comparison.measured_change->ratio) +
         " as measured, before taking out the suite-wide shift";
}

}  // namespace

std::string finding_sentence(const Comparison& comparison, const std::string& unit) {
  return finding_without_shift(comparison, unit) + shift_clause(comparison);
}

}  // namespace perfgate::gates
