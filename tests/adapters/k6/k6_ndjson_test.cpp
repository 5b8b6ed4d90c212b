// Every k6 NDJSON fixture imports with the numbers read from the file by hand (jq / Python over
// the Point lines; see tests/fixtures/k6/README.md for what each run did).
#include <catch2/catch.hpp>

#include "adapters/k6/k6_time.h"
#include "tests/adapters/k6/k6_test_support.h"

using k6_test::histogram_of;
using k6_test::import_fixture;
using k6_test::ns_from_ms;
using k6_test::value_of;

TEST_CASE("k6 NDJSON: groups-checks-thresholds (closed model, groups, checks, custom metrics)") {
  const perfgate::RunResult run = import_fixture("groups-checks-thresholds.ndjson");
  CHECK(value_of(run, "requests") == 400);
  CHECK(value_of(run, "errors") == 20);
  CHECK(value_of(run, "error_rate") == Approx(0.05));
  CHECK(value_of(run, "iterations") == 80);
  const perfgate::Histogram& latency = histogram_of(run, "latency");
  CHECK(latency.count() == 400);
  CHECK(latency.min() == 107861);  // 0.107861 ms, exact below the 0.1 % buckets' reach
  CHECK(static_cast<double>(latency.value_at_percentile(50)) == ns_from_ms(1.144988));
  CHECK(static_cast<double>(latency.value_at_percentile(99)) == ns_from_ms(24.49527));
  CHECK(static_cast<double>(latency.max()) == ns_from_ms(25.995155));
  CHECK(static_cast<double>(histogram_of(run, "ttfb").value_at_percentile(99)) ==
        ns_from_ms(24.111272));
  CHECK(histogram_of(run, "connect_time").count() == 10);  // reused connections (0) left out
  // Tag sets: the flaky endpoint's 500s are its own series; the 404 is expected by the script.
  const perfgate::Tags flaky_500{{"error_code", "1500"}, {"expected_response", "false"},
                                 {"flow", "browse"},     {"group", "::errors"},
                                 {"kind", "error"},      {"method", "GET"},
                                 {"name", "flaky-fail"}, {"scenario", "browse"},
                                 {"status", "500"},      {"testid", "perf-gate-k6-fixture-1"}};
  CHECK(histogram_of(run, "latency", flaky_500).count() == 20);
  CHECK(value_of(run, "errors", flaky_500) == 20);
  CHECK(value_of(run, "throughput", {{"name", "delay-20ms"}}) == Approx(80 / run.duration_s));
  // Checks: 460 passes, 20 fails, all fails on one check.
  CHECK(value_of(run, "checks") == Approx(460.0 / 480));
  CHECK(value_of(run, "checks_passes") == 460);
  CHECK(value_of(run, "checks_fails") == 20);
  CHECK(value_of(run, "checks_fails",
                 {{"check", "flaky status is 200"},
                  {"flow", "browse"},
                  {"group", "::errors"},
                  {"scenario", "browse"},
                  {"testid", "perf-gate-k6-fixture-1"}}) == 20);
  // Custom metrics: Trend, Rate, Counter.
  CHECK(histogram_of(run, "big_body_bytes").min() == 102400);
  CHECK(histogram_of(run, "big_body_bytes").count() == 80);
  CHECK(value_of(run, "flaky_errors") == Approx(0.25));
  CHECK(value_of(run, "flaky_errors_passes") == 20);
  CHECK(value_of(run, "checkouts") == 80);
  CHECK(value_of(run, "bytes_received") == 8365831);
  CHECK(value_of(run, "vus") == 5);
  // First Point 03:29:57.510807962Z, last 03:30:06.000192505Z.
  CHECK(run.started_at == "2026-11-27T03:29:57Z");
  CHECK(run.duration_s == Approx(8.489384543));
  CHECK(value_of(run, "throughput") == Approx(400 / 8.489384543));
}

