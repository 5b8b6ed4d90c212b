// k6 summaries (--summary-export and handleSummary data) import k6's aggregates and threshold
// results; expected values read from the files with jq. In summary-export `true` = FAILED.
#include <catch2/catch.hpp>

#include "adapters/k6/k6_adapter.h"
#include "tests/adapters/k6/k6_test_support.h"

using k6_test::fixture;
using k6_test::import_fixture;
using k6_test::value_of;

namespace {

double threshold_failed(const perfgate::RunResult& run, const std::string& metric,
                        const std::string& expression) {
  return value_of(run, "threshold_failed", {{"metric", metric}, {"threshold", expression}});
}

}  // namespace

TEST_CASE("k6 summary-export: groups-checks-thresholds, one threshold of eleven failed") {
  const perfgate::RunResult run = import_fixture("groups-checks-thresholds.summary.json");
  CHECK(value_of(run, "thresholds_failed") == 1);
  CHECK(threshold_failed(run, "http_req_failed", "rate<0.01") == 1);
  CHECK(threshold_failed(run, "http_req_failed{name:home}", "rate==0") == 0);
  CHECK(threshold_failed(run, "http_req_duration{group:::static}", "p(95)<50") == 0);
  CHECK(value_of(run, "requests") == 400);
  CHECK(value_of(run, "throughput") == Approx(47.103625616464576));
  CHECK(run.duration_s == Approx(400 / 47.103625616464576));
  CHECK(value_of(run, "error_rate") == Approx(0.05));
  CHECK(value_of(run, "errors") == 20);
  CHECK(value_of(run, "latency_p95") == Approx(22.24044685e6));
  CHECK(value_of(run, "latency_p50") == Approx(1.1507589999999999e6));
  CHECK(value_of(run, "latency_mean") == Approx(5.605590477500004e6));
  CHECK(value_of(run, "latency_p95", {{"group", "::static"}}) == Approx(6.366639149999997e6));
  CHECK(value_of(run, "error_rate", {{"name", "home"}}) == 0);
  CHECK(value_of(run, "checks") == Approx(0.9583333333333334));
  CHECK(value_of(run, "checks_fails") == 20);
  CHECK(value_of(run, "checks_fails", {{"check", "flaky status is 200"}, {"group", "::errors"}}) ==
        20);
  CHECK(value_of(run, "checks_passes",
                 {{"check", "delay status is 200"}, {"group", "::checkout::payment"}}) == 80);
  CHECK(value_of(run, "big_body_bytes_min") == 102400);  // custom trend: unit unknown, as is
  CHECK(value_of(run, "vus") == 5);
}

TEST_CASE("k6 summary-export: constant-arrival-rate (p(99) and count stats), smoke-pass") {
  const perfgate::RunResult arrival = import_fixture("constant-arrival-rate.summary.json");
  CHECK(value_of(arrival, "thresholds_failed") == 1);
  CHECK(threshold_failed(arrival, "dropped_iterations", "count<1") == 1);
  CHECK(threshold_failed(arrival, "http_req_duration{scenario:steady}", "p(99)<250") == 0);
  CHECK(value_of(arrival, "latency_p99") == Approx(202.05326804e6));
  CHECK(value_of(arrival, "latency_count") == 334);
  CHECK(value_of(arrival, "dropped_iterations") == 48);
  const perfgate::RunResult smoke = import_fixture("smoke-pass.summary.json");
  CHECK(value_of(smoke, "thresholds_failed") == 0);
  CHECK(threshold_failed(smoke, "http_req_duration", "avg<100") == 0);
  CHECK(value_of(smoke, "requests") == 60);
  CHECK(value_of(smoke, "latency_max") == Approx(3.329499e6));
}

TEST_CASE("k6 summary: the k6 repository's expected summary-export and handleSummary data") {
  const perfgate::RunResult exported =
      import_fixture("k6-repo_summary-export_legacy_expected.json");
  CHECK(value_of(exported, "thresholds_failed") == 2);
  CHECK(threshold_failed(exported, "http_reqs", "rate<100") == 1);
  CHECK(threshold_failed(exported, "my_trend", "my_trend<1000") == 1);
  CHECK(threshold_failed(exported, "checks", "rate>70") == 0);
  CHECK(value_of(exported, "checks") == 0.75);
  CHECK(value_of(exported, "checks_passes", {{"check", "check2"}, {"group", "::child"}}) == 5);
  CHECK(value_of(exported, "my_trend_p99") == Approx(19.9));
  CHECK(exported.duration_s == 1);  // http_reqs count 3 / rate 3
  for (const char* name : {"k6-repo_handleSummary-data_legacy_expected.json",
                           "k6-repo_handleSummary-data_with-setup_expected.json"}) {
    INFO(name);
    const perfgate::RunResult data = import_fixture(name);
    // {"ok": false} is a failed threshold here; my_trend `contains: time` makes it ns.
    CHECK(value_of(data, "thresholds_failed") == 2);
    CHECK(threshold_failed(data, "checks", "rate>70") == 0);
    CHECK(value_of(data, "my_trend_p95") == Approx(19.5e6));
    CHECK(value_of(data, "checks_fails", {{"check", "check3"}, {"group", "::child"}}) == 5);
    CHECK(data.duration_s == 1);  // state.testRunDurationMs 1000
  }
}

TEST_CASE("k6 import: NDJSON and summary of the same run are one run with k6's thresholds") {
  perfgate::K6Adapter adapter;
  const std::vector<perfgate::RunResult> runs = adapter.import_runs(
      {fixture("groups-checks-thresholds.ndjson"), fixture("groups-checks-thresholds.summary.json"),
       fixture("smoke-pass.ndjson")});
  REQUIRE(runs.size() == 2);
  CHECK(value_of(runs[0], "requests") == 400);
  CHECK(value_of(runs[0], "thresholds_failed") == 1);
  CHECK(k6_test::histogram_of(runs[0], "latency").count() == 400);
  CHECK_FALSE(runs[0].find("latency_p95"));  // samples win over the summary's aggregates
  CHECK(value_of(runs[1], "requests") == 60);
  CHECK(runs[1].index == 1);
  const std::vector<perfgate::ScenarioResult> scenarios =
      adapter.import_files({fixture("smoke-pass.ndjson"), fixture("taurus_k6_kpi.csv")});
  REQUIRE(scenarios.size() == 2);
  CHECK(scenarios[0].name == "smoke-pass");
  CHECK(scenarios[1].name == "taurus_k6_kpi");
  CHECK(scenarios[1].adapter == "k6");
}
