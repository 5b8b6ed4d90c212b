// Which number of a metric the gate compares: "latency.p99" (a statistic of each run's histogram)
// or "throughput" (each run's value). Also the default direction of every known metric.
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

// The one table of directions: times, latencies, errors and error rates are lower-is-better;
// throughput, Google Benchmark's items_per_second / bytes_per_second, any other "*_per_second"
// counter and completed `requests` are higher-is-better. A metric not in the table is treated
// as a cost (lower is better), the common case for benchmark outputs; a suite overrides it with
// `gate.directions`.
Direction default_direction(std::string_view metric_name);

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
