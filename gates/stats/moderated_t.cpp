#include "gates/stats/moderated_t.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/polygamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace perfgate::stats {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kMaxDf = 1e6;

double mean_of(std::span<const double> values) {
  double sum = 0;
  for (double value : values) sum += value;
  return sum / static_cast<double>(values.size());
}

double sum_of_squares(std::span<const double> values, double mean) {
  double sum = 0;
  for (double value : values) sum += (value - mean) * (value - mean);
  return sum;
}

double two_sided_p(double t, double df) {
  if (std::isinf(t)) return 0;
  boost::math::students_t_distribution<double> distribution(df);
  return std::min(1.0, 2 * boost::math::cdf(boost::math::complement(distribution, std::abs(t))));
}

}  // namespace

double trigamma_inverse(double value) {
  if (!(value > 0)) throw std::invalid_argument("trigamma_inverse needs a positive value");
  if (value > 1e7) return 1 / std::sqrt(value);
  if (value < 1e-6) return 1 / value;
  double y = 0.5 + 1 / value;
  for (int iteration = 0; iteration < 50; ++iteration) {
    const double tri = boost::math::trigamma(y);
    const double step = tri * (1 - tri / value) / boost::math::polygamma(2, y);
    y += step;
    if (-step / y < 1e-8) break;
  }
  return y;
}

VariancePrior fit_variance_prior(std::span<const double> variances, std::span<const double> dfs) {
  if (variances.size() != dfs.size())
    throw std::invalid_argument("fit_variance_prior: variances and dfs differ in length");
  std::vector<double> e;
  double trigamma_sum = 0;
  for (size_t i = 0; i < variances.size(); ++i) {
    const double s2 = variances[i], d = dfs[i];
    if (!(std::isfinite(s2) && s2 > 0 && d > 0)) continue;
    e.push_back(std::log(s2) - boost::math::digamma(d / 2) + std::log(d / 2));
    trigamma_sum += boost::math::trigamma(d / 2);
  }
  if (e.size() < 3) return {};
  const double e_mean = mean_of(e);
  const double e_var = sum_of_squares(e, e_mean) / static_cast<double>(e.size() - 1) -
                       trigamma_sum / static_cast<double>(e.size());
  if (e_var <= 0) return {kInfinity, std::exp(e_mean)};
  const double d0 = 2 * trigamma_inverse(e_var);
  return {d0, std::exp(e_mean + boost::math::digamma(d0 / 2) - std::log(d0 / 2))};
}

double moderated_variance(double variance, double df, const VariancePrior& prior) {
  if (std::isinf(prior.df)) return prior.variance;
  if (prior.df <= 0) return variance;
  return (prior.df * prior.variance + df * variance) / (prior.df + df);
}

double pooled_variance(std::span<const double> x, std::span<const double> y) {
  if (x.size() < 2 || y.size() < 2)
    throw std::invalid_argument("pooled_variance needs 2 or more values per side");
  const double df = static_cast<double>(x.size() + y.size() - 2);
  return (sum_of_squares(x, mean_of(x)) + sum_of_squares(y, mean_of(y))) / df;
}

ModeratedTResult moderated_t_test(std::span<const double> x, std::span<const double> y,
                                  const VariancePrior& prior) {
  const double d = static_cast<double>(x.size() + y.size() - 2);
  ModeratedTResult result;
  result.mean_difference = mean_of(x) - mean_of(y);
  const double variance = moderated_variance(pooled_variance(x, y), d, prior);
  result.df = std::min(kMaxDf, d + (prior.df > 0 ? prior.df : 0));
  result.standard_error =
      std::sqrt(variance * (1.0 / static_cast<double>(x.size()) + 1.0 / y.size()));
  if (result.standard_error == 0) {
    result.t = result.mean_difference == 0 ? 0 : std::copysign(kInfinity, result.mean_difference);
    result.p_value = result.mean_difference == 0 ? 1 : 0;
    return result;
  }
  result.t = result.mean_difference / result.standard_error;
  result.p_value = two_sided_p(result.t, result.df);
  return result;
}

}  // namespace perfgate::stats
