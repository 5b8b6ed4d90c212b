// `perfgate run` end to end: a real suite file, the real executable, the built-in target.
#include <catch2/catch.hpp>

#include <csignal>
#include <nlohmann/json.hpp>

#include "harness/target/target_server.h"
#include "tests/harness/cli/bad_suites.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using namespace std::chrono_literals;

namespace {

std::string suite_text(uint16_t port, const std::string& duration, int repetitions) {
  return "suite: cli-test\n"
         "repetitions: " +
         std::to_string(repetitions) +
         "\n"
         "scenarios:\n"
         "  - name: browse\n"
         "    adapter: native\n"
         "    target: http://127.0.0.1:" +
         std::to_string(port) +
         "\n"
         "    connections: 4\n"
         "    duration: " +
         duration +
         "\n"
         "    requests:\n"
         "      - { name: list, method: GET, path: /items, weight: 3 }\n"
         "      - { name: get, method: GET, path: /items/42 }\n";
}

struct RunningTarget {
  target::TargetServer server;
  explicit RunningTarget(target::TargetOptions options) : server(std::move(options)) {
    server.start();
  }
};

target::TargetOptions quick_target() {
  target::TargetOptions options;
  options.port = 0;
  options.latency_a = 200us;
  return options;
}

}  // namespace

TEST_CASE("perfgate run writes results and prints the table", "[cli][e2e]") {
  RunningTarget target(quick_target());
  TempDir dir;
  write_file(dir.path() / "suite.yaml", suite_text(target.server.port(), "1s", 2));
  auto results = dir.path() / "results.json";
  auto out = run_command(
      {perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o", results.string()});
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  CHECK(out.out.find("p99.9") != std::string::npos);
  CHECK(out.out.find("list") != std::string::npos);
  CHECK(out.out.find("get") != std::string::npos);
  // Not a terminal: no progress line escape codes anywhere.
  CHECK(out.err.find("\033[K") == std::string::npos);

  auto json = nlohmann::json::parse(read_file(results));
  CHECK(json["schema"] == "perfgate/result/v1");
  CHECK(json["complete"] == true);
  REQUIRE(json["scenarios"].size() == 1);
  CHECK(json["scenarios"][0]["runs"].size() == 2);
}

TEST_CASE("a malformed suite exits 2 naming file, line and key", "[cli]") {
  TempDir dir;
  auto suite = dir.path() / "bad.yaml";
  write_file(suite,
             "suite: bad\n"
             "scenarios:\n"
             "  - name: browse\n"
             "    adapter: native\n"
             "    target: http://127.0.0.1:1\n"
             "    rate: 2000 per s\n"
             "    requests: [{ path: / }]\n");
  auto out = run_command(
      {perfgate_binary(), "run", suite.string(), "-o", (dir.path() / "r.json").string()});
  INFO(out.err);
  CHECK(out.exit_code == 2);
  CHECK(out.err.find("bad.yaml") != std::string::npos);
  CHECK(out.err.find("line 6") != std::string::npos);
  CHECK(out.err.find("rate") != std::string::npos);
}

TEST_CASE("an unreachable target exits 3 quickly with a clear message", "[cli]") {
  TempDir dir;
  // Port 1 on loopback: nothing listens there, the connect is refused at once.
  write_file(dir.path() / "suite.yaml",
             "suite: down\nrepetitions: 3\nscenarios:\n  - name: s\n    adapter: native\n"
             "    target: http://127.0.0.1:1\n    duration: 5s\n    timeout: 1s\n"
             "    requests: [{ path: / }]\n");
  auto started = std::chrono::steady_clock::now();
  auto out = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                          (dir.path() / "r.json").string()});
  auto elapsed = std::chrono::steady_clock::now() - started;
  INFO(out.err);
  CHECK(out.exit_code == 3);
  CHECK(out.err.find("127.0.0.1:1") != std::string::npos);
  CHECK(elapsed < 3s);
  auto json = nlohmann::json::parse(read_file(dir.path() / "r.json"));
  CHECK(json["scenarios"][0]["runs"][0]["status"] == "failed");
}

TEST_CASE("SIGINT stops the load, keeps partial results and exits 130", "[cli][e2e]") {
  RunningTarget target(quick_target());
  TempDir dir;
  write_file(dir.path() / "suite.yaml", suite_text(target.server.port(), "20s", 3));
  auto results = dir.path() / "results.json";
  auto started = std::chrono::steady_clock::now();
  auto out = run_command_and_signal(
      {perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o", results.string()}, 1.5,
      SIGINT);
  auto elapsed = std::chrono::steady_clock::now() - started;
  INFO(out.out << out.err);
  CHECK(out.exit_code == 130);
  CHECK(elapsed < 5s);
  auto json = nlohmann::json::parse(read_file(results));
  CHECK(json["complete"] == false);
  REQUIRE(json["scenarios"][0]["runs"].size() == 1);
  CHECK(json["scenarios"][0]["runs"][0]["status"] == "interrupted");
}

TEST_CASE("an unwritable output path fails before any load", "[cli]") {
  TempDir dir;
  write_file(dir.path() / "suite.yaml", suite_text(9, "30s", 1));
  auto started = std::chrono::steady_clock::now();
  auto out = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                          (dir.path() / "missing-dir" / "r.json").string()});
  CHECK(out.exit_code == 2);
  CHECK(out.err.find("missing-dir") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < 2s);
}

TEST_CASE("a mistake in a gate or k6 key exits 2 naming the line of that key", "[cli]") {
  const BadSuite bad = GENERATE(from_range(kBadSuites));
  TempDir dir;
  check_names_the_key(run_command({perfgate_binary(), "run", bad_suite_path(bad).string(), "-o",
                                   (dir.path() / "r.json").string()}),
                      bad);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "r.json"));
}
