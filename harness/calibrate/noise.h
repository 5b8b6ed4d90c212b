// From A/A run values to the machine's run-to-run noise and a recommendation for the gate:
// how many repetitions, and which threshold, this machine supports. Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace perfgate::calibrate {

// What the recommendation aims for. Defaults are the gate's (GatePolicy) and a 90 % power.
struct Targets {
  double threshold = 0.05;      // the change that should matter, in (0, 1)
  double alpha = 0.05;          // in (0, 1)
  double power = 0.90;          // in (alpha, 1): probability of detecting a change of the threshold
  int min_repetitions = 5;      // the gate's floor; >= 2
  int planned_repetitions = 5;  // runs per side the suite will use (the suite default); >= 2
};

// One statistic's A/A runs, e.g. latency p50 in nanoseconds per run.
struct MetricRuns {
  std::string name;            // "latency.p50", "latency.p99", "throughput"
  std::string unit;            // "ns", "1/s"
  std::vector<double> values;  // one per run, all > 0 (logs are taken)
};

struct MetricNoise {
  std::string name;
  std::string unit;
  int runs = 0;
  double mean = 0;
  double coefficient_of_variation = 0;  // sample stdev / mean of the raw values
  double log_variance = 0;              // sample variance (ddof 1) of the log values
  // The smallest relative change Welch on logs detects with the target power at the planned
  // repetitions (0.031 = 3.1 %).
  double detectable_change = 0;
  // Runs per side for this metric alone at the target threshold (see Recommendation).
  std::optional<int> repetitions;
};

struct Recommendation {
  // At the planned repetitions, the smallest change detected with the target power on the
  // noisiest metric, rounded up to a half percent: the lowest threshold worth setting.
  double threshold = 0;
  // Runs per side for the target threshold, the larger of two needs: a change of the threshold
  // is detected with the target power (stats::runs_for_power), and an unchanged metric is
  // called unchanged (gates::repetitions_needed, the gate's own rule). At least
  // min_repetitions; nullopt when the noise is too high for any practical number.
  std::optional<int> repetitions;
};

struct NoiseReport {
  std::vector<MetricNoise> metrics;
  Recommendation recommendation;
  Targets targets;
};

// Throws std::invalid_argument when a metric has fewer than 2 values or a value that is not
// finite and > 0, or when the targets are out of range.
NoiseReport assess_noise(const std::vector<MetricRuns>& runs, const Targets& targets);

// The report as text for a terminal: a noise table, then the recommendation in words.
std::string render_noise_report(const NoiseReport& report);

}  // namespace perfgate::calibrate
