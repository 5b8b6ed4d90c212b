// `perfgate target` end to end: the real executable, its listening line, signals, exit codes.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "harness/target/target_server.h"
#include "tests/harness/target/http_test_client.h"
#include "tests/support/test_support.h"

using namespace std::chrono_literals;
using perfgate::target::testing::HttpTestClient;
using perfgate::testing::perfgate_binary;
using perfgate::testing::run_command;
using Clock = std::chrono::steady_clock;

namespace {

// `perfgate target ...` running in the background, stdout readable, killed if still running.
class TargetProcess {
 public:
  explicit TargetProcess(std::vector<std::string> extra_arguments) {
    std::vector<std::string> argv = {perfgate_binary().string(), "target"};
    argv.insert(argv.end(), extra_arguments.begin(), extra_arguments.end());
    int out_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      dup2(out_pipe[1], STDOUT_FILENO);
      std::vector<char*> args;
      for (auto& argument : argv) args.push_back(argument.data());
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    close(out_pipe[1]);
    out_fd_ = out_pipe[0];
  }
  ~TargetProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_fd_);
  }

  // The first line printed, or "" if none came within the timeout.
  std::string first_line(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    std::string text;
    while (text.find('\n') == std::string::npos && Clock::now() < deadline) {
      pollfd waiting{out_fd_, POLLIN, 0};
      if (poll(&waiting, 1, 50) <= 0) continue;
      char chunk[256];
      ssize_t got = read(out_fd_, chunk, sizeof chunk);
      if (got <= 0) break;
      text.append(chunk, static_cast<size_t>(got));
    }
    return text.substr(0, text.find('\n'));
  }

  // The exit code (128 + N after signal N), or -1 if it did not exit within the timeout.
  int wait_exit(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(10ms);
    }
    return -1;
  }

  void signal(int number) { kill(pid_, number); }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  bool exited_ = false;
};

uint16_t port_from(const std::string& line) {
  std::smatch match;
  static const std::regex listening(R"(^perfgate target listening on http://127\.0\.0\.1:(\d+)$)");
  if (!std::regex_match(line, match, listening)) return 0;
  return static_cast<uint16_t>(std::stoi(match[1]));
}

}  // namespace

TEST_CASE("perfgate target --port 0 prints its address, answers, exits 0 on SIGTERM",
          "[target][cli]") {
  TargetProcess target({"--port", "0", "--latency", "fixed:1ms", "--response-size", "10"});
  std::string line = target.first_line(10s);
  uint16_t port = port_from(line);
  INFO(line);
  REQUIRE(port != 0);
  HttpTestClient client(port);
  auto response = client.get("/");
  CHECK(response.status == 200);
  CHECK(response.body.size() == 10);
  target.signal(SIGTERM);
  CHECK(target.wait_exit(5s) == 0);
}

TEST_CASE("perfgate target exits 0 on SIGINT and after --duration", "[target][cli]") {
  TargetProcess interrupted({"--port", "0"});
  REQUIRE(port_from(interrupted.first_line(10s)) != 0);
  interrupted.signal(SIGINT);
  CHECK(interrupted.wait_exit(5s) == 0);

  TargetProcess timed({"--port", "0", "--duration", "300ms"});
  REQUIRE(port_from(timed.first_line(10s)) != 0);
  CHECK(timed.wait_exit(5s) == 0);
}

TEST_CASE("perfgate target: bad option values exit 2 naming the option", "[target][cli]") {
  struct Case {
    std::vector<std::string> arguments;
    std::string mentioned;
  };
  std::vector<Case> cases = {{{"--latency", "gauss:1ms"}, "--latency"},
                             {{"--error-rate", "150%"}, "--error-rate"},
                             {{"--stall", "3s"}, "--stall"},
                             {{"--host", "8.8.8.8"}, "--allow-remote"},
                             {{"--port", "70000"}, "--port"},
                             {{"--threads", "0"}, "--threads"}};
  for (const auto& bad : cases) {
    std::vector<std::string> argv = {perfgate_binary().string(), "target", "--port", "0"};
    argv.insert(argv.end(), bad.arguments.begin(), bad.arguments.end());
    auto result = run_command(argv, 10);
    INFO(bad.arguments[0] << " " << bad.arguments[1] << ": " << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(bad.mentioned) != std::string::npos);
    CHECK(result.out.empty());
  }
}

TEST_CASE("perfgate target on a port in use exits 3 naming the address", "[target][cli]") {
  perfgate::target::TargetOptions options;
  options.port = 0;
  perfgate::target::TargetServer occupant(options);
  auto result = run_command(
      {perfgate_binary().string(), "target", "--port", std::to_string(occupant.port())}, 10);
  INFO(result.err);
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("127.0.0.1:" + std::to_string(occupant.port())) != std::string::npos);
}
