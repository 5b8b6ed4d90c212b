#include "gates/policy/direction.h"

#include <array>

namespace perfgate::gates {
namespace {

// `checks` is k6's share of passed checks, `checks_passes` their count.
constexpr std::array<std::string_view, 6> kHigherIsBetter{
    "throughput", "items_per_second", "bytes_per_second", "requests", "checks", "checks_passes"};

}  // namespace

Direction default_direction(std::string_view metric_name) {
  for (std::string_view name : kHigherIsBetter)
    if (metric_name == name) return Direction::higher_is_better;
  if (metric_name.ends_with("_per_second")) return Direction::higher_is_better;
  return Direction::lower_is_better;
}

Direction direction_of(const GatePolicy& policy, const std::string& metric_name) {
  const auto found = policy.direction_overrides.find(metric_name);
  return found != policy.direction_overrides.end() ? found->second : default_direction(metric_name);
}

}  // namespace perfgate::gates
