// Quantities written in suite files: durations ("250ms", "2s", "1m"), rates ("2000/s"),
// percentages ("5%"). Parsed once at the edge into typed values. No locale is involved:
// the decimal separator is always '.', and no exponent, sign, or surrounding space is accepted.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace perfgate {

using Nanoseconds = std::chrono::nanoseconds;

// Accepts a plain decimal number "N" or "N.N" (N >= 0).
std::optional<double> parse_plain_number(std::string_view text);
// Accepts a number followed by one of ns us ms s m h ("1.5s" allowed), or a bare "0".
// Fractions below one nanosecond are rounded to the nearest nanosecond.
// nullopt if malformed, negative, or beyond what Nanoseconds holds (about 292 years).
std::optional<Nanoseconds> parse_duration(std::string_view text);
// Accepts "N/s", "N/m", "N/h" (also a bare "N" meaning per second), N >= 0.
// Returns requests per second.
std::optional<double> parse_rate_per_s(std::string_view text);
// Accepts "N%" (returns N/100, any N >= 0) or a plain fraction between 0 and 1 ("0.05").
// A bare number above 1 is rejected: "threshold: 5" is almost surely a forgotten '%'.
std::optional<double> parse_fraction(std::string_view text);

}  // namespace perfgate
