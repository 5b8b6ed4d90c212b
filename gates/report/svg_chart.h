// Small static SVG charts for the HTML report: two axes (linear or log), lines, dots and bars.
//
// Why charts drawn in C++ rather than a JavaScript chart library or an inline script:
// - the report must open offline and from CI artifact viewers and mail previews that block
//   scripts; static SVG shows everywhere, prints, and zooms without blur;
// - the page can carry a Content-Security-Policy that forbids every script and every request,
//   so nothing in a report (including a hostile scenario name) can run or phone home;
// - the output is a deterministic function of the data, so golden tests compare exact bytes;
// - the charts we need (a percentile spectrum, overlaid bars, timelines, dot strips) are a few
//   dozen lines each; no interactivity is needed beyond the <title> tooltips SVG gives for free.
//
// Colours are not set here: marks carry CSS classes ("baseline", "candidate") styled by the page.
// Every text that reaches the SVG (titles, labels, tooltips) is escaped here.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace perfgate::gates::svg {

enum class Scale { linear, log10 };

struct Tick {
  double value = 0;  // in data units
  std::string label{};
};

struct Axis {
  std::string title{};  // e.g. "latency (ms)"
  Scale scale = Scale::linear;
  double min = 0;  // data range shown; both > 0 for log10; min < max
  double max = 1;
  std::vector<Tick> ticks{};  // gridlines with labels; ticks outside [min, max] are skipped
};

enum class Mark { line, dots, bars };

struct Point {
  double x = 0;
  double y = 0;
};

struct Series {
  std::string css_class{};  // e.g. "baseline", "candidate"; also selects the legend swatch
  std::string label{};      // legend text; series with an empty label have no legend entry
  Mark mark = Mark::line;
  std::vector<Point> points{};
  std::vector<double> bar_right{};      // bars: each bar spans [points[i].x, bar_right[i]]
  std::vector<std::string> tooltips{};  // dots: one <title> per point when non-empty
};

struct Chart {
  std::string title{};  // the chart's accessible name (aria-label)
  Axis x{};
  Axis y{};
  std::vector<Series> series{};
};

// The chart as one <svg> element with a viewBox, so CSS can scale it to the page width.
// Points that are not finite, or not positive on a log axis, are left out.
std::string render_svg(const Chart& chart);

// Ticks for a log10 axis over [min, max] (min > 0): 1, 2 and 5 times each power of ten inside,
// else 1, 1.5, 2, 3, 5, 7 times, else every digit: the first set that gives 3 ticks (labels of a
// log axis crowd at the top of each decade, so digits come last); else nice_linear_ticks.
std::vector<Tick> log_ticks(double min, double max,
                            const std::function<std::string(double)>& label);

// About `target_count` ticks at 1, 2 or 5 times a power of ten covering [min, max].
std::vector<Tick> nice_linear_ticks(double min, double max, int target_count,
                                    const std::function<std::string(double)>& label);

// The upper end of `nice_linear_ticks(0, max, ...)`: a round value >= max, for axes from zero.
double nice_ceiling(double max, int target_count);

}  // namespace perfgate::gates::svg
