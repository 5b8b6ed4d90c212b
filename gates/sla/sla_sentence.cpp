#include "gates/sla/sla_sentence.h"

#include <cmath>
#include <cstdio>

namespace perfgate::sla {
namespace {

// Up to 4 significant digits, without an exponent for the magnitudes people read.
std::string format_number(double value) {
  char text[64];
  if (std::abs(value) >= 1e4 || value == std::floor(value)) {
    std::snprintf(text, sizeof text, "%.0f", value);
  } else {
    std::snprintf(text, sizeof text, "%.4g", value);
  }
  return text;
}

std::string format_duration_ns(double ns) {
  if (std::abs(ns) < 1e3) return format_number(ns) + " ns";
  if (std::abs(ns) < 1e6) return format_number(ns / 1e3) + " us";
  if (std::abs(ns) < 1e9) return format_number(ns / 1e6) + " ms";
  return format_number(ns / 1e9) + " s";
}

std::string subject(const SlaResult& result) {
  const SlaRule& rule = result.rule;
  std::string text = rule.statistic.kind == StatisticKind::value
                         ? rule.metric
                         : to_string(rule.statistic) + " " + rule.metric;
  text += " of " + result.scenario;
  std::string others;
  for (const auto& [key, value] : result.tags) {
    if (key == "request") {
      text += "/" + value;
    } else {
      others += (others.empty() ? "" : ", ") + key + "=" + value;
    }
  }
  return others.empty() ? text : text + " (" + others + ")";
}

const char* side(double observed, double threshold) {
  if (observed > threshold) return "above";
  if (observed < threshold) return "below";
  return "at";
}

}  // namespace

std::string format_in_unit(double value, const std::string& unit) {
  if (unit == "ns") return format_duration_ns(value);
  if (unit == "1/s") return format_number(value) + "/s";
  if (unit == "ratio") return format_number(value * 100) + "%";
  if (unit == "count" || unit.empty()) return format_number(value);
  return format_number(value) + " " + unit;
}

std::string describe_outcome(const SlaResult& result) {
  auto shown = [&](double value) { return format_in_unit(value, result.unit); };
  std::string sla =
      std::string("the SLA ") + to_string(result.rule.comparison) + " " + shown(result.threshold);
  std::string runs = std::to_string(result.runs.size());
  std::string text = subject(result) + " is " + shown(result.observed) + " (median of " + runs +
                     (result.runs.size() == 1 ? " run), " : " runs), ");
  text += result.outcome == SlaOutcome::breach ? side(result.observed, result.threshold) : "within";
  text += " " + sla + "; ";
  std::string worst =
      shown(result.worst.value) + " (run " + std::to_string(result.worst.run_index) + ")";
  if (result.runs_breaching == 0) return text + "worst run " + worst;
  return text + std::to_string(result.runs_breaching) + " of " + runs + " runs breach it, worst " +
         worst;
}

}  // namespace perfgate::sla
