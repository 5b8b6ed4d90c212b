// Input checks shared by the statistics: one message format for every function.
#pragma once

#include <cstddef>
#include <span>

namespace perfgate::stats {

// Throws std::invalid_argument "<function>: <sample> ..." when `values` has fewer than
// `min_size` elements or holds a NaN or an infinity.
void require_finite_sample(std::span<const double> values, std::size_t min_size,
                           const char* function, const char* sample);

// Throws std::invalid_argument unless every value is finite and strictly positive
// (ratios and logs need it).
void require_positive_sample(std::span<const double> values, std::size_t min_size,
                             const char* function, const char* sample);

}  // namespace perfgate::stats
