// Hodges-Lehmann estimate of the shift between two samples.
#pragma once

#include <span>

namespace perfgate::stats {

// Median of all n m pairwise differences y_j - x_i: the shift estimator that goes with the
// Mann-Whitney test (Hodges & Lehmann 1963, "Estimates of location based on rank tests";
// Hollander & Wolfe, Nonparametric Statistical Methods, sec. 4.2). On log values it estimates
// the log of the ratio y / x. O(n m) time and memory, fine for run counts.
// Inputs: at least one value per side, finite (std::invalid_argument naming the sample otherwise).
// n = m = 1 gives y - x; equal samples give 0; an even count of differences averages the two
// middle ones.
double hodges_lehmann_shift(std::span<const double> x, std::span<const double> y);

}  // namespace perfgate::stats
