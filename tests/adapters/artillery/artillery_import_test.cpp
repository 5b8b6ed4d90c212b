// Every Artillery v2 fixture imports with the counts, labels, error numbers and percentiles read
// from the files by hand (jq; the values are quoted beside each check).
#include <catch2/catch.hpp>

#include <numeric>

#include "adapters/artillery/artillery_import.h"
#include "core/errors.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using perfgate::testing::fixtures_dir;

namespace {

RunResult import_fixture(const std::string& name) {
  std::vector<ScenarioResult> scenarios =
      import_artillery_files({(fixtures_dir() / "artillery" / name).string()});
  REQUIRE(scenarios.size() == 1);
  REQUIRE(scenarios[0].runs.size() == 1);
  return scenarios[0].runs[0];
}

double value_of(const RunResult& run, const std::string& name, const Tags& tags = {}) {
  const Metric* metric = run.find(name, tags);
  INFO(name);
  REQUIRE(metric);
  REQUIRE(metric->value);
  return *metric->value;
}

const Histogram& histogram_of(const RunResult& run, const Tags& tags) {
  const Metric* metric = run.find("latency", tags);
  REQUIRE(metric);
  REQUIRE(metric->histogram);
  CHECK(metric->unit == "ns");
  return *metric->histogram;
}

Tags approximate(Tags tags = {}) {
  tags["distribution"] = "approximate";
  return tags;
}

// Within the histogram's 0.1 % bucket precision.
void check_ms(uint64_t value_ns, double expected_ms) {
  CHECK(static_cast<double>(value_ns) == Approx(expected_ms * 1e6).epsilon(0.001));
}

}  // namespace

TEST_CASE("brain-agriculture: endpoints with UUID paths, 404 and 500, non-ASCII scenario names",
          "[artillery][import]") {
  RunResult run = import_fixture("brain-agriculture_v2_multi-endpoint_404_500.json");
  CHECK(run.status == RunStatus::ok);
  // .aggregate.counters: http.requests 600, http.responses 600, codes 200:364 404:196 500:40
  CHECK(value_of(run, "requests_sent") == 600);
  CHECK(value_of(run, "responses") == 600);
  CHECK(value_of(run, "status_codes", {{"code", "404"}}) == 196);
  CHECK(value_of(run, "requests", {{"status", "2xx"}}) == 364);
  CHECK(value_of(run, "requests", {{"status", "4xx"}}) == 196);
  CHECK(value_of(run, "requests", {{"status", "5xx"}}) == 40);
  CHECK(value_of(run, "errors", {{"kind", "http_4xx"}}) == 196);
  CHECK(value_of(run, "errors", {{"kind", "http_5xx"}}) == 40);
  CHECK(value_of(run, "errors") == 236);
  CHECK(value_of(run, "error_rate") == Approx(236.0 / 600));
  // metrics-by-endpoint./dashboard/metrics.codes.200: 137, .codes.500: 40
  CHECK(value_of(run, "requests", {{"request", "/dashboard/metrics"}, {"status", "2xx"}}) == 137);
  CHECK(value_of(run, "requests", {{"request", "/dashboard/metrics"}, {"status", "5xx"}}) == 40);
  CHECK(value_of(run, "requests",
                 {{"request", "/safras/3d8a14da-e6ae-4ea8-97fe-f91bfe420f87"},
                  {"status", "4xx"}}) == 51);
  // vusers.created_by_name.Detalhar safra Verão 2021/22: 51 (a '/' and non-ASCII in the name)
  CHECK(value_of(run, "vusers",
                 {{"state", "created"}, {"artillery_scenario", "Detalhar safra Verão 2021/22"}}) ==
        51);
  CHECK(value_of(run, "vusers", {{"state", "completed"}}) == 600);
  CHECK(value_of(run, "bytes_received") == 54466);
  CHECK(value_of(run, "request_rate") == 10);
  // summaries["plugins.metrics-by-endpoint.response_time./dashboard/metrics"]:
  // count 177, min 1, max 15, p50 3, p99 10.9
  const Histogram& dashboard = histogram_of(run, approximate({{"request", "/dashboard/metrics"}}));
  CHECK(dashboard.count() == 177);
  check_ms(dashboard.min(), 1);
  check_ms(dashboard.max(), 15);
  check_ms(dashboard.value_at_percentile(50), 3);
  check_ms(dashboard.value_at_percentile(99), 10.9);
  // summaries["http.response_time.5xx"]: count 40, p50 2
  const Histogram& server_errors = histogram_of(run, approximate({{"status", "5xx"}}));
  CHECK(server_errors.count() == 40);
  check_ms(server_errors.value_at_percentile(50), 2);
  // http.response_time: count 600, p99 7.9; 10 endpoint summaries
  CHECK(histogram_of(run, approximate()).count() == 600);
  check_ms(histogram_of(run, approximate()).value_at_percentile(99), 7.9);
  size_t endpoints = 0;
  for (const Metric& metric : run.metrics)
    endpoints += metric.name == "latency" && metric.tags.count("request");
  CHECK(endpoints == 10);
  // firstMetricAt 1749864148718, lastMetricAt 1749864208525
  CHECK(run.duration_s == Approx(59.807));
  CHECK(run.started_at == "2025-06-14T01:22:28Z");
}

