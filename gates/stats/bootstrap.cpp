#include "gates/stats/bootstrap.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

#include "gates/stats/quantiles.h"
#include "gates/stats/validation.h"

namespace perfgate::stats {

namespace {

// Uniform indices in [0, n) from the top 32 bits of mt19937_64 by multiply-shift (Lemire 2019,
// "Fast random integer generation in an interval", without the rejection step: the bias is below
// n / 2^32, far under the Monte Carlo error of any bootstrap). n < 2^32 always holds for samples.
class IndexSource {
 public:
  explicit IndexSource(std::uint64_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) {
    return static_cast<std::size_t>(((engine_() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }

 private:
  std::mt19937_64 engine_;
};

void require_options(const BootstrapOptions& options, const char* function) {
  if (options.resamples == 0) {
    throw std::invalid_argument(std::string(function) + ": resamples must be >= 1");
  }
  if (!(options.confidence > 0 && options.confidence < 1)) {
    throw std::invalid_argument(std::string(function) + ": confidence must lie in (0, 1)");
  }
}

void require_runs(Runs runs, bool positive, const char* function, const char* side) {
  if (runs.empty())
    throw std::invalid_argument(std::string(function) + ": " + side + " has no runs");
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string name = std::string(side) + " run " + std::to_string(i);
    if (positive) {
      require_positive_sample(runs[i], 1, function, name.c_str());
    } else {
      require_finite_sample(runs[i], 1, function, name.c_str());
    }
  }
}

// Resamples one flat sample into a buffer it reuses, so the loop allocates nothing.
class FlatResampler {
 public:
  explicit FlatResampler(std::span<const double> values)
      : values_(values), scratch_(values.size()) {}

  double original(const Statistic& statistic) {
    std::copy(values_.begin(), values_.end(), scratch_.begin());
    return statistic(scratch_);
  }

  double resampled(const Statistic& statistic, IndexSource& indices) {
    for (double& slot : scratch_) slot = values_[indices.below(values_.size())];
    return statistic(scratch_);
  }

 private:
  std::span<const double> values_;
  std::vector<double> scratch_;
};

// Resamples runs, then values within each chosen run, into one pooled buffer.
class HierarchicalResampler {
 public:
  explicit HierarchicalResampler(Runs runs) : runs_(runs) {
    std::size_t largest = 0;
    for (const auto& run : runs_) largest = std::max(largest, run.size());
    scratch_.reserve(largest * runs_.size());
  }

  double original(const Statistic& statistic) {
    scratch_.clear();
    for (const auto& run : runs_) scratch_.insert(scratch_.end(), run.begin(), run.end());
    return statistic(scratch_);
  }

  double resampled(const Statistic& statistic, IndexSource& indices) {
    scratch_.clear();  // keeps capacity: no allocation after the first call
    for (std::size_t chosen = 0; chosen < runs_.size(); ++chosen) {
      const auto& run = runs_[indices.below(runs_.size())];
      for (std::size_t i = 0; i < run.size(); ++i)
        scratch_.push_back(run[indices.below(run.size())]);
    }
    return statistic(scratch_);
  }

 private:
  Runs runs_;
  std::vector<double> scratch_;
};

BootstrapInterval percentile_interval(double estimate, std::vector<double>& replicates,
                                      double confidence) {
  const double tail = (1 - confidence) / 2;
  const double low = quantile_in_place(replicates, tail);
  const double high = quantile_in_place(replicates, 1 - tail);
  return {estimate, low, high};
}

template <class Resampler>
BootstrapInterval one_sample_interval(Resampler& resampler, const Statistic& statistic,
                                      const BootstrapOptions& options) {
  const double estimate = resampler.original(statistic);
  IndexSource indices(options.seed);
  std::vector<double> replicates(options.resamples);
  for (double& replicate : replicates) replicate = resampler.resampled(statistic, indices);
  return percentile_interval(estimate, replicates, options.confidence);
}

template <class Resampler>
BootstrapInterval ratio_interval(Resampler& baseline, Resampler& candidate,
                                 const Statistic& statistic, const BootstrapOptions& options) {
  const double estimate = candidate.original(statistic) / baseline.original(statistic);
  IndexSource indices(options.seed);
  std::vector<double> replicates(options.resamples);
  for (double& replicate : replicates) {
    const double baseline_value = baseline.resampled(statistic, indices);
    replicate = candidate.resampled(statistic, indices) / baseline_value;
  }
  return percentile_interval(estimate, replicates, options.confidence);
}

}  // namespace

Statistic median_statistic() {
  return quantile_statistic(0.5);
}

Statistic quantile_statistic(double q) {
  if (!(q >= 0 && q <= 1)) throw std::invalid_argument("quantile_statistic: q must lie in [0, 1]");
  return [q](std::span<double> values) { return quantile_in_place(values, q); };
}

BootstrapInterval bootstrap_interval(std::span<const double> values, const Statistic& statistic,
                                     const BootstrapOptions& options) {
  require_options(options, "bootstrap_interval");
  require_finite_sample(values, 1, "bootstrap_interval", "sample");
  FlatResampler resampler(values);
  return one_sample_interval(resampler, statistic, options);
}

BootstrapInterval bootstrap_ratio_interval(std::span<const double> baseline,
                                           std::span<const double> candidate,
                                           const Statistic& statistic,
                                           const BootstrapOptions& options) {
  require_options(options, "bootstrap_ratio_interval");
  require_positive_sample(baseline, 1, "bootstrap_ratio_interval", "baseline");
  require_positive_sample(candidate, 1, "bootstrap_ratio_interval", "candidate");
  FlatResampler baseline_resampler(baseline);
  FlatResampler candidate_resampler(candidate);
  return ratio_interval(baseline_resampler, candidate_resampler, statistic, options);
}

BootstrapInterval bootstrap_median_ratio(std::span<const double> baseline,
                                         std::span<const double> candidate,
                                         const BootstrapOptions& options) {
  return bootstrap_ratio_interval(baseline, candidate, median_statistic(), options);
}

BootstrapInterval hierarchical_bootstrap_interval(Runs runs, const Statistic& statistic,
                                                  const BootstrapOptions& options) {
  require_options(options, "hierarchical_bootstrap_interval");
  require_runs(runs, false, "hierarchical_bootstrap_interval", "sample");
  HierarchicalResampler resampler(runs);
  return one_sample_interval(resampler, statistic, options);
}

BootstrapInterval hierarchical_bootstrap_ratio(Runs baseline, Runs candidate,
                                               const Statistic& statistic,
                                               const BootstrapOptions& options) {
  require_options(options, "hierarchical_bootstrap_ratio");
  require_runs(baseline, true, "hierarchical_bootstrap_ratio", "baseline");
  require_runs(candidate, true, "hierarchical_bootstrap_ratio", "candidate");
  HierarchicalResampler baseline_resampler(baseline);
  HierarchicalResampler candidate_resampler(candidate);
  return ratio_interval(baseline_resampler, candidate_resampler, statistic, options);
}

}  // namespace perfgate::stats
