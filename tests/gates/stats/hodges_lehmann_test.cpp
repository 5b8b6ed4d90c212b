#include "gates/stats/hodges_lehmann.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

namespace stats = perfgate::stats;

TEST_CASE("Hodges-Lehmann is the median of pairwise differences", "[stats][hl]") {
  // Differences y - x: 2, 4, 1, 3 -> median (2 + 3) / 2.
  CHECK(stats::hodges_lehmann_shift(std::vector<double>{1, 2}, std::vector<double>{3, 5}) == 2.5);
  // Odd count: differences 1, 2, 3 -> 2.
  CHECK(stats::hodges_lehmann_shift(std::vector<double>{0}, std::vector<double>{3, 1, 2}) == 2);
}

TEST_CASE("Hodges-Lehmann edge cases", "[stats][hl]") {
  const std::vector<double> sample{1, 2, 3};
  CHECK(stats::hodges_lehmann_shift(sample, sample) == 0);
  CHECK(stats::hodges_lehmann_shift(std::vector<double>{4}, std::vector<double>{7}) == 3);
  CHECK_THROWS_AS(stats::hodges_lehmann_shift(sample, std::vector<double>{}),
                  std::invalid_argument);
}
