#include "tests/support/test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace perfgate::testing {

std::filesystem::path fixtures_dir() {
  return PERFGATE_FIXTURES_DIR;
}
std::filesystem::path source_dir() {
  return PERFGATE_SOURCE_DIR;
}
std::filesystem::path perfgate_binary() {
  return PERFGATE_BINARY;
}

TempDir::TempDir() {
  std::random_device random;
  auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = base / ("perfgate-test-" + std::to_string(random()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

namespace {

// Reads whatever is available on `fd` into `sink`; returns false at end of file.
bool drain(int fd, std::string& sink) {
  char buffer[65536];
  ssize_t n = read(fd, buffer, sizeof buffer);
  if (n > 0) sink.append(buffer, static_cast<size_t>(n));
  return n > 0 || (n < 0 && errno == EINTR);
}

}  // namespace

CommandOutput run_command(const std::vector<std::string>& argv, double timeout_s) {
  return run_command_and_signal(argv, -1, 0, timeout_s);
}

CommandOutput run_command_and_signal(const std::vector<std::string>& argv, double after_s,
                                     int signal_number, double timeout_s) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setpgid(0, 0);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);  // also from the parent: no race with an early signal
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandOutput output;
  auto started = std::chrono::steady_clock::now();
  auto deadline = started + std::chrono::duration<double>(timeout_s);
  auto signal_at = started + std::chrono::duration<double>(after_s);
  bool signal_pending = after_s >= 0;
  bool out_open = true, err_open = true, timed_out = false;
  while (out_open || err_open) {
    if (signal_pending && std::chrono::steady_clock::now() >= signal_at) {
      kill(-pid, signal_number);
      signal_pending = false;
    }
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    fds[0].fd = out_open ? out_pipe[0] : -1;
    fds[1].fd = err_open ? err_pipe[0] : -1;
    int wait_ms = static_cast<int>(left.count());
    if (signal_pending) wait_ms = std::min(wait_ms, 50);
    if (poll(fds, 2, wait_ms) < 0 && errno != EINTR) break;
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP)))
      out_open = drain(out_pipe[0], output.out);
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP)))
      err_open = drain(err_pipe[0], output.err);
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (timed_out) output.err += "\n[test harness: command timed out]";
  output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return output;
}

}  // namespace perfgate::testing
