// The mock adapter: deterministic runs that follow the suite's stated truth, and `perfgate run`
// of a mock suite end to end (the harness's bookkeeping on runs that take no time).
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include "adapters/mock/mock_adapter.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using namespace std::chrono_literals;

namespace {

const Metric& latency_of(const RunResult& run) {
  const Metric* latency = run.find("latency", {{"request", "GET /"}, {"status", "2xx"}});
  REQUIRE(latency);
  REQUIRE(latency->histogram);
  return *latency;
}

double median_ms(const RunResult& run) {
  return static_cast<double>(latency_of(run).histogram->value_at_percentile(50)) / 1e6;
}

CommandOutput run_mock_suite(const TempDir& dir, const std::string& scenario_keys) {
  write_file(
      dir.path() / "perf.yaml",
      "suite: m\nrepetitions: 4\nscenarios:\n  - name: api\n    adapter: mock\n" + scenario_keys);
  return run_command({perfgate_binary().string(), "run", (dir.path() / "perf.yaml").string(), "-o",
                      (dir.path() / "results.json").string(), "--no-progress"});
}

}  // namespace

TEST_CASE("mock: the same seed, scenario and repetition give the same run", "[mock]") {
  const MockOptions options{.latency = 5ms, .seed = 7};
  RunResult first = simulate_mock_run(options, "api", 3);
  RunResult again = simulate_mock_run(options, "api", 3);
  first.started_at = again.started_at = "";
  CHECK(first == again);
  CHECK(median_ms(simulate_mock_run(options, "api", 4)) != median_ms(first));
  CHECK(median_ms(simulate_mock_run({.latency = 5ms, .seed = 8}, "api", 3)) != median_ms(first));
  CHECK(median_ms(simulate_mock_run(options, "other", 3)) != median_ms(first));
}

TEST_CASE("mock: runs follow the stated latency, noise and errors", "[mock]") {
  // 400 runs of a 5 ms service with 2 % run-to-run noise: the medians' log spread is the noise
  // (within 0.015-0.025: the sample sd of 400 draws is within 15 % of the truth almost surely,
  // and each median adds the spread of 2000 requests, about 0.007 in log).
  const MockOptions options{.latency = 5ms, .noise = 0.02, .error_rate = 0.1};
  double sum = 0, sum_squares = 0;
  const int runs = 400;
  for (int index = 0; index < runs; ++index) {
    const RunResult run = simulate_mock_run(options, "api", index);
    const double log_median = std::log(median_ms(run));
    sum += log_median;
    sum_squares += log_median * log_median;
    if (index == 0) {
      REQUIRE(run.find("error_rate"));
      CHECK(*run.find("error_rate")->value == Approx(0.1).margin(0.03));
      CHECK(run.find("errors", {{"kind", "http_5xx"}}));
      CHECK(*run.find("throughput")->value == Approx(2000).epsilon(0.1));
    }
  }
  const double mean = sum / runs;
  const double sd = std::sqrt(sum_squares / runs - mean * mean);
  CHECK(std::exp(mean) == Approx(5.0).epsilon(0.01));
  CHECK(sd > 0.015);
  CHECK(sd < 0.025);
}

TEST_CASE("mock: fail_run makes that repetition fail", "[mock]") {
  const MockOptions options{.fail_run = 2};
  CHECK(simulate_mock_run(options, "api", 0).status == RunStatus::ok);
  const RunResult failed = simulate_mock_run(options, "api", 1);
  CHECK(failed.status == RunStatus::failed);
  CHECK(failed.failure_reason.find("fail_run: 2") != std::string::npos);
}

TEST_CASE("run: a mock suite measures every planned repetition, with units in the table",
          "[mock][run]") {
  TempDir dir;
  const CommandOutput out = run_mock_suite(dir, "    latency: 5ms\n");
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  const auto results = nlohmann::json::parse(read_file(dir.path() / "results.json"));
  REQUIRE(results["scenarios"].size() == 1);
  CHECK(results["scenarios"][0]["adapter"] == "mock");
  REQUIRE(results["scenarios"][0]["runs"].size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(results["scenarios"][0]["runs"][i]["index"] == i);
    CHECK(results["scenarios"][0]["runs"][i]["status"] == "ok");
  }
  CHECK(results["complete"] == true);
  CHECK_THAT(out.out, Catch::Matchers::Contains("4.97 ms"));  // the p50 of seed 1's four runs
  CHECK_THAT(out.out, !Catch::Matchers::Contains("e+0"));
}

TEST_CASE("run: a failed repetition ends its scenario, is kept with its reason, exit 3",
          "[mock][run]") {
  TempDir dir;
  const CommandOutput out = run_mock_suite(dir, "    fail_run: 2\n");
  INFO(out.out << out.err);
  CHECK(out.exit_code == 3);
  const auto results = nlohmann::json::parse(read_file(dir.path() / "results.json"));
  const auto& runs = results["scenarios"][0]["runs"];
  REQUIRE(runs.size() == 2);  // the rest of the scenario's steps are skipped
  CHECK(runs[0]["status"] == "ok");
  CHECK(runs[1]["status"] == "failed");
  CHECK(results["complete"] == false);
  CHECK_THAT(out.err, Catch::Matchers::Contains("api run 2: the mock service failed"));
}

TEST_CASE("run: a mistake in a mock key names the file, the key's line and the nearest key",
          "[mock][run][errors]") {
  TempDir dir;
  const CommandOutput out = run_mock_suite(dir, "    latency: 5ms\n    noize: 2%\n");
  CHECK(out.exit_code == 2);
  CHECK_THAT(out.err, Catch::Matchers::Contains("perf.yaml: line 7, key scenarios[0].noize"));
  CHECK_THAT(out.err, Catch::Matchers::Contains("did you mean 'noise'?"));
}
