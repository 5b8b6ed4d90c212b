// Calibration tables: false alarms and power of the gate and of the naive rules on simulated
// suites with known truth (calibration_sim.h). Each case prints its table and checks every
// figure against a band: the figure measured with 2000 suites per case, plus a sampling margin
// of four standard errors for the number of comparisons actually simulated. A change in the
// gate's statistics that moves a figure fails here. The [.long] cases rerun everything with
// 2000 suites (minutes); run them with: perfgate_calibration_tests "[long]".
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "calibration_sim.h"

using namespace perfgate::calibration;

namespace {

constexpr int kDefaultSuites = 200;
constexpr int kLongSuites = 2000;

// Four standard errors of a rate measured over `count` trials, with the rate kept away from 0
// and 1 so a figure measured as 0 still tolerates a rare event.
bool near(double measured, double expected, long count) {
  const double p = std::clamp(expected, 0.01, 0.99);
  const double margin = 4 * std::sqrt(p * (1 - p) / static_cast<double>(std::max(count, 1L)));
  return std::abs(measured - expected) <= margin;
}

void check_near(const char* what, double measured, double expected, long count) {
  INFO(what << ": measured " << measured << ", expected " << expected << " over " << count);
  CHECK(near(measured, expected, count));
}

std::string percent(double rate) {
  char text[16];
  std::snprintf(text, sizeof text, "%6.2f%%", 100 * rate);
  return text;
}

CalibrationFigures run(NoiseModel noise, int suites, double shift, int pooled_metrics) {
  SimulationSetup setup{
      .noise = noise, .suites = suites, .shift = shift, .pooled_metrics = pooled_metrics};
  setup.seed = 0x5eed + static_cast<std::uint64_t>(noise) * 1000 +
               static_cast<std::uint64_t>(std::lround(shift * 100));
  return simulate(setup);
}

// --- A/A: nothing changed -------------------------------------------------------------------

struct FalseAlarmRow {
  NoiseModel noise;
  double gate_per_metric;  // expected figures (2000 suites)
  double gate_per_suite;
  double welch_per_suite;  // per-metric Welch at alpha 0.05, no correction
  double ratio_per_metric;
  double pooled_per_metric;  // pooled requests, Mann-Whitney at 0.05
  double gate_inconclusive;
};

// clang-format off
const std::vector<FalseAlarmRow> kFalseAlarms = {
    {NoiseModel::lognormal,    0.0000, 0.000, 0.910, 0.0000, 0.794, 0.028},
    {NoiseModel::heavy_tails,  0.0000, 0.000, 0.850, 0.0000, 0.776, 0.063},
    {NoiseModel::bimodal,      0.0000, 0.000, 0.930, 0.0000, 0.734, 0.000},
    {NoiseModel::outlier_runs, 0.0000, 0.000, 0.775, 0.0055, 0.889, 0.856},
    {NoiseModel::heavy_noise,  0.0007, 0.035, 0.910, 0.5249, 0.947, 0.999},
};
// clang-format on

void print_false_alarm_header() {
  std::printf(
      "\nA/A false alarms, 50 metrics per suite, 10 runs per side (per metric | per suite)\n"
      "%-24s %-16s %-16s %-16s %-9s %-9s %s\n",
      "noise", "perfgate", "welch a=.05", "ratio>5%", "pooled-MW", "pooled-W", "gate inconclusive");
}

void print_false_alarm_row(NoiseModel noise, const CalibrationFigures& f) {
  std::printf("%-24s %s|%s %s|%s %s|%s %-9s %-9s %s\n", to_string(noise),
              percent(f.gate.metric_alarm_rate()).c_str(),
              percent(f.gate.suite_alarm_rate()).c_str(),
              percent(f.welch_uncorrected.metric_alarm_rate()).c_str(),
              percent(f.welch_uncorrected.suite_alarm_rate()).c_str(),
              percent(f.ratio_rule.metric_alarm_rate()).c_str(),
              percent(f.ratio_rule.suite_alarm_rate()).c_str(),
              percent(f.pooled_mann_whitney.metric_alarm_rate()).c_str(),
              percent(f.pooled_welch.metric_alarm_rate()).c_str(),
              percent(f.gate_inconclusive_rate()).c_str());
}

void check_false_alarms(const FalseAlarmRow& row, const CalibrationFigures& f) {
  INFO("noise " << to_string(row.noise));
  check_near("gate per metric", f.gate.metric_alarm_rate(), row.gate_per_metric, f.gate.unshifted);
  check_near("gate per suite", f.gate.suite_alarm_rate(), row.gate_per_suite, f.gate.suites);
  check_near("welch per suite", f.welch_uncorrected.suite_alarm_rate(), row.welch_per_suite,
             f.welch_uncorrected.suites);
  check_near("ratio per metric", f.ratio_rule.metric_alarm_rate(), row.ratio_per_metric,
             f.ratio_rule.unshifted);
  check_near("pooled per metric", f.pooled_mann_whitney.metric_alarm_rate(), row.pooled_per_metric,
             f.pooled_mann_whitney.unshifted);
  check_near("gate inconclusive", f.gate_inconclusive_rate(), row.gate_inconclusive,
             f.gate_comparisons);
  // The targets, for every noise model including heavy noise.
  CHECK(f.gate.metric_alarm_rate() <= 0.01);
  CHECK(f.gate.suite_alarm_rate() <= 0.05 + 4 * std::sqrt(0.05 * 0.95 / f.gate.suites));
}

void false_alarm_table(int suites) {
  print_false_alarm_header();
  for (const auto& row : kFalseAlarms) {
    const auto figures = run(row.noise, suites, 0, 1);
    print_false_alarm_row(row.noise, figures);
    check_false_alarms(row, figures);
  }
}

// --- A/B: one metric of 50 slowed down ----------------------------------------------------

struct PowerRow {
  NoiseModel noise;
  double shift;
  double gate_power;  // expected figures (2000 suites)
  double welch_power;
  double ratio_power;
  double gate_wrong;  // comparisons with a wrong verdict (any metric)
};

// clang-format off
const std::vector<PowerRow> kPowerLognormal = {
    {NoiseModel::lognormal, 0.02, 0.000, 0.385, 0.005, 0.0000},
    {NoiseModel::lognormal, 0.05, 0.525, 0.980, 0.565, 0.0000},
    {NoiseModel::lognormal, 0.10, 1.000, 1.000, 1.000, 0.0001},
    {NoiseModel::lognormal, 0.20, 1.000, 1.000, 1.000, 0.0001},
};
const std::vector<PowerRow> kPowerOtherNoise = {
    {NoiseModel::heavy_tails,  0.02, 0.000, 0.510, 0.005, 0.0000},
    {NoiseModel::heavy_tails,  0.05, 0.420, 0.965, 0.505, 0.0000},
    {NoiseModel::heavy_tails,  0.10, 0.985, 1.000, 1.000, 0.0000},
    {NoiseModel::heavy_tails,  0.20, 0.995, 1.000, 1.000, 0.0000},
    {NoiseModel::bimodal,      0.02, 0.000, 0.645, 0.010, 0.0000},
    {NoiseModel::bimodal,      0.05, 0.530, 1.000, 0.495, 0.0000},
    {NoiseModel::bimodal,      0.10, 1.000, 1.000, 1.000, 0.0000},
    {NoiseModel::bimodal,      0.20, 1.000, 1.000, 1.000, 0.0000},
    {NoiseModel::outlier_runs, 0.02, 0.000, 0.145, 0.030, 0.0000},
    {NoiseModel::outlier_runs, 0.05, 0.055, 0.495, 0.500, 0.0000},
    {NoiseModel::outlier_runs, 0.10, 0.400, 0.890, 1.000, 0.0000},
    {NoiseModel::outlier_runs, 0.20, 0.945, 1.000, 1.000, 0.0000},
    {NoiseModel::heavy_noise,  0.02, 0.000, 0.040, 0.325, 0.0005},
    {NoiseModel::heavy_noise,  0.05, 0.000, 0.110, 0.540, 0.0009},
    {NoiseModel::heavy_noise,  0.10, 0.010, 0.265, 0.685, 0.0008},
    {NoiseModel::heavy_noise,  0.20, 0.125, 0.705, 0.935, 0.0006},
};
// clang-format on

void print_power_header() {
  std::printf(
      "\nA/B power: one metric of 50 slowed down, 10 runs per side (detected as regression)\n"
      "%-24s %6s  %-8s %-8s %-8s %-9s %-9s %s\n",
      "noise", "shift", "perfgate", "welch", "ratio", "pooled-MW", "pooled-W", "gate wrong");
}

void print_power_row(const PowerRow& row, const CalibrationFigures& f) {
  const bool pooled = f.pooled_mann_whitney.shifted > 0;
  std::printf("%-24s %5.0f%%  %-8s %-8s %-8s %-9s %-9s %s\n", to_string(row.noise), 100 * row.shift,
              percent(f.gate.power()).c_str(), percent(f.welch_uncorrected.power()).c_str(),
              percent(f.ratio_rule.power()).c_str(),
              pooled ? percent(f.pooled_mann_whitney.power()).c_str() : "   -",
              pooled ? percent(f.pooled_welch.power()).c_str() : "   -",
              percent(f.gate_wrong_rate()).c_str());
}

void check_power(const PowerRow& row, const CalibrationFigures& f) {
  INFO("noise " << to_string(row.noise) << ", shift " << row.shift);
  check_near("gate power", f.gate.power(), row.gate_power, f.gate.shifted);
  check_near("welch power", f.welch_uncorrected.power(), row.welch_power,
             f.welch_uncorrected.shifted);
  check_near("ratio power", f.ratio_rule.power(), row.ratio_power, f.ratio_rule.shifted);
  check_near("gate wrong", f.gate_wrong_rate(), row.gate_wrong, f.gate_comparisons);
}

// Pooled requests cost milliseconds per comparison, so the default run pools only where the
// table needs it: the lognormal rows.
void power_table(const std::vector<PowerRow>& rows, int suites, int pooled_metrics) {
  print_power_header();
  for (const auto& row : rows) {
    const auto figures = run(row.noise, suites, row.shift, pooled_metrics);
    print_power_row(row, figures);
    check_power(row, figures);
  }
}

}  // namespace

