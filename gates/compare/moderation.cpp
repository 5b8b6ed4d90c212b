#include "gates/compare/moderation.h"

#include <cmath>
#include <map>
#include <utility>

#include "gates/compare/suite_shift.h"
#include "gates/stats/moderated_t.h"
#include "gates/stats/welch.h"

namespace perfgate::gates {
namespace {

using GroupKey = std::pair<std::string, Statistic>;

std::vector<double> logs_of(const std::vector<double>& values) {
  std::vector<double> logs;
  for (double value : values) logs.push_back(std::log(value));
  return logs;
}

// The candidate's values as the comparison was measured: relative to the suite-wide shift
// when one was declared.
std::vector<double> candidate_values(const Comparison& comparison,
                                     const std::optional<SuiteShift>& shift) {
  return shift ? without_suite_shift(comparison, *shift) : comparison.candidate_runs;
}

stats::VariancePrior prior_for(const std::vector<Comparison*>& group,
                               const std::optional<SuiteShift>& shift) {
  std::vector<double> variances, dfs;
  for (const Comparison* comparison : group) {
    variances.push_back(stats::pooled_variance(logs_of(candidate_values(*comparison, shift)),
                                               logs_of(comparison->baseline_runs)));
    dfs.push_back(static_cast<double>(comparison->candidate_runs.size() +
                                      comparison->baseline_runs.size() - 2));
  }
  return stats::fit_variance_prior(variances, dfs);
}

void apply(Comparison& comparison, const stats::VariancePrior& prior,
           const std::optional<SuiteShift>& shift, double confidence) {
  const auto result = stats::moderated_t_test(logs_of(candidate_values(comparison, shift)),
                                              logs_of(comparison.baseline_runs), prior);
  const auto interval = stats::welch_confidence_interval(
      {result.t, result.df, result.p_value, result.mean_difference, result.standard_error},
      confidence);
  comparison.test.kind = TestKind::moderated_log;
  comparison.test.p_value = result.p_value;
  comparison.test.p_adjusted = result.p_value;
  comparison.change.ratio = std::exp(result.mean_difference);
  comparison.change.ci_low = std::exp(interval.low);
  comparison.change.ci_high = std::exp(interval.high);
}

}  // namespace

void moderate_tests(std::vector<Comparison>& comparisons, const std::optional<SuiteShift>& shift,
                    double confidence) {
  std::map<GroupKey, std::vector<Comparison*>> groups;
  for (Comparison& comparison : comparisons)
    if (comparison.test.kind == TestKind::welch_log)
      groups[{comparison.key.metric, comparison.key.statistic}].push_back(&comparison);
  for (auto& [key, group] : groups) {
    if (static_cast<int>(group.size()) < kMinComparisonsForPrior) continue;
    const stats::VariancePrior prior = prior_for(group, shift);
    if (!(prior.df > 0)) continue;
    for (Comparison* comparison : group) apply(*comparison, prior, shift, confidence);
  }
}

}  // namespace perfgate::gates
