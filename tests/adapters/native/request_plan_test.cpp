#include <catch2/catch.hpp>

#include "adapters/native/request_plan.h"
#include "core/errors.h"
#include "tests/adapters/native/test_loads.h"

using namespace perfgate;
using namespace perfgate::native;

TEST_CASE("request bytes carry method, path, Host, headers, Content-Length and body") {
  NativeLoad load = testing::load_for(8080, std::chrono::seconds(1));
  load.requests = {
      RequestSpec{"create", "POST", "/items?x=1", {{"X-Trace", "abc"}}, "{\"a\":1}", 1}};
  const RequestPlan plan = build_request_plan(load);
  REQUIRE(plan.requests.size() == 1);
  CHECK(plan.requests[0].bytes ==
        "POST /items?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nX-Trace: abc\r\n"
        "Content-Length: 7\r\n\r\n{\"a\":1}");
  CHECK(plan.metric_names == std::vector<std::string>{"create"});
}

TEST_CASE("a given Host or Content-Length header is not duplicated; GET has no length") {
  NativeLoad load = testing::load_for(80, std::chrono::seconds(1));
  load.requests = {RequestSpec{"", "GET", "/a", {{"host", "example.org"}}, "", 1},
                   RequestSpec{"", "PUT", "/b", {{"Content-Length", "0"}}, "", 1}};
  const RequestPlan plan = build_request_plan(load);
  CHECK(plan.requests[0].bytes == "GET /a HTTP/1.1\r\nhost: example.org\r\n\r\n");
  CHECK(plan.requests[1].bytes ==
        "PUT /b HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
  CHECK(plan.metric_names == std::vector<std::string>{"GET /a", "PUT /b"});
}

TEST_CASE("requests sharing a name share a metric; HEAD expects no body") {
  NativeLoad load = testing::load_for(80, std::chrono::seconds(1));
  load.requests = {RequestSpec{"same", "GET", "/a", {}, "", 1},
                   RequestSpec{"same", "HEAD", "/b", {}, "", 1}};
  const RequestPlan plan = build_request_plan(load);
  CHECK(plan.metric_names.size() == 1);
  CHECK(plan.requests[1].metric_index == 0);
  CHECK(plan.requests[0].expects_body);
  CHECK_FALSE(plan.requests[1].expects_body);
}

TEST_CASE("header injection and non-positive weights are refused") {
  NativeLoad load = testing::load_for(80, std::chrono::seconds(1));
  load.requests = {RequestSpec{"x", "GET", "/", {{"X-Evil", "a\r\nInjected: 1"}}, "", 1}};
  CHECK_THROWS_AS(build_request_plan(load), InputError);
  load.requests = {RequestSpec{"x", "GET", "/", {}, "", 0}};
  CHECK_THROWS_AS(build_request_plan(load), InputError);
  load.requests.clear();
  CHECK_THROWS_AS(build_request_plan(load), InputError);
}

TEST_CASE("the weighted order follows the weights exactly and spreads picks evenly") {
  const std::vector<uint16_t> order = weighted_order({3, 1}, 4096);
  CHECK(std::count(order.begin(), order.end(), 0) == 3072);
  CHECK(std::count(order.begin(), order.end(), 1) == 1024);
  // Evenly spread: never more than three of request 0 in a row.
  int run = 0;
  int longest = 0;
  for (uint16_t pick : order) {
    run = pick == 0 ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  CHECK(longest == 3);
  const std::vector<uint16_t> odd = weighted_order({0.7, 0.2, 0.1}, 4096);
  CHECK(std::count(odd.begin(), odd.end(), 2) == Approx(409.6).margin(1));
}
