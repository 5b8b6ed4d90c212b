#include "adapters/k6/k6_time.h"

#include <charconv>

namespace perfgate::k6 {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

// Reads `count` digits at text[at]; false when any is not a digit.
bool digits(std::string_view text, size_t at, size_t count, unsigned& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (size_t i = at; i < at + count; ++i) {
    const unsigned digit = static_cast<unsigned char>(text[i]) - '0';
    if (digit > 9) return false;
    out = out * 10 + digit;
  }
  return true;
}

// The fraction ".ddddddddd" at text[at] in ns; `at` moves past it. Digits beyond 9 are ignored.
int64_t fraction_ns(std::string_view text, size_t& at) {
  if (at >= text.size() || text[at] != '.') return 0;
  ++at;
  int64_t ns = 0;
  int64_t scale = 100'000'000;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
    ns += (text[at] - '0') * scale;
    scale /= 10;
    ++at;
  }
  return ns;
}

std::optional<int64_t> offset_seconds(std::string_view text, size_t at) {
  if (at + 1 == text.size() && (text[at] == 'Z' || text[at] == 'z')) return 0;
  unsigned hours = 0;
  unsigned minutes = 0;
  if (at + 6 != text.size() || (text[at] != '+' && text[at] != '-') || text[at + 3] != ':' ||
      !digits(text, at + 1, 2, hours) || !digits(text, at + 4, 2, minutes))
    return std::nullopt;
  const int64_t seconds = hours * 3600 + minutes * 60;
  return text[at] == '-' ? -seconds : seconds;
}

}  // namespace

std::optional<int64_t> parse_rfc3339_ns(std::string_view text) {
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 20 || !digits(text, 0, 4, year) || text[4] != '-' ||
      !digits(text, 5, 2, month) || text[7] != '-' || !digits(text, 8, 2, day) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, hour) ||
      text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' ||
      !digits(text, 17, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  size_t at = 19;
  const int64_t fraction = fraction_ns(text, at);
  const std::optional<int64_t> offset = offset_seconds(text, at);
  if (!offset) return std::nullopt;
  const int64_t seconds =
      days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - *offset;
  return seconds * 1'000'000'000 + fraction;
}

std::optional<int64_t> parse_csv_time_ns(std::string_view text) {
  if (text.find('T') != std::string_view::npos) return parse_rfc3339_ns(text);
  int64_t number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < 0) return std::nullopt;
  // Today's Unix time has 10 digits in s, 13 in ms, 16 in us and 19 in ns.
  if (number < 100'000'000'000) return number * 1'000'000'000;
  if (number < 100'000'000'000'000) return number * 1'000'000;
  if (number < 100'000'000'000'000'000) return number * 1'000;
  return number;
}

}  // namespace perfgate::k6
