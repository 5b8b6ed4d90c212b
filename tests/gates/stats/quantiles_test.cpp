#include "gates/stats/quantiles.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

namespace stats = perfgate::stats;

TEST_CASE("quantiles interpolate linearly like NumPy", "[stats][quantiles]") {
  const std::vector<double> four{4, 1, 3, 2};
  CHECK(stats::median(four) == 2.5);
  CHECK(stats::quantile(four, 0) == 1);
  CHECK(stats::quantile(four, 1) == 4);
  const std::vector<double> ten{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  CHECK(stats::quantile(ten, 0.9) == Approx(9.1));  // numpy.quantile(range(1, 11), 0.9)
  CHECK(stats::quantile(ten, 0.25) == Approx(3.25));
  CHECK(stats::mean(ten) == 5.5);
}

TEST_CASE("quantile edge cases", "[stats][quantiles]") {
  CHECK(stats::median(std::vector<double>{7}) == 7);
  CHECK(stats::quantile(std::vector<double>{2, 2, 2}, 0.99) == 2);
  CHECK_THROWS_AS(stats::median(std::vector<double>{}), std::invalid_argument);
  CHECK_THROWS_AS(stats::quantile(std::vector<double>{1, 2}, 1.5), std::invalid_argument);
  CHECK_THROWS_AS(stats::mean(std::vector<double>{}), std::invalid_argument);
}
