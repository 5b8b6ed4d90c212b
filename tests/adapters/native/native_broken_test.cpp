#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "adapters/native/native_adapter.h"
#include "core/errors.h"
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

using Clock = std::chrono::steady_clock;

struct TimedRun {
  RunResult result;
  Clock::duration took;
};

TimedRun run_against(testing::Misbehaviour misbehaviour, std::chrono::nanoseconds duration,
                     std::chrono::nanoseconds request_timeout = 300ms) {
  testing::BrokenServer server(misbehaviour);
  NativeLoad load = load_for(server.port(), duration);
  load.request_timeout = request_timeout;
  const auto started = Clock::now();
  RunResult result = run_native_load(load, {});
  return {std::move(result), Clock::now() - started};
}

double errors_of(const RunResult& result, const char* kind) {
  return std::max(0.0, value_of(result, "errors", {{"kind", kind}}));
}

// A port nothing listens on: bound once to learn a free number, then closed.
uint16_t closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

}  // namespace

TEST_CASE("a server sending garbage gives malformed errors") {
  const TimedRun run = run_against(testing::Misbehaviour::garbage, 1s);
  CHECK(errors_of(run.result, "malformed") > 0);
  CHECK(run.result.find("latency", {{"request", "root"}, {"status", "2xx"}}) == nullptr);
  CHECK(value_of(run.result, "error_rate") == 1.0);
  CHECK(run.took < 1500ms);
}

TEST_CASE("a server closing mid-response gives closed or reset errors") {
  const TimedRun run = run_against(testing::Misbehaviour::close_mid_response, 1s);
  CHECK(errors_of(run.result, "closed") + errors_of(run.result, "reset") > 0);
  CHECK(errors_of(run.result, "malformed") == 0);
  CHECK(run.took < 1500ms);
}

TEST_CASE("a server that never answers gives timeouts and the run ends on time") {
  const TimedRun run = run_against(testing::Misbehaviour::silent, 1s);
  // Four connections, each timing out every 300 ms plus a short backoff: three rounds.
  CHECK(errors_of(run.result, "timeout") >= 8);
  CHECK(errors_of(run.result, "timeout") <= 16);
  CHECK(run.took < 1500ms);
}

TEST_CASE("a body that drips forever times out") {
  const TimedRun run = run_against(testing::Misbehaviour::slow_drip, 1s);
  CHECK(errors_of(run.result, "timeout") >= 4);
  CHECK(run.took < 1500ms);
}

TEST_CASE("a reset on accept gives reset errors and backs off") {
  const TimedRun run = run_against(testing::Misbehaviour::reset_on_accept, 1s);
  CHECK(errors_of(run.result, "reset") > 0);
  // Backoff doubles up to 250 ms: four connections cannot fail more than ~15 times each.
  CHECK(value_of(run.result, "errors") < 80);
  CHECK(run.took < 1500ms);
}

TEST_CASE("an unreachable target is a RunError within the connect timeout") {
  const uint16_t port = closed_port();
  NativeLoad load = load_for(port, 5s);
  const auto started = Clock::now();
  CHECK_THROWS_WITH(run_native_load(load, {}), "cannot reach http://127.0.0.1:" +
                                                   std::to_string(port) + ": connection refused");
  CHECK(Clock::now() - started < load.connect_timeout);
}

TEST_CASE("a target that never completes the connect is a RunError after connect_timeout") {
  // A listener with a full accept queue: Linux drops further SYNs, so connects hang.
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), size) == 0);
  REQUIRE(listen(listener, 0) == 0);
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size);
  std::vector<int> fillers;
  for (int i = 0; i < 2; ++i) {
    fillers.push_back(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    connect(fillers.back(), reinterpret_cast<sockaddr*>(&address), size);
  }
  std::this_thread::sleep_for(50ms);
  NativeLoad load = load_for(ntohs(address.sin_port), 5s);
  load.connect_timeout = 300ms;
  const auto started = Clock::now();
  CHECK_THROWS_WITH(run_native_load(load, {}), Catch::Contains("connect timeout (300 ms)"));
  const auto took = Clock::now() - started;
  CHECK(took >= 300ms);
  CHECK(took < 600ms);
  for (int fd : fillers) close(fd);
  close(listener);
}

TEST_CASE("an exception from on_progress stops the workers and reaches the caller") {
  target::TargetOptions options;
  options.port = 0;
  target::TargetServer server(options);
  server.start();
  RunControl control;
  control.on_progress = [](const LiveStats&) { throw std::runtime_error("progress sink failed"); };
  CHECK_THROWS_WITH(run_native_load(load_for(server.port(), 10s), control), "progress sink failed");
}

TEST_CASE("the stop flag ends the run within 300 ms as interrupted, keeping the data") {
  target::TargetOptions options;
  options.port = 0;
  target::TargetServer server(options);
  server.start();
  NativeLoad load = load_for(server.port(), 10s);
  std::atomic<bool> stop{false};
  RunControl control;
  control.stop = &stop;
  int progress_calls = 0;
  uint64_t last_p99_ns = 0;
  control.on_progress = [&](const LiveStats& stats) {
    ++progress_calls;
    last_p99_ns = stats.p99_ns;
  };
  Clock::time_point stopped_at;
  std::thread stopper([&] {
    std::this_thread::sleep_for(1200ms);
    stopped_at = Clock::now();
    stop = true;
  });
  const RunResult result = run_native_load(load, control);
  const auto returned_at = Clock::now();
  stopper.join();
  CHECK(returned_at - stopped_at < 300ms);
  CHECK(result.status == RunStatus::interrupted);
  CHECK(result.duration_s == Approx(1.2).margin(0.2));
  CHECK(count_of(result, "latency", {{"request", "root"}, {"status", "2xx"}}) > 100);
  CHECK(progress_calls >= 3);
  CHECK(last_p99_ns > 0);
}
