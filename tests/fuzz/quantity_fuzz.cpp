// libFuzzer target: the quantity parsers accept or reject any text without crashing, and what
// they accept is in range.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/suite/quantity.h"

namespace {

void check_in_range(const std::optional<double>& value) {
  if (value && (!std::isfinite(*value) || *value < 0)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto duration = perfgate::parse_duration(text);
  if (duration && duration->count() < 0) __builtin_trap();
  check_in_range(perfgate::parse_rate_per_s(text));
  check_in_range(perfgate::parse_plain_number(text));
  auto fraction = perfgate::parse_fraction(text);
  check_in_range(fraction);
  // Without a '%', a fraction is at most 1.
  if (fraction && *fraction > 1 && text.find('%') == std::string_view::npos) __builtin_trap();
  return 0;
}
