// Hand-checked Welch cases, the zero-variance limits, and Student t quantile properties.
#include "gates/stats/welch.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace stats = perfgate::stats;
using stats::Alternative;

TEST_CASE("Welch on two samples of 3 with unit variance", "[stats][welch]") {
  const std::vector<double> x{1, 2, 3};
  const std::vector<double> y{4, 5, 6};
  const auto result = stats::welch_t_test(x, y);
  // se = sqrt(1/3 + 1/3); df = (2/3)^2 / ((1/3)^2 / 2 * 2) = 4.
  CHECK(result.t == Approx(-3 / std::sqrt(2.0 / 3)).epsilon(1e-14));
  CHECK(result.df == Approx(4).epsilon(1e-14));
  CHECK(result.mean_difference == -3);
  CHECK(result.p_value == Approx(0.021311641128756).epsilon(1e-9));  // mpmath, 30 digits
  CHECK(stats::welch_t_test(x, y, Alternative::less).p_value == Approx(result.p_value / 2));
  const auto interval = stats::welch_confidence_interval(result, 0.95);
  const double half_width = 2.7764451051977987 * std::sqrt(2.0 / 3);
  CHECK(interval.low == Approx(-3 - half_width).epsilon(1e-12));
  CHECK(interval.high == Approx(-3 + half_width).epsilon(1e-12));
}

TEST_CASE("zero variance on one side is ordinary Welch", "[stats][welch]") {
  const std::vector<double> x{1, 1, 1};
  const std::vector<double> y{2, 3, 4};
  const auto result = stats::welch_t_test(x, y);
  CHECK(result.t == Approx(-2 / std::sqrt(1.0 / 3)).epsilon(1e-14));
  CHECK(result.df == Approx(2).epsilon(1e-14));
}

TEST_CASE("zero variance on both sides returns the documented limits", "[stats][welch]") {
  const std::vector<double> ones{1, 1, 1};
  const std::vector<double> twos{2, 2};
  const auto same = stats::welch_t_test(ones, ones);
  CHECK(same.t == 0);
  CHECK(same.p_value == 1);
  CHECK(same.df == 4);
  const auto different = stats::welch_t_test(ones, twos);
  CHECK(different.t == -std::numeric_limits<double>::infinity());
  CHECK(different.p_value == 0);
  CHECK(stats::welch_t_test(ones, twos, Alternative::less).p_value == 0);
  CHECK(stats::welch_t_test(ones, twos, Alternative::greater).p_value == 1);
  const auto interval = stats::welch_confidence_interval(different, 0.95);
  CHECK(interval.low == -1);
  CHECK(interval.high == -1);
}

TEST_CASE("Welch needs two finite values per side", "[stats][welch]") {
  const std::vector<double> two{1, 2};
  const std::vector<double> one{1};
  const std::vector<double> empty;
  const std::vector<double> with_nan{1, std::nan("")};
  CHECK_THROWS_WITH(stats::welch_t_test(one, two), Catch::Contains("x has 1 values"));
  CHECK_THROWS_AS(stats::welch_t_test(two, empty), std::invalid_argument);
  CHECK_THROWS_AS(stats::welch_t_test(two, with_nan), std::invalid_argument);
}

TEST_CASE("Student t quantiles are symmetric and reject bad arguments", "[stats][welch]") {
  CHECK(stats::student_t_quantile(7.3, 0.025) ==
        Approx(-stats::student_t_quantile(7.3, 0.975)).epsilon(1e-14));
  CHECK(stats::student_t_quantile(5, 0.5) == Approx(0).margin(1e-15));
  CHECK(stats::student_t_quantile(1, 0.75) == Approx(1).epsilon(1e-14));  // Cauchy: tan(pi/4)
  CHECK_THROWS_AS(stats::student_t_quantile(0, 0.9), std::invalid_argument);
  CHECK_THROWS_AS(stats::student_t_quantile(3, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(stats::student_t_quantile(3, std::nan("")), std::invalid_argument);
}
