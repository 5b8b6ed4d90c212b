// Bootstrap confidence intervals over runs: the run (repetition) is the unit of replication.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace perfgate::stats {

struct BootstrapOptions {
  std::size_t resamples = 2000;  // >= 1; 2000 keeps the Monte Carlo error of a 95 % bound small
  double confidence = 0.95;      // in (0, 1)
  std::uint64_t seed = 0x9e3779b97f4a7c15;  // same seed and inputs => same interval, any platform
};

struct BootstrapInterval {
  double estimate = 0;  // the statistic on the original data
  double low = 0;
  double high = 0;
};

// A statistic of one sample. It receives a scratch buffer it may reorder (so it can use
// std::nth_element without copying) and must not keep it.
using Statistic = std::function<double(std::span<double>)>;

// Statistics for the functions below; quantile q in [0, 1] (Hyndman & Fan definition 7).
Statistic median_statistic();
Statistic quantile_statistic(double q);

// Percentile bootstrap interval (Efron & Tibshirani, An Introduction to the Bootstrap, 1993,
// ch. 13): resample `values` with replacement `resamples` times, and take the (1 -+ confidence)/2
// quantiles of the statistic over the resamples. Deterministic for a given seed: indices come from
// std::mt19937_64 (whose output the standard fixes) by multiply-shift, not from a
// std::uniform_int_distribution (whose algorithm varies between standard libraries).
// Inputs: at least one value, finite. n = 1 and equal values give low = high = estimate.
// Throws std::invalid_argument for bad input or options.
BootstrapInterval bootstrap_interval(std::span<const double> values, const Statistic& statistic,
                                     const BootstrapOptions& options = {});

// Interval of statistic(candidate) / statistic(baseline), each side resampled independently
// (two-sample percentile bootstrap, Efron & Tibshirani sec. 8.3). Values must be finite and > 0
// (statistics of positive samples are then positive, so the ratio is defined).
BootstrapInterval bootstrap_ratio_interval(std::span<const double> baseline,
                                           std::span<const double> candidate,
                                           const Statistic& statistic,
                                           const BootstrapOptions& options = {});

// The gate's default change estimate: median(candidate) / median(baseline) over run values.
BootstrapInterval bootstrap_median_ratio(std::span<const double> baseline,
                                         std::span<const double> candidate,
                                         const BootstrapOptions& options = {});

// Runs, each a list of raw values (e.g. request latencies of one repetition).
using Runs = std::span<const std::vector<double>>;

// Hierarchical (two-stage) bootstrap: resample runs with replacement, then values with
// replacement within each chosen run (each keeps its own size), and apply the statistic to the
// pooled resample. Resampling at both levels keeps the between-run variation that pooling all
// requests as independent would hide (Davison & Hinkley, Bootstrap Methods and their
// Application, 1997, sec. 3.8; Saravanan et al. 2020, "Application of the hierarchical bootstrap
// to multi-level data in neuroscience"). Cost per resample is the total number of values, so
// pass raw values of modest size (or a per-run subsample).
// Inputs: at least one run, every run non-empty, finite values.
BootstrapInterval hierarchical_bootstrap_interval(Runs runs, const Statistic& statistic,
                                                  const BootstrapOptions& options = {});

// statistic(pooled candidate) / statistic(pooled baseline), each side resampled hierarchically.
// Values must be finite and > 0.
BootstrapInterval hierarchical_bootstrap_ratio(Runs baseline, Runs candidate,
                                               const Statistic& statistic,
                                               const BootstrapOptions& options = {});

}  // namespace perfgate::stats
