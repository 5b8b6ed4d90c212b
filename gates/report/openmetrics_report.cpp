#include "gates/report/openmetrics_report.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include "gates/compare/run_values.h"
#include "gates/report/escape.h"
#include "gates/stats/quantiles.h"

namespace perfgate::gates {
namespace {

constexpr Statistic kHistogramStatistics[] = {Statistic::p50, Statistic::p90,  Statistic::p95,
                                              Statistic::p99, Statistic::p999, Statistic::mean,
                                              Statistic::min, Statistic::max};

// How a unit of the results file is exposed: a name suffix, the OpenMetrics UNIT (or empty) and
// the divisor to the base unit.
struct UnitExposure {
  std::string suffix{};
  std::string unit{};
  double divisor = 1;  // division, not a multiplication by 1e-9: 7280000 ns -> 0.00728 exactly
};

UnitExposure exposure_of(const std::string& unit) {
  if (unit == "ns") return {"_seconds", "seconds", 1e9};
  if (unit == "bytes") return {"_bytes", "bytes", 1};
  if (unit == "1/s") return {"_per_second", "", 1};
  if (unit == "ratio") return {"_ratio", "", 1};
  return {};
}

// [a-zA-Z_][a-zA-Z0-9_]*: other characters become '_'.
std::string identifier(const std::string& text) {
  std::string name;
  for (char c : text) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name.insert(0, 1, '_');
  return name;
}

std::string label_name(const std::string& tag) {
  std::string name = identifier(tag);
  static const std::set<std::string> kReserved = {"suite", "scenario", "statistic"};
  if (kReserved.count(name) || name.starts_with("__")) name = "tag_" + name;
  return name;
}

// Label values and HELP text escape backslash, double quote and newline; text is made valid
// UTF-8 without control characters first (printable), as OpenMetrics requires UTF-8.
std::string escape_label(const std::string& raw) {
  std::string out;
  for (char c : printable(raw)) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char text[32];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

struct Family {
  std::string help{};
  std::string unit{};
  std::vector<std::string> samples{};
  std::set<std::string> label_sets{};  // OpenMetrics forbids two samples with the same labels
};

struct Source {
  std::vector<MetricSelector> selectors{};
  std::map<std::pair<std::string, std::string>, std::string> units{};  // (scenario, metric)
};

Source source_of(const SuiteResult& candidate) {
  Source source;
  std::set<std::pair<std::string, Statistic>> seen;
  for (const ScenarioResult& scenario : candidate.scenarios)
    for (const RunResult& run : scenario.runs)
      for (const Metric& metric : run.metrics) {
        source.units.try_emplace({scenario.name, metric.name}, metric.unit);
        if (metric.histogram)
          for (Statistic statistic : kHistogramStatistics)
            if (seen.insert({metric.name, statistic}).second)
              source.selectors.push_back({metric.name, statistic});
        if (metric.value && seen.insert({metric.name, Statistic::value}).second)
          source.selectors.push_back({metric.name, Statistic::value});
      }
  return source;
}

std::string labels_of(const std::string& suite, const ComparisonKey& key) {
  std::string labels = "suite=\"" + escape_label(suite) + "\",scenario=\"" +
                       escape_label(redact_secrets(key.scenario)) + "\"";
  for (const auto& [name, value] : redact_tags(key.tags))
    labels += "," + label_name(name) + "=\"" + escape_label(redact_secrets(value)) + "\"";
  return labels + ",statistic=\"" + to_string(key.statistic) + "\"";
}

void add_sample(std::map<std::string, Family>& families, const std::string& suite,
                const ComparisonKey& key, const std::vector<double>& runs,
                const std::string& unit) {
  UnitExposure exposure = exposure_of(unit);
  std::string name = "perfgate_" + identifier(key.metric) + exposure.suffix;
  Family& family = families[name];
  if (family.help.empty())
    family.help = "candidate " + key.metric + " (" + (unit.empty() ? "no unit" : unit) +
                  "): median over runs of each run's statistic";
  family.unit = exposure.unit;
  std::string labels = labels_of(suite, key);
  if (!family.label_sets.insert(labels).second) return;
  family.samples.push_back(name + "{" + labels + "} " +
                           number(stats::median(runs) / exposure.divisor));
}

}  // namespace

std::string render_openmetrics(const ReportInput& input) {
  const SuiteResult& candidate = *input.candidate;
  std::string suite = redact_secrets(input.suite.empty() ? candidate.suite : input.suite);
  Source source = source_of(candidate);
  std::map<std::string, Family> families;
  for (const auto& [key, runs] : collect_run_values(candidate, source.selectors).values)
    if (!runs.empty())
      add_sample(families, suite, key, runs, source.units[{key.scenario, key.metric}]);
  std::ostringstream out;
  for (const auto& [name, family] : families) {
    out << "# TYPE " << name << " gauge\n";
    if (!family.unit.empty()) out << "# UNIT " << name << " " << family.unit << "\n";
    out << "# HELP " << name << " " << escape_label(redact_secrets(family.help)) << "\n";
    for (const std::string& sample : family.samples) out << sample << "\n";
  }
  out << "# EOF\n";
  return out.str();
}

}  // namespace perfgate::gates
