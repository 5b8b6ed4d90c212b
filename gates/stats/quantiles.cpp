#include "gates/stats/quantiles.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "gates/stats/validation.h"

namespace perfgate::stats {

double quantile_in_place(std::span<double> values, double q) {
  if (values.empty()) throw std::invalid_argument("quantile: sample is empty");
  if (!(q >= 0.0 && q <= 1.0)) throw std::invalid_argument("quantile: q must lie in [0, 1]");
  // Position h = (n - 1) q; the answer interpolates between order statistics floor(h), floor(h)+1.
  const double position = q * static_cast<double>(values.size() - 1);
  const auto lower_index = static_cast<std::size_t>(position);
  const double fraction = position - static_cast<double>(lower_index);
  auto lower = values.begin() + static_cast<std::ptrdiff_t>(lower_index);
  std::nth_element(values.begin(), lower, values.end());
  const double lower_value = *lower;
  if (fraction == 0.0 || lower_index + 1 == values.size()) return lower_value;
  // After nth_element everything right of `lower` is >= it; the next order statistic is its min.
  const double upper_value = *std::min_element(lower + 1, values.end());
  return lower_value + fraction * (upper_value - lower_value);
}

double quantile(std::span<const double> values, double q) {
  require_finite_sample(values, 1, "quantile", "sample");
  std::vector<double> copy(values.begin(), values.end());
  return quantile_in_place(copy, q);
}

double median(std::span<const double> values) {
  return quantile(values, 0.5);
}

double mean(std::span<const double> values) {
  require_finite_sample(values, 1, "mean", "sample");
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

}  // namespace perfgate::stats
