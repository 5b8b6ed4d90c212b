#include "gates/stats/multiplicity.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace stats = perfgate::stats;
using stats::Correction;

TEST_CASE("Holm by hand, in input order", "[stats][multiplicity]") {
  // Sorted: 0.01 * 3 = 0.03, 0.03 * 2 = 0.06, 0.04 * 1 = 0.04 -> raised to 0.06 (monotone).
  const std::vector<double> p{0.01, 0.04, 0.03};
  const auto adjusted = stats::adjust_p_values(p, Correction::holm);
  REQUIRE(adjusted.size() == 3);
  CHECK(adjusted[0] == Approx(0.03));
  CHECK(adjusted[1] == Approx(0.06));
  CHECK(adjusted[2] == Approx(0.06));
}

TEST_CASE("Benjamini-Hochberg by hand, in input order", "[stats][multiplicity]") {
  // Sorted: 0.01 * 3/1 = 0.03, 0.03 * 3/2 = 0.045 -> lowered to 0.04, 0.04 * 3/3 = 0.04.
  const std::vector<double> p{0.01, 0.04, 0.03};
  const auto adjusted = stats::adjust_p_values(p, Correction::benjamini_hochberg);
  CHECK(adjusted[0] == Approx(0.03));
  CHECK(adjusted[1] == Approx(0.04));
  CHECK(adjusted[2] == Approx(0.04));
}

TEST_CASE("adjusted p-values are capped at 1 and ties stay tied", "[stats][multiplicity]") {
  const std::vector<double> p{0.6, 0.9, 0.6};
  const auto holm = stats::adjust_p_values(p, Correction::holm);
  CHECK(holm == std::vector<double>{1, 1, 1});
  const std::vector<double> tied{0.02, 0.02};
  const auto bh = stats::adjust_p_values(tied, Correction::benjamini_hochberg);
  CHECK(bh[0] == bh[1]);
  CHECK(bh[0] == Approx(0.02));
}

TEST_CASE("multiplicity edge cases", "[stats][multiplicity]") {
  CHECK(stats::adjust_p_values(std::vector<double>{}, Correction::holm).empty());
  CHECK(stats::adjust_p_values(std::vector<double>{0.2}, Correction::holm) ==
        std::vector<double>{0.2});
  const std::vector<double> p{0.01, 0.5};
  CHECK(stats::adjust_p_values(p, Correction::none) == p);
  CHECK_THROWS_WITH(
      stats::adjust_p_values(std::vector<double>{0.1, std::nan("")}, Correction::holm),
      Catch::Contains("index 1"));
  CHECK_THROWS_AS(stats::adjust_p_values(std::vector<double>{1.5}, Correction::none),
                  std::invalid_argument);
}
