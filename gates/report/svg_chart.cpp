#include "gates/report/svg_chart.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "gates/report/escape.h"

namespace perfgate::gates::svg {
namespace {

// The drawing area inside a 640 x 260 viewBox; the left margin holds tick labels like "12.5 ms".
constexpr double kWidth = 640;
constexpr double kHeight = 260;
constexpr double kLeft = 72;
constexpr double kRight = 14;
constexpr double kTop = 28;
constexpr double kBottom = 44;

// Coordinates with one decimal: sub-pixel precision at any screen size, and small, stable output.
std::string coordinate(double value) {
  char text[32];
  auto [end, error] = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, 1);
  return error == std::errc() ? std::string(text, end) : "0";
}

bool drawable(double value, Scale scale) {
  return std::isfinite(value) && (scale == Scale::linear || value > 0);
}

// Where `value` falls on the axis, 0 at min and 1 at max.
double fraction(const Axis& axis, double value) {
  if (axis.scale == Scale::log10)
    return (std::log10(value) - std::log10(axis.min)) /
           (std::log10(axis.max) - std::log10(axis.min));
  return (value - axis.min) / (axis.max - axis.min);
}

double to_x(const Axis& axis, double value) {
  return kLeft + fraction(axis, value) * (kWidth - kLeft - kRight);
}

double to_y(const Axis& axis, double value) {
  return kHeight - kBottom - fraction(axis, value) * (kHeight - kTop - kBottom);
}

bool inside(const Axis& axis, double value) {
  return drawable(value, axis.scale) && value >= axis.min && value <= axis.max;
}

std::string text_element(double x, double y, const char* anchor, const std::string& css_class,
                         const std::string& text) {
  return "<text x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" text-anchor=\"" + anchor +
         "\" class=\"" + css_class + "\">" + escape_html(text) + "</text>";
}

std::string line_element(double x1, double y1, double x2, double y2, const char* css_class) {
  return "<line x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\"" +
         coordinate(x2) + "\" y2=\"" + coordinate(y2) + "\" class=\"" + css_class + "\"/>";
}

std::string x_axis(const Axis& axis) {
  std::string out;
  const double bottom = kHeight - kBottom;
  for (const Tick& tick : axis.ticks) {
    if (!inside(axis, tick.value)) continue;
    const double x = to_x(axis, tick.value);
    out += line_element(x, kTop, x, bottom, "gridline");
    // A label at the right edge would be clipped if centred.
    const bool at_right_edge = x > kWidth - kRight - 24;
    out += text_element(x, bottom + 16, at_right_edge ? "end" : "middle", "tick", tick.label);
  }
  out += line_element(kLeft, bottom, kWidth - kRight, bottom, "axis");
  out +=
      text_element((kLeft + kWidth - kRight) / 2, kHeight - 6, "middle", "axis-title", axis.title);
  return out;
}

std::string y_axis(const Axis& axis) {
  std::string out;
  for (const Tick& tick : axis.ticks) {
    if (!inside(axis, tick.value)) continue;
    const double y = to_y(axis, tick.value);
    out += line_element(kLeft, y, kWidth - kRight, y, "gridline");
    out += text_element(kLeft - 6, y + 4, "end", "tick", tick.label);
  }
  out += line_element(kLeft, kTop, kLeft, kHeight - kBottom, "axis");
  out += text_element(kLeft, kTop - 10, "start", "axis-title", axis.title);
  return out;
}

std::string path_of(const Series& series, const Chart& chart) {
  std::string d;
  for (const Point& point : series.points) {
    if (!drawable(point.x, chart.x.scale) || !drawable(point.y, chart.y.scale)) continue;
    d += (d.empty() ? "M" : " L") + coordinate(to_x(chart.x, point.x)) + " " +
         coordinate(to_y(chart.y, point.y));
  }
  if (d.empty()) return "";
  return "<path class=\"" + series.css_class + " line\" d=\"" + d + "\"/>";
}

std::string dots_of(const Series& series, const Chart& chart) {
  std::string out;
  for (size_t i = 0; i < series.points.size(); ++i) {
    const Point& point = series.points[i];
    if (!drawable(point.x, chart.x.scale) || !drawable(point.y, chart.y.scale)) continue;
    out += "<circle class=\"" + series.css_class + " dot\" cx=\"" +
           coordinate(to_x(chart.x, point.x)) + "\" cy=\"" + coordinate(to_y(chart.y, point.y)) +
           "\" r=\"4\">";
    if (i < series.tooltips.size()) out += "<title>" + escape_html(series.tooltips[i]) + "</title>";
    out += "</circle>";
  }
  return out;
}

// All bars of a series as one path (a rectangle per bar): a tenth of the bytes of <rect>s.
std::string bars_of(const Series& series, const Chart& chart) {
  std::string d;
  const std::string base_y = coordinate(to_y(chart.y, std::max(chart.y.min, 0.0)));
  for (size_t i = 0; i < series.points.size() && i < series.bar_right.size(); ++i) {
    const Point& point = series.points[i];
    if (!drawable(point.x, chart.x.scale) || !drawable(series.bar_right[i], chart.x.scale) ||
        !drawable(point.y, chart.y.scale) || point.y <= 0)
      continue;
    const double left = to_x(chart.x, point.x);
    const double right = to_x(chart.x, series.bar_right[i]);
    d += (d.empty() ? "M" : " M") + coordinate(left) + " " + base_y + "V" +
         coordinate(to_y(chart.y, std::min(point.y, chart.y.max))) + "H" + coordinate(right) + "V" +
         base_y + "Z";
  }
  if (d.empty()) return "";
  return "<path class=\"" + series.css_class + " bar\" d=\"" + d + "\"/>";
}

std::string marks_of(const Series& series, const Chart& chart) {
  switch (series.mark) {
    case Mark::line:
      return path_of(series, chart);
    case Mark::dots:
      return dots_of(series, chart);
    case Mark::bars:
      return bars_of(series, chart);
  }
  return "";
}

// One swatch per distinct (class, label), right-aligned above the plot.
std::string legend(const Chart& chart) {
  std::string out;
  std::set<std::string> shown;
  double x = kWidth - kRight;
  for (auto series = chart.series.rbegin(); series != chart.series.rend(); ++series) {
    if (series->label.empty() || !shown.insert(series->css_class + '\n' + series->label).second)
      continue;
    const double text_width = 7.0 * static_cast<double>(series->label.size());
    out += text_element(x, 12, "end", "legend", series->label);
    x -= text_width + 14;
    out += "<rect class=\"" + series->css_class + " swatch\" x=\"" + coordinate(x) +
           "\" y=\"3\" width=\"10\" height=\"10\"/>";
    x -= 12;
  }
  return out;
}

}  // namespace

