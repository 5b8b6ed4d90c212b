// Power and sample size of the two-sample t-test on log run values (the gate's Welch test), for
// planning: how large a change can N repetitions per side detect on a machine this noisy.
#pragma once

#include <optional>

namespace perfgate::stats {

// The design of an experiment: equal runs per side, the same per-run variance on both sides
// (an A/A measurement of the machine gives one variance), a two-sided test at level alpha.
struct TwoSampleDesign {
  int runs_per_side = 5;  // >= 2
  double variance = 0;    // per-run variance of the (log) values, ddof 1; >= 0, finite
  double alpha = 0.05;    // in (0, 1)
};

// Probability that the two-sided test rejects at level alpha when the true difference of means
// is `shift` (on the same scale as the variance: a log ratio for log values). Uses the
// noncentral t distribution with df = 2n - 2 and noncentrality shift / sqrt(2 variance / n)
// (Cohen 1988, ch. 2; G*Power's "t tests - means: difference between two independent means"):
// exact for Student's test and, with equal n and variances, the planning value for Welch's,
// whose df then sits at 2n - 2. Both tails are counted. Zero variance: 1 for a non-zero shift,
// alpha for zero. Throws std::invalid_argument for a design outside the ranges above or a
// non-finite shift.
double two_sample_power(const TwoSampleDesign& design, double shift);

// The smallest shift > 0 detected with probability `power` (in (alpha, 1)): the minimum
// detectable effect, found by bisection on two_sample_power (monotone in |shift|). 0 for zero
// variance. Throws std::invalid_argument as above or for a power outside (alpha, 1).
double minimum_detectable_shift(const TwoSampleDesign& design, double power);

// The smallest runs per side (>= 2) for which `shift` is detected with probability `power`;
// nullopt when more than max_runs would be needed. design.runs_per_side is ignored.
std::optional<int> runs_for_power(const TwoSampleDesign& design, double shift, double power,
                                  int max_runs = 100000);

}  // namespace perfgate::stats
