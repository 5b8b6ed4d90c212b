#include "calibration_sim.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "gates/compare/compare.h"
#include "gates/stats/mann_whitney.h"
#include "gates/stats/quantiles.h"
#include "gates/stats/welch.h"

namespace perfgate::calibration {
namespace {

using Rng = std::mt19937_64;
using RunValues = std::vector<double>;      // one value per run
using SideValues = std::vector<RunValues>;  // per metric
enum class Alarm { none, regression, improvement };

constexpr double kAlpha = 0.05;
constexpr double kRatioThreshold = 0.05;
// Sampling error of a run's statistic over ~1000 requests of 10 % spread: small next to the
// between-run offsets, which is why runs, not requests, are the unit.
constexpr double kWithinRunStatisticSd = 0.004;

double normal(Rng& rng, double sd) {
  return std::normal_distribution<double>(0, sd)(rng);
}

// The run-to-run sd of metric `metric` of `metrics` under the mixed model: 1 % to 5 %.
double mixed_sd(int metric, int metrics) {
  return 0.01 * std::pow(5.0, metrics > 1 ? static_cast<double>(metric) / (metrics - 1) : 0.0);
}

double between_run_factor(NoiseModel noise, Rng& rng, double mixed_metric_sd) {
  switch (noise) {
    case NoiseModel::lognormal_2:
      return std::exp(normal(rng, 0.02));
    case NoiseModel::mixed:
      return std::exp(normal(rng, mixed_metric_sd));
    case NoiseModel::lognormal:
      return std::exp(normal(rng, 0.025));
    case NoiseModel::heavy_tails:
      return std::exp(0.025 * std::student_t_distribution<double>(3)(rng) / std::sqrt(3.0));
    case NoiseModel::bimodal:
      return std::exp(normal(rng, 0.01)) * (std::bernoulli_distribution(0.5)(rng) ? 1.03 : 1.0);
    case NoiseModel::outlier_runs:
      return std::exp(normal(rng, 0.025)) * (std::bernoulli_distribution(0.1)(rng) ? 1.2 : 1.0);
    case NoiseModel::heavy_noise:
      return std::exp(normal(rng, 0.15));
    case NoiseModel::per_process:
      return std::exp(normal(rng, 0.015));  // the process's own offset is added per process
  }
  return 1;
}

constexpr double kPerProcessOffsetSd = 0.015;

RunValues simulate_runs(const SimulationSetup& setup, int metric, double true_value, Rng& rng) {
  RunValues runs(static_cast<std::size_t>(setup.repetitions));
  const double metric_sd = mixed_sd(metric, setup.metrics);
  const std::size_t per_process =
      static_cast<std::size_t>(std::max(1, setup.repetitions_per_process));
  double process_offset = 1;
  for (std::size_t run = 0; run < runs.size(); ++run) {
    if (setup.noise == NoiseModel::per_process && run % per_process == 0)
      process_offset = std::exp(normal(rng, kPerProcessOffsetSd));
    runs[run] = true_value * process_offset * between_run_factor(setup.noise, rng, metric_sd) *
                std::exp(normal(rng, kWithinRunStatisticSd));
  }
  return runs;
}

SuiteResult make_suite(const SimulationSetup& setup, const SideValues& values) {
  SuiteResult suite{.suite = "calibration"};
  const int per_process = std::max(1, setup.repetitions_per_process);
  for (std::size_t metric = 0; metric < values.size(); ++metric) {
    ScenarioResult scenario{.name = std::to_string(metric), .adapter = "gbench"};
    for (std::size_t run = 0; run < values[metric].size(); ++run) {
      RunResult result{.index = static_cast<int>(run)};
      if (per_process > 1 && setup.process_is_unit)
        result.process = static_cast<int>(run) / per_process * per_process;
      result.add(Metric{.name = "real_time", .unit = "ns", .value = values[metric][run]});
      scenario.runs.push_back(std::move(result));
    }
    suite.scenarios.push_back(std::move(scenario));
  }
  return suite;
}

std::vector<double> logs(const std::vector<double>& values) {
  std::vector<double> result(values.size());
  std::transform(values.begin(), values.end(), result.begin(),
                 [](double v) { return std::log(v); });
  return result;
}

Alarm by_sign(bool alarmed, double candidate_minus_baseline) {
  if (!alarmed) return Alarm::none;
  return candidate_minus_baseline > 0 ? Alarm::regression : Alarm::improvement;
}

Alarm welch_alarm(const RunValues& baseline, const RunValues& candidate) {
  const auto result = stats::welch_t_test(logs(candidate), logs(baseline));
  return by_sign(result.p_value < kAlpha, result.mean_difference);
}

Alarm ratio_alarm(const RunValues& baseline, const RunValues& candidate) {
  const double ratio = stats::median(candidate) / stats::median(baseline);
  return by_sign(std::abs(ratio - 1) > kRatioThreshold, ratio - 1);
}

// Requests of every run pooled into one sample, each request around its run's value.
std::vector<double> pooled_requests(const SimulationSetup& setup, const RunValues& runs, Rng& rng) {
  std::vector<double> requests;
  requests.reserve(runs.size() * static_cast<std::size_t>(setup.requests_per_run));
  for (double run_value : runs) {
    for (int i = 0; i < setup.requests_per_run; ++i) {
      requests.push_back(run_value * std::exp(normal(rng, setup.within_run_spread)));
    }
  }
  return requests;
}

struct PooledAlarms {
  Alarm mann_whitney = Alarm::none;
  Alarm welch = Alarm::none;
};

PooledAlarms pooled_alarms(const SimulationSetup& setup, const RunValues& baseline,
                           const RunValues& candidate, Rng& rng) {
  const auto base = pooled_requests(setup, baseline, rng);
  const auto cand = pooled_requests(setup, candidate, rng);
  const auto rank = stats::mann_whitney_u(cand, base);
  const double median_shift = stats::median(cand) - stats::median(base);
  return {by_sign(rank.p_value < kAlpha, median_shift), welch_alarm(base, cand)};
}

// Adds one comparison's alarm to a tally; returns whether it was a false alarm.
bool record(Tally& tally, Alarm alarm, bool shifted) {
  if (shifted) {
    ++tally.shifted;
    tally.detected += alarm == Alarm::regression ? 1 : 0;
    return false;
  }
  ++tally.unshifted;
  const bool false_alarm = alarm != Alarm::none;
  tally.false_alarms += false_alarm ? 1 : 0;
  return false_alarm;
}

Alarm gate_alarm(gates::Verdict verdict) {
  if (verdict == gates::Verdict::regression) return Alarm::regression;
  if (verdict == gates::Verdict::improvement) return Alarm::improvement;
  return Alarm::none;
}

bool is_shifted(const SimulationSetup& setup, std::size_t metric) {
  return setup.shift != 0 && metric == 0;
}

void record_gate(const SimulationSetup& setup, const SideValues& baseline,
                 const SideValues& candidate, const std::vector<SuiteResult>& history,
                 CalibrationFigures& figures) {
  gates::GatePolicy policy;
  policy.metrics = {{"real_time", gates::Statistic::value}};
  policy.threshold = setup.gate_threshold;
  const auto result = gates::compare(make_suite(setup, baseline), make_suite(setup, candidate),
                                     policy, gates::variance_history(history, policy.metrics));
  bool suite_alarmed = false;
  for (const auto& comparison : result.comparisons) {
    const auto metric = static_cast<std::size_t>(std::stoi(comparison.key.scenario));
    const bool shifted = is_shifted(setup, metric);
    const Alarm alarm = gate_alarm(comparison.verdict);
    const bool false_alarm = record(figures.gate, alarm, shifted);
    suite_alarmed = suite_alarmed || false_alarm;
    ++figures.gate_comparisons;
    figures.gate_inconclusive += comparison.verdict == gates::Verdict::inconclusive ? 1 : 0;
    figures.gate_wrong += (false_alarm || (shifted && alarm == Alarm::improvement)) ? 1 : 0;
  }
  ++figures.gate.suites;
  figures.gate.suites_alarmed += suite_alarmed ? 1 : 0;
}

void record_naive(const SimulationSetup& setup, const SideValues& baseline,
                  const SideValues& candidate, CalibrationFigures& figures, Rng& rng) {
  bool welch_suite = false;
  bool ratio_suite = false;
  for (std::size_t metric = 0; metric < baseline.size(); ++metric) {
    const bool shifted = is_shifted(setup, metric);
    const auto& base = baseline[metric];
    const auto& cand = candidate[metric];
    welch_suite =
        record(figures.welch_uncorrected, welch_alarm(base, cand), shifted) || welch_suite;
    ratio_suite = record(figures.ratio_rule, ratio_alarm(base, cand), shifted) || ratio_suite;
    if (metric < static_cast<std::size_t>(setup.pooled_metrics)) {
      const auto pooled = pooled_alarms(setup, base, cand, rng);
      record(figures.pooled_mann_whitney, pooled.mann_whitney, shifted);
      record(figures.pooled_welch, pooled.welch, shifted);
    }
  }
  for (Tally* tally : {&figures.welch_uncorrected, &figures.ratio_rule}) ++tally->suites;
  figures.welch_uncorrected.suites_alarmed += welch_suite ? 1 : 0;
  figures.ratio_rule.suites_alarmed += ratio_suite ? 1 : 0;
}

double rate(long count, long total) {
  return total == 0 ? 0 : static_cast<double>(count) / static_cast<double>(total);
}

}  // namespace

const char* to_string(NoiseModel noise) {
  switch (noise) {
    case NoiseModel::lognormal:
      return "lognormal 2.5%";
    case NoiseModel::heavy_tails:
      return "student-t3 2.5%";
    case NoiseModel::bimodal:
      return "bimodal 3%";
    case NoiseModel::outlier_runs:
      return "outlier runs 1/10 +20%";
    case NoiseModel::heavy_noise:
      return "heavy lognormal 15%";
    case NoiseModel::lognormal_2:
      return "lognormal 2%";
    case NoiseModel::mixed:
      return "mixed 1-5% per metric";
    case NoiseModel::per_process:
      return "1.5% per run + 1.5% per process";
  }
  return "?";
}

double Tally::metric_alarm_rate() const {
  return rate(false_alarms, unshifted);
}
double Tally::suite_alarm_rate() const {
  return rate(suites_alarmed, suites);
}
double Tally::power() const {
  return rate(detected, shifted);
}
double CalibrationFigures::gate_inconclusive_rate() const {
  return rate(gate_inconclusive, gate_comparisons);
}
double CalibrationFigures::gate_wrong_rate() const {
  return rate(gate_wrong, gate_comparisons);
}

CalibrationFigures simulate(const SimulationSetup& setup) {
  Rng rng(setup.seed);
  CalibrationFigures figures;
  for (int suite = 0; suite < setup.suites; ++suite) {
    SideValues baseline;
    SideValues candidate;
    std::vector<SideValues> earlier(static_cast<std::size_t>(setup.history_baselines));
    for (int metric = 0; metric < setup.metrics; ++metric) {
      for (SideValues& side : earlier)
        side.push_back(simulate_runs(setup, metric, 1000.0 * (metric + 1), rng));
      const double true_ns = 1000.0 * (metric + 1);
      const double slowdown = is_shifted(setup, static_cast<std::size_t>(metric)) ? setup.shift : 0;
      baseline.push_back(simulate_runs(setup, metric, true_ns, rng));
      candidate.push_back(simulate_runs(setup, metric, true_ns * (1 + slowdown), rng));
    }
    std::vector<SuiteResult> history;
    for (const SideValues& side : earlier) history.push_back(make_suite(setup, side));
    record_gate(setup, baseline, candidate, history, figures);
    record_naive(setup, baseline, candidate, figures, rng);
  }
  return figures;
}

}  // namespace perfgate::calibration
