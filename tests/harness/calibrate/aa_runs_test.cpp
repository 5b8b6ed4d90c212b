// measure_aa against the real built-in target: in-process and through --url, short runs.
#include "harness/calibrate/aa_runs.h"

#include <catch2/catch.hpp>

#include "core/errors.h"

using namespace perfgate;
using namespace std::chrono_literals;

namespace {

calibrate::AaOptions tiny() {
  calibrate::AaOptions options;
  options.runs = 3;
  options.run_duration = 200ms;
  options.warmup = 100ms;
  options.connections = 2;
  options.target.port = 0;
  return options;
}

}  // namespace

TEST_CASE("A/A runs against the in-process target give three positive statistics",
          "[calibrate][e2e]") {
  std::atomic<bool> stop{false};
  int progress_calls = 0;
  auto measurement = calibrate::measure_aa(tiny(), stop, [&](int, int) { ++progress_calls; });
  CHECK(progress_calls == 3);
  CHECK(measurement.failures.empty());
  CHECK(measurement.target_url.rfind("http://127.0.0.1:", 0) == 0);
  REQUIRE(measurement.metrics.size() == 3);
  for (const auto& metric : measurement.metrics) {
    INFO(metric.name);
    REQUIRE(metric.values.size() == 3);
    for (double value : metric.values) CHECK(value > 0);
  }
  CHECK(measurement.metrics[0].name == "latency.p50");
  CHECK(measurement.metrics[1].name == "latency.p99");
  CHECK(measurement.metrics[2].name == "throughput");
}

TEST_CASE("A/A runs against a server given by URL", "[calibrate][e2e]") {
  target::TargetOptions server_options;
  server_options.port = 0;
  server_options.latency_a = 1ms;
  target::TargetServer server(server_options);
  server.start();
  auto options = tiny();
  options.url = server.url();
  std::atomic<bool> stop{false};
  auto measurement = calibrate::measure_aa(options, stop, {});
  CHECK(measurement.target_url == server.url());
  REQUIRE(measurement.metrics.size() == 3);
  CHECK(measurement.metrics[0].values[0] >= 1e6);  // the target's 1 ms shows in p50
  CHECK(server.stats().requests > 0);
}

TEST_CASE("bad options and an unreachable URL fail with typed errors", "[calibrate]") {
  std::atomic<bool> stop{false};
  auto options = tiny();
  options.runs = 1;
  CHECK_THROWS_AS(calibrate::measure_aa(options, stop, {}), InputError);
  options = tiny();
  options.url = "https://127.0.0.1:1";
  CHECK_THROWS_AS(calibrate::measure_aa(options, stop, {}), InputError);
  options.url = "http://127.0.0.1:1";  // nothing listens on port 1
  CHECK_THROWS_AS(calibrate::measure_aa(options, stop, {}), RunError);
}
