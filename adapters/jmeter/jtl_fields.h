// JTL column names and field values, shared by the CSV and XML readers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::jmeter {

// The columns perfgate reads; every other JMeter column (and sample variables) is `other`.
enum class JtlColumn {
  timestamp,
  elapsed,
  label,
  response_code,
  response_message,
  thread_name,
  success,
  bytes,
  sent_bytes,
  latency,
  connect,
  sample_count,
  error_count,
  other,
};
inline constexpr size_t kReadColumnCount = static_cast<size_t>(JtlColumn::other);

// The column of a CSV header name ("timeStamp" -> timestamp); `other` for any other name.
JtlColumn column_named(std::string_view header_name);
// True for the 22 header names JMeter writes (timeStamp ... Connect), read or not.
bool is_jmeter_column(std::string_view header_name);
// JMeter 2.13's default CSV columns (it writes no header line by default).
const std::vector<std::string>& jmeter_2_13_columns();
// The default columns of a JMeter version that has `field_count` of them (2.13: 12, 3.0: 14,
// 3.1 to 4.x: 16, 5.x: 17), as JMeter itself guesses a headerless file's columns; nullptr for
// any other count.
const std::vector<std::string>* default_columns_with(size_t field_count);

enum class FieldValue { ok, absent, bad };  // absent: empty or "null"

FieldValue parse_count(std::string_view text, int64_t& out);  // a decimal integer
// Epoch milliseconds, or a date-time "yyyy/MM/dd HH:mm:ss[.SSS]" ('-' or '/' between date
// parts), written by JMeter in its local zone without an offset: read as UTC, which keeps
// durations and rates right.
FieldValue parse_timestamp_ms(std::string_view text, int64_t& out);
std::optional<bool> parse_success(std::string_view text);  // "true" / "false", any case

// At most 40 characters of `text` for an error message, control and non-ASCII bytes as '?'.
std::string excerpt(std::string_view text);

}  // namespace perfgate::jmeter
