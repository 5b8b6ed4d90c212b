#include "harness/target/response_plan.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using perfgate::target::CannedResponses;
using perfgate::target::Clock;
using perfgate::target::LatencyShape;
using perfgate::target::ResponseKind;
using perfgate::target::ResponsePlanner;
using perfgate::target::StallWindow;
using perfgate::target::TargetOptions;

namespace {

std::vector<double> draw_latencies_ms(ResponsePlanner& planner, int count) {
  std::vector<double> latencies_ms;
  for (int i = 0; i < count; ++i)
    latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(planner.plan(false).delay).count());
  return latencies_ms;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

TEST_CASE("fixed latency is exact and scaled by the slowdown", "[target][plan]") {
  TargetOptions options;
  options.latency_a = 2ms;
  ResponsePlanner planner(options, 0);
  CHECK(planner.plan(false).delay == 2ms);
  options.slowdown = 1.15;
  ResponsePlanner slower(options, 0);
  CHECK(slower.plan(false).delay == 2300us);
}

TEST_CASE("uniform latency stays within its bounds and covers them", "[target][plan]") {
  TargetOptions options;
  options.latency = LatencyShape::uniform;
  options.latency_a = 1ms;
  options.latency_b = 5ms;
  ResponsePlanner planner(options, 3);
  auto latencies_ms = draw_latencies_ms(planner, 10000);
  auto [low, high] = std::minmax_element(latencies_ms.begin(), latencies_ms.end());
  CHECK(*low >= 1.0);
  CHECK(*high <= 5.0);
  CHECK(*low < 1.01);
  CHECK(*high > 4.99);
  CHECK(median(latencies_ms) == Approx(3.0).margin(0.1));
}

TEST_CASE("lognormal latency has the configured median and spread", "[target][plan]") {
  TargetOptions options;
  options.latency = LatencyShape::lognormal;
  options.latency_a = 2ms;
  options.sigma = 0.5;
  ResponsePlanner planner(options, 0);
  auto latencies_ms = draw_latencies_ms(planner, 20000);
  CHECK(median(latencies_ms) == Approx(2.0).epsilon(0.03));
  std::sort(latencies_ms.begin(), latencies_ms.end());
  // p84 / p50 of a lognormal is exp(sigma).
  double p84_over_p50 = latencies_ms[16827] / latencies_ms[10000];
  CHECK(p84_over_p50 == Approx(std::exp(0.5)).epsilon(0.05));
}

TEST_CASE("errors are injected at the configured rate, never on /health", "[target][plan]") {
  TargetOptions options;
  options.error_rate = 0.2;
  options.latency_a = 7ms;
  ResponsePlanner planner(options, 0);
  int errors = 0;
  for (int i = 0; i < 20000; ++i)
    errors += planner.plan(false).kind == ResponseKind::injected_error ? 1 : 0;
  CHECK(errors / 20000.0 == Approx(0.2).margin(0.015));

  options.error_rate = 1;
  ResponsePlanner always(options, 0);
  CHECK(always.plan(false).kind == ResponseKind::injected_error);
  auto health = always.plan(true);
  CHECK(health.kind == ResponseKind::health);
  CHECK(health.delay == 0ns);
}

TEST_CASE("the same seed and stream give the same draws, other streams differ", "[target][plan]") {
  TargetOptions options;
  options.latency = LatencyShape::uniform;
  options.latency_a = 0ms;
  options.latency_b = 100ms;
  options.error_rate = 0.5;
  ResponsePlanner first(options, 1), again(options, 1), other_stream(options, 2);
  int same_as_other = 0;
  for (int i = 0; i < 100; ++i) {
    auto a = first.plan(false);
    auto b = again.plan(false);
    auto c = other_stream.plan(false);
    REQUIRE(a.delay == b.delay);
    REQUIRE(a.kind == b.kind);
    same_as_other += a.delay == c.delay ? 1 : 0;
  }
  CHECK(same_as_other < 5);
}

TEST_CASE("a stall window postpones what falls inside it to its end", "[target][plan]") {
  auto start = Clock::now();
  StallWindow stall(start + 300ms, start + 800ms);
  CHECK(stall.postpone(start + 100ms) == start + 100ms);
  CHECK(stall.postpone(start + 300ms) == start + 800ms);
  CHECK(stall.postpone(start + 799ms) == start + 800ms);
  CHECK(stall.postpone(start + 800ms) == start + 800ms);
  CHECK(stall.postpone(start + 900ms) == start + 900ms);
  CHECK(StallWindow{}.postpone(start) == start);

  TargetOptions options;
  CHECK(StallWindow::from_options(options, start).postpone(start + 1s) == start + 1s);
  options.stall_at = 1s;
  options.stall_for = 2s;
  CHECK(StallWindow::from_options(options, start).postpone(start + 1500ms) == start + 3s);
}

TEST_CASE("canned responses carry the exact body size and connection header", "[target][plan]") {
  CannedResponses responses(1000);
  const auto& ok = responses.get(ResponseKind::ok, true);
  CHECK(ok.body.size() == 1000);
  CHECK(ok.head.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(ok.head.find("Content-Length: 1000\r\n") != std::string::npos);
  CHECK(ok.head.find("Content-Type: text/plain\r\n") != std::string::npos);
  CHECK(ok.head.ends_with("Connection: keep-alive\r\n\r\n"));
  CHECK(responses.get(ResponseKind::ok, false).head.ends_with("Connection: close\r\n\r\n"));
  CHECK(responses.get(ResponseKind::injected_error, true).head.starts_with("HTTP/1.1 500 "));
  CHECK(responses.get(ResponseKind::health, true).body == "ok");
  const auto& bad = responses.get(ResponseKind::bad_request, true);
  CHECK(bad.head.starts_with("HTTP/1.1 400 "));
  CHECK(bad.head.ends_with("Connection: close\r\n\r\n"));
  CHECK(CannedResponses(0).get(ResponseKind::ok, true).body.empty());
}
