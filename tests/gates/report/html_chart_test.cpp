// The SVG chart helpers and number formats of the HTML report, checked against hand-computed
// coordinates (viewBox 640 x 260, plot from x 72 to 626 and y 28 to 216).
#include <catch2/catch.hpp>

#include <cmath>

#include "core/model/units.h"
#include "gates/report/html_charts.h"
#include "gates/report/html_format.h"
#include "gates/report/svg_chart.h"

namespace perfgate::gates {
namespace {

std::string label(double value) {
  return format_number(value, NumberStyle::plain);
}

svg::Chart two_point_chart(svg::Scale x_scale, svg::Mark mark) {
  return {
      .title = "t",
      .x = {.title = "x", .scale = x_scale, .min = 1, .max = 100},
      .y = {.title = "y", .min = 0, .max = 10},
      .series = {{.css_class = "baseline", .mark = mark, .points = {{1, 0}, {10, 5}, {100, 10}}}}};
}

}  // namespace

TEST_CASE("svg chart: a log x axis puts each decade at an equal distance", "[html]") {
  const std::string svg = svg::render_svg(two_point_chart(svg::Scale::log10, svg::Mark::line));
  CHECK(svg.find("d=\"M72.0 216.0 L349.0 122.0 L626.0 28.0\"") != std::string::npos);
}

TEST_CASE("svg chart: a linear x axis maps values proportionally", "[html]") {
  const std::string svg = svg::render_svg(two_point_chart(svg::Scale::linear, svg::Mark::line));
  // x = 72 + (10 - 1) / 99 * 554 = 122.4
  CHECK(svg.find("d=\"M72.0 216.0 L122.4 122.0 L626.0 28.0\"") != std::string::npos);
}

TEST_CASE("svg chart: dots carry escaped tooltips, and points that cannot be drawn are left out",
          "[html]") {
  svg::Chart chart = two_point_chart(svg::Scale::log10, svg::Mark::dots);
  chart.series[0].points.push_back({NAN, 1});
  chart.series[0].points.push_back({0, 1});  // not on a log axis
  chart.series[0].tooltips = {"a<b", "c", "d", "nan", "zero"};
  const std::string svg = svg::render_svg(chart);
  CHECK(svg.find("<circle class=\"baseline dot\" cx=\"72.0\" cy=\"216.0\" r=\"4\"><title>a&lt;b"
                 "</title></circle>") != std::string::npos);
  size_t circles = 0;
  for (size_t at = svg.find("<circle"); at != std::string::npos; at = svg.find("<circle", at + 1))
    ++circles;
  CHECK(circles == 3);
}

TEST_CASE("svg chart: bars stand on zero with their width in x units", "[html]") {
  svg::Chart chart{.x = {.min = 0, .max = 10},
                   .y = {.min = 0, .max = 10},
                   .series = {{.css_class = "candidate",
                               .mark = svg::Mark::bars,
                               .points = {{4, 10}},
                               .bar_right = {6}}}};
  const std::string svg = svg::render_svg(chart);
  // x from 4 to 6: 72 + 0.4 * 554 = 293.6, width 110.8; full height 188.
  CHECK(svg.find("<path class=\"candidate bar\" d=\"M293.6 216.0V28.0H404.4V216.0Z\"/>") !=
        std::string::npos);
}

TEST_CASE("svg chart: log ticks at 1, 2, 5 per decade, denser sets in narrow ranges", "[html]") {
  auto values = [](const std::vector<svg::Tick>& ticks) {
    std::vector<double> out;
    for (const svg::Tick& tick : ticks) out.push_back(tick.value);
    return out;
  };
  CHECK(values(svg::log_ticks(1, 1000, label)) ==
        std::vector<double>{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000});
  CHECK(values(svg::log_ticks(2.5, 9.5, label)) == std::vector<double>{3, 5, 7});
  // No set has 3 ticks inside: evenly spaced round values.
  CHECK(values(svg::log_ticks(1.1, 1.45, label)) == std::vector<double>{1.1, 1.2, 1.3, 1.4});
  CHECK(values(svg::log_ticks(3.5, 6.5, label)) == std::vector<double>{4, 5, 6});
  CHECK(values(svg::log_ticks(0.015, 0.06, label)) == std::vector<double>{0.015, 0.02, 0.03, 0.05});
  CHECK(svg::log_ticks(0, 10, label).empty());
}

TEST_CASE("svg chart: nice ticks at 1, 2 or 5 times a power of ten", "[html]") {
  auto values = [](const std::vector<svg::Tick>& ticks) {
    std::vector<double> out;
    for (const svg::Tick& tick : ticks) out.push_back(tick.value);
    return out;
  };
  CHECK(values(svg::nice_linear_ticks(0, 10, 5, label)) == std::vector<double>{0, 2, 4, 6, 8, 10});
  CHECK(values(svg::nice_linear_ticks(0.93, 1.07, 5, label)) == std::vector<double>{0.95, 1, 1.05});
  CHECK(svg::nice_linear_ticks(0, 37, 5, label).back().label == "30");
  CHECK(svg::nice_linear_ticks(5, 5, 5, label).empty());
  CHECK(svg::nice_ceiling(37, 5) == 40);
  CHECK(svg::nice_ceiling(0, 5) == 1);
}

TEST_CASE("html format: values in readable units, by the one formatter", "[html]") {
  CHECK(format_value(1.25e6, Unit::time_ns()) == "1.25 ms");
  CHECK(format_value(850, Unit::time_ns()) == "850 ns");
  CHECK(format_value(12.5e3, Unit::time_ns()) == "12.5 \xC2\xB5s");
  CHECK(format_value(2.5e9, Unit::time_ns()) == "2.50 s");
  CHECK(format_value(1999.2, Unit::per_second()) == "1 999/s");
  CHECK(format_value(0.0052, Unit::ratio()) == "0.52 %");
  CHECK(format_value(3 * 1024 * 1024, Unit::bytes()) == "3.00 MiB");
  CHECK(format_value(3, Unit::count()) == "3");
  CHECK(format_value(NAN, Unit::time_ns()) == "n/a");
  CHECK(format_change(1.123) == "+12.3 %");
  CHECK(format_change(0.9) == "-10.0 %");
  CHECK(format_change(INFINITY) == "+inf");
  CHECK(html::median_of({3, NAN, 1, 2}) == 2);
  CHECK(std::isnan(html::median_of({})));
}

TEST_CASE("html charts: merged runs answer percentiles like one merged histogram", "[html]") {
  Histogram first;
  Histogram second;
  Histogram both;
  for (uint64_t value = 1; value <= 5000; value += 7) {
    first.record(value * 1000);
    both.record(value * 1000);
    second.record(value * 1300 + 17);
    both.record(value * 1300 + 17);
  }
  Histogram empty;
  const html::Distribution merged = html::merge_runs({&first, &empty, &second});
  CHECK(merged.count() == both.count());
  CHECK(merged.min == both.min());
  CHECK(merged.max == both.max());
  for (double percentile : {0.0, 1.0, 25.0, 50.0, 90.0, 99.0, 99.9, 100.0})
    CHECK(merged.value_at(percentile / 100) ==
          static_cast<double>(both.value_at_percentile(percentile)));
  CHECK(html::merge_runs({&empty}).empty());
}

TEST_CASE("html charts: the spectrum is labelled in nines and ends at each side's max", "[html]") {
  Histogram baseline;
  Histogram candidate;
  for (uint64_t value = 1; value <= 1000; ++value) {
    baseline.record(value * 1000);
    candidate.record(value * 2000);
  }
  const html::Distribution base = html::merge_runs({&baseline});
  const html::Distribution cand = html::merge_runs({&candidate});
  const std::string svg = html::spectrum_chart(
      {.title = "latency", .unit = "ns", .baseline = &base, .candidate = &cand});
  for (const char* tick : {">50 %<", ">90 %<", ">99 %<", ">99.9 %<"})
    CHECK(svg.find(tick) != std::string::npos);
  CHECK(svg.find(">99.99 %<") == std::string::npos);  // 1000 values do not reach it
  // The candidate's curve ends at x = 1000 (the plot's right edge) at its max, 2 ms, which is
  // the top of the axis (nice ceiling of 2 ms).
  CHECK(svg.find("L626.0 28.0\"/>") != std::string::npos);
  CHECK(svg.find(">2 ms<") != std::string::npos);
}

}  // namespace perfgate::gates
