#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "adapters/native/native_adapter.h"
#include "harness/target/target_server.h"
#include "tests/adapters/native/broken_servers.h"
#include "tests/adapters/native/test_loads.h"

using namespace perfgate;
using namespace perfgate::native;
using namespace std::chrono_literals;
using testing::count_of;
using testing::load_for;
using testing::value_of;

namespace {

const Tags kRootOk{{"request", "root"}, {"status", "2xx"}};

std::unique_ptr<target::TargetServer> start_target(std::chrono::nanoseconds latency = 0ns) {
  target::TargetOptions options;
  options.port = 0;
  options.latency_a = latency;
  auto server = std::make_unique<target::TargetServer>(options);
  server->start();
  return server;
}

size_t count_path(const std::vector<testing::CapturedRequest>& requests, const std::string& path) {
  return static_cast<size_t>(std::count_if(requests.begin(), requests.end(),
                                           [&](const auto& r) { return r.path == path; }));
}

}  // namespace

TEST_CASE("closed model against the target server yields every metric") {
  auto server = start_target();
  NativeLoad load = load_for(server->port(), 1s);
  load.threads = 2;
  load.connections = 8;
  const RunResult result = run_native_load(load, {});
  const uint64_t responses = count_of(result, "latency", kRootOk);
  CHECK(result.status == RunStatus::ok);
  CHECK(responses > 1000);
  CHECK(count_of(result, "ttfb", kRootOk) == responses);
  CHECK(value_of(result, "requests", kRootOk) == static_cast<double>(responses));
  CHECK(count_of(result, "connect_time", {}) == 8);
  CHECK(result.find("schedule_lag") == nullptr);
  CHECK(result.duration_s == Approx(1.0).margin(0.05));
  CHECK(result.started_at.size() == 20);
  const Metric* throughput = result.find("throughput");
  REQUIRE(throughput != nullptr);
  CHECK(*throughput->value == Approx(static_cast<double>(responses) / result.duration_s));
  CHECK(throughput->timeline.size() == 1);
  CHECK(value_of(result, "throughput", {{"request", "root"}}) == Approx(*throughput->value));
  CHECK(value_of(result, "errors") == 0);
  CHECK(value_of(result, "error_rate") == 0);
  CHECK(value_of(result, "bytes_received") > 1024.0 * static_cast<double>(responses));
  CHECK(value_of(result, "bytes_sent") > 30.0 * static_cast<double>(responses));
  // Every response the generator counted was answered by the server (plus abandoned ones).
  const double cancelled = value_of(result, "cancelled");
  CHECK(static_cast<double>(server->stats().requests) >= static_cast<double>(responses));
  CHECK(cancelled <= 8);
}

