// Calibration tables: false alarms and power of the gate and of the naive rules on simulated
// suites with known truth (calibration_sim.h). Each case prints its table and checks every
// figure against a band: the figure measured with 2000 suites per case, plus a sampling margin
// of four standard errors for the number of comparisons actually simulated. A change in the
// gate's statistics that moves a figure fails here. The [.long] cases rerun everything with
// 2000 suites (minutes); run them with: perfgate_calibration_tests "[.long]".
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "calibration_sim.h"

using namespace perfgate::calibration;

namespace {

constexpr int kDefaultSuites = 200;
constexpr int kLongSuites = 2000;

// The expected figures below were measured with kExpectedSuites seeded suites, the default run:
// it reproduces them exactly. A longer run (ctest -C Long) measures them afresh; the tolerance is
// four standard errors of the difference of the two rates, each kept away from 0 and 1 so a figure
// measured as 0 still tolerates a rare event.
constexpr int kExpectedSuites = 200;

bool near(double measured, double expected, long count, long suites) {
  const double p = std::clamp(expected, 0.01, 0.99);
  const double measured_count = static_cast<double>(std::max(count, 1L));
  const double expected_count = measured_count * kExpectedSuites / static_cast<double>(suites);
  const double margin = 4 * std::sqrt(p * (1 - p) * (1 / measured_count + 1 / expected_count));
  return std::abs(measured - expected) <= margin;
}

void check_near(const char* what, double measured, double expected, long count, long suites) {
  INFO(what << ": measured " << measured << ", expected " << expected << " over " << count);
  CHECK(near(measured, expected, count, std::max(suites, 1L)));
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

// Under heavy noise the gate must say inconclusive rather than give a wrong verdict, where the
// fixed ratio rule, on the same data, alarms on about half of the unchanged metrics.
void check_heavy_noise(NoiseModel noise, const CalibrationFigures& f) {
  if (noise != NoiseModel::heavy_noise) return;
  CHECK(f.gate_wrong_rate() <= 0.005);
  CHECK(f.gate_inconclusive_rate() >= 0.95);
  CHECK(f.ratio_rule.metric_alarm_rate() >= 0.40);
}

// --- A/A: nothing changed -------------------------------------------------------------------

struct FalseAlarmRow {
  NoiseModel noise;
  double gate_per_metric;  // expected figures (kExpectedSuites suites)
  double gate_per_suite;
  double welch_per_suite;  // per-metric Welch at alpha 0.05, no correction
  double ratio_per_metric;
  double pooled_per_metric;  // pooled requests, Mann-Whitney at 0.05
  double gate_inconclusive;
};

// clang-format off
const std::vector<FalseAlarmRow> kFalseAlarms = {
    {NoiseModel::lognormal,    0.0007, 0.0350, 0.9050, 0.0001, 0.7800, 0.0117},
    {NoiseModel::heavy_tails,  0.0001, 0.0050, 0.8800, 0.0000, 0.8300, 0.0422},
    {NoiseModel::bimodal,      0.0001, 0.0050, 0.9050, 0.0000, 0.7350, 0.0000},
    {NoiseModel::outlier_runs, 0.0001, 0.0050, 0.7050, 0.0040, 0.8900, 0.8588},
    {NoiseModel::heavy_noise,  0.0005, 0.0250, 0.9250, 0.5269, 0.9600, 0.9995},
    {NoiseModel::lognormal_2,  0.0007, 0.0350, 0.9150, 0.0000, 0.7700, 0.0001},
    {NoiseModel::mixed,        0.0006, 0.0300, 0.9400, 0.0075, 0.5350, 0.1349},
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
  check_near("gate per metric", f.gate.metric_alarm_rate(), row.gate_per_metric, f.gate.unshifted,
             f.gate.suites);
  check_near("gate per suite", f.gate.suite_alarm_rate(), row.gate_per_suite, f.gate.suites,
             f.gate.suites);
  check_near("welch per suite", f.welch_uncorrected.suite_alarm_rate(), row.welch_per_suite,
             f.welch_uncorrected.suites, f.gate.suites);
  check_near("ratio per metric", f.ratio_rule.metric_alarm_rate(), row.ratio_per_metric,
             f.ratio_rule.unshifted, f.gate.suites);
  check_near("pooled per metric", f.pooled_mann_whitney.metric_alarm_rate(), row.pooled_per_metric,
             f.pooled_mann_whitney.unshifted, f.gate.suites);
  check_near("gate inconclusive", f.gate_inconclusive_rate(), row.gate_inconclusive,
             f.gate_comparisons, f.gate.suites);
  // The targets, for every noise model including heavy noise.
  CHECK(f.gate.metric_alarm_rate() <= 0.01);
  CHECK(f.gate.suite_alarm_rate() <= 0.05 + 4 * std::sqrt(0.05 * 0.95 / f.gate.suites));
  check_heavy_noise(row.noise, f);
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
  double gate_power;  // expected figures (kExpectedSuites suites)
  double welch_power;
  double ratio_power;
  double gate_wrong;  // comparisons with a wrong verdict (any metric)
};

// clang-format off
const std::vector<PowerRow> kPowerLognormal = {
    {NoiseModel::lognormal, 0.02, 0.0250, 0.3400, 0.0050, 0.0009},
    {NoiseModel::lognormal, 0.05, 0.8250, 0.9850, 0.5150, 0.0011},
    {NoiseModel::lognormal, 0.10, 1.0000, 1.0000, 1.0000, 0.0011},
    {NoiseModel::lognormal, 0.20, 1.0000, 1.0000, 1.0000, 0.0008},
};
const std::vector<PowerRow> kPowerOtherNoise = {
    {NoiseModel::heavy_tails,   0.02, 0.0400, 0.5050, 0.0000, 0.0000},
    {NoiseModel::heavy_tails,   0.05, 0.8450, 0.9800, 0.5200, 0.0005},
    {NoiseModel::heavy_tails,   0.10, 0.9800, 0.9950, 1.0000, 0.0000},
    {NoiseModel::heavy_tails,   0.20, 1.0000, 1.0000, 1.0000, 0.0000},
    {NoiseModel::bimodal,       0.02, 0.0400, 0.6150, 0.0050, 0.0001},
    {NoiseModel::bimodal,       0.05, 0.9800, 1.0000, 0.4900, 0.0000},
    {NoiseModel::bimodal,       0.10, 1.0000, 1.0000, 1.0000, 0.0000},
    {NoiseModel::bimodal,       0.20, 1.0000, 1.0000, 1.0000, 0.0000},
    {NoiseModel::outlier_runs,  0.02, 0.0000, 0.1350, 0.0200, 0.0001},
    {NoiseModel::outlier_runs,  0.05, 0.0800, 0.4350, 0.5450, 0.0001},
    {NoiseModel::outlier_runs,  0.10, 0.5200, 0.9000, 0.9950, 0.0001},
    {NoiseModel::outlier_runs,  0.20, 0.9950, 1.0000, 1.0000, 0.0001},
    {NoiseModel::heavy_noise,   0.02, 0.0000, 0.0300, 0.3650, 0.0008},
    {NoiseModel::heavy_noise,   0.05, 0.0000, 0.1450, 0.5600, 0.0011},
    {NoiseModel::heavy_noise,   0.10, 0.0300, 0.2800, 0.7650, 0.0010},
    {NoiseModel::heavy_noise,   0.20, 0.2850, 0.7600, 0.9450, 0.0016},
    {NoiseModel::lognormal_2,   0.02, 0.0550, 0.5400, 0.0000, 0.0007},
    {NoiseModel::lognormal_2,   0.05, 0.9650, 1.0000, 0.5100, 0.0003},
    {NoiseModel::lognormal_2,   0.10, 1.0000, 1.0000, 1.0000, 0.0005},
    {NoiseModel::lognormal_2,   0.20, 1.0000, 1.0000, 1.0000, 0.0005},
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
  check_near("gate power", f.gate.power(), row.gate_power, f.gate.shifted, f.gate.suites);
  check_near("welch power", f.welch_uncorrected.power(), row.welch_power,
             f.welch_uncorrected.shifted, f.gate.suites);
  check_near("ratio power", f.ratio_rule.power(), row.ratio_power, f.ratio_rule.shifted,
             f.gate.suites);
  check_near("gate wrong", f.gate_wrong_rate(), row.gate_wrong, f.gate_comparisons, f.gate.suites);
  check_heavy_noise(row.noise, f);
}

// Pooled requests cost milliseconds per comparison, so the default run pools only where the
// table needs it: the lognormal rows.
void power_table(const std::vector<PowerRow>& rows, int suites, int pooled_metrics,
                 std::optional<NoiseModel> only = std::nullopt) {
  print_power_header();
  for (const auto& row : rows) {
    if (only && row.noise != *only) continue;
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

TEST_CASE("A/B: power per shift under heavy-tailed (Student-t, 3 df) noise", "[calibration]") {
  power_table(kPowerOtherNoise, kDefaultSuites, 0, NoiseModel::heavy_tails);
}

TEST_CASE("A/B: power per shift under bimodal runs", "[calibration]") {
  power_table(kPowerOtherNoise, kDefaultSuites, 0, NoiseModel::bimodal);
}

TEST_CASE("A/B: power per shift with outlier runs", "[calibration]") {
  power_table(kPowerOtherNoise, kDefaultSuites, 0, NoiseModel::outlier_runs);
}

TEST_CASE("A/B: heavy noise (15 %) ends inconclusive, not wrong", "[calibration]") {
  power_table(kPowerOtherNoise, kDefaultSuites, 0, NoiseModel::heavy_noise);
}

TEST_CASE("A/B: power per shift under 2 % between-run noise", "[calibration]") {
  power_table(kPowerOtherNoise, kDefaultSuites, 0, NoiseModel::lognormal_2);
}

// What 90 % power at a 5 % slowdown takes under 2.5 % noise: more repetitions. With 10 per
// side the standard error of the log ratio is 1.13 %, a 5 % shift is 4.3 of them, and Holm over
// 50 metrics asks p < 0.001 (|z| > 3.29) of the first rejection: even a test that knew the
// variance would detect it only 85 % of the time. 13 runs per side make it 4.9 standard errors.
struct RepetitionsRow {
  int repetitions;
  double gate_power;         // expected (kExpectedSuites suites)
  double suite_false_alarm;  // the same setup with no shift
};

// clang-format off
const std::vector<RepetitionsRow> kRepetitions = {
    {10, 0.8200, 0.0350},
    {13, 0.9550, 0.0550},
    {16, 0.9800, 0.0200},
};
// clang-format on

void repetitions_table(int suites) {
  std::printf("\nlognormal 2.5%%, 5%% shift of one metric of 50: power by runs per side\n");
  for (const auto& row : kRepetitions) {
    CalibrationFigures figures[2];
    for (int shifted = 0; shifted < 2; ++shifted) {
      SimulationSetup setup{.suites = suites,
                            .repetitions = row.repetitions,
                            .shift = shifted ? 0.05 : 0.0,
                            .pooled_metrics = 0};
      setup.seed = 0x4e9 + static_cast<std::uint64_t>(row.repetitions * 10 + shifted);
      figures[shifted] = simulate(setup);
    }
    std::printf("%2d runs per side: power %s, false alarms per suite %s\n", row.repetitions,
                percent(figures[1].gate.power()).c_str(),
                percent(figures[0].gate.suite_alarm_rate()).c_str());
    INFO("repetitions " << row.repetitions);
    check_near("power", figures[1].gate.power(), row.gate_power, figures[1].gate.shifted,
               figures[1].gate.suites);
    check_near("suite false alarms", figures[0].gate.suite_alarm_rate(), row.suite_false_alarm,
               figures[0].gate.suites, figures[0].gate.suites);
    CHECK(figures[0].gate.suite_alarm_rate() <=
          0.05 + 4 * std::sqrt(0.05 * 0.95 / figures[0].gate.suites));
  }
}

TEST_CASE("A/B: repetitions needed for 90 % power at a 5 % slowdown under 2.5 % noise",
          "[calibration]") {
  repetitions_table(kDefaultSuites);
}

// Repetitions that share a process (docs/statistics.md, "The statistical unit"): A/A under the
// per-process model (1.5 % per repetition, 1.5 % per process), 50 metrics, 10 repetitions a side.
// A fresh process per repetition (the default) gives independent runs of about 2.1 % noise. With
// 5 repetitions per process and the process as the unit, each side has two units. The third row
// is the design this replaces: all 10 in one invocation, counted as independent runs, where the
// process's offset looks like a change of the code. Bands: the suite false-alarm rate of the
// first two stays at most 5 % (plus the sampling margin of kDefaultSuites suites); the third
// alarms on most suites (measured 83 % by issue 14's study), checked to stay above 50 %.
struct ProcessRow {
  const char* design;
  int repetitions;  // a side
  int repetitions_per_process;
  bool process_is_unit;
};

void per_process_table(int suites) {
  std::printf("\n1.5%% per run + 1.5%% per process, A/A, 50 metrics\n");
  // 5 per process in 10 runs is two units a side: fewer than min_repetitions, so inconclusive,
  // never wrong; 10 processes of 5 (50 runs) give the test its 10 units back.
  const ProcessRow rows[] = {{"a process per repetition", 10, 1, true},
                             {"5 per process, the process the unit", 10, 5, true},
                             {"10 processes of 5, the process the unit", 50, 5, true},
                             {"10 in one process, runs as units", 10, 10, false}};
  for (const ProcessRow& row : rows) {
    SimulationSetup setup{.noise = NoiseModel::per_process,
                          .suites = suites,
                          .repetitions = row.repetitions,
                          .pooled_metrics = 0};
    setup.repetitions_per_process = row.repetitions_per_process;
    setup.process_is_unit = row.process_is_unit;
    setup.seed =
        0x9e0 + static_cast<std::uint64_t>(row.repetitions * 10 + row.repetitions_per_process);
    const CalibrationFigures figures = simulate(setup);
    std::printf("%-42s false alarms per metric %s, per suite %s, inconclusive %s\n", row.design,
                percent(figures.gate.metric_alarm_rate()).c_str(),
                percent(figures.gate.suite_alarm_rate()).c_str(),
                percent(figures.gate_inconclusive_rate()).c_str());
    INFO(row.design);
    const double margin = 4 * std::sqrt(0.05 * 0.95 / figures.gate.suites);
    if (row.process_is_unit)
      CHECK(figures.gate.suite_alarm_rate() <= 0.05 + margin);
    else
      CHECK(figures.gate.suite_alarm_rate() > 0.5);
  }
}

TEST_CASE("A/A: repetitions that share a process are one unit, or they fake changes",
          "[calibration]") {
  per_process_table(kDefaultSuites);
}

// Variance from history (docs/statistics.md, "Variance from history"): a committed baseline of
// 10 runs a side, 50 metrics (or 4, too few to fit a prior across them), one slowed by 5 %,
// with and without the run-to-run variances of 10 earlier baselines as each metric's prior.
// Bands: with history the suite false-alarm rate stays at most 5 %, and the power is never
// below the power without history by more than four standard errors of the shifted trials.
struct HistoryRow {
  NoiseModel noise;
  int metrics;
};

void history_table(int suites) {
  std::printf(
      "\n10 runs a side, 5%% shift of one metric: power without / with 10 earlier "
      "baselines as the prior\n");
  const HistoryRow rows[] = {{NoiseModel::lognormal, 50},
                             {NoiseModel::mixed, 50},
                             {NoiseModel::heavy_tails, 50},
                             {NoiseModel::lognormal, 4}};
  for (const HistoryRow& row : rows) {
    CalibrationFigures figures[2][2];  // [history][shifted]
    for (int history = 0; history < 2; ++history)
      for (int shifted = 0; shifted < 2; ++shifted) {
        SimulationSetup setup{.noise = row.noise,
                              .suites = suites,
                              .metrics = row.metrics,
                              .shift = shifted ? 0.05 : 0.0,
                              .pooled_metrics = 0};
        setup.history_baselines = history ? 10 : 0;
        setup.seed = 0x415 + static_cast<std::uint64_t>(row.metrics * 100 + history * 10 + shifted);
        figures[history][shifted] = simulate(setup);
      }
    const Tally& without = figures[0][1].gate;
    const Tally& with = figures[1][1].gate;
    std::printf("%-24s %2d metrics: power %s / %s, false alarms per suite %s / %s\n",
                to_string(row.noise), row.metrics, percent(without.power()).c_str(),
                percent(with.power()).c_str(),
                percent(figures[0][0].gate.suite_alarm_rate()).c_str(),
                percent(figures[1][0].gate.suite_alarm_rate()).c_str());
    INFO(to_string(row.noise) << ", " << row.metrics << " metrics");
    const double alarm_margin = 4 * std::sqrt(0.05 * 0.95 / figures[1][0].gate.suites);
    CHECK(figures[1][0].gate.suite_alarm_rate() <= 0.05 + alarm_margin);
    const double p = std::clamp(without.power(), 0.05, 0.95);
    CHECK(with.power() >= without.power() - 4 * std::sqrt(2 * p * (1 - p) / with.shifted));
  }
}

TEST_CASE("A/B: variances of earlier baselines as the prior, power and false alarms",
          "[calibration]") {
  history_table(kDefaultSuites);
}

TEST_CASE("A/A long: false alarms with 2000 suites", "[.long]") {
  false_alarm_table(kLongSuites);
}

TEST_CASE("A/B long: power with 2000 suites", "[.long]") {
  power_table(kPowerLognormal, kLongSuites, 1);
  power_table(kPowerOtherNoise, kLongSuites, 1);
}

TEST_CASE("A/B long: repetitions with 2000 suites", "[.long]") {
  repetitions_table(kLongSuites);
}
