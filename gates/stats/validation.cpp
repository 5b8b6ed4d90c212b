#include "gates/stats/validation.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace perfgate::stats {

namespace {

[[noreturn]] void fail(const char* function, const char* sample, const std::string& problem) {
  throw std::invalid_argument(std::string(function) + ": " + sample + " " + problem);
}

}  // namespace

void require_finite_sample(std::span<const double> values, std::size_t min_size,
                           const char* function, const char* sample) {
  if (values.size() < min_size) {
    fail(function, sample,
         "has " + std::to_string(values.size()) + " values, needs at least " +
             std::to_string(min_size));
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) fail(function, sample, "holds NaN at index " + std::to_string(i));
    if (std::isinf(values[i])) {
      fail(function, sample, "holds an infinity at index " + std::to_string(i));
    }
  }
}

void require_positive_sample(std::span<const double> values, std::size_t min_size,
                             const char* function, const char* sample) {
  require_finite_sample(values, min_size, function, sample);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] <= 0) {
      fail(function, sample,
           "holds a value <= 0 at index " + std::to_string(i) + " (ratios need positive values)");
    }
  }
}

}  // namespace perfgate::stats
