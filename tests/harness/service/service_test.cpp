// The service lifecycle with real processes: readiness by log, TCP and HTTP, early exits,
// timeouts, stop signal and grace period, and nothing left behind.
#include <catch2/catch.hpp>

#include <csignal>

#include "core/errors.h"
#include "harness/service/service.h"
#include "harness/target/target_server.h"
#include "tests/harness/service/service_test_support.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using namespace std::chrono_literals;

namespace {

ServiceSpec shell_service(const std::string& script) {
  ServiceSpec spec;
  spec.command = {"sh", "-c", script};
  spec.grace = 1s;
  return spec;
}

std::atomic<bool> no_stop{false};

}  // namespace

TEST_CASE("service: ready when its log matches; ready time measured; stopped with its group",
          "[service]") {
  TempDir dir;
  ServiceSpec spec =
      shell_service("echo starting; sleep 0.3; echo \"listening on port $PORT\"; sleep 30 & wait");
  spec.env = {{"PORT", "4321"}};
  spec.ready.kind = ReadyKind::log;
  spec.ready.log_pattern = "listening on port [0-9]+";
  service::Service service(spec, dir.path() / "logs" / "service.log");
  REQUIRE(service.wait_until_ready(no_stop) == service::StartOutcome::ready);
  CHECK(service.ready_time() >= 250ms);
  CHECK(service.ready_time() < 5s);
  CHECK_FALSE(service.has_exited());
  CHECK_FALSE(service.failure().has_value());
  CHECK_THAT(read_file(dir.path() / "logs" / "service.log"), Catch::Contains("port 4321"));
  int pid = service.pid();
  ProcessOutcome outcome = service.stop();
  CHECK(outcome.end == ProcessEnd::stopped);
  CHECK(process_and_group_gone(pid));  // the backgrounded sleep went with the group
}

TEST_CASE("service: ready when a TCP port accepts, and when HTTP answers 2xx", "[service]") {
  target::TargetOptions options;
  options.port = 0;
  target::TargetServer server(options);
  server.start();
  TempDir dir;
  ServiceSpec spec = shell_service("exec sleep 30");
  SECTION("tcp") {
    spec.ready.kind = ReadyKind::tcp;
    spec.ready.tcp_port = server.port();
  }
  SECTION("http") {
    spec.ready.kind = ReadyKind::http;
    spec.ready.http_host = "127.0.0.1";
    spec.ready.http_port = server.port();
    spec.ready.http_path = "/health";
  }
  service::Service service(spec, dir.path() / "service.log");
  CHECK(service.wait_until_ready(no_stop) == service::StartOutcome::ready);
  CHECK(service.ready_time() < 2s);
}

TEST_CASE("service: an exit before ready is a RunError with the exit code and log tail",
          "[service]") {
  TempDir dir;
  ServiceSpec spec = shell_service("echo 'config file missing' >&2; exit 7");
  spec.ready.kind = ReadyKind::tcp;
  spec.ready.tcp_port = free_port();
  service::Service service(spec, dir.path() / "service.log");
  CHECK_THROWS_WITH(service.wait_until_ready(no_stop),
                    (Catch::Contains("exit code 7") && Catch::Contains("config file missing") &&
                     Catch::Contains("before it was ready")));
}

TEST_CASE("service: not ready in time is a RunError, and the service is stopped", "[service]") {
  TempDir dir;
  ServiceSpec spec = shell_service("echo still booting; exec sleep 30");
  spec.ready.kind = ReadyKind::http;
  spec.ready.http_host = "127.0.0.1";
  spec.ready.http_port = free_port();
  spec.ready.timeout = 400ms;
  service::Service service(spec, dir.path() / "service.log");
  auto started = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH(service.wait_until_ready(no_stop),
                    (Catch::Contains("not ready after 0.4") && Catch::Contains("still booting")));
  CHECK(std::chrono::steady_clock::now() - started < 3s);
  CHECK(process_and_group_gone(service.pid()));
}

TEST_CASE("service: Ctrl-C while waiting for readiness", "[service]") {
  TempDir dir;
  ServiceSpec spec = shell_service("exec sleep 30");
  spec.ready.kind = ReadyKind::tcp;
  spec.ready.tcp_port = free_port();
  service::Service service(spec, dir.path() / "service.log");
  std::atomic<bool> stop{true};
  CHECK(service.wait_until_ready(stop) == service::StartOutcome::interrupted);
}

TEST_CASE("service: one that ignores the stop signal is killed after the grace period",
          "[service]") {
  TempDir dir;
  ServiceSpec spec = shell_service("trap '' TERM; echo up; sleep 30");
  spec.grace = 300ms;
  spec.ready.kind = ReadyKind::log;
  spec.ready.log_pattern = "^up$";
  service::Service service(spec, dir.path() / "service.log");
  REQUIRE(service.wait_until_ready(no_stop) == service::StartOutcome::ready);
  auto started = std::chrono::steady_clock::now();
  service.stop();
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(took >= 250ms);
  CHECK(took < 3s);
  CHECK(process_and_group_gone(service.pid()));
}

TEST_CASE("service: the configured stop signal is the one sent", "[service]") {
  TempDir dir;
  ServiceSpec spec =
      shell_service("trap 'echo got INT; exit 0' INT; echo up; while :; do sleep 0.05; done");
  spec.stop_signal = SIGINT;
  spec.ready.kind = ReadyKind::log;
  spec.ready.log_pattern = "up";
  service::Service service(spec, dir.path() / "service.log");
  REQUIRE(service.wait_until_ready(no_stop) == service::StartOutcome::ready);
  service.stop();
  CHECK_THAT(read_file(dir.path() / "service.log"), Catch::Contains("got INT"));
}

TEST_CASE("service: a death is seen from another thread and described", "[service]") {
  TempDir dir;
  ServiceSpec spec = shell_service("echo up; echo 'about to crash' >&2; exec sleep 30");
  spec.ready.kind = ReadyKind::log;
  spec.ready.log_pattern = "up";
  service::Service service(spec, dir.path() / "service.log");
  REQUIRE(service.wait_until_ready(no_stop) == service::StartOutcome::ready);
  ::kill(service.pid(), SIGKILL);
  bool seen = false;
  std::thread watcher([&] {
    for (int i = 0; i < 200 && !seen; ++i) {
      seen = service.has_exited();
      std::this_thread::sleep_for(10ms);
    }
  });
  watcher.join();
  CHECK(seen);
  std::optional<std::string> failure = service.failure();
  REQUIRE(failure.has_value());
  CHECK_THAT(*failure, Catch::Contains("killed by signal 9") && Catch::Contains("about to crash"));
}

TEST_CASE("service: a program that does not exist cannot start", "[service]") {
  TempDir dir;
  ServiceSpec spec;
  spec.command = {"/nonexistent/perfgate-service"};
  CHECK_THROWS_WITH(service::Service(spec, dir.path() / "service.log"),
                    (Catch::Contains("cannot start the service")));
}
