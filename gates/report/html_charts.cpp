#include "gates/report/html_charts.h"

#include <algorithm>
#include <cmath>

#include "core/model/units.h"
#include "gates/report/html_format.h"
#include "gates/report/svg_chart.h"

namespace perfgate::gates::html {
namespace {

constexpr int kHistogramBins = 40;
constexpr double kSpectrumPointsPerDecade = 24;

std::vector<svg::Point> spectrum_points(const Distribution& distribution) {
  const double last_x = std::max(2.0, static_cast<double>(distribution.count()));
  std::vector<svg::Point> points;
  for (int step = 0;; ++step) {
    const double x = std::pow(10, step / kSpectrumPointsPerDecade);
    if (x >= last_x) break;
    points.push_back({x, distribution.value_at(1 - 1 / x)});
  }
  points.push_back({last_x, static_cast<double>(distribution.max)});
  return points;
}

// "50 %", "90 %", "99 %", "99.9 %", ... at x = 2, 10, 100, 1000, ...
std::vector<svg::Tick> spectrum_ticks(double max_x) {
  // The share 1 - 1/x of decade d takes max(2, d) digits: "90 %", "99 %", "99.9 %", "99.99 %".
  std::vector<svg::Tick> ticks = {{2, format_value(0.5, Unit::ratio(), 2)}};
  int decade = 1;
  for (double x = 10; x <= max_x * 1.0001; x *= 10, ++decade)
    ticks.push_back({x, format_value(1 - 1 / x, Unit::ratio(), std::max(2, decade))});
  return ticks;
}

// An axis of values in `unit`, titled "name (ms)"; from zero up to a round value, or around
// [low, high] with a margin (for run values, whose spread is the point).
svg::Axis value_axis(const std::string& name, const std::string& unit, double low, double high,
                     bool from_zero) {
  if (from_zero) low = 0;
  if (!(high > low)) {
    const double pad = std::abs(high) > 0 ? std::abs(high) * 0.05 : 1;
    low -= pad;
    high += pad;
  } else if (!from_zero) {
    const double pad = (high - low) * 0.1;
    low -= pad;
    high += pad;
  }
  if (from_zero) high = svg::nice_ceiling(high, 5);
  const DisplayUnit display = display_unit(unit, std::max(std::abs(low), std::abs(high)));
  const std::string suffix = display.suffix.substr(display.suffix.starts_with(' ') ? 1 : 0);
  svg::Axis axis{
      .title = suffix.empty() ? name : name + " (" + suffix + ")", .min = low, .max = high};
  axis.ticks =
      svg::nice_linear_ticks(low, high, 5, [&](double v) { return format_scaled(v, display); });
  return axis;
}

svg::Series side_series(const char* side, std::string label, svg::Mark mark,
                        std::vector<svg::Point> points) {
  return {.css_class = side, .label = std::move(label), .mark = mark, .points = std::move(points)};
}

double largest_y(const std::vector<svg::Series>& series) {
  double largest = 0;
  for (const svg::Series& one : series)
    for (const svg::Point& point : one.points) largest = std::max(largest, point.y);
  return largest;
}

// Share of values per bin; bin i spans [low * ratio^i, low * ratio^(i+1)) and the last bin holds
// the max. Log-spaced bins give the body and the tail of a latency distribution room alike.
std::vector<svg::Point> bin_shares(const Distribution& distribution, double low, double ratio,
                                   std::vector<double>& right_edges) {
  std::vector<double> counts(kHistogramBins, 0);
  uint64_t below = 0;
  for (size_t i = 0; i < distribution.values.size(); ++i) {
    const double value =
        static_cast<double>(std::clamp(distribution.values[i], distribution.min, distribution.max));
    const double position = value > low ? std::log(value / low) / std::log(ratio) : 0;
    const auto bin =
        std::clamp<long>(static_cast<long>(std::floor(position)), 0, kHistogramBins - 1);
    counts[static_cast<size_t>(bin)] += static_cast<double>(distribution.cumulative[i] - below);
    below = distribution.cumulative[i];
  }
  std::vector<svg::Point> points;
  right_edges.clear();
  for (int bin = 0; bin < kHistogramBins; ++bin) {
    points.push_back({low * std::pow(ratio, bin), counts[static_cast<size_t>(bin)] /
                                                      static_cast<double>(distribution.count())});
    right_edges.push_back(low * std::pow(ratio, bin + 1));
  }
  return points;
}

std::vector<const Distribution*> present(const DistributionPair& pair) {
  std::vector<const Distribution*> sides;
  for (const Distribution* side : {pair.baseline, pair.candidate})
    if (side != nullptr && !side->empty()) sides.push_back(side);
  return sides;
}

}  // namespace

double Distribution::value_at(double fraction) const {
  if (empty()) return 0;
  const auto rank = std::max<uint64_t>(
      1, static_cast<uint64_t>(std::ceil(fraction * static_cast<double>(count()))));
  if (rank == 1) return static_cast<double>(min);
  auto at = std::lower_bound(cumulative.begin(), cumulative.end(), std::min(rank, count()));
  return static_cast<double>(
      std::clamp(values[static_cast<size_t>(at - cumulative.begin())], min, max));
}

Distribution merge_runs(const std::vector<const Histogram*>& runs) {
  std::vector<std::pair<uint64_t, uint64_t>> buckets;  // (reported value, count)
  Distribution merged{.min = UINT64_MAX};
  for (const Histogram* run : runs) {
    if (run->empty()) continue;
    merged.min = std::min(merged.min, run->min());
    merged.max = std::max(merged.max, run->max());
    run->for_each_bucket(
        [&](uint64_t, uint64_t highest, uint64_t count) { buckets.emplace_back(highest, count); });
  }
  if (buckets.empty()) return {};
  std::sort(buckets.begin(), buckets.end());
  uint64_t running = 0;
  for (const auto& [value, count] : buckets) {
    running += count;
    if (!merged.values.empty() && merged.values.back() == value)
      merged.cumulative.back() = running;
    else
      merged.values.push_back(value), merged.cumulative.push_back(running);
  }
  return merged;
}

std::string spectrum_chart(const DistributionPair& pair) {
  svg::Chart chart{.title = "percentile spectrum: " + pair.title};
  double max_x = 10;
  for (const auto& [side, distribution] :
       {std::pair{"baseline", pair.baseline}, std::pair{"candidate", pair.candidate}}) {
    if (distribution == nullptr || distribution->empty()) continue;
    chart.series.push_back(
        side_series(side, side, svg::Mark::line, spectrum_points(*distribution)));
    max_x = std::max(max_x, static_cast<double>(distribution->count()));
  }
  max_x = std::pow(10, std::ceil(std::log10(max_x) - 1e-9));
  chart.x = {.title = "percentile (log scale of 1 / (1 - p))",
             .scale = svg::Scale::log10,
             .min = 1,
             .max = max_x,
             .ticks = spectrum_ticks(max_x)};
  chart.y = value_axis("value at percentile", pair.unit, 0, largest_y(chart.series), true);
  return svg::render_svg(chart);
}

std::string histogram_chart(const DistributionPair& pair) {
  const std::vector<const Distribution*> sides = present(pair);
  svg::Chart chart{.title = "histogram: " + pair.title};
  if (sides.empty()) return svg::render_svg(chart);
  double low = static_cast<double>(sides[0]->min);
  double high = 0;
  for (const Distribution* side : sides) {
    low = std::min(low, static_cast<double>(side->min));
    high = std::max(high, static_cast<double>(side->max));
  }
  low = std::max(low, 1.0);  // a log axis needs > 0; values below 1 unit share the first bin
  high = std::max(high * 1.001, low * 1.01);
  const double ratio = std::pow(high / low, 1.0 / kHistogramBins);
  for (const auto& [side, distribution] :
       {std::pair{"baseline", pair.baseline}, std::pair{"candidate", pair.candidate}}) {
    if (distribution == nullptr || distribution->empty()) continue;
    svg::Series bars = side_series(side, side, svg::Mark::bars, {});
    bars.points = bin_shares(*distribution, low, ratio, bars.bar_right);
    chart.series.push_back(std::move(bars));
  }
  const DisplayUnit display = display_unit(pair.unit, high);
  chart.x = {
      .title = value_axis("value", pair.unit, low, high, true).title + ", log scale",
      .scale = svg::Scale::log10,
      .min = low,
      .max = high,
      .ticks = svg::log_ticks(low, high, [&](double v) { return format_scaled(v, display); })};
  chart.y = value_axis("share of values", "ratio", 0, largest_y(chart.series), true);
  return svg::render_svg(chart);
}

std::string timeline_chart(const TimelinePair& pair) {
  svg::Chart chart{.title = "per second: " + pair.title};
  size_t seconds = 1;
  for (const auto& [side, runs] :
       {std::pair{"baseline", &pair.baseline_runs}, std::pair{"candidate", &pair.candidate_runs}}) {
    for (size_t run = 0; run < runs->size(); ++run) {
      std::vector<svg::Point> points;
      const std::vector<double>& timeline = *(*runs)[run];
      for (size_t second = 0; second < timeline.size(); ++second)
        points.push_back({static_cast<double>(second) + 0.5, timeline[second]});
      seconds = std::max(seconds, timeline.size());
      chart.series.push_back(side_series(side, run == 0 ? side : "", svg::Mark::line, points));
    }
  }
  chart.x = {.title = "second of the run", .min = 0, .max = static_cast<double>(seconds)};
  chart.x.ticks = svg::nice_linear_ticks(
      0, chart.x.max, 6, [](double v) { return format_number(v, NumberStyle::plain) + " s"; });
  chart.y = value_axis("value", pair.unit, 0, largest_y(chart.series), true);
  return svg::render_svg(chart);
}

std::string run_dots_chart(const Comparison& comparison, const std::string& unit) {
  svg::Chart chart{.title = "run-to-run values"};
  double low = INFINITY;
  double high = -INFINITY;
  const std::pair<const char*, const std::vector<double>*> sides[] = {
      {"baseline", &comparison.baseline_runs}, {"candidate", &comparison.candidate_runs}};
  for (size_t row = 0; row < 2; ++row) {
    const auto& [side, runs] = sides[row];
    const double y = row == 0 ? 1 : 0;
    svg::Series dots = side_series(side, side, svg::Mark::dots, {});
    for (size_t run = 0; run < runs->size(); ++run) {
      const double value = (*runs)[run];
      dots.points.push_back({value, y});
      dots.tooltips.push_back(std::string(side) + " run " + std::to_string(run + 1) + ": " +
                              format_value(value, parse_unit(unit)));
      if (std::isfinite(value)) low = std::min(low, value), high = std::max(high, value);
    }
    const double median = median_of(*runs);
    chart.series.push_back(std::move(dots));
    chart.series.push_back(
        side_series(side, "", svg::Mark::line, {{median, y - 0.35}, {median, y + 0.35}}));
  }
  if (!std::isfinite(low)) low = 0, high = 1;
  chart.x = value_axis(to_string(comparison.key.statistic), unit, low, high, false);
  chart.y = {.title = "", .min = -0.6, .max = 1.6, .ticks = {{0, "candidate"}, {1, "baseline"}}};
  return svg::render_svg(chart);
}

std::string history_chart(const std::vector<const HistoryPoint*>& points, double candidate_median,
                          const std::string& unit) {
  svg::Chart chart{.title = "history of the baseline"};
  svg::Series line = side_series("baseline", "", svg::Mark::line, {});
  svg::Series dots = side_series("baseline", "committed baseline", svg::Mark::dots, {});
  double low = candidate_median;
  double high = candidate_median;
  for (size_t i = 0; i < points.size(); ++i) {
    const HistoryPoint& point = *points[i];
    const svg::Point at{static_cast<double>(i), point.value};
    line.points.push_back(at);
    dots.points.push_back(at);
    dots.tooltips.push_back(point.commit.substr(0, 10) + " " + point.committed_at + " " +
                            point.subject + ": " + format_value(point.value, parse_unit(unit)));
    if (std::isfinite(point.value))
      low = std::min(low, point.value), high = std::max(high, point.value);
  }
  svg::Series candidate = side_series("candidate", "this change", svg::Mark::dots,
                                      {{static_cast<double>(points.size()), candidate_median}});
  candidate.tooltips = {"this change: " + format_value(candidate_median, parse_unit(unit))};
  chart.series = {std::move(line), std::move(dots), std::move(candidate)};
  chart.x = {.title = "baseline commits, oldest first",
             .min = -0.5,
             .max = static_cast<double>(points.size()) + 0.5};
  chart.x.ticks = svg::nice_linear_ticks(0, static_cast<double>(points.size()), 6, [](double v) {
    return "#" + format_number(v + 1, NumberStyle::plain);
  });
  if (!std::isfinite(low) || !std::isfinite(high)) low = 0, high = 1;
  chart.y = value_axis("committed value", unit, low, high, false);
  return svg::render_svg(chart);
}

}  // namespace perfgate::gates::html
