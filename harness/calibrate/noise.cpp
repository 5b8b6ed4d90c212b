#include "harness/calibrate/noise.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "gates/compare/verdict.h"
#include "gates/stats/power.h"
#include "gates/stats/quantiles.h"

namespace perfgate::calibrate {
namespace {

double sample_variance(const std::vector<double>& values) {
  const double centre = stats::mean(values);
  double sum_squares = 0;
  for (double value : values) sum_squares += (value - centre) * (value - centre);
  return sum_squares / static_cast<double>(values.size() - 1);
}

std::vector<double> logs_of(const std::vector<double>& values) {
  std::vector<double> logs;
  for (double value : values) logs.push_back(std::log(value));
  return logs;
}

void require_valid(const MetricRuns& runs) {
  if (runs.values.size() < 2)
    throw std::invalid_argument("calibrate: " + runs.name + " needs at least 2 runs");
  for (double value : runs.values)
    if (!std::isfinite(value) || value <= 0)
      throw std::invalid_argument("calibrate: " + runs.name + " has a value that is not > 0");
}

void require_valid(const Targets& targets) {
  if (!(targets.threshold > 0 && targets.threshold < 1) ||
      !(targets.alpha > 0 && targets.alpha < 1) ||
      !(targets.power > targets.alpha && targets.power < 1) || targets.min_repetitions < 2 ||
      targets.planned_repetitions < 2)
    throw std::invalid_argument("calibrate: targets out of range");
}

// Both needs of Recommendation::repetitions for one metric; A/A: both sides of a future gate
// are as noisy as these runs.
std::optional<int> repetitions_for(double log_variance, const Targets& targets) {
  const auto unchanged_called_unchanged = gates::repetitions_needed(
      log_variance, log_variance, targets.threshold, 1 - targets.alpha, targets.min_repetitions);
  const auto change_detected = stats::runs_for_power({2, log_variance, targets.alpha},
                                                     std::log1p(targets.threshold), targets.power);
  if (!unchanged_called_unchanged || !change_detected) return std::nullopt;
  return std::max(*unchanged_called_unchanged, *change_detected);
}

MetricNoise measure(const MetricRuns& runs, const Targets& targets) {
  require_valid(runs);
  MetricNoise noise;
  noise.name = runs.name;
  noise.unit = runs.unit;
  noise.runs = static_cast<int>(runs.values.size());
  noise.mean = stats::mean(runs.values);
  noise.coefficient_of_variation = std::sqrt(sample_variance(runs.values)) / noise.mean;
  noise.log_variance = sample_variance(logs_of(runs.values));
  const stats::TwoSampleDesign planned{targets.planned_repetitions, noise.log_variance,
                                       targets.alpha};
  noise.detectable_change = std::expm1(stats::minimum_detectable_shift(planned, targets.power));
  noise.repetitions = repetitions_for(noise.log_variance, targets);
  return noise;
}

double round_up_to_half_percent(double fraction) {
  return std::max(0.005, std::ceil(fraction * 200 - 1e-9) / 200);
}

}  // namespace

NoiseReport assess_noise(const std::vector<MetricRuns>& runs, const Targets& targets) {
  require_valid(targets);
  NoiseReport report{{}, {}, targets};
  std::optional<int> repetitions = targets.min_repetitions;
  double largest_change = 0;
  for (const MetricRuns& metric : runs) {
    const MetricNoise& noise = report.metrics.emplace_back(measure(metric, targets));
    largest_change = std::max(largest_change, noise.detectable_change);
    if (!noise.repetitions) repetitions.reset();
    if (repetitions) repetitions = std::max(*repetitions, *noise.repetitions);
  }
  report.recommendation.threshold = round_up_to_half_percent(largest_change);
  report.recommendation.repetitions = repetitions;
  return report;
}

}  // namespace perfgate::calibrate
