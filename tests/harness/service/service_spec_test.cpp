// The suite keys of the service lifecycle and of scheduling: parsed, and refused with the line
// and key when wrong.
#include <catch2/catch.hpp>

#include <csignal>

#include "core/errors.h"
#include "core/suite/suite_loader.h"

using namespace perfgate;
using namespace std::chrono_literals;

namespace {

const std::string kScenarios =
    "scenarios:\n"
    "  - { name: s, adapter: native, target: http://127.0.0.1:1, duration: 1s, requests: [{}] }\n";

Suite parse(const std::string& head) {
  return parse_suite("suite: t\n" + head + kScenarios, "suite.yaml");
}

}  // namespace

TEST_CASE("service keys: command, cwd, env, readiness, stop signal, grace", "[service][suite]") {
  Suite suite = parse(
      "service:\n"
      "  command: [./server, --port, 8080]\n"
      "  cwd: build\n"
      "  env: { PORT: 8080, MODE: fast }\n"
      "  ready: { http: 'http://localhost:8080/health?deep=1', timeout: 5s }\n"
      "  stop_signal: SIGINT\n"
      "  grace: 250ms\n");
  REQUIRE(suite.service);
  const ServiceSpec& service = *suite.service;
  CHECK(service.command == std::vector<std::string>{"./server", "--port", "8080"});
  CHECK(service.cwd == "build");
  CHECK(service.env ==
        std::vector<std::pair<std::string, std::string>>{{"PORT", "8080"}, {"MODE", "fast"}});
  CHECK(service.ready.kind == ReadyKind::http);
  CHECK(service.ready.http_host == "localhost");
  CHECK(service.ready.http_port == 8080);
  CHECK(service.ready.http_path == "/health?deep=1");
  CHECK(service.ready.timeout == 5s);
  CHECK(service.stop_signal == SIGINT);
  CHECK(service.grace == 250ms);
}

TEST_CASE("service keys: tcp and log readiness; defaults", "[service][suite]") {
  Suite tcp = parse("service: { command: [s], ready: { tcp: 9000 } }\n");
  CHECK(tcp.service->ready.kind == ReadyKind::tcp);
  CHECK(tcp.service->ready.tcp_host == "127.0.0.1");
  CHECK(tcp.service->ready.tcp_port == 9000);
  CHECK(tcp.service->stop_signal == SIGTERM);
  CHECK(tcp.service->grace == 5s);
  Suite host = parse("service: { command: [s], ready: { tcp: 'db.local:5432' } }\n");
  CHECK(host.service->ready.tcp_host == "db.local");
  CHECK(host.service->ready.tcp_port == 5432);
  Suite log = parse("service: { command: [s], ready: { log: 'listening on [0-9]+' } }\n");
  CHECK(log.service->ready.kind == ReadyKind::log);
  CHECK(log.service->ready.log_pattern == "listening on [0-9]+");
  Suite none = parse("service: { command: [s] }\n");
  CHECK(none.service->ready.kind == ReadyKind::none);
}

TEST_CASE("scheduling keys: order, seed, sample_interval", "[service][suite]") {
  Suite defaults = parse("");
  CHECK(defaults.order == ScenarioOrder::fixed);
  CHECK_FALSE(defaults.seed);
  CHECK(defaults.sample_interval == 100ms);
  Suite suite = parse("order: random\nseed: 42\nsample_interval: 250ms\n");
  CHECK(suite.order == ScenarioOrder::random);
  CHECK(suite.seed == 42u);
  CHECK(suite.sample_interval == 250ms);
}

TEST_CASE("service and scheduling keys: mistakes name the line and key", "[service][suite]") {
  struct Case {
    std::string head, where, message;
  };
  std::vector<Case> cases{
      {"service: { command: [s], ready: { http: 'http://x/', tcp: 1 } }\n",
       "line 2, key service.ready", "exactly one of http"},
      {"service: { command: [s], ready: { timeout: 1s } }\n", "line 2, key service.ready",
       "exactly one of http"},
      {"service: { command: [s], ready: { tcp: 70000 } }\n", "line 2, key service.ready.tcp", ""},
      {"service: { command: [s], ready: { tcp: 'host:' } }\n", "line 2, key service.ready.tcp",
       "host:port"},
      {"service: { command: [s], ready: { log: '([a-z' } }\n", "line 2, key service.ready.log",
       "regular expression"},
      {"service: { command: [s], stop_signal: SIGSEGV }\n", "line 2, key service.stop_signal",
       "SIGTERM"},
      {"service: { command: [s], grace: soon }\n", "line 2, key service.grace", ""},
      {"service: { command: [s], env: { 'A=B': x } }\n", "line 2, key service.env", "without '='"},
      {"service: { command: [s], env: [A] }\n", "line 2, key service.env", "environment"},
      {"service: { command: [s], restart: always }\n", "line 2, key service.restart",
       "unknown key"},
      {"order: shuffled\n", "line 2, key order", "fixed or random"},
      {"seed: -1\n", "line 2, key seed", ""},
      {"sample_interval: 1ms\n", "line 2, key sample_interval", "at least 10ms"},
  };
  for (const Case& c : cases) {
    INFO(c.head);
    try {
      parse(c.head);
      FAIL("accepted");
    } catch (const InputError& error) {
      CHECK_THAT(error.where(), Catch::StartsWith(c.where));
      CHECK_THAT(error.what(), Catch::Contains(c.message));
    }
  }
}
