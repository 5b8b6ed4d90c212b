// The command adapter end to end: suites with `adapter: command` run by the perfgate executable.
#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.h"

using namespace perfgate::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

struct SuiteRun {
  perfgate::testing::CommandOutput out;
  json result;
};

// Writes a one-scenario suite (the scenario's keys given as YAML lines) and runs it.
SuiteRun run_suite(const TempDir& dir, const std::string& keys, int repetitions = 3) {
  write_file(dir.path() / "suite.yaml",
             "suite: command-test\nrepetitions: " + std::to_string(repetitions) +
                 "\nscenarios:\n  - name: cmd\n    adapter: command\n" + keys);
  auto results = dir.path() / "r.json";
  SuiteRun run;
  run.out = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                         results.string(), "--no-progress"});
  if (std::filesystem::exists(results)) run.result = json::parse(read_file(results));
  return run;
}

double value_in(const json& run, const std::string& name) {
  for (const json& metric : run["metrics"])
    if (metric["name"] == name) return metric["value"].get<double>();
  FAIL("no metric " << name);
  return 0;
}

// A zombie counts as gone: it has ended and only waits for its new parent (pid 1, which in some
// containers reaps slowly) to collect it.
bool is_zombie(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const size_t name_end = line.rfind(')');
  return name_end != std::string::npos && name_end + 2 < line.size() && line[name_end + 2] == 'Z';
}

bool process_gone(int pid) {
  for (int i = 0; i < 40; ++i) {
    if ((::kill(pid, 0) != 0 && errno == ESRCH) || is_zombie(pid)) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

}  // namespace

TEST_CASE("each repetition is a run with wall, user, sys, max RSS and exit code",
          "[command][e2e]") {
  TempDir dir;
  // Sleeps 0.3 s, then burns CPU for ~0.2 s holding a 64 MiB buffer.
  SuiteRun run = run_suite(
      dir,
      "    command: [python3, -c, \"import time; time.sleep(0.3); b = bytearray(64 << 20); "
      "t = time.process_time()\\nwhile time.process_time() - t < 0.2: pass\"]\n");
  INFO(run.out.err);
  REQUIRE(run.out.exit_code == 0);
  const json& runs = run.result["scenarios"][0]["runs"];
  REQUIRE(runs.size() == 3);
  for (const json& one : runs) {
    CHECK(one["status"] == "ok");
    CHECK(value_in(one, "wall_time") > 0.5e9);
    CHECK(value_in(one, "wall_time") < 5e9);
    CHECK(value_in(one, "user_time") + value_in(one, "sys_time") >= 0.19e9);
    CHECK(value_in(one, "max_rss") > 64.0 * (1 << 20));
    CHECK(value_in(one, "exit_code") == 0);
  }
}

TEST_CASE("a short command is timed finely", "[command][e2e]") {
  TempDir dir;
  SuiteRun run = run_suite(dir, "    command: [sleep, \"0.02\"]\n", 5);
  REQUIRE(run.out.exit_code == 0);
  for (const json& one : run.result["scenarios"][0]["runs"]) {
    CHECK(value_in(one, "wall_time") >= 0.02e9);
    CHECK(value_in(one, "wall_time") < 0.02e9 + 15e6);  // polled finely, not in 10 ms steps
  }
}

TEST_CASE("warm-up runs and prepare run first, cleanup once at the end", "[command][e2e]") {
  TempDir dir;
  auto log = (dir.path() / "calls.log").string();
  SuiteRun run = run_suite(dir,
                           "    warmup_runs: 2\n"
                           "    command: [sh, -c, \"echo run >> " +
                               log +
                               "\"]\n"
                               "    prepare: [sh, -c, \"echo prepare >> " +
                               log +
                               "\"]\n"
                               "    cleanup: [sh, -c, \"echo cleanup >> " +
                               log + "\"]\n",
                           3);
  INFO(run.out.err);
  REQUIRE(run.out.exit_code == 0);
  CHECK(run.result["scenarios"][0]["runs"].size() == 3);  // warm-up runs are not results
  std::string expected;
  for (int i = 0; i < 5; ++i) expected += "prepare\nrun\n";
  CHECK(read_file(log) == expected + "cleanup\n");
}

TEST_CASE("env and cwd reach the command", "[command][e2e]") {
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "work");
  SuiteRun run = run_suite(dir,
                           "    command: [sh, -c, \"test \\\"$GREETING\\\" = hello && "
                           "test \\\"$(basename $(pwd))\\\" = work\"]\n"
                           "    env: { GREETING: hello }\n"
                           "    cwd: work\n",
                           1);
  INFO(run.out.err);
  CHECK(run.out.exit_code == 0);
}

