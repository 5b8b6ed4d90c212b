#include "gates/report/html_format.h"

#include <cmath>

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

namespace {

Tags shown_tags(const Tags& tags, const std::string& hidden_tag) {
  Tags shown = redact_tags(tags);
  shown.erase(hidden_tag);
  return shown;
}

}  // namespace

std::string describe_metric(const std::string& name, const Tags& tags,
                            const std::string& hidden_tag) {
  return format_subject("", redact_secrets(name), "", shown_tags(tags, hidden_tag));
}

std::string describe_statistic(Statistic statistic, const std::string& name, const Tags& tags,
                               const std::string& hidden_tag) {
  return format_subject(statistic == Statistic::value ? "" : to_string(statistic),
                        redact_secrets(name), "", shown_tags(tags, hidden_tag));
}

}  // namespace perfgate::gates::html
