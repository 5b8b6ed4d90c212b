// Moderated t-test (empirical Bayes, Smyth 2004, "Linear models and empirical Bayes methods for
// assessing differential expression in microarray experiments", the method of R's limma).
//
// Why: the gate tests many metrics with few runs each. Each comparison's own variance, from
// 10 + 10 runs, is itself noisy, so a plain t-test pays with heavy tails (t with 18 df needs
// t > 3.9 where a known variance needs z > 3.3 at the 0.001 level Holm asks of 50 metrics).
// Metrics of the same kind (say p50 latency of 50 benchmarks) have similar run-to-run noise;
// fitting a scaled inverse chi-square prior to their variances and shrinking each variance
// towards it adds the prior's degrees of freedom to every test. When the variances disagree,
// the fitted prior has few degrees of freedom and the test falls back to an ordinary t-test.
#pragma once

#include <span>

namespace perfgate::stats {

// The prior of the true variances: d0 degrees of freedom around s0^2. d0 may be +infinity
// (the observed variances agree no more than sampling alone explains) or 0 (no prior).
struct VariancePrior {
  double df = 0;
  double variance = 0;
};

// Method of moments on log variances (limma's fitFDist without covariates). `variances` are
// sample variances with `dfs` degrees of freedom each; entries that are not finite and
// positive are skipped. Fewer than 3 usable entries: no prior (df 0).
VariancePrior fit_variance_prior(std::span<const double> variances, std::span<const double> dfs);

// The posterior variance: (d0 s0^2 + d s^2) / (d0 + d); s0^2 itself when d0 is infinite.
double moderated_variance(double variance, double df, const VariancePrior& prior);

// The inverse of the trigamma function, by Newton's method (limma's trigammaInverse).
double trigamma_inverse(double value);

struct ModeratedTResult {
  double t = 0;
  double df = 0;               // d + d0, capped at 1e6 (beyond, t is normal to 12 digits)
  double p_value = 1;          // two-sided
  double mean_difference = 0;  // mean(x) - mean(y)
  double standard_error = 0;
};

// Two-sample t-test of mean(x) - mean(y) with the pooled variance (ddof 1, df n + m - 2)
// moderated by `prior`. With no prior (df 0) this is Student's t-test with equal variances.
// Needs 2+ finite values per side; a zero moderated variance gives p = 1 for equal means and
// p = 0 otherwise.
ModeratedTResult moderated_t_test(std::span<const double> x, std::span<const double> y,
                                  const VariancePrior& prior);

// The pooled sample variance of x and y (ddof 1 each), the input to fit_variance_prior.
double pooled_variance(std::span<const double> x, std::span<const double> y);

}  // namespace perfgate::stats
