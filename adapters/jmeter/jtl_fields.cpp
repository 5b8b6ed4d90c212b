#include "adapters/jmeter/jtl_fields.h"

#include <array>
#include <charconv>

namespace perfgate::jmeter {
namespace {

struct NamedColumn {
  std::string_view name;
  JtlColumn column;
};

constexpr std::array<NamedColumn, 22> kJMeterColumns{{
    {"timeStamp", JtlColumn::timestamp},
    {"elapsed", JtlColumn::elapsed},
    {"label", JtlColumn::label},
    {"responseCode", JtlColumn::response_code},
    {"responseMessage", JtlColumn::response_message},
    {"threadName", JtlColumn::thread_name},
    {"dataType", JtlColumn::other},
    {"success", JtlColumn::success},
    {"failureMessage", JtlColumn::other},
    {"bytes", JtlColumn::bytes},
    {"sentBytes", JtlColumn::sent_bytes},
    {"grpThreads", JtlColumn::other},
    {"allThreads", JtlColumn::other},
    {"URL", JtlColumn::other},
    {"Filename", JtlColumn::other},
    {"Latency", JtlColumn::latency},
    {"Encoding", JtlColumn::other},
    {"SampleCount", JtlColumn::sample_count},
    {"ErrorCount", JtlColumn::error_count},
    {"Hostname", JtlColumn::other},
    {"IdleTime", JtlColumn::other},
    {"Connect", JtlColumn::connect},
}};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t year, int64_t month, int64_t day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Reads `digits` decimal digits at text[at], advancing `at`.
bool read_digits(std::string_view text, size_t& at, size_t digits, int64_t& out) {
  if (at + digits > text.size()) return false;
  out = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = text[at + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  at += digits;
  return true;
}

bool read_separator(std::string_view text, size_t& at, std::string_view allowed) {
  if (at >= text.size() || allowed.find(text[at]) == std::string_view::npos) return false;
  ++at;
  return true;
}

bool parse_date_time_ms(std::string_view text, int64_t& out) {
  size_t at = 0;
  int64_t year, month, day, hour, minute, second, millis = 0;
  if (!read_digits(text, at, 4, year) || !read_separator(text, at, "/-") ||
      !read_digits(text, at, 2, month) || !read_separator(text, at, "/-") ||
      !read_digits(text, at, 2, day) || !read_separator(text, at, " T") ||
      !read_digits(text, at, 2, hour) || !read_separator(text, at, ":") ||
      !read_digits(text, at, 2, minute) || !read_separator(text, at, ":") ||
      !read_digits(text, at, 2, second))
    return false;
  if (at < text.size() && (!read_separator(text, at, ".,") || !read_digits(text, at, 3, millis)))
    return false;
  if (at != text.size() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 60)
    return false;
  const int64_t seconds =
      days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  out = seconds * 1000 + millis;
  return true;
}

}  // namespace

JtlColumn column_named(std::string_view header_name) {
  for (const NamedColumn& known : kJMeterColumns)
    if (known.name == header_name) return known.column;
  return JtlColumn::other;
}

bool is_jmeter_column(std::string_view header_name) {
  for (const NamedColumn& known : kJMeterColumns)
    if (known.name == header_name) return true;
  return false;
}

const std::vector<std::string>& jmeter_2_13_columns() {
  static const std::vector<std::string> columns = {
      "timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName",
      "dataType",  "success", "bytes", "grpThreads",   "allThreads",      "Latency"};
  return columns;
}

const std::vector<std::string>* default_columns_with(size_t field_count) {
  static const std::vector<std::vector<std::string>> defaults = {
      jmeter_2_13_columns(),
      {"timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName", "dataType",
       "success", "failureMessage", "bytes", "grpThreads", "allThreads", "Latency", "IdleTime"},
      {"timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName", "dataType",
       "success", "failureMessage", "bytes", "sentBytes", "grpThreads", "allThreads", "Latency",
       "IdleTime", "Connect"},
      {"timeStamp", "elapsed", "label", "responseCode", "responseMessage", "threadName", "dataType",
       "success", "failureMessage", "bytes", "sentBytes", "grpThreads", "allThreads", "URL",
       "Latency", "IdleTime", "Connect"}};
  for (const std::vector<std::string>& columns : defaults)
    if (columns.size() == field_count) return &columns;
  return nullptr;
}

FieldValue parse_count(std::string_view text, int64_t& out) {
  if (text.empty() || text == "null") return FieldValue::absent;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, out);
  return error == std::errc{} && stop == end ? FieldValue::ok : FieldValue::bad;
}

FieldValue parse_timestamp_ms(std::string_view text, int64_t& out) {
  FieldValue number = parse_count(text, out);
  if (number != FieldValue::bad) return number;
  return parse_date_time_ms(text, out) ? FieldValue::ok : FieldValue::bad;
}

std::optional<bool> parse_success(std::string_view text) {
  if (text == "true" || equals_ignoring_case(text, "true")) return true;
  if (text == "false" || equals_ignoring_case(text, "false")) return false;
  return std::nullopt;
}

std::string excerpt(std::string_view text) {
  std::string shown;
  for (char c : text.substr(0, 40))
    shown +=
        (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) ? '?' : c;
  if (text.size() > 40) shown += "...";
  return "'" + shown + "'";
}

}  // namespace perfgate::jmeter
