// `perfgate run` with a `service:` block, end to end: the real executable starts `perfgate
// target` as the system under test, waits for it over HTTP, samples its resources, stops it;
// a service killed mid-run gives exit 3 with partial results; nothing is left behind.
#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/harness/service/service_test_support.h"
#include "tests/support/test_support.h"

using namespace perfgate::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// The service writes its pid (`exec` keeps it) so the test can find and kill it.
std::string suite_text(uint16_t port, const std::filesystem::path& pid_file, int repetitions) {
  std::string url = "http://127.0.0.1:" + std::to_string(port);
  return "suite: service-e2e\n"
         "repetitions: " +
         std::to_string(repetitions) +
         "\n"
         "sample_interval: 50ms\n"
         "service:\n"
         "  command: [sh, -c, 'echo $$ > \"$PID_FILE\"; exec \"$0\" target --port \"$1\"', " +
         perfgate_binary().string() + ", '" + std::to_string(port) +
         "']\n"
         "  env: { PID_FILE: '" +
         pid_file.string() +
         "' }\n"
         "  ready: { http: '" +
         url +
         "/health', timeout: 10s }\n"
         "  grace: 2s\n"
         "scenarios:\n"
         "  - name: browse\n"
         "    adapter: native\n"
         "    target: " +
         url +
         "\n"
         "    connections: 4\n"
         "    duration: 1s\n"
         "    requests:\n"
         "      - { name: list, method: GET, path: /items }\n";
}

const json* find_metric(const json& run, const std::string& name, const std::string& process) {
  for (const json& metric : run.at("metrics"))
    if (metric.at("name") == name &&
        metric.value("tags", json::object()).value("process", "") == process)
      return &metric;
  return nullptr;
}

int read_pid(const std::filesystem::path& path) {
  std::ifstream in(path);
  int pid = 0;
  in >> pid;
  return pid;
}

}  // namespace

TEST_CASE("perfgate run starts the service, samples it and stops it", "[service][e2e]") {
  TempDir dir;
  uint16_t port = free_port();
  auto pid_file = dir.path() / "service.pid";
  write_file(dir.path() / "suite.yaml", suite_text(port, pid_file, 2));
  auto results = dir.path() / "results.json";
  auto out = run_command(
      {perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o", results.string()}, 30);
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  CHECK_THAT(out.err, Catch::Contains("service ready after"));
  json result = json::parse(read_file(results));
  CHECK(result.at("complete") == true);
  const json& runs = result.at("scenarios").at(0).at("runs");
  REQUIRE(runs.size() == 2);
  for (const json& run : runs) {
    CHECK(run.at("status") == "ok");
    const json* cpu = find_metric(run, "cpu_percent", "service");
    const json* rss = find_metric(run, "rss", "service");
    const json* generator = find_metric(run, "cpu_percent", "perfgate");
    REQUIRE(cpu);
    REQUIRE(rss);
    REQUIRE(generator);
    CHECK(cpu->at("value").get<double>() > 0);
    CHECK(cpu->at("timeline").size() >= 10);  // 1 s at 50 ms
    CHECK(rss->at("value").get<double>() > 1e5);
    CHECK(rss->at("summary").at("min").get<double>() > 0);  // every sample saw the service
    CHECK(rss->at("timeline").size() == cpu->at("timeline").size());
    CHECK(generator->at("value").get<double>() > 0);
    CHECK(find_metric(run, "threads", "service"));
    CHECK(find_metric(run, "open_fds", "service"));
    CHECK(find_metric(run, "context_switches", "service"));
    CHECK(find_metric(run, "io_read_bytes", "service"));
    std::filesystem::path log = run.at("log").get<std::string>();
    CHECK(std::filesystem::exists(log));
  }
  int pid = read_pid(pid_file);
  REQUIRE(pid > 0);
  CHECK(process_and_group_gone(pid));
}

TEST_CASE("a service killed mid-run fails the run with exit 3, keeping what was measured",
          "[service][e2e]") {
  TempDir dir;
  uint16_t port = free_port();
  auto pid_file = dir.path() / "service.pid";
  write_file(dir.path() / "suite.yaml", suite_text(port, pid_file, 4));
  auto results = dir.path() / "results.json";
  int killed_pid = 0;
  std::thread killer([&] {
    // Wait for the service to exist, then kill it during the second 1 s run.
    for (int i = 0; i < 500 && read_pid(pid_file) == 0; ++i) std::this_thread::sleep_for(10ms);
    std::this_thread::sleep_for(1600ms);
    killed_pid = read_pid(pid_file);
    if (killed_pid > 0) ::kill(killed_pid, SIGKILL);
  });
  auto out = run_command(
      {perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o", results.string()}, 30);
  killer.join();
  INFO(out.out << out.err);
  CHECK(out.exit_code == 3);
  json result = json::parse(read_file(results));
  CHECK(result.at("complete") == false);
  const json& runs = result.at("scenarios").at(0).at("runs");
  REQUIRE(runs.size() >= 1);
  REQUIRE(runs.size() < 4);
  const json& last = runs.back();
  CHECK(last.at("status") == "failed");
  CHECK_THAT(last.at("failure_reason").get<std::string>(),
             Catch::Contains("the service (pid " + std::to_string(killed_pid) + ") ended") &&
                 Catch::Contains("killed by signal 9"));
  for (size_t i = 0; i + 1 < runs.size(); ++i) CHECK(runs[i].at("status") == "ok");
  CHECK_THAT(out.err, Catch::Contains("killed by signal 9"));
  REQUIRE(killed_pid > 0);
  CHECK(process_and_group_gone(killed_pid));
}

TEST_CASE("Ctrl-C during a run with a service: exit 130, service stopped", "[service][e2e]") {
  TempDir dir;
  uint16_t port = free_port();
  auto pid_file = dir.path() / "service.pid";
  write_file(dir.path() / "suite.yaml", suite_text(port, pid_file, 3));
  auto results = dir.path() / "results.json";
  auto out = run_command_and_signal(
      {perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o", results.string()}, 1.5,
      SIGINT, 30);
  INFO(out.out << out.err);
  CHECK(out.exit_code == 130);
  json result = json::parse(read_file(results));
  CHECK(result.at("complete") == false);
  // Normally mid-run; on a very slow machine the signal may come before the service is ready.
  if (!result.at("scenarios").empty())
    CHECK(result.at("scenarios").at(0).at("runs").back().at("status") == "interrupted");
  int pid = read_pid(pid_file);
  REQUIRE(pid > 0);
  CHECK(process_and_group_gone(pid));
}