TEST_CASE("A/A: false alarms of the gate and of naive rules under five noise models",
          "[calibration]") {
  false_alarm_table(kDefaultSuites);
}

TEST_CASE("A/B: power per shift under 2.5 % between-run noise", "[calibration]") {
  power_table(kPowerLognormal, kDefaultSuites, 1);
}

TEST_CASE("A/B: power per shift under heavy tails, bimodal, outlier runs and heavy noise",
          "[calibration]") {
  power_table(kPowerOtherNoise, kDefaultSuites, 0);
}

TEST_CASE("Heavy noise: the gate says inconclusive rather than a wrong verdict", "[calibration]") {
  for (double shift : {0.0, 0.10}) {
    const auto figures = run(NoiseModel::heavy_noise, kDefaultSuites, shift, 0);
    INFO("shift " << shift);
    CHECK(figures.gate_wrong_rate() <= 0.005);
    CHECK(figures.gate_inconclusive_rate() >= 0.95);
    // The fixed ratio rule, on the same data, alarms on about half of the unchanged metrics.
    CHECK(figures.ratio_rule.metric_alarm_rate() >= 0.40);
  }
}

TEST_CASE("A/A long: false alarms with 2000 suites", "[.long]") {
  false_alarm_table(kLongSuites);
}

TEST_CASE("A/B long: power with 2000 suites", "[.long]") {
  power_table(kPowerLognormal, kLongSuites, 1);
  power_table(kPowerOtherNoise, kLongSuites, 1);
}