std::string render_svg(const Chart& chart) {
  std::string out = "<svg class=\"chart\" viewBox=\"0 0 640 260\" role=\"img\" aria-label=\"" +
                    escape_html(chart.title) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  out += x_axis(chart.x) + y_axis(chart.y);
  for (const Series& series : chart.series) out += marks_of(series, chart);
  out += legend(chart);
  return out + "</svg>";
}

std::vector<Tick> nice_linear_ticks(double min, double max, int target_count,
                                    const std::function<std::string(double)>& label) {
  std::vector<Tick> ticks;
  if (!(max > min) || !std::isfinite(min) || !std::isfinite(max) || target_count < 1) return ticks;
  const double raw_step = (max - min) / target_count;
  const int exponent = static_cast<int>(std::floor(std::log10(raw_step)));
  double multiple = 10;
  for (double candidate : {1.0, 2.0, 5.0})
    if (raw_step <= candidate * std::pow(10, exponent)) {
      multiple = candidate;
      break;
    }
  // value = k * multiple * 10^exponent, computed as one division for negative exponents so that
  // 0.95 is the double nearest 0.95 (repeated addition would drift).
  const double scale = std::pow(10, std::abs(exponent));
  auto value_of = [&](double k) {
    return exponent < 0 ? k * multiple / scale : k * multiple * scale;
  };
  const double step = value_of(1);
  for (double k = std::ceil(min / step - 1e-9); value_of(k) <= max + step * 1e-9; ++k)
    ticks.push_back({value_of(k) == 0 ? 0.0 : value_of(k), label(value_of(k))});
  return ticks;
}

std::vector<Tick> log_ticks(double min, double max,
                            const std::function<std::string(double)>& label) {
  std::vector<Tick> ticks;
  if (!(min > 0) || !(max > min) || !std::isfinite(max)) return ticks;
  const int first = static_cast<int>(std::floor(std::log10(min)));
  const int last = static_cast<int>(std::ceil(std::log10(max)));
  for (const std::vector<double>& multiples :
       {std::vector<double>{1, 2, 5}, std::vector<double>{1, 1.5, 2, 3, 5, 7},
        std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
    ticks.clear();
    for (int exponent = first; exponent <= last; ++exponent)
      for (double multiple : multiples) {
        const double value =
            exponent < 0 ? multiple / std::pow(10, -exponent) : multiple * std::pow(10, exponent);
        if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9))
          ticks.push_back({value, label(value)});
      }
    if (ticks.size() >= 3) break;
  }
  // A range narrower than any set: evenly spaced round values are readable on a log axis too.
  if (ticks.size() < 3) return nice_linear_ticks(min, max, 4, label);
  return ticks;
}

double nice_ceiling(double max, int target_count) {
  if (!(max > 0) || !std::isfinite(max)) return 1;
  std::vector<Tick> ticks = nice_linear_ticks(0, max, target_count, [](double) { return ""; });
  const double step = ticks.size() > 1 ? ticks[1].value : max;
  return std::ceil(max / step - 1e-9) * step;
}

}  // namespace perfgate::gates::svg