TEST_CASE("k6 NDJSON: constant-arrival-rate (two scenarios, dropped iterations)") {
  const perfgate::RunResult run = import_fixture("constant-arrival-rate.ndjson");
  CHECK(value_of(run, "requests") == 334);
  CHECK(value_of(run, "errors") == 0);
  CHECK(value_of(run, "error_rate") == 0);
  CHECK(value_of(run, "dropped_iterations") == 48);
  CHECK(value_of(run, "dropped_iterations", {{"scenario", "overload"}}) == 48);
  CHECK(value_of(run, "vus_max") == 7);
  const perfgate::Histogram& latency = histogram_of(run, "latency");
  CHECK(static_cast<double>(latency.value_at_percentile(99)) == ns_from_ms(202.109933));
  const perfgate::Tags home{{"expected_response", "true"},
                            {"method", "GET"},
                            {"name", "home"},
                            {"scenario", "steady"},
                            {"status", "200"}};
  CHECK(histogram_of(run, "latency", home).count() == 301);
  CHECK(static_cast<double>(histogram_of(run, "latency", home).value_at_percentile(90)) ==
        ns_from_ms(1.156419));
  CHECK(value_of(run, "requests",
                 {{"expected_response", "true"},
                  {"method", "GET"},
                  {"name", "delay-200ms"},
                  {"scenario", "overload"},
                  {"status", "200"}}) == 33);
}

TEST_CASE("k6 NDJSON: smoke-pass, plain and gzip give the same run") {
  const perfgate::RunResult plain = import_fixture("smoke-pass.ndjson");
  CHECK(value_of(plain, "requests") == 60);
  CHECK(value_of(plain, "checks") == 1);
  CHECK(static_cast<double>(histogram_of(plain, "latency").value_at_percentile(50)) ==
        ns_from_ms(0.548865));
  CHECK(plain == import_fixture("smoke-pass.ndjson.gz"));
}

TEST_CASE("k6 NDJSON: xk6-dashboard result (k6 0.46, local offset times, redirects)") {
  const perfgate::RunResult run = import_fixture("xk6-dashboard_result.ndjson");
  CHECK(value_of(run, "requests") == 322);
  CHECK(value_of(run, "requests",
                 {{"expected_response", "true"},
                  {"method", "GET"},
                  {"name", "http://test.k6.io"},
                  {"scenario", "contacts"},
                  {"status", "308"}}) == 161);
  CHECK(value_of(run, "iterations") == 161);
  CHECK(static_cast<double>(histogram_of(run, "latency").value_at_percentile(99)) ==
        ns_from_ms(126.513937));
  // 21:03:10.549397854+02:00 is 19:03:10 UTC; the last Point is at 21:03:30.449498216+02:00.
  CHECK(run.started_at == "2023-09-08T19:03:10Z");
  CHECK(run.duration_s == Approx(19.900100362));
}

TEST_CASE("k6 times: RFC 3339 with offsets, CSV seconds and finer units") {
  using perfgate::k6::parse_csv_time_ns;
  using perfgate::k6::parse_rfc3339_ns;
  CHECK(parse_rfc3339_ns("1970-01-01T00:00:01Z") == 1'000'000'000);
  CHECK(parse_rfc3339_ns("2023-09-08T21:03:10.549397854+02:00") ==
        parse_rfc3339_ns("2023-09-08T19:03:10.549397854Z"));
  CHECK(*parse_rfc3339_ns("2023-09-08T19:03:10.5Z") % 1'000'000'000 == 500'000'000);
  CHECK_FALSE(parse_rfc3339_ns("2023-09-08 nonsense"));
  CHECK_FALSE(parse_rfc3339_ns("2023-13-08T19:03:10Z"));
  CHECK_FALSE(parse_rfc3339_ns("2023-09-08T19:03:10+0200"));
  CHECK(parse_csv_time_ns("1633706790") == 1633706790LL * 1'000'000'000);
  CHECK(parse_csv_time_ns("1633706790123") == 1633706790123LL * 1'000'000);
  CHECK(parse_csv_time_ns("1633706790123456789") == 1633706790123456789LL);
  CHECK_FALSE(parse_csv_time_ns("12abc"));
}
