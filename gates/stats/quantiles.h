// Sample quantiles (linear interpolation between order statistics).
#pragma once

#include <span>

namespace perfgate::stats {

// Quantile q in [0, 1] by linear interpolation between the closest order statistics:
// Hyndman & Fan (1996) definition 7, the default of NumPy's `quantile` and R's `quantile`.
// Reorders `values` (uses std::nth_element: O(n), no allocation) — meant for scratch buffers in
// hot loops, so it does not scan for NaN: callers validate their input once.
// n = 1 returns the value; equal values return that value.
// Throws std::invalid_argument when `values` is empty or q is outside [0, 1].
double quantile_in_place(std::span<double> values, double q);

// The same on a copy; `values` must be finite (NaN and infinities are rejected).
double quantile(std::span<const double> values, double q);
double median(std::span<const double> values);

// Arithmetic mean; throws std::invalid_argument when empty or non-finite.
double mean(std::span<const double> values);

}  // namespace perfgate::stats
