// Child processes: exit codes, logs, resource usage, timeouts and Ctrl-C that take the whole
// process group down, and clear errors for programs that do not exist.
#include "core/process/child_process.h"

#include <signal.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "core/errors.h"
#include "tests/support/test_support.h"

namespace perfgate {
namespace {

using namespace std::chrono_literals;

// A zombie (dead, not yet reaped by whoever inherited it) does not count as alive.
bool process_alive(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string pid_field, name, state;
  if (!(stat >> pid_field >> name >> state)) return false;
  return state != "Z" && state != "X";
}

int read_pid(const std::filesystem::path& path) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::ifstream in(path);
    int pid = 0;
    if (in >> pid && pid > 0) return pid;
    std::this_thread::sleep_for(10ms);
  }
  FAIL("no pid written to " << path);
  return 0;
}

}  // namespace

TEST_CASE("a child's exit code, stderr log and resource usage are kept") {
  testing::TempDir dir;
  ProcessSpec spec{.argv = {"sh", "-c", "echo out; echo first >&2; echo last >&2; exit 3"},
                   .stdout_path = dir.path() / "out.log",
                   .stderr_path = dir.path() / "err.log"};
  ProcessOutcome outcome = run_process(spec, 10s);
  CHECK(outcome.end == ProcessEnd::exited);
  CHECK(outcome.exit_code == 3);
  CHECK_FALSE(outcome.succeeded());
  CHECK(outcome.describe() == "exit code 3");
  CHECK(tail_of_file(dir.path() / "err.log", 1) == "last\n");
  CHECK(tail_of_file(dir.path() / "err.log") == "first\nlast\n");
  CHECK(tail_of_file(dir.path() / "out.log") == "out\n");
  CHECK(outcome.max_rss_kb > 0);
}

TEST_CASE("stdout and stderr may share one log file") {
  testing::TempDir dir;
  std::filesystem::path log = dir.path() / "tool.log";
  ProcessSpec spec{.argv = {"sh", "-c", "echo one; echo two >&2; echo three"},
                   .stdout_path = log,
                   .stderr_path = log};
  REQUIRE(run_process(spec, 10s).succeeded());
  CHECK(tail_of_file(log) == "one\ntwo\nthree\n");
}

TEST_CASE("CPU time of a busy child is measured") {
  ProcessSpec spec{.argv = {"sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"}};
  ProcessOutcome outcome = run_process(spec, 30s);
  REQUIRE(outcome.succeeded());
  CHECK(outcome.user_s + outcome.sys_s > 0.01);
  CHECK(outcome.wall_s >= outcome.user_s * 0.5);
}

TEST_CASE("a timeout stops the child and its own children") {
  testing::TempDir dir;
  std::filesystem::path pid_file = dir.path() / "grandchild.pid";
  ProcessSpec spec{.argv = {"sh", "-c", "sleep 60 & echo $! > " + pid_file.string() + "; wait"},
                   .grace = 200ms};
  ChildProcess child(spec);
  int grandchild = read_pid(pid_file);
  ProcessOutcome outcome = child.wait(300ms);
  CHECK(outcome.end == ProcessEnd::timed_out);
  CHECK(outcome.wall_s < 5);
  std::this_thread::sleep_for(50ms);
  CHECK_FALSE(process_alive(grandchild));
}

TEST_CASE("a child that ignores SIGTERM is killed after the grace period") {
  ProcessSpec spec{.argv = {"sh", "-c", "trap '' TERM; while true; do sleep 0.05; done"},
                   .grace = 200ms};
  ChildProcess child(spec);
  std::this_thread::sleep_for(100ms);  // let the shell install its trap
  ProcessOutcome outcome = child.stop(SIGTERM);
  CHECK(outcome.end == ProcessEnd::stopped);
  CHECK(outcome.wall_s < 5);
  CHECK_FALSE(process_alive(child.pid()));
}

TEST_CASE("the stop flag (Ctrl-C) stops a running child") {
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    std::this_thread::sleep_for(100ms);
    stop = true;
  });
  ProcessOutcome outcome = run_process({.argv = {"sleep", "30"}}, 0ns, &stop);
  stopper.join();
  CHECK(outcome.end == ProcessEnd::stopped);
  CHECK(outcome.wall_s < 5);
}

TEST_CASE("a process destroyed while running leaves nothing behind") {
  int pid = 0;
  {
    ChildProcess child({.argv = {"sleep", "30"}});
    pid = child.pid();
    CHECK(process_alive(pid));
  }
  CHECK_FALSE(process_alive(pid));
}

TEST_CASE("a missing program is a run error naming it") {
  CHECK_THROWS_WITH(
      run_process({.argv = {"perfgate-no-such-tool"}}),
      Catch::Matchers::Contains("perfgate-no-such-tool") && Catch::Matchers::Contains("PATH"));
  CHECK_THROWS_AS(run_process({.argv = {"/nonexistent/tool"}}), RunError);
}

TEST_CASE("environment additions reach the child") {
  testing::TempDir dir;
  ProcessSpec spec{.argv = {"sh", "-c", "echo \"$PERFGATE_TEST_VALUE\""},
                   .env = {{"PERFGATE_TEST_VALUE", "hello"}},
                   .stdout_path = dir.path() / "out.log"};
  REQUIRE(run_process(spec, 10s).succeeded());
  CHECK(tail_of_file(dir.path() / "out.log") == "hello\n");
}

}  // namespace perfgate
