#include "gates/compare/suite_shift.h"

#include <algorithm>
#include <cmath>

#include "core/model/units.h"
#include "gates/stats/quantiles.h"

namespace perfgate::gates {
namespace {

// log(ratio) oriented so that a change for the worse is positive.
double oriented_log_change(const Comparison& comparison) {
  const double log_ratio = std::log(comparison.change.ratio);
  return comparison.direction == Direction::lower_is_better ? log_ratio : -log_ratio;
}

bool participates(const Comparison& comparison) {
  return comparison.test.kind != TestKind::none && std::isfinite(comparison.change.ratio) &&
         comparison.change.ratio > 0;
}

bool moved_together(double oriented, double common) {
  return std::signbit(oriented) == std::signbit(common) &&
         std::abs(oriented - common) <= std::abs(common) / 2;
}

std::string sentence_for(double ratio, int moved, int total) {
  return std::to_string(moved) + " of " + std::to_string(total) +
         " metrics moved together by about " + format_change(ratio) +
         " (for the worse when positive): most likely the machine, not the code. Each metric is "
         "judged relative to this common factor.";
}

}  // namespace

std::optional<SuiteShift> detect_suite_shift(std::span<const Comparison> comparisons,
                                             double threshold) {
  std::vector<double> changes;
  for (const Comparison& comparison : comparisons)
    if (participates(comparison)) changes.push_back(oriented_log_change(comparison));
  const int total = static_cast<int>(changes.size());
  if (total < kSuiteShiftMinMetrics) return std::nullopt;
  const double common = stats::median(changes);
  if (std::abs(common) < std::log1p(threshold)) return std::nullopt;
  const int moved = static_cast<int>(std::count_if(
      changes.begin(), changes.end(), [common](double c) { return moved_together(c, common); }));
  if (moved < kSuiteShiftMajority * total) return std::nullopt;
  const double ratio = std::exp(common);
  return SuiteShift{.ratio = ratio,
                    .metrics_moved = moved,
                    .metrics_total = total,
                    .sentence = sentence_for(ratio, moved, total)};
}

std::vector<double> without_suite_shift(const Comparison& comparison, const SuiteShift& shift) {
  const double factor =
      comparison.direction == Direction::lower_is_better ? 1 / shift.ratio : shift.ratio;
  std::vector<double> values = comparison.candidate_runs;
  for (double& value : values) value *= factor;
  return values;
}

}  // namespace perfgate::gates
