#include "core/suite/quantity.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

namespace perfgate {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Length of the leading decimal number "digits[.digits]" in `text`, or 0 when there is none.
// Signs, exponents, "inf" and "nan" are not numbers here, so from_chars never sees them.
size_t decimal_prefix_length(std::string_view text) {
  size_t length = 0;
  while (length < text.size() && is_digit(text[length])) ++length;
  if (length == 0) return 0;
  if (length < text.size() && text[length] == '.') {
    size_t fraction_end = length + 1;
    while (fraction_end < text.size() && is_digit(text[fraction_end])) ++fraction_end;
    if (fraction_end == length + 1) return 0;  // "1." is not a number
    length = fraction_end;
  }
  return length;
}

// Parses a whole decimal number (as validated by decimal_prefix_length) as a finite double.
std::optional<double> parse_decimal(std::string_view number) {
  double value = 0;
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value,
                                      std::chars_format::fixed);
  if (error != std::errc() || end != number.data() + number.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> nanoseconds_per_unit(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us") return 1'000;
  if (unit == "ms") return 1'000'000;
  if (unit == "s") return 1'000'000'000;
  if (unit == "m") return 60'000'000'000;
  if (unit == "h") return 3'600'000'000'000;
  return std::nullopt;
}

// The fractional digits of "1.25" ("25") as a fraction of one unit (0.25). Digits beyond the
// 15th are below a nanosecond even for hours, so they are dropped rather than overflow.
double fraction_of_unit(std::string_view digits) {
  digits = digits.substr(0, 15);
  int64_t numerator = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), numerator);
  return static_cast<double>(numerator) / std::pow(10.0, static_cast<double>(digits.size()));
}

// Whole and fractional parts are handled apart so that large integer durations stay exact
// (a double would round "9007199254740993ns").
std::optional<Nanoseconds> scale_duration(std::string_view number, int64_t unit_ns) {
  size_t point = number.find('.');
  std::string_view whole_digits = number.substr(0, point);
  int64_t whole = 0;
  auto [end, error] =
      std::from_chars(whole_digits.data(), whole_digits.data() + whole_digits.size(), whole);
  if (error != std::errc() || end != whole_digits.data() + whole_digits.size()) {
    return std::nullopt;
  }
  int64_t total_ns = 0;
  if (__builtin_mul_overflow(whole, unit_ns, &total_ns)) return std::nullopt;
  if (point != std::string_view::npos) {
    double fraction = fraction_of_unit(number.substr(point + 1));
    auto fraction_ns = static_cast<int64_t>(std::llround(fraction * static_cast<double>(unit_ns)));
    if (__builtin_add_overflow(total_ns, fraction_ns, &total_ns)) return std::nullopt;
  }
  return Nanoseconds(total_ns);
}

}  // namespace

std::optional<Nanoseconds> parse_duration(std::string_view text) {
  if (text == "0") return Nanoseconds(0);
  size_t number_length = decimal_prefix_length(text);
  if (number_length == 0) return std::nullopt;
  auto unit_ns = nanoseconds_per_unit(text.substr(number_length));
  if (!unit_ns) return std::nullopt;
  return scale_duration(text.substr(0, number_length), *unit_ns);
}

std::optional<double> parse_plain_number(std::string_view text) {
  if (decimal_prefix_length(text) != text.size() || text.empty()) return std::nullopt;
  return parse_decimal(text);
}

std::optional<double> parse_rate_per_s(std::string_view text) {
  size_t number_length = decimal_prefix_length(text);
  if (number_length == 0) return std::nullopt;
  auto count = parse_decimal(text.substr(0, number_length));
  if (!count) return std::nullopt;
  std::string_view per = text.substr(number_length);
  if (per.empty() || per == "/s") return *count;
  if (per == "/m") return *count / 60.0;
  if (per == "/h") return *count / 3600.0;
  return std::nullopt;
}

std::optional<double> parse_fraction(std::string_view text) {
  size_t number_length = decimal_prefix_length(text);
  if (number_length == 0) return std::nullopt;
  auto value = parse_decimal(text.substr(0, number_length));
  if (!value) return std::nullopt;
  std::string_view suffix = text.substr(number_length);
  if (suffix == "%") return *value / 100.0;
  if (suffix.empty() && *value <= 1.0) return *value;
  return std::nullopt;
}

}  // namespace perfgate
