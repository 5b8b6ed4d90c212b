#include <catch2/catch.hpp>

#include <chrono>

#include "adapters/native/native_adapter.h"
#include "harness/target/target_server.h"
#include "tests/adapters/native/test_loads.h"

using namespace perfgate;
using namespace perfgate::native;
using namespace std::chrono_literals;

// The server stalls for 1 s at t = 3 s of a 10 s run at 1000 requests/s. Requests due during
// the stall cannot be sent (every connection waits for an answer) or are not answered; measured
// from their scheduled time they took up to 1 s. About 1000 of 10000 requests are delayed, the
// slowest 1 % by 0.9 s to 1 s, so p99 lies in [0.8 s, 1.0 s]. A generator that measured from
// the actual send (coordinated omission) would report a p99 of about a millisecond.
TEST_CASE("open model corrects coordinated omission: a 1 s stall shows in p99", "[slow]") {
  target::TargetOptions options;
  options.port = 0;
  options.stall_at = 3s;
  options.stall_for = 1s;
  target::TargetServer server(options);
  server.start();
  NativeLoad load = testing::load_for(server.port(), 10s);
  load.model = LoadModel::open;
  load.rate_per_s = 1000;
  load.connections = 16;
  const RunResult result = run_native_load(load, {});
  const Metric* latency = result.find("latency", {{"request", "root"}, {"status", "2xx"}});
  REQUIRE(latency != nullptr);
  const Histogram& histogram = *latency->histogram;
  CHECK(histogram.count() >= 9900);
  CHECK(histogram.value_at_percentile(99) >= 800'000'000);
  CHECK(histogram.value_at_percentile(99) <= 1'000'000'000);
  CHECK(histogram.value_at_percentile(50) < 10'000'000);
  CHECK(testing::value_of(result, "errors") == 0);
}
