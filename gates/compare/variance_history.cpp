#include "gates/compare/variance_history.h"

#include <algorithm>
#include <cmath>

#include "gates/compare/run_values.h"

namespace perfgate::gates {
namespace {

// Sample variance (ddof 1) of the logs of `values`; NaN when a value is not positive.
double log_variance(const std::vector<double>& values) {
  double sum = 0, sum_squares = 0;
  for (double value : values) {
    if (!(value > 0)) return std::nan("");
    const double log_value = std::log(value);
    sum += log_value;
    sum_squares += log_value * log_value;
  }
  const double n = static_cast<double>(values.size());
  return std::max(0.0, (sum_squares - sum * sum / n) / (n - 1));
}

}  // namespace

VarianceHistory variance_history(std::span<const SuiteResult> earlier,
                                 std::span<const MetricSelector> selectors) {
  VarianceHistory history;
  for (const SuiteResult& baseline : earlier) {
    for (const auto& [key, values] : collect_run_values(baseline, selectors).values) {
      if (values.size() < 2) continue;
      const double variance = log_variance(values);
      if (std::isfinite(variance))
        history[key].push_back({variance, static_cast<double>(values.size() - 1)});
    }
  }
  return history;
}

stats::VariancePrior history_prior(std::span<const HistoricalVariance> history) {
  if (static_cast<int>(history.size()) < kMinHistoryBaselines) return {};
  double weighted = 0, df = 0;
  for (const HistoricalVariance& entry : history) {
    weighted += entry.df * entry.variance;
    df += entry.df;
  }
  if (!(df > 0) || !(weighted > 0)) return {};
  return {.df = std::min(df, kMaxHistoryDf), .variance = weighted / df};
}

}  // namespace perfgate::gates