TEST_CASE("open model at 500/s for 2 s sends about 1000 requests on schedule") {
  auto server = start_target(200us);
  NativeLoad load = load_for(server->port(), 2s);
  load.model = LoadModel::open;
  load.rate_per_s = 500;
  load.connections = 8;
  const RunResult result = run_native_load(load, {});
  const uint64_t responses = count_of(result, "latency", kRootOk);
  CHECK(responses >= 990);
  CHECK(responses <= 1000);
  const Metric* lag = result.find("schedule_lag");
  REQUIRE(lag != nullptr);
  CHECK(lag->histogram->count() ==
        responses + static_cast<uint64_t>(value_of(result, "cancelled")));
  CHECK(lag->histogram->value_at_percentile(50) < 1'000'000);  // sends on time
  const Metric* latency = result.find("latency", kRootOk);
  CHECK(latency->histogram->value_at_percentile(50) >= 200'000);  // includes the server's 200 us
  CHECK(result.find("throughput")->timeline.size() == 2);
  CHECK(*result.find("throughput")->value == Approx(500).epsilon(0.02));
}

TEST_CASE("max_requests ends the run early with exactly that many responses") {
  auto server = start_target();
  NativeLoad load = load_for(server->port(), 10s);
  load.threads = 2;
  load.max_requests = 301;
  const auto started = std::chrono::steady_clock::now();
  const RunResult result = run_native_load(load, {});
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  CHECK(count_of(result, "latency", kRootOk) == 301);
  CHECK(value_of(result, "cancelled") == 0);
}

TEST_CASE("request weights 3:1 are respected") {
  testing::CaptureServer server;
  NativeLoad load = load_for(server.port(), 10s);
  load.threads = 2;
  load.max_requests = 400;
  load.requests = {RequestSpec{"a", "GET", "/a", {}, "", 3},
                   RequestSpec{"b", "GET", "/b", {}, "", 1}};
  const RunResult result = run_native_load(load, {});
  CHECK(count_of(result, "latency", {{"request", "a"}, {"status", "2xx"}}) == 300);
  CHECK(count_of(result, "latency", {{"request", "b"}, {"status", "2xx"}}) == 100);
  const auto captured = server.captured();
  CHECK(count_path(captured, "/a") == 300);
  CHECK(count_path(captured, "/b") == 100);
}

TEST_CASE("headers and body reach the server") {
  testing::CaptureServer server;
  NativeLoad load = load_for(server.port(), 10s);
  load.max_requests = 3;
  load.requests = {RequestSpec{"post",
                               "POST",
                               "/items?id=7",
                               {{"Authorization", "Bearer t"}, {"X-Test", "yes"}},
                               "{\"n\":1}",
                               1}};
  const RunResult result = run_native_load(load, {});
  CHECK(count_of(result, "latency", {{"request", "post"}, {"status", "2xx"}}) == 3);
  const auto captured = server.captured();
  REQUIRE(captured.size() == 3);
  CHECK(captured[0].method == "POST");
  CHECK(captured[0].path == "/items?id=7");
  CHECK(captured[0].header("Host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(captured[0].header("Authorization") == "Bearer t");
  CHECK(captured[0].header("X-Test") == "yes");
  CHECK(captured[0].header("Content-Length") == "7");
  CHECK(captured[0].body == "{\"n\":1}");
}

TEST_CASE("chunked, Connection: close and 100-continue responses are complete, not errors") {
  for (testing::Framing framing : {testing::Framing::chunked, testing::Framing::connection_close,
                                   testing::Framing::after_100_continue}) {
    testing::CaptureServer server(framing);
    NativeLoad load = load_for(server.port(), 10s);
    load.max_requests = 50;
    const RunResult result = run_native_load(load, {});
    CHECK(count_of(result, "latency", kRootOk) == 50);
    CHECK(value_of(result, "errors") == 0);
    const uint64_t connects = count_of(result, "connect_time", {});
    CHECK(connects >= (framing == testing::Framing::connection_close ? 50u : 4u));
  }
}

TEST_CASE("open-model stages ramp the arrival rate") {
  auto server = start_target();
  NativeLoad load = load_for(server->port(), 0s);
  load.model = LoadModel::open;
  load.threads = 2;
  load.stages = {Stage{1s, 400}, Stage{1s, 400}};
  const RunResult result = run_native_load(load, {});
  // Area: 200 on the ramp, 400 on the hold.
  CHECK(count_of(result, "latency", kRootOk) == Approx(600).margin(3));
  const std::vector<double>& timeline = result.find("throughput")->timeline;
  REQUIRE(timeline.size() == 2);
  CHECK(timeline[0] == Approx(200).margin(3));
  CHECK(timeline[1] == Approx(400).margin(3));
}

TEST_CASE("closed-model stages ramp the number of active connections") {
  auto server = start_target(5ms);
  NativeLoad load = load_for(server->port(), 0s);
  load.threads = 2;
  load.stages = {Stage{1s, 6}, Stage{1s, 6}};
  const RunResult result = run_native_load(load, {});
  CHECK(count_of(result, "connect_time", {}) == 6);
  const std::vector<double>& timeline = result.find("throughput")->timeline;
  REQUIRE(timeline.size() == 2);
  // About 3 connections on average while ramping, then 6, each ~180 responses/s.
  CHECK(timeline[1] > 1.6 * timeline[0]);
  CHECK(timeline[1] == Approx(6 * 180).epsilon(0.2));
}

TEST_CASE("HEAD responses have no body even with a Content-Length") {
  testing::CaptureServer server;
  NativeLoad load = load_for(server.port(), 10s);
  load.max_requests = 20;
  load.requests = {RequestSpec{"head", "HEAD", "/", {}, "", 1}};
  const RunResult result = run_native_load(load, {});
  CHECK(count_of(result, "latency", {{"request", "head"}, {"status", "2xx"}}) == 20);
  CHECK(value_of(result, "errors") == 0);
}

TEST_CASE("think time spaces the requests of a closed-model connection") {
  auto server = start_target();
  NativeLoad load = load_for(server->port(), 1s);
  load.connections = 2;
  load.think_time = 100ms;
  const RunResult result = run_native_load(load, {});
  // Each connection: a request, then 100 ms of thinking, so about 10 requests per second.
  CHECK(count_of(result, "latency", kRootOk) == Approx(20).margin(2));
}
