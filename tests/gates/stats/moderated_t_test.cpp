// Moderated t: without a prior it is Student's t-test; a prior fitted on variances drawn from
// a known scaled inverse chi-square recovers it; shrinking adds the prior's degrees of freedom.
#include "gates/stats/moderated_t.h"

#include <algorithm>
#include <boost/math/special_functions/trigamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace stats = perfgate::stats;

TEST_CASE("without a prior the moderated t is Student's equal-variance t-test", "[stats]") {
  // Hand-checked: pooled variance 15/7, t = -1.5 / sqrt(15/7 * (1/4 + 1/5)), df 7; the p-value
  // by Simpson integration of the t density (2e6 steps): 0.170470660787013.
  const std::vector<double> x{1, 2, 3, 4}, y{2, 3, 4, 5, 6};
  const auto result = stats::moderated_t_test(x, y, {});
  CHECK(result.t == Approx(-1.5275252316519465).epsilon(1e-12));
  CHECK(result.df == 7);
  CHECK(result.p_value == Approx(0.170470660787013).epsilon(1e-9));
  CHECK(stats::pooled_variance(x, y) == Approx(15.0 / 7).epsilon(1e-14));
}

TEST_CASE("trigamma_inverse inverts trigamma", "[stats]") {
  for (double y : {0.05, 0.5, 1.0, 3.0, 25.0, 400.0}) {
    INFO("y " << y);
    CHECK(stats::trigamma_inverse(boost::math::trigamma(y)) == Approx(y).epsilon(1e-7));
  }
  CHECK_THROWS(stats::trigamma_inverse(0));
}

TEST_CASE("a prior fitted on variances from a known prior recovers it", "[stats]") {
  // True variances sigma^2 ~ s0^2 d0 / chi2(d0); observed s^2 ~ sigma^2 chi2(d) / d.
  const double d0 = 12, s0_squared = 4e-4, d = 18;
  std::mt19937_64 random(7);
  std::chi_squared_distribution<double> prior_chi(d0), sample_chi(d);
  std::vector<double> variances, dfs;
  for (int i = 0; i < 20000; ++i) {
    const double sigma_squared = s0_squared * d0 / prior_chi(random);
    variances.push_back(sigma_squared * sample_chi(random) / d);
    dfs.push_back(d);
  }
  const auto prior = stats::fit_variance_prior(variances, dfs);
  CHECK(prior.df == Approx(d0).epsilon(0.1));
  CHECK(prior.variance == Approx(s0_squared).epsilon(0.03));
}

TEST_CASE("equal true variances give an infinite prior: the test becomes a z-test", "[stats]") {
  std::mt19937_64 random(11);
  std::chi_squared_distribution<double> sample_chi(18);
  std::vector<double> variances, dfs;
  for (int i = 0; i < 5000; ++i) {
    variances.push_back(1e-3 * sample_chi(random) / 18);
    dfs.push_back(18);
  }
  const auto prior = stats::fit_variance_prior(variances, dfs);
  CHECK((std::isinf(prior.df) || prior.df > 500));
  CHECK(prior.variance == Approx(1e-3).epsilon(0.02));
  const std::vector<double> x{0.01, 0.02, 0.03}, y{0.0, 0.01, 0.02};
  const auto moderated = stats::moderated_t_test(x, y, prior);
  // Four degrees of freedom of its own; the prior's hundreds (or infinitely many) outweigh them.
  CHECK(moderated.df == Approx(std::min(1e6, 4 + prior.df)));
  const double variance = stats::moderated_variance(stats::pooled_variance(x, y), 4, prior);
  CHECK(variance == Approx(prior.variance).epsilon(0.01));
  CHECK(moderated.standard_error == Approx(std::sqrt(variance * (2.0 / 3))).epsilon(1e-12));
}

TEST_CASE("moderation pulls a variance towards the prior by the degrees of freedom", "[stats]") {
  const stats::VariancePrior prior{.df = 18, .variance = 2.0};
  CHECK(stats::moderated_variance(4.0, 18, prior) == Approx(3.0));
  CHECK(stats::moderated_variance(4.0, 18, {}) == 4.0);
  CHECK(stats::moderated_variance(4.0, 18, {std::numeric_limits<double>::infinity(), 2.0}) == 2.0);
}

TEST_CASE("too few usable variances give no prior", "[stats]") {
  const std::vector<double> variances{1.0, 0.0, std::nan("")};
  const std::vector<double> dfs{4, 4, 4};
  CHECK(stats::fit_variance_prior(variances, dfs).df == 0);
  CHECK_THROWS(stats::fit_variance_prior(variances, std::vector<double>{4}));
}
