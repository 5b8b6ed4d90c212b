#include "gates/stats/power.h"

#include <boost/math/distributions/non_central_t.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>

namespace perfgate::stats {
namespace {

void require_valid(const TwoSampleDesign& design, const char* function) {
  const std::string name(function);
  if (design.runs_per_side < 2)
    throw std::invalid_argument(name + ": runs_per_side must be at least 2");
  if (!std::isfinite(design.variance) || design.variance < 0)
    throw std::invalid_argument(name + ": variance must be finite and >= 0");
  if (!(design.alpha > 0 && design.alpha < 1))
    throw std::invalid_argument(name + ": alpha must be in (0, 1)");
}

void require_valid_power(const TwoSampleDesign& design, double power, const char* function) {
  if (!(power > design.alpha && power < 1))
    throw std::invalid_argument(std::string(function) + ": power must be in (alpha, 1)");
}

// Power as a function of the noncentrality alone, for a valid design with variance > 0.
double power_at(const TwoSampleDesign& design, double noncentrality) {
  const double df = 2.0 * design.runs_per_side - 2;
  const double critical = boost::math::quantile(
      boost::math::complement(boost::math::students_t_distribution<double>(df), design.alpha / 2));
  if (noncentrality == 0) return design.alpha;
  const boost::math::non_central_t_distribution<double> shifted(df, noncentrality);
  return boost::math::cdf(boost::math::complement(shifted, critical)) +
         boost::math::cdf(shifted, -critical);
}

double standard_error(const TwoSampleDesign& design) {
  return std::sqrt(2 * design.variance / design.runs_per_side);
}

}  // namespace

double two_sample_power(const TwoSampleDesign& design, double shift) {
  require_valid(design, "two_sample_power");
  if (!std::isfinite(shift)) throw std::invalid_argument("two_sample_power: shift must be finite");
  if (design.variance == 0) return shift == 0 ? design.alpha : 1.0;
  return power_at(design, std::abs(shift) / standard_error(design));
}

double minimum_detectable_shift(const TwoSampleDesign& design, double power) {
  require_valid(design, "minimum_detectable_shift");
  require_valid_power(design, power, "minimum_detectable_shift");
  if (design.variance == 0) return 0;
  // Noncentrality between 0 (power alpha) and one that surely exceeds the target; bisect.
  double low = 0;
  double high = 1;
  while (power_at(design, high) < power) high *= 2;
  for (int step = 0; step < 100 && high - low > 1e-12 * high; ++step) {
    const double middle = (low + high) / 2;
    (power_at(design, middle) < power ? low : high) = middle;
  }
  return high * standard_error(design);
}

std::optional<int> runs_for_power(const TwoSampleDesign& design, double shift, double power,
                                  int max_runs) {
  TwoSampleDesign sized = design;
  sized.runs_per_side = 2;
  require_valid(sized, "runs_for_power");
  require_valid_power(sized, power, "runs_for_power");
  if (two_sample_power(sized, shift) >= power) return 2;
  sized.runs_per_side = max_runs;
  if (max_runs < 2 || two_sample_power(sized, shift) < power) return std::nullopt;
  int low = 2;          // misses the target
  int high = max_runs;  // meets it
  while (high - low > 1) {
    sized.runs_per_side = low + (high - low) / 2;
    (two_sample_power(sized, shift) >= power ? high : low) = sized.runs_per_side;
  }
  return high;
}

}  // namespace perfgate::stats
