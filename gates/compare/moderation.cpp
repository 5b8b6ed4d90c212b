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

// The prior from the key's own earlier baselines, when there are enough of them.
stats::VariancePrior prior_from_history(const Comparison& comparison,
                                        const VarianceHistory& history, int& baselines) {
  const auto found = history.find(comparison.key);
  if (found == history.end()) return {};
  baselines = static_cast<int>(found->second.size());
  return history_prior(found->second);
}

}  // namespace

void moderate_tests(std::vector<Comparison>& comparisons, const std::optional<SuiteShift>& shift,
                    double confidence, const VarianceHistory& history) {
  std::map<GroupKey, std::vector<Comparison*>> groups;
  for (Comparison& comparison : comparisons)
    if (comparison.test.kind == TestKind::welch_log)
      groups[{comparison.key.metric, comparison.key.statistic}].push_back(&comparison);
  for (auto& [key, group] : groups) {
    const stats::VariancePrior shared = static_cast<int>(group.size()) >= kMinComparisonsForPrior
                                            ? prior_for(group, shift)
                                            : stats::VariancePrior{};
    // Each test takes the stronger prior: its own metric's history, or what the other metrics
    // of its kind say now. When the metrics agree, the shared prior is the stronger (its df is
    // unbounded); when they disagree, or are too few to fit one, the history is.
    for (Comparison* comparison : group) {
      int baselines = 0;
      const stats::VariancePrior own = prior_from_history(*comparison, history, baselines);
      const bool use_history = own.df > 0 && !(shared.df >= own.df);
      const stats::VariancePrior& prior = use_history ? own : shared;
      if (!(prior.df > 0)) continue;
      apply(*comparison, prior, shift, confidence);
      comparison->history_baselines = use_history ? baselines : 0;
    }
  }
}

}  // namespace perfgate::gates
