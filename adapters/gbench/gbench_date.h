// Internal to adapters/gbench: Google Benchmark's context.date as a UTC timestamp.
#pragma once

#include <string>
#include <string_view>

namespace perfgate::gbench {

// "2026-11-27T05:24:20+02:00" (v1.6+: local time with its offset; also "Z" or "+0200") becomes
// "2026-11-27T03:24:20Z". Older files write local time without an offset ("2019-11-29 21:26:59"):
// the zone is unknown, so the answer is empty rather than a guess. Empty for anything malformed.
std::string utc_timestamp(std::string_view date);

}  // namespace perfgate::gbench
