#include "core/suite/metric_selector.h"

#include <array>
#include <utility>

namespace perfgate::gates {
namespace {

constexpr std::array<std::pair<Statistic, const char*>, 9> kStatisticNames{{
    {Statistic::value, "value"},
    {Statistic::p50, "p50"},
    {Statistic::p90, "p90"},
    {Statistic::p95, "p95"},
    {Statistic::p99, "p99"},
    {Statistic::p999, "p999"},
    {Statistic::mean, "mean"},
    {Statistic::min, "min"},
    {Statistic::max, "max"},
}};

}  // namespace

const char* to_string(Statistic statistic) {
  for (const auto& [candidate, name] : kStatisticNames)
    if (candidate == statistic) return name;
  return "value";
}

std::optional<Statistic> parse_histogram_statistic(std::string_view text) {
  for (const auto& [statistic, name] : kStatisticNames)
    if (statistic != Statistic::value && text == name) return statistic;
  return std::nullopt;
}

const char* to_string(Direction direction) {
  return direction == Direction::higher_is_better ? "higher_is_better" : "lower_is_better";
}

std::optional<Direction> parse_direction(std::string_view text) {
  if (text == "lower_is_better" || text == "lower") return Direction::lower_is_better;
  if (text == "higher_is_better" || text == "higher") return Direction::higher_is_better;
  return std::nullopt;
}

std::optional<MetricSelector> parse_metric_selector(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return std::nullopt;
  const auto dot = text.rfind('.');
  if (dot != std::string_view::npos) {
    if (auto statistic = parse_histogram_statistic(text.substr(dot + 1)))
      return MetricSelector{std::string(text.substr(0, dot)), *statistic};
  }
  return MetricSelector{std::string(text), Statistic::value};
}

std::string to_string(const MetricSelector& selector) {
  if (selector.statistic == Statistic::value) return selector.metric;
  return selector.metric + "." + to_string(selector.statistic);
}

}  // namespace perfgate::gates
