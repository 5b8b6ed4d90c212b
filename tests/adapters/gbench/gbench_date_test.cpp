// context.date to a UTC started_at: only when the date says its zone.
#include <catch2/catch.hpp>

#include "adapters/gbench/gbench_date.h"

using perfgate::gbench::utc_timestamp;

TEST_CASE("gbench date: an offset is applied, across a day and a year boundary") {
  CHECK(utc_timestamp("2026-11-27T03:24:20+00:00") == "2026-11-27T03:24:20Z");
  CHECK(utc_timestamp("2026-11-27T05:24:20+02:00") == "2026-11-27T03:24:20Z");
  CHECK(utc_timestamp("2026-01-01T01:30:00+0200") == "2025-12-31T23:30:00Z");
  CHECK(utc_timestamp("2024-02-28T22:00:00-05:30") == "2024-02-29T03:30:00Z");
  CHECK(utc_timestamp("2026-11-27T03:24:20Z") == "2026-11-27T03:24:20Z");
}

TEST_CASE("gbench date: no zone or malformed gives no timestamp rather than a guess") {
  CHECK(utc_timestamp("2019-11-29 21:26:59").empty());  // pre-1.6 local time, zone unknown
  CHECK(utc_timestamp("2026-11-27T03:24:20").empty());
  CHECK(utc_timestamp("2026-02-30T03:24:20+00:00").empty());
  CHECK(utc_timestamp("2026-11-27T25:24:20+00:00").empty());
  CHECK(utc_timestamp("2026-11-27T03:24:20+0:00").empty());
  CHECK(utc_timestamp("2026-1x-27T03:24:20+00:00").empty());
  CHECK(utc_timestamp("").empty());
}
