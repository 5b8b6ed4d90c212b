// Time stamps in k6 outputs: RFC 3339 with nanoseconds and a local offset in NDJSON
// ("2023-09-08T21:03:10.549397854+02:00"), and Unix seconds (or ms/us/ns, or RFC 3339) in CSV.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace perfgate::k6 {

// Unix time in ns of "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"; nullopt otherwise.
// Hot path of the NDJSON import: no allocation, no locale.
std::optional<int64_t> parse_rfc3339_ns(std::string_view text);

// A CSV `timestamp`: integer Unix seconds (k6's default), milli-, micro- or nanoseconds (told
// apart by magnitude: k6's timeFormat option), or RFC 3339. nullopt for anything else.
std::optional<int64_t> parse_csv_time_ns(std::string_view text);

}  // namespace perfgate::k6
