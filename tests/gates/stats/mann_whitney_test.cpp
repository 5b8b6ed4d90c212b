// Hand-checked Mann-Whitney cases and edge cases (SciPy agreement is in reference_vectors_test).
#include "gates/stats/mann_whitney.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace stats = perfgate::stats;
using stats::Alternative;
using stats::MannWhitneyMethod;

TEST_CASE("fully separated samples of 3 give the smallest exact p-values", "[stats][mwu]") {
  // Under the null each of the C(6,3) = 20 orderings is equally likely; only one gives U_x = 0.
  const std::vector<double> x{1, 2, 3};
  const std::vector<double> y{4, 5, 6};
  const auto two_sided = stats::mann_whitney_u(x, y);
  CHECK(two_sided.u == 0);
  CHECK(two_sided.method == MannWhitneyMethod::exact);
  CHECK(two_sided.p_value == Approx(0.1).epsilon(1e-15));
  CHECK(stats::mann_whitney_u(x, y, Alternative::less).p_value == Approx(0.05));
  CHECK(stats::mann_whitney_u(x, y, Alternative::greater).p_value == 1.0);
  CHECK(stats::mann_whitney_u(y, x, Alternative::greater).u == 9);
}

TEST_CASE("swapping the samples swaps less and greater", "[stats][mwu]") {
  const std::vector<double> x{3.1, 0.2, 5.5, 1.7, 2.2};
  const std::vector<double> y{4.0, 6.1, 0.9, 7.3};
  const auto forward = stats::mann_whitney_u(x, y, Alternative::less);
  const auto backward = stats::mann_whitney_u(y, x, Alternative::greater);
  CHECK(forward.u + backward.u == 20);
  CHECK(forward.p_value == Approx(backward.p_value).epsilon(1e-15));
}

TEST_CASE("one value on a side: U is uniform on 0..m", "[stats][mwu]") {
  const std::vector<double> x{10};
  const std::vector<double> y{1, 2, 3};
  const auto result = stats::mann_whitney_u(x, y, Alternative::greater);
  CHECK(result.u == 3);
  CHECK(result.p_value == Approx(0.25));
  CHECK(stats::mann_whitney_u(x, y).p_value == Approx(0.5));
}

TEST_CASE("ties count half and switch to the normal approximation", "[stats][mwu]") {
  const std::vector<double> x{1, 2};
  const std::vector<double> y{2, 3};
  const auto result = stats::mann_whitney_u(x, y);
  CHECK(result.u == 0.5);
  CHECK(result.method == MannWhitneyMethod::asymptotic);
  // N = 4, ties {2,2}: sigma^2 = 4/12 (5 - 6/12) = 1.5; z = (2 - ... ) with U = max(0.5, 3.5).
  const double z = (3.5 - 2 - 0.5) / std::sqrt(1.5);
  CHECK(result.p_value == Approx(std::erfc(z / std::sqrt(2.0))).epsilon(1e-12));
  CHECK_THROWS_AS(stats::mann_whitney_u(x, y, Alternative::two_sided, MannWhitneyMethod::exact),
                  std::invalid_argument);
}

TEST_CASE("all values equal carry no evidence", "[stats][mwu]") {
  const std::vector<double> x{5, 5};
  const std::vector<double> y{5, 5, 5};
  for (auto alternative : {Alternative::two_sided, Alternative::less, Alternative::greater}) {
    const auto result = stats::mann_whitney_u(x, y, alternative);
    CHECK(result.u == 3);
    CHECK(result.p_value == 1.0);
  }
}

TEST_CASE("exact and asymptotic agree closely for larger samples", "[stats][mwu]") {
  std::vector<double> x;
  std::vector<double> y;
  for (int i = 0; i < 25; ++i) {
    x.push_back(i * 1.0 + 0.3 * (i % 3));
    y.push_back(i * 1.0 + 4.1);
  }
  const auto exact = stats::mann_whitney_u(x, y, Alternative::less);
  const auto normal = stats::mann_whitney_u(x, y, Alternative::less, MannWhitneyMethod::asymptotic);
  CHECK(exact.method == MannWhitneyMethod::exact);
  CHECK(exact.u == normal.u);
  CHECK(std::abs(exact.p_value - normal.p_value) < 0.01);
  CHECK(exact.p_value < 0.5);
}

TEST_CASE("Mann-Whitney rejects empty samples, NaN and infinities", "[stats][mwu]") {
  const std::vector<double> some{1, 2};
  const std::vector<double> empty;
  const std::vector<double> with_nan{1, std::numeric_limits<double>::quiet_NaN()};
  const std::vector<double> with_inf{1, std::numeric_limits<double>::infinity()};
  CHECK_THROWS_AS(stats::mann_whitney_u(empty, some), std::invalid_argument);
  CHECK_THROWS_AS(stats::mann_whitney_u(some, empty), std::invalid_argument);
  CHECK_THROWS_WITH(stats::mann_whitney_u(some, with_nan),
                    Catch::Contains("y") && Catch::Contains("NaN at index 1"));
  CHECK_THROWS_AS(stats::mann_whitney_u(with_inf, some), std::invalid_argument);
}