TEST_CASE("lambda-authorizer: an early 2.0.0-27 report without mean", "[artillery][import]") {
  RunResult run = import_fixture("lambda-authorizer_v2.0.0-27_requestAuthorizerGo.json");
  // http.response_time: count 100, min 55, max 539, p50 68.7, p95 108.9, p99 497.8
  const Histogram& latency = histogram_of(run, approximate());
  CHECK(latency.count() == 100);
  check_ms(latency.min(), 55);
  check_ms(latency.max(), 539);
  check_ms(latency.value_at_percentile(50), 68.7);
  check_ms(latency.value_at_percentile(95), 108.9);
  check_ms(latency.value_at_percentile(99), 497.8);
  CHECK(value_of(run, "status_codes", {{"code", "200"}}) == 100);
  CHECK(value_of(run, "errors") == 0);
  CHECK(value_of(run, "error_rate") == 0);
  // vusers.session_length: count 100, p50 115.6
  const Metric* session = run.find("session_length", approximate());
  REQUIRE(session);
  check_ms(session->histogram->value_at_percentile(50), 115.6);
  CHECK(value_of(run, "vusers",
                 {{"state", "created"}, {"artillery_scenario", "requestAuthorizerGo"}}) == 100);
}

TEST_CASE("media-scraper: expect plugin counters, skewed latency, 8 periods",
          "[artillery][import]") {
  RunResult run = import_fixture("media-scraper_v2_expect-plugin.json");
  // http.response_time: count 6000, p50 8.9, p90 982.6, p99 1790.4, p999 2018.7
  const Histogram& latency = histogram_of(run, approximate());
  CHECK(latency.count() == 6000);
  check_ms(latency.value_at_percentile(50), 8.9);
  check_ms(latency.value_at_percentile(90), 982.6);
  check_ms(latency.value_at_percentile(99), 1790.4);
  check_ms(latency.value_at_percentile(99.9), 2018.7);
  CHECK(histogram_of(run, approximate({{"request", "/api/scrape"}})).count() == 6000);
  CHECK(value_of(run, "counter", {{"name", "plugins.expect.ok"}}) == 6000);
  CHECK(value_of(run, "counter", {{"name", "plugins.expect.ok.statusCode"}}) == 6000);
  CHECK(value_of(run, "requests", {{"request", "/api/scrape"}, {"status", "2xx"}}) == 6000);
  // 60.531 s from firstMetricAt to lastMetricAt; 6000 responses
  CHECK(value_of(run, "throughput") == Approx(6000 / 60.531));
  const Metric* throughput = run.find("throughput");
  REQUIRE(throughput->timeline.size() == 60);
  // intermediate responses 12, 999, 1000, 999, 835, 1165, 982, 8: all but the partial last
  // second (the last period's 8 and part of the 982) fall inside the 60 complete seconds.
  double in_timeline =
      std::accumulate(throughput->timeline.begin(), throughput->timeline.end(), 0.0);
  CHECK(in_timeline > 6000 - 8 - 982);
  CHECK(in_timeline < 6000);
}

TEST_CASE("railwise: every request refused, no summaries", "[artillery][import]") {
  RunResult run = import_fixture("railwise_v2_all-ECONNREFUSED.json");
  CHECK(run.status == RunStatus::ok);
  // errors.ECONNREFUSED 600, http.requests 600, no http.responses, vusers.failed 600
  CHECK(value_of(run, "errors", {{"kind", "refused"}}) == 600);
  CHECK(value_of(run, "errors") == 600);
  CHECK(value_of(run, "error_rate") == 1);
  CHECK(value_of(run, "requests_sent") == 600);
  CHECK(run.find("responses") == nullptr);
  CHECK(value_of(run, "vusers", {{"state", "failed"}}) == 600);
  CHECK(value_of(run, "endpoint_errors",
                 {{"request", "/api/admin/schedulesDetails"}, {"kind", "refused"}}) == 600);
  CHECK(run.find("latency", approximate()) == nullptr);
  CHECK(value_of(run, "throughput") == 0);
}

TEST_CASE("several reports are runs of one scenario named after the first file",
          "[artillery][import]") {
  auto dir = fixtures_dir() / "artillery";
  std::vector<ScenarioResult> scenarios = import_artillery_files(
      {(dir / "media-scraper_v2_expect-plugin.json").string(),
       (dir / "lambda-authorizer_v2.0.0-27_requestAuthorizerGo.json").string()});
  REQUIRE(scenarios.size() == 1);
  CHECK(scenarios[0].name == "media-scraper_v2_expect-plugin");
  CHECK(scenarios[0].adapter == "artillery");
  REQUIRE(scenarios[0].runs.size() == 2);
  CHECK(scenarios[0].runs[1].index == 1);
  CHECK(scenarios[0].runs[1].find("latency", approximate())->histogram->count() == 100);
}
