// Sharded load: each shard sends its part; merged shards count exactly what one run sends.
#include <catch2/catch.hpp>

#include "core/errors.h"
#include "harness/run/runner.h"
#include "harness/run/shard.h"
#include "harness/target/target_server.h"

using namespace perfgate;
using namespace std::chrono_literals;

TEST_CASE("shard: parse i/N", "[shard]") {
  CHECK(parse_shard("2/4") == Shard{2, 4});
  CHECK(parse_shard("1/1") == Shard{1, 1});
  for (const char* bad : {"0/2", "3/2", "1/0", "1/", "/2", "a/b", "2", "1/1001", "1/2x"})
    CHECK_FALSE(parse_shard(bad));
}

TEST_CASE("shard: connections, rate, budget and stage targets are divided", "[shard]") {
  NativeLoad load;
  load.threads = 2;
  load.connections = 5;
  load.max_requests = 1001;
  load.model = LoadModel::open;
  load.rate_per_s = 300;
  load.stages = {{1s, 90}};
  NativeLoad first = shard_load(load, {1, 2});
  NativeLoad second = shard_load(load, {2, 2});
  CHECK(first.connections + second.connections == 5);
  CHECK(first.connections == 3);
  CHECK(first.max_requests + second.max_requests == 1001);
  CHECK(first.rate_per_s == 150);
  CHECK(second.stages[0].target == 45);
  CHECK(shard_load(load, {1, 1}) == load);
  load.connections = 1;
  CHECK(shard_load(load, {2, 2}).connections == 1);  // never zero
  CHECK(shard_load(load, {2, 2}).threads == 1);
}

namespace {

Suite budget_suite(uint16_t port) {
  Suite suite;
  suite.path = "suite.yaml";
  suite.name = "shard-test";
  suite.repetitions = 2;
  Scenario& scenario = suite.scenarios.emplace_back();
  scenario.name = "s";
  scenario.native.target = "http://127.0.0.1:" + std::to_string(port);
  scenario.native.host = "127.0.0.1";
  scenario.native.port = port;
  scenario.native.connections = 4;
  scenario.native.duration = {};
  scenario.native.max_requests = 601;
  scenario.native.requests.push_back(RequestSpec{"root", "GET", "/", {}, "", 1.0});
  return suite;
}

SuiteResult run_with(const Suite& suite, Shard shard) {
  RunOptions options;
  options.shard = shard;
  std::atomic<bool> stop{false};
  ProgressLine progress(nullptr, false);
  SuiteRun run = run_suite(suite, options, stop, progress);
  REQUIRE(run.outcome == SuiteOutcome::ok);
  return run.result;
}

const Metric& latency(const RunResult& run) {
  const Metric* metric = run.find("latency", {{"request", "root"}, {"status", "2xx"}});
  REQUIRE(metric);
  return *metric;
}

}  // namespace

TEST_CASE("shard: two shards merged count what one run counts, percentiles alike", "[shard]") {
  target::TargetOptions options;
  options.port = 0;
  options.latency_a = 2ms;  // fixed: every response takes 2 ms, so percentiles are comparable
  target::TargetServer server(options);
  server.start();
  Suite suite = budget_suite(server.port());
  SuiteResult whole = run_with(suite, {1, 1});
  SuiteResult first = run_with(suite, {1, 2});
  SuiteResult second = run_with(suite, {2, 2});
  SuiteResult merged = merge_shards({first, second});
  REQUIRE(merged.scenarios.at(0).runs.size() == 2);
  for (size_t r = 0; r < 2; ++r) {
    const RunResult& one = whole.scenarios[0].runs[r];
    const RunResult& joined = merged.scenarios[0].runs[r];
    CHECK(joined.status == RunStatus::ok);
    CHECK(latency(joined).histogram->count() == 601);
    CHECK(latency(one).histogram->count() == 601);
    CHECK(*joined.find("requests", {{"request", "root"}, {"status", "2xx"}})->value == 601);
    // The merged distribution is the pooled one: its percentiles lie between the shards'.
    // (Against the single run only the 2 ms floor is compared: they are separate measurements,
    // and on a loaded machine their tails differ by more than the histogram's precision.)
    const Histogram& a = *latency(first.scenarios[0].runs[r]).histogram;
    const Histogram& b = *latency(second.scenarios[0].runs[r]).histogram;
    for (double percentile : {50.0, 90.0, 99.0}) {
      uint64_t value = latency(joined).histogram->value_at_percentile(percentile);
      CHECK(value >=
            std::min(a.value_at_percentile(percentile), b.value_at_percentile(percentile)));
      CHECK(value <=
            std::max(a.value_at_percentile(percentile), b.value_at_percentile(percentile)));
      CHECK(value >= 2'000'000);
      CHECK(latency(one).histogram->value_at_percentile(percentile) >= 2'000'000);
    }
  }
}

TEST_CASE("shard: merging refuses shards of other suites or with missing runs", "[shard]") {
  SuiteResult a;
  a.suite = "x";
  a.scenarios.push_back({"s", "native", {RunResult{}}});
  SuiteResult b = a;
  b.suite = "y";
  CHECK_THROWS_AS(merge_shards({a, b}), InputError);
  SuiteResult c = a;
  c.scenarios[0].runs.clear();
  CHECK_THROWS_WITH(merge_shards({a, c}), Catch::Contains("0 runs"));
  CHECK_THROWS_AS(merge_shards({}), InputError);
}

TEST_CASE("shard: counters add, histograms merge, ratios weighted by requests", "[shard]") {
  auto shard_run = [](uint64_t requests, double error_rate, uint64_t latency_ns) {
    RunResult run;
    Histogram histogram;
    histogram.record_n(latency_ns, requests);
    run.add({.name = "latency", .unit = "ns", .histogram = histogram});
    run.add({.name = "requests", .unit = "count", .value = static_cast<double>(requests)});
    run.add({.name = "error_rate", .unit = "ratio", .value = error_rate});
    run.add({.name = "throughput", .unit = "1/s", .value = 10, .timeline = {9, 11}});
    SuiteResult result;
    result.suite = "x";
    result.scenarios.push_back({"s", "native", {run}});
    return result;
  };
  SuiteResult merged = merge_shards({shard_run(300, 0.1, 1000), shard_run(100, 0.5, 3000)});
  const RunResult& run = merged.scenarios[0].runs[0];
  CHECK(run.find("latency")->histogram->count() == 400);
  CHECK(run.find("latency")->histogram->value_at_percentile(75) == 1000);
  CHECK(*run.find("requests")->value == 400);
  CHECK(*run.find("error_rate")->value == Approx(0.2));
  CHECK(*run.find("throughput")->value == 20);
  CHECK(run.find("throughput")->timeline == std::vector<double>{18, 22});
}
