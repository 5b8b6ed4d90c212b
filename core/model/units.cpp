#include "core/model/units.h"

#include <cmath>
#include <cstdio>

namespace perfgate {
namespace {

std::string trim_zeros(std::string text) {
  if (text.find('.') == std::string::npos || text.find('e') != std::string::npos) return text;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
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

std::string format_number(double value, NumberStyle style) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0) return "0";
  const double magnitude = std::abs(value);
  char text[48];
  if (magnitude >= 1e15 || magnitude < 1e-4) {
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
  }
  if (magnitude >= 1000 && style == NumberStyle::table) return format_count(value);
  if (magnitude >= 100)
    std::snprintf(text, sizeof text, "%.0f", value);
  else if (magnitude >= 10)
    std::snprintf(text, sizeof text, "%.1f", value);
  else if (magnitude >= 1)
    std::snprintf(text, sizeof text, "%.2f", value);
  else
    std::snprintf(text, sizeof text, "%.3g", value);
  return style == NumberStyle::plain ? trim_zeros(text) : std::string(text);
}

std::string format_value(double value, const Unit& unit) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  const DisplayScale scale = display_scale(unit, value);
  return format_number(value / scale.divisor) + scale.suffix;
}

std::string format_change(double ratio) {
  if (std::isnan(ratio)) return "n/a";
  if (std::isinf(ratio)) return ratio > 0 ? "+inf" : "-inf";
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f %%", (ratio - 1) * 100);
  return text;
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
  const long long whole = std::llround(value);
  const std::string digits = std::to_string(whole < 0 ? -whole : whole);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ' ';
    grouped += digits[i];
  }
  return whole < 0 ? "-" + grouped : grouped;
}

}  // namespace perfgate
