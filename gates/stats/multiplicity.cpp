#include "gates/stats/multiplicity.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace perfgate::stats {

namespace {

void require_probabilities(std::span<const double> p_values) {
  for (std::size_t i = 0; i < p_values.size(); ++i) {
    if (!(p_values[i] >= 0.0 && p_values[i] <= 1.0)) {
      throw std::invalid_argument("adjust_p_values: p-value at index " + std::to_string(i) +
                                  " is NaN or outside [0, 1]");
    }
  }
}

// Indices of p_values in ascending order of p; stable so equal p-values keep input order.
std::vector<std::size_t> ascending_order(std::span<const double> p_values) {
  std::vector<std::size_t> order(p_values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return p_values[a] < p_values[b]; });
  return order;
}

std::vector<double> holm(std::span<const double> p_values) {
  const auto order = ascending_order(p_values);
  const double count = static_cast<double>(p_values.size());
  std::vector<double> adjusted(p_values.size());
  double running_max = 0;  // step-down: never below an earlier (smaller-p) adjusted value
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const double scaled = (count - static_cast<double>(rank)) * p_values[order[rank]];
    running_max = std::max(running_max, std::min(1.0, scaled));
    adjusted[order[rank]] = running_max;
  }
  return adjusted;
}

std::vector<double> benjamini_hochberg(std::span<const double> p_values) {
  const auto order = ascending_order(p_values);
  const double count = static_cast<double>(p_values.size());
  std::vector<double> adjusted(p_values.size());
  double running_min = 1;  // step-up: never above a later (larger-p) adjusted value
  for (std::size_t rank = order.size(); rank-- > 0;) {
    const double scaled = count / static_cast<double>(rank + 1) * p_values[order[rank]];
    running_min = std::min(running_min, scaled);
    adjusted[order[rank]] = running_min;
  }
  return adjusted;
}

}  // namespace

std::vector<double> adjust_p_values(std::span<const double> p_values, Correction correction) {
  require_probabilities(p_values);
  switch (correction) {
    case Correction::holm:
      return holm(p_values);
    case Correction::benjamini_hochberg:
      return benjamini_hochberg(p_values);
    case Correction::none:
      break;
  }
  return {p_values.begin(), p_values.end()};
}

}  // namespace perfgate::stats
