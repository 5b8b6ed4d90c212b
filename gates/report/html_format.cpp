#include "gates/report/html_format.h"

#include <cmath>
#include <cstdio>

#include "core/model/units.h"
#include "gates/report/escape.h"
#include "gates/stats/quantiles.h"

namespace perfgate::gates::html {
DisplayUnit display_unit(const std::string& unit, double typical) {
  return display_scale(parse_unit(unit), typical);
}

double median_of(const std::vector<double>& values) {
  std::vector<double> finite;
  for (double value : values)
    if (std::isfinite(value)) finite.push_back(value);
  return finite.empty() ? NAN : stats::median(finite);
}

std::string format_number(double value) {
  return std::isfinite(value) ? perfgate::format_number(value, NumberStyle::plain) : "n/a";
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
