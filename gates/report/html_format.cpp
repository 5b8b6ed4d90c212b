#include "gates/report/html_format.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "gates/report/escape.h"
#include "gates/stats/quantiles.h"
#include "harness/model/units.h"

namespace perfgate::gates::html {
namespace {

std::string trim_zeros(std::string text) {
  if (text.find('.') == std::string::npos || text.find('e') != std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

DisplayUnit display_unit(const std::string& unit, double typical) {
  DisplayScale scale = display_scale(parse_unit(unit), typical);
  return {scale.divisor, std::move(scale.suffix)};
}

double median_of(const std::vector<double>& values) {
  std::vector<double> finite;
  for (double value : values)
    if (std::isfinite(value)) finite.push_back(value);
  return finite.empty() ? NAN : stats::median(finite);
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return "n/a";
  if (value == 0) return "0";
  const double magnitude = std::abs(value);
  char text[48];
  if (magnitude >= 1e15 || magnitude < 1e-4)
    std::snprintf(text, sizeof text, "%.3g", value);
  else if (magnitude >= 100)
    std::snprintf(text, sizeof text, "%.0f", value);
  else if (magnitude >= 10)
    std::snprintf(text, sizeof text, "%.1f", value);
  else if (magnitude >= 1)
    std::snprintf(text, sizeof text, "%.2f", value);
  else
    std::snprintf(text, sizeof text, "%.3g", value);
  return trim_zeros(text);
}

std::string format_in(double value, const DisplayUnit& display) {
  if (!std::isfinite(value)) return "n/a";
  return format_number(value / display.divisor) + display.suffix;
}

std::string format_value(double value, const std::string& unit) {
  return format_in(value, display_unit(unit, value));
}

std::string format_change(double ratio) {
  if (std::isnan(ratio)) return "n/a";
  if (std::isinf(ratio)) return ratio > 0 ? "+inf" : "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f %%", (ratio - 1) * 100);
  return text;
}

std::string describe_metric(const std::string& name, const Tags& tags,
                            const std::string& hidden_tag) {
  std::string tag_text;
  for (const auto& [tag, value] : redact_tags(tags)) {
    if (tag == hidden_tag) continue;
    tag_text += (tag_text.empty() ? "" : ", ") + tag + "=" + value;
  }
  const std::string shown_name = redact_secrets(name);
  return tag_text.empty() ? shown_name : shown_name + " (" + tag_text + ")";
}

std::string describe_statistic(Statistic statistic, const std::string& name, const Tags& tags,
                               const std::string& hidden_tag) {
  const std::string metric = describe_metric(name, tags, hidden_tag);
  return statistic == Statistic::value ? metric
                                       : std::string(to_string(statistic)) + " of " + metric;
}

}  // namespace perfgate::gates::html
