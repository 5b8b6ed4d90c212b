#include <catch2/catch.hpp>

#include <algorithm>

#include "core/errors.h"
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

TEST_CASE("runner: a scenario without its adapter's options is refused before any load",
          "[runner]") {
  Suite suite = one_scenario_suite(1);
  suite.scenarios[0].adapter = AdapterKind::k6;  // but no K6Options
  CHECK_THROWS_AS(check_runnable(suite, {}), InputError);
  suite.scenarios[0].tool = perfgate::K6Options{.script = "smoke.js"};
  CHECK_NOTHROW(check_runnable(suite, {}));
  RunOptions only_missing;
  only_missing.scenarios = {"nope"};
  suite.scenarios[0].adapter = AdapterKind::native;
  CHECK_THROWS_WITH(check_runnable(suite, only_missing), Catch::Contains("nope"));
}

namespace {

std::vector<std::string> run_order(Suite suite, std::optional<uint64_t> seed) {
  suite.seed = seed;
  std::atomic<bool> stop{false};
  ProgressLine progress(nullptr, false);
  SuiteRun run = run_suite(suite, {}, stop, progress);
  std::vector<std::string> names;
  for (const ScenarioResult& scenario : run.result.scenarios) names.push_back(scenario.name);
  return names;
}

}  // namespace

TEST_CASE("runner: scenario order is fixed by default, shuffled by seed on request", "[runner]") {
  target::TargetOptions options;
  options.port = 0;
  target::TargetServer server(options);
  server.start();
  Suite suite = one_scenario_suite(server.port());
  suite.repetitions = 1;
  suite.warmup = {};
  suite.scenarios[0].native.duration = {};
  suite.scenarios[0].native.max_requests = 20;
  for (std::string name : {"b", "c", "d", "e", "f"}) {
    suite.scenarios.push_back(suite.scenarios[0]);
    suite.scenarios.back().name = name;
  }
  suite.scenarios[0].name = "a";
  const std::vector<std::string> written{"a", "b", "c", "d", "e", "f"};
  CHECK(run_order(suite, std::nullopt) == written);
  suite.order = ScenarioOrder::random;
  std::vector<std::string> seeded = run_order(suite, 7);
  CHECK(run_order(suite, 7) == seeded);  // the same seed repeats the order
  std::vector<std::string> sorted = seeded;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == written);
  bool any_differs = false;  // six scenarios: 720 orders, so a few seeds must not all agree
  for (uint64_t seed = 1; seed <= 4 && !any_differs; ++seed)
    any_differs = run_order(suite, seed) != written;
  CHECK(any_differs);
}

TEST_CASE("runner: resources of perfgate itself are sampled in every native run", "[runner]") {
  target::TargetOptions options;
  options.port = 0;
  target::TargetServer server(options);
  server.start();
  Suite suite = one_scenario_suite(server.port());
  suite.repetitions = 1;
  suite.sample_interval = 50ms;
  std::atomic<bool> stop{false};
  ProgressLine progress(nullptr, false);
  SuiteRun run = run_suite(suite, {}, stop, progress);
  REQUIRE(run.result.scenarios.at(0).runs.size() == 1);
  const RunResult& result = run.result.scenarios[0].runs[0];
  const Metric* cpu = result.find("cpu_percent", {{"process", "perfgate"}});
  REQUIRE(cpu);
  CHECK(cpu->timeline.size() >= 5);
  CHECK(result.find("rss", {{"process", "service"}}) == nullptr);  // no service here
}

TEST_CASE("runner: a service program missing from PATH is refused before any load", "[runner]") {
  Suite suite = one_scenario_suite(1);
  suite.service = ServiceSpec{};
  suite.service->command = {"perfgate-no-such-service-program"};
  CHECK_THROWS_WITH(check_runnable(suite, {}),
                    (Catch::Contains("service.command") && Catch::Contains("not on PATH")));
  suite.service->command = {"sh", "-c", "true"};
  CHECK_NOTHROW(check_runnable(suite, {}));
}

TEST_CASE("runner: a service that never gets ready fails the suite with the reason recorded",
          "[runner]") {
  Suite suite = one_scenario_suite(1);
  suite.service = ServiceSpec{};
  suite.service->command = {"sh", "-c", "echo 'cannot bind' >&2; exit 4"};
  suite.service->ready.kind = ReadyKind::tcp;
  suite.service->ready.tcp_port = 1;
  std::atomic<bool> stop{false};
  ProgressLine progress(nullptr, false);
  SuiteRun run = run_suite(suite, {}, stop, progress);
  CHECK(run.outcome == SuiteOutcome::run_failed);
  CHECK_FALSE(run.result.complete);
  REQUIRE(run.result.scenarios.size() == 1);
  REQUIRE(run.result.scenarios[0].runs.size() == 1);
  const RunResult& failed = run.result.scenarios[0].runs[0];
  CHECK(failed.status == RunStatus::failed);
  CHECK_THAT(failed.failure_reason,
             Catch::Contains("exit code 4") && Catch::Contains("cannot bind"));
}
