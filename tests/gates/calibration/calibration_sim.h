// Calibration simulations with known truth: suites of run values drawn from a chosen noise model,
// optionally with one metric slowed down, judged by perfgate's gate and by the naive rules other
// tools use, so the tests can measure false alarms and power of each on the same data.
#pragma once

#include <cstdint>

namespace perfgate::calibration {

// How one run's value departs from the true value (the run is the statistical unit).
enum class NoiseModel {
  lognormal,     // between-run offset exp(N(0, 2.5 %))
  heavy_tails,   // offset exp(2.5 % * t_3 / sqrt(3)): Student-t, 3 df, sd about 2.5 %
  bimodal,       // each run in one of two modes 3 % apart (p = 0.5), plus 1 % lognormal jitter
  outlier_runs,  // lognormal 2.5 %, and 1 run in 10 is 20 % slower
  heavy_noise,   // lognormal 15 %
  lognormal_2,   // between-run offset exp(N(0, 2 %))
  mixed,         // lognormal, each metric its own sd from 1 % to 5 % (log-spaced): metrics of
                 // one kind that are not equally noisy, the hard case for a shared variance prior
  per_process,   // 1.5 % lognormal per repetition, times a 1.5 % lognormal offset per process
                 // (memory layout, code alignment, frequency), shared by the repetitions of one
                 // process (SimulationSetup::repetitions_per_process)
};
const char* to_string(NoiseModel noise);

struct SimulationSetup {
  NoiseModel noise = NoiseModel::lognormal;
  int suites = 200;
  int metrics = 50;        // per suite, one scenario each
  int repetitions = 10;    // runs per side
  double shift = 0;        // relative slowdown of metric 0 in the candidate; 0 means A/A
  int pooled_metrics = 5;  // metrics per suite also judged by pooling raw requests (costly)
  int requests_per_run = 1000;
  double within_run_spread = 0.10;  // sd of log request latency around the run's value
  double gate_threshold = 0.05;     // the gate's practical threshold (GatePolicy default 5 %)
  // How many repetitions share one process, and whether the gate is told so (RunResult::process,
  // the process as the unit) or sees them as independent runs (the old one-invocation design).
  int repetitions_per_process = 1;
  bool process_is_unit = true;
  // Earlier baselines of the same suite, measured under the same noise, whose run-to-run
  // variances the gate takes as the prior of its tests (gates/compare/variance_history.h).
  int history_baselines = 0;
  std::uint64_t seed = 1;
};

// Counts for one decision rule over all simulated suites.
struct Tally {
  long false_alarms = 0;  // unshifted comparisons called regression or improvement
  long unshifted = 0;
  long suites_alarmed = 0;  // suites with at least one false alarm
  long suites = 0;
  long detected = 0;  // shifted comparisons called regression
  long shifted = 0;

  double metric_alarm_rate() const;
  double suite_alarm_rate() const;
  double power() const;
};

struct CalibrationFigures {
  Tally gate;                 // gates::compare, default policy (Holm, alpha 0.05, threshold 5 %)
  Tally welch_uncorrected;    // Welch on log run values, alpha 0.05 per metric, no correction
  Tally ratio_rule;           // |median ratio - 1| > 5 % alarms
  Tally pooled_mann_whitney;  // all requests pooled as independent samples, alpha 0.05
  Tally pooled_welch;         // the same with Welch on log request latencies
  long gate_comparisons = 0;
  long gate_inconclusive = 0;
  long gate_wrong = 0;  // a false alarm, or the shifted metric called an improvement

  double gate_inconclusive_rate() const;
  double gate_wrong_rate() const;
};

CalibrationFigures simulate(const SimulationSetup& setup);

}  // namespace perfgate::calibration
