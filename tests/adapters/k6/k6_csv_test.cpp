// Every k6 CSV fixture imports with the numbers read from the file by hand (Python's csv module
// over the rows). CSV times are whole Unix seconds, so durations are whole seconds.
#include <catch2/catch.hpp>

#include "tests/adapters/k6/k6_test_support.h"

using k6_test::histogram_of;
using k6_test::import_fixture;
using k6_test::ns_from_ms;
using k6_test::value_of;

TEST_CASE("k6 CSV: groups-checks-thresholds, extra_tags in any order form one tag set") {
  const perfgate::RunResult run = import_fixture("groups-checks-thresholds.csv");
  CHECK(value_of(run, "requests") == 400);
  CHECK(value_of(run, "errors") == 20);
  CHECK(value_of(run, "checks_passes") == 460);
  CHECK(value_of(run, "checks_fails") == 20);
  CHECK(static_cast<double>(histogram_of(run, "latency").value_at_percentile(50)) ==
        ns_from_ms(1.144988));
  CHECK(static_cast<double>(histogram_of(run, "latency").max()) == ns_from_ms(25.995155));
  // The home request's rows pack kind/testid/flow in varying order: still one series of 80.
  const perfgate::Tags home{{"expected_response", "true"},
                            {"flow", "browse"},
                            {"group", "::static"},
                            {"kind", "static"},
                            {"method", "GET"},
                            {"name", "home"},
                            {"scenario", "browse"},
                            {"status", "200"},
                            {"testid", "perf-gate-k6-fixture-1"}};
  CHECK(value_of(run, "requests", home) == 80);
  CHECK(histogram_of(run, "latency", home).count() == 80);
  // A custom counter has no declared type in CSV: read as a trend of its values.
  CHECK(histogram_of(run, "checkouts").count() == 80);
  CHECK(run.duration_s == 9);  // 1795750197 .. 1795750206
  CHECK(run.started_at == "2026-11-27T03:29:57Z");
}

TEST_CASE("k6 CSV: constant-arrival-rate and smoke-pass") {
  const perfgate::RunResult arrival = import_fixture("constant-arrival-rate.csv");
  CHECK(value_of(arrival, "requests") == 334);
  CHECK(value_of(arrival, "dropped_iterations") == 48);
  CHECK(value_of(arrival, "requests",
                 {{"expected_response", "true"},
                  {"method", "GET"},
                  {"name", "home"},
                  {"scenario", "steady"},
                  {"status", "200"}}) == 301);
  CHECK(static_cast<double>(histogram_of(arrival, "latency").max()) == ns_from_ms(203.200132));
  const perfgate::RunResult smoke = import_fixture("smoke-pass.csv");
  CHECK(value_of(smoke, "requests") == 60);
  CHECK(value_of(smoke, "error_rate") == 0);
  CHECK(value_of(smoke, "vus") == 2);
  CHECK(static_cast<double>(histogram_of(smoke, "latency").value_at_percentile(50)) ==
        ns_from_ms(0.548865));
}

TEST_CASE("k6 CSV: Taurus k6_kpi.csv (k6 ~0.34, no metadata column, HTTP/2, failed host)") {
  const perfgate::RunResult run = import_fixture("taurus_k6_kpi.csv");
  CHECK(value_of(run, "requests") == 4);
  CHECK(value_of(run, "errors") == 2);
  CHECK(value_of(run, "error_rate") == 0.5);
  CHECK(value_of(run, "iterations") == 4);
  CHECK(static_cast<double>(histogram_of(run, "latency").max()) == ns_from_ms(245.591442));
  CHECK(value_of(run, "requests",
                 {{"expected_response", "true"},
                  {"method", "GET"},
                  {"name", "https://blazedemo.com/"},
                  {"scenario", "default"},
                  {"status", "200"}}) == 2);
  CHECK(run.duration_s == 44);  // 1633706790 .. 1633706834
}
