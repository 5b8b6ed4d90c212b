// Mann-Whitney U test (Wilcoxon rank-sum test) for two independent samples.
#pragma once

#include <span>

#include "gates/stats/alternative.h"

namespace perfgate::stats {

enum class MannWhitneyMethod {
  automatic,   // exact when there are no ties and n + m <= kMannWhitneyExactMaxTotal
  exact,       // exact null distribution; throws if the samples have ties
  asymptotic,  // normal approximation, tie-corrected variance, continuity correction 0.5
};

// Largest n + m for which `automatic` uses the exact distribution. SciPy's `auto` stops at 8 per
// side for speed; the counts here are exact in 64 bits up to n + m = 66 and cost microseconds,
// and run counts in a gate are small, so the exact p-value is worth having.
inline constexpr int kMannWhitneyExactMaxTotal = 50;

struct MannWhitneyResult {
  double u = 0;        // U_x: pairs (x_i, y_j) with x_i > y_j, plus half the ties; in [0, n m]
  double p_value = 1;  // in [0, 1]
  MannWhitneyMethod method = MannWhitneyMethod::exact;  // the method used (never automatic)
};

// Tests whether x and y come from the same distribution against `alternative` (`less`: x tends to
// be smaller than y). Matches scipy.stats.mannwhitneyu (SciPy 1.10) with use_continuity=True:
// - exact: p from the null distribution of U, counted with the recursion of Mann & Whitney
//   (1947) in its generating-function form (Gaussian binomial coefficients, Andrews 1976);
//   two-sided p = 2 P(U >= max(U_x, U_y)), capped at 1.
// - asymptotic: z = (U - n m / 2 - 0.5) / sigma with
//   sigma^2 = n m / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1))), N = n + m, t = tie-group sizes
//   (Hollander & Wolfe, Nonparametric Statistical Methods, 3rd ed., sec. 4.1).
// Inputs: x and y each at least one value, no NaN or infinities (std::invalid_argument naming the
// sample otherwise). n = 1 is allowed (the exact p-value is then coarse: at best 2 / (m + 1)).
// When every value is equal (zero variance of ranks) the data carry no evidence: p = 1,
// u = n m / 2, method = asymptotic.
MannWhitneyResult mann_whitney_u(std::span<const double> x, std::span<const double> y,
                                 Alternative alternative = Alternative::two_sided,
                                 MannWhitneyMethod method = MannWhitneyMethod::automatic);

}  // namespace perfgate::stats
