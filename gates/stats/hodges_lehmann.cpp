#include "gates/stats/hodges_lehmann.h"

#include <vector>

#include "gates/stats/quantiles.h"
#include "gates/stats/validation.h"

namespace perfgate::stats {

double hodges_lehmann_shift(std::span<const double> x, std::span<const double> y) {
  require_finite_sample(x, 1, "hodges_lehmann_shift", "x");
  require_finite_sample(y, 1, "hodges_lehmann_shift", "y");
  std::vector<double> differences;
  differences.reserve(x.size() * y.size());
  for (double x_value : x) {
    for (double y_value : y) differences.push_back(y_value - x_value);
  }
  return quantile_in_place(differences, 0.5);
}

}  // namespace perfgate::stats
