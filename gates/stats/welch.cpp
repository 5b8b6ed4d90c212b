#include "gates/stats/welch.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "gates/stats/quantiles.h"
#include "gates/stats/validation.h"

namespace perfgate::stats {

namespace {

// Sample variance (ddof = 1) by the two-pass algorithm, which avoids the cancellation of the
// sum-of-squares formula on values such as logs of nanoseconds (~20 with tiny spread).
double sample_variance(std::span<const double> values, double mean_value) {
  double sum_squares = 0;
  for (double value : values) sum_squares += (value - mean_value) * (value - mean_value);
  return sum_squares / static_cast<double>(values.size() - 1);
}

double tail_probability(double t, double df, Alternative alternative) {
  const boost::math::students_t_distribution<double> distribution(df);
  switch (alternative) {
    case Alternative::less:
      return boost::math::cdf(distribution, t);
    case Alternative::greater:
      return boost::math::cdf(boost::math::complement(distribution, t));
    case Alternative::two_sided:
      break;
  }
  return std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(distribution, std::abs(t))));
}

WelchResult degenerate_result(double difference, double df, Alternative alternative) {
  if (difference == 0) return {0.0, df, 1.0, 0.0, 0.0};
  const double infinity = std::numeric_limits<double>::infinity();
  const double t = difference > 0 ? infinity : -infinity;
  const bool supports_alternative = alternative == Alternative::two_sided ||
                                    (alternative == Alternative::greater && difference > 0) ||
                                    (alternative == Alternative::less && difference < 0);
  return {t, df, supports_alternative ? 0.0 : 1.0, difference, 0.0};
}

}  // namespace

WelchResult welch_t_test(std::span<const double> x, std::span<const double> y,
                         Alternative alternative) {
  require_finite_sample(x, 2, "welch_t_test", "x");
  require_finite_sample(y, 2, "welch_t_test", "y");
  const double n = static_cast<double>(x.size());
  const double m = static_cast<double>(y.size());
  const double mean_x = mean(x);
  const double mean_y = mean(y);
  const double share_x = sample_variance(x, mean_x) / n;  // var(x) / n
  const double share_y = sample_variance(y, mean_y) / m;
  const double difference = mean_x - mean_y;
  const double variance_of_difference = share_x + share_y;
  if (variance_of_difference == 0) return degenerate_result(difference, n + m - 2, alternative);
  // Welch-Satterthwaite: df = (a + b)^2 / (a^2 / (n - 1) + b^2 / (m - 1)).
  const double df = variance_of_difference * variance_of_difference /
                    (share_x * share_x / (n - 1) + share_y * share_y / (m - 1));
  const double standard_error = std::sqrt(variance_of_difference);
  const double t = difference / standard_error;
  return {t, df, tail_probability(t, df, alternative), difference, standard_error};
}

double student_t_quantile(double df, double probability) {
  if (!(df > 0) || std::isinf(df)) {
    throw std::invalid_argument("student_t_quantile: df must be finite and > 0");
  }
  if (!(probability > 0 && probability < 1)) {
    throw std::invalid_argument("student_t_quantile: probability must lie in (0, 1)");
  }
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), probability);
}

MeanDifferenceInterval welch_confidence_interval(const WelchResult& result, double confidence) {
  if (!(confidence > 0 && confidence < 1)) {
    throw std::invalid_argument("welch_confidence_interval: confidence must lie in (0, 1)");
  }
  if (result.standard_error == 0) return {result.mean_difference, result.mean_difference};
  const double half_width =
      student_t_quantile(result.df, (1 + confidence) / 2) * result.standard_error;
  return {result.mean_difference - half_width, result.mean_difference + half_width};
}

}  // namespace perfgate::stats
