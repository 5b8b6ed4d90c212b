// Adjusted p-values for many tests at once (one gate compares many metrics).
#pragma once

#include <span>
#include <vector>

#include "core/suite/correction.h"  // Correction: none, holm, benjamini_hochberg

namespace perfgate::stats {

// Adjusted p-values in the input order, each in [0, 1] and >= its raw p-value. Compare each with
// alpha directly.
// - holm: Holm (1979), "A simple sequentially rejective multiple test procedure": with sorted
//   p_(1) <= ... <= p_(k), adj_(i) = max_{j <= i} min(1, (k - j + 1) p_(j)).
// - benjamini_hochberg: Benjamini & Hochberg (1995): adj_(i) = min_{j >= i} min(1, k / j p_(j)).
// Same results as statsmodels.stats.multitest.multipletests (holm, fdr_bh) and
// scipy.stats.false_discovery_control. Tied p-values get equal adjusted values.
// Empty input gives an empty result; one p-value is returned unchanged.
// Throws std::invalid_argument (naming the index) for NaN or values outside [0, 1].
std::vector<double> adjust_p_values(std::span<const double> p_values, Correction correction);

}  // namespace perfgate::stats
