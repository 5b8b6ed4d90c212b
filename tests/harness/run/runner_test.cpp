#include <catch2/catch.hpp>

#include "harness/errors.h"
#include "harness/run/runner.h"
#include "harness/target/target_server.h"

using namespace perfgate;
using namespace std::chrono_literals;

namespace {

Suite one_scenario_suite(uint16_t port) {
  Suite suite;
  suite.path = "suite.yaml";
  suite.name = "runner-test";
  suite.repetitions = 2;
  suite.warmup = 200ms;
  Scenario& scenario = suite.scenarios.emplace_back();
  scenario.name = "s";
  scenario.native.target = "http://127.0.0.1:" + std::to_string(port);
  scenario.native.host = "127.0.0.1";
  scenario.native.port = port;
  scenario.native.connections = 2;
  scenario.native.duration = 500ms;
  scenario.native.requests.push_back(RequestSpec{"root", "GET", "/", {}, "", 1.0});
  return suite;
}

}  // namespace

TEST_CASE("runner: warm-up is not counted, repetitions are", "[runner]") {
  target::TargetOptions options;
  options.port = 0;
  target::TargetServer server(options);
  server.start();
  Suite suite = one_scenario_suite(server.port());
  std::atomic<bool> stop{false};
  ProgressLine progress(nullptr, false);
  SuiteRun run = run_suite(suite, {}, stop, progress);
  CHECK(run.outcome == SuiteOutcome::ok);
  CHECK(run.result.complete);
  REQUIRE(run.result.scenarios.size() == 1);
  REQUIRE(run.result.scenarios[0].runs.size() == 2);
  CHECK(run.result.scenarios[0].runs[1].index == 1);
  CHECK(run.result.scenarios[0].runs[0].duration_s == Approx(0.5).margin(0.2));
  CHECK_FALSE(run.result.environment.cpu_model.empty());
}

TEST_CASE("runner: adapters not available yet are refused before any load", "[runner]") {
  Suite suite = one_scenario_suite(1);
  suite.scenarios[0].adapter = AdapterKind::k6;
  CHECK_THROWS_AS(check_runnable(suite, {}), InputError);
  RunOptions only_missing;
  only_missing.scenarios = {"nope"};
  suite.scenarios[0].adapter = AdapterKind::native;
  CHECK_THROWS_WITH(check_runnable(suite, only_missing), Catch::Contains("nope"));
}
