#include "adapters/gbench/gbench_date.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>

namespace perfgate::gbench {
namespace {

// The unsigned decimal of exactly `width` digits at `at`, or nullopt.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t width) {
  if (at + width > text.size()) return std::nullopt;
  int value = 0;
  const char* begin = text.data() + at;
  const auto [end, error] = std::from_chars(begin, begin + width, value);
  if (error != std::errc() || end != begin + width || *begin == '-' || *begin == '+')
    return std::nullopt;
  return value;
}

// "Z", "+HH:MM", "+HHMM" (or '-') as minutes east of UTC.
std::optional<int> offset_minutes(std::string_view text) {
  if (text == "Z") return 0;
  if (text.size() != 5 && text.size() != 6) return std::nullopt;
  if (text[0] != '+' && text[0] != '-') return std::nullopt;
  if (text.size() == 6 && text[3] != ':') return std::nullopt;
  const std::optional<int> hours = digits(text, 1, 2);
  const std::optional<int> minutes = digits(text, text.size() - 2, 2);
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
  return (text[0] == '-' ? -1 : 1) * (*hours * 60 + *minutes);
}

}  // namespace

std::string utc_timestamp(std::string_view date) {
  using namespace std::chrono;
  if (date.size() < 20 || date[4] != '-' || date[7] != '-' || date[10] != 'T' || date[13] != ':' ||
      date[16] != ':')
    return {};
  const auto y = digits(date, 0, 4), mo = digits(date, 5, 2), d = digits(date, 8, 2);
  const auto h = digits(date, 11, 2), mi = digits(date, 14, 2), s = digits(date, 17, 2);
  const std::optional<int> offset = offset_minutes(date.substr(19));
  if (!y || !mo || !d || !h || !mi || !s || !offset || *h > 23 || *mi > 59 || *s > 60) return {};
  const year_month_day local_day{year{*y}, month{static_cast<unsigned>(*mo)},
                                 day{static_cast<unsigned>(*d)}};
  if (!local_day.ok()) return {};
  const sys_seconds utc =
      sys_days{local_day} + hours{*h} + minutes{*mi} + seconds{*s} - minutes{*offset};
  const sys_days utc_day = floor<days>(utc);
  const year_month_day ymd{utc_day};
  const hh_mm_ss time{utc - utc_day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

}  // namespace perfgate::gbench
