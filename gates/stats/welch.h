// Welch's unequal-variance t-test, meant for log-transformed run values (a difference of log means
// is the log of a ratio of geometric means), and Student's t quantiles for its intervals.
#pragma once

#include <span>

#include "gates/stats/alternative.h"

namespace perfgate::stats {

struct WelchResult {
  double t = 0;        // (mean(x) - mean(y)) / sqrt(var(x)/n + var(y)/m), ddof = 1
  double df = 0;       // Welch-Satterthwaite degrees of freedom, in [min(n,m) - 1, n + m - 2]
  double p_value = 1;  // in [0, 1]
  double mean_difference = 0;  // mean(x) - mean(y)
  double standard_error = 0;   // sqrt(var(x)/n + var(y)/m)
};

// Welch (1947), "The generalization of Student's problem when several different population
// variances are involved"; matches scipy.stats.ttest_ind(x, y, equal_var=False).
// `x` and `y` are already logs (the caller takes them). `less` means mean(x) < mean(y).
// Inputs: at least 2 values per side (a sample variance needs 2), finite; std::invalid_argument
// naming the sample otherwise.
// Zero variance on both sides (e.g. a deterministic counter): the standard error is 0 and the
// t distribution is degenerate, so we return the limit: equal means give t = 0, p = 1; different
// means give t = +-infinity and p = 0 for a two-sided test or the matching one-sided test (1 for
// the other one); df = n + m - 2. Zero variance on one side only is ordinary Welch.
WelchResult welch_t_test(std::span<const double> x, std::span<const double> y,
                         Alternative alternative = Alternative::two_sided);

// Inverse CDF of Student's t with `df` degrees of freedom (fractional df allowed), e.g. the
// 0.975 quantile for a 95 % two-sided interval. Boost.Math students_t_distribution quantile;
// matches scipy.stats.t.ppf. Throws std::invalid_argument unless df > 0 and 0 < probability < 1.
double student_t_quantile(double df, double probability);

struct MeanDifferenceInterval {
  double low = 0;
  double high = 0;
};

// Two-sided confidence interval for mean(x) - mean(y) from a Welch result:
// difference +- t_{(1 + confidence)/2, df} * standard error. With both variances zero the
// interval collapses to the difference. Throws std::invalid_argument unless 0 < confidence < 1.
MeanDifferenceInterval welch_confidence_interval(const WelchResult& result, double confidence);

}  // namespace perfgate::stats