TEST_CASE("a failing command: exit 3 with its stderr tail, no further runs", "[command][e2e]") {
  TempDir dir;
  SuiteRun run = run_suite(dir, "    command: [sh, -c, \"echo 'disk full' >&2; exit 4\"]\n", 3);
  CHECK(run.out.exit_code == 3);
  CHECK(run.out.err.find("exit code 4") != std::string::npos);
  CHECK(run.out.err.find("disk full") != std::string::npos);
  const json& runs = run.result["scenarios"][0]["runs"];
  REQUIRE(runs.size() == 1);
  CHECK(runs[0]["status"] == "failed");
  CHECK(value_in(runs[0], "exit_code") == 4);
}

TEST_CASE("a missing or crashing command: exit 3", "[command][e2e]") {
  TempDir dir;
  SuiteRun missing = run_suite(dir, "    command: [/nonexistent/tool, --fast]\n", 1);
  CHECK(missing.out.exit_code == 3);
  CHECK(missing.out.err.find("/nonexistent/tool") != std::string::npos);
  SuiteRun crashed =
      run_suite(dir, "    command: [sh, -c, \"echo 'about to crash' >&2; kill -SEGV $$\"]\n", 1);
  CHECK(crashed.out.exit_code == 3);
  CHECK(crashed.out.err.find("signal 11") != std::string::npos);
  CHECK(crashed.out.err.find("about to crash") != std::string::npos);
  SuiteRun prepare_fails = run_suite(
      dir, "    command: [true]\n    prepare: [sh, -c, \"echo 'no fixture' >&2; exit 2\"]\n", 1);
  CHECK(prepare_fails.out.exit_code == 3);
  CHECK(prepare_fails.out.err.find("prepare command ended with exit code 2") != std::string::npos);
}

TEST_CASE("a hanging command: the timeout kills its process group, exit 3", "[command][e2e]") {
  TempDir dir;
  auto pid_file = (dir.path() / "child.pid").string();
  auto started = std::chrono::steady_clock::now();
  SuiteRun run = run_suite(dir,
                           "    command: [sh, -c, \"sleep 300 & echo $! > " + pid_file +
                               "; echo 'stuck' >&2; wait\"]\n"
                               "    timeout: 500ms\n",
                           2);
  INFO(run.out.err);
  CHECK(run.out.exit_code == 3);
  CHECK(std::chrono::steady_clock::now() - started < 10s);
  CHECK(run.out.err.find("timed out") != std::string::npos);
  CHECK(run.out.err.find("stuck") != std::string::npos);
  CHECK(process_gone(std::stoi(read_file(pid_file))));
}

TEST_CASE("bad command keys: exit 2 naming the suite, line and key", "[command][e2e]") {
  TempDir dir;
  SuiteRun no_command = run_suite(dir, "    prepare: [true]\n", 1);
  CHECK(no_command.out.exit_code == 2);
  CHECK(no_command.out.err.find("line 4, key scenarios[0].command: is required") !=
        std::string::npos);
  SuiteRun bad_warmup = run_suite(dir, "    command: [true]\n    warmup_runs: -1\n", 1);
  CHECK(bad_warmup.out.exit_code == 2);
  CHECK(bad_warmup.out.err.find("scenarios[0].warmup_runs") != std::string::npos);
  SuiteRun typo = run_suite(dir, "    command: [true]\n    cleanpu: [true]\n", 1);
  CHECK(typo.out.exit_code == 2);
  CHECK(typo.out.err.find("did you mean 'cleanup'") != std::string::npos);
}
