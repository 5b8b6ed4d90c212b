#include "core/model/units.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace perfgate {
namespace {

std::string trim_zeros(std::string text) {
  if (text.find('.') == std::string::npos || text.find('e') != std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// The decimal exponent of `value` rounded to `digits` significant digits: 2 for 999.4, 3 for
// 999.6 (which rounds to 1.00e3), so a rounding that carries is shown in the larger form.
int rounded_exponent(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*e", digits - 1, value);
  return std::atoi(std::strchr(text, 'e') + 1);
}

double rounded(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*e", std::clamp(digits, 1, 17) - 1, value);
  return std::strtod(text, nullptr);
}

// "-14071.5" as "-14 071.5".
std::string group_thousands(const std::string& text) {
  const std::size_t start = text[0] == '-' ? 1 : 0;
  const std::size_t end = std::min(text.find('.'), text.size());
  std::string grouped = text.substr(0, start);
  for (std::size_t i = start; i < end; ++i) {
    if (i > start && (end - i) % 3 == 0) grouped += ' ';
    grouped += text[i];
  }
  return grouped + text.substr(end);
}

// A change in percent rounds to one decimal; what rounds to zero reads "+0.0", never "-0.0".
double percent_of(double ratio) {
  const double percent = std::round((ratio - 1) * 1000) / 10;
  return percent == 0 ? 0 : percent;
}

std::string unsigned_percent(double percent) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::abs(percent));
  return text;
}

std::string signed_percent(double percent) {
  return (percent < 0 ? "-" : "+") + unsigned_percent(percent);
}

}  // namespace

DisplayScale display_scale(const Unit& unit, double typical) {
  const double magnitude = std::isfinite(typical) ? std::abs(typical) : 0;
  switch (unit.kind) {
    case UnitKind::time_ns:
      if (magnitude >= 1e9) return {1e9, " s"};
      if (magnitude >= 1e6) return {1e6, " ms"};
      if (magnitude >= 1e3) return {1e3, " \xC2\xB5s"};  // µs
      return {1, " ns"};
    case UnitKind::bytes:
      if (magnitude >= 1024.0 * 1024 * 1024) return {1024.0 * 1024 * 1024, " GiB"};
      if (magnitude >= 1024.0 * 1024) return {1024.0 * 1024, " MiB"};
      if (magnitude >= 1024) return {1024, " KiB"};
      return {1, " B"};
    case UnitKind::per_second:
      return {1, "/s"};
    case UnitKind::ratio:
      return {0.01, " %"};
    case UnitKind::count:
      return {1, ""};
    case UnitKind::other:
      return {1, " " + unit.other};
  }
  return {1, ""};
}

Unit parse_unit(std::string_view text) {
  if (text == "ns") return Unit::time_ns();
  if (text == "1/s") return Unit::per_second();
  if (text == "ratio") return Unit::ratio();
  if (text == "count" || text.empty()) return Unit::count();
  if (text == "bytes") return Unit::bytes();
  return {UnitKind::other, std::string(text)};
}

std::string to_text(const Unit& unit) {
  switch (unit.kind) {
    case UnitKind::time_ns:
      return "ns";
    case UnitKind::per_second:
      return "1/s";
    case UnitKind::ratio:
      return "ratio";
    case UnitKind::count:
      return "count";
    case UnitKind::bytes:
      return "bytes";
    case UnitKind::other:
      return unit.other;
  }
  return unit.other;
}

std::string format_number(double value, NumberStyle style, int digits) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return "0";
  digits = std::clamp(digits, 1, 17);
  const int exponent = rounded_exponent(value, digits);
  char text[64];
  if (exponent >= 15 || exponent < 0) {
    // %g: an exponent below 1e-4 and from 1e15 on, and no trailing zeros below 1 ("0.5").
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    return text;
  }
  std::snprintf(text, sizeof text, "%.*f", std::max(0, digits - 1 - exponent), value);
  if (style == NumberStyle::plain) return trim_zeros(text);
  return exponent >= 3 ? group_thousands(text) : std::string(text);
}

std::string format_scaled(double value, const DisplayScale& scale) {
  if (!std::isfinite(value)) return "n/a";
  return format_number(value / scale.divisor, NumberStyle::plain) + scale.suffix;
}

std::string format_value(double value, const Unit& unit, int digits) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  const DisplayScale scale = display_scale(unit, rounded(value, digits));
  // A count is whole more often than not: 3 requests, not 3.00.
  const bool counted = unit.kind == UnitKind::count || unit.kind == UnitKind::other;
  if (counted && value == std::floor(value) && std::abs(value) < 1e15)
    return format_count(value) + scale.suffix;
  return format_number(value / scale.divisor, NumberStyle::table, digits) + scale.suffix;
}

std::string format_value_apart(double value, double reference, const Unit& unit) {
  constexpr int kMostDigits = 6;
  for (int digits = 3; digits < kMostDigits; ++digits) {
    std::string text = format_value(value, unit, digits);
    if (value == reference || text != format_value(reference, unit, digits)) return text;
  }
  return format_value(value, unit, kMostDigits);
}

std::string format_change(double ratio) {
  if (std::isnan(ratio)) return "n/a";
  if (std::isinf(ratio)) return ratio > 0 ? "+inf" : "-inf";
  return signed_percent(percent_of(ratio)) + " %";
}

std::string format_change_interval(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high)) return "";
  double from = percent_of(low), to = percent_of(high);
  if (from > to) std::swap(from, to);
  if (from >= 0 || to <= 0) {
    if (std::abs(from) > std::abs(to)) std::swap(from, to);
    return unsigned_percent(from) + "\u2013" + unsigned_percent(to) + " %";
  }
  return signed_percent(from) + " to " + signed_percent(to) + " %";
}

std::string format_change(double ratio, double low, double high) {
  std::string text = format_change(ratio);
  if (!std::isfinite(ratio)) return text;
  const std::string interval = format_change_interval(low, high);
  return interval.empty() ? text : text + " (" + interval + ")";
}

std::string format_p_value(double p) {
  if (std::isnan(p)) return "n/a";
  if (p < 0.001) return "<0.001";
  char text[16];
  std::snprintf(text, sizeof text, "%.3f", p);
  return text;
}

std::string format_count(double value) {
  if (!std::isfinite(value)) return "-";
  return group_thousands(std::to_string(std::llround(value)));
}

std::string format_subject(std::string_view statistic, std::string_view metric,
                           std::string_view scenario,
                           const std::map<std::string, std::string>& tags) {
  std::string text(statistic);
  text += (text.empty() ? "" : " ") + std::string(metric);
  if (!scenario.empty()) text += " of " + std::string(scenario);
  std::string others;
  for (const auto& [name, value] : tags) {
    if (name == "request" && !scenario.empty())
      text += "/" + value;
    else
      others += (others.empty() ? "" : ", ") + name + "=" + value;
  }
  return others.empty() ? text : text + " (" + others + ")";
}

std::string format_metric_label(std::string_view metric,
                                const std::map<std::string, std::string>& tags,
                                std::string_view statistic) {
  std::string text(metric);
  if (!tags.empty()) {
    std::string joined;
    for (const auto& [name, value] : tags)
      joined += (joined.empty() ? "" : ",") + name + "=" + value;
    text += "{" + joined + "}";
  }
  if (!statistic.empty()) text += "." + std::string(statistic);
  return text;
}

}  // namespace perfgate
