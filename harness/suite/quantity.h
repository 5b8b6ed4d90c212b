// Quantities written in suite files: durations ("250ms", "2s", "1m"), rates ("2000/s"),
// percentages ("5%"). Parsed once at the edge into typed values.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace perfgate {

using Nanoseconds = std::chrono::nanoseconds;

// Accepts a number followed by one of ns us ms s m h ("1.5s" allowed). nullopt if malformed,
// negative or overflowing.
std::optional<Nanoseconds> parse_duration(std::string_view text);
// Accepts "N/s", "N/m", "N/h" (also "N" meaning per second). Returns requests per second.
std::optional<double> parse_rate_per_s(std::string_view text);
// Accepts "N%" (returns N/100) or a plain fraction "0.05".
std::optional<double> parse_fraction(std::string_view text);

}  // namespace perfgate
