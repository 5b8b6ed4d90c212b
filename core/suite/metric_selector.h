// Which number of a metric the gate compares: "latency.p99" (a statistic of each run's histogram)
// or "throughput" (each run's value), and which way is better. Plain types with their names, as
// written in suite files (`gate.metrics`, `gate.directions`) and perfgate compare's --metric.
// Which metrics are lower- or higher-is-better by default is the gate's knowledge:
// gates/policy/direction.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace perfgate::gates {

// A statistic taken from one run's metric. `value` is the metric's single value (counters,
// rates, Google Benchmark times); the others are read from its histogram.
enum class Statistic { value, p50, p90, p95, p99, p999, mean, min, max };
const char* to_string(Statistic statistic);  // "value", "p50", ... as written in suite files
// The inverse of to_string for the histogram statistics only (never `value`); nullopt otherwise.
std::optional<Statistic> parse_histogram_statistic(std::string_view text);

enum class Direction { lower_is_better, higher_is_better };
const char* to_string(Direction direction);  // "lower_is_better", "higher_is_better"
// Accepts "lower_is_better", "higher_is_better", and the short forms "lower", "higher".
std::optional<Direction> parse_direction(std::string_view text);

struct MetricSelector {
  std::string metric;  // the metric's name, e.g. "latency"
  Statistic statistic = Statistic::value;

  bool operator==(const MetricSelector&) const = default;
};

// "NAME.STAT" where STAT is a histogram statistic selects that statistic; any other text
// (including names with dots, like a counter "cache.misses") selects the value of the metric
// with that whole name. nullopt for empty text, an empty name ("." or ".p99") or a trailing dot.
std::optional<MetricSelector> parse_metric_selector(std::string_view text);
std::string to_string(const MetricSelector& selector);  // "latency.p99", "throughput"

}  // namespace perfgate::gates
