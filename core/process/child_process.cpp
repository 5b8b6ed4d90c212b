#include "core/process/child_process.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <boost/process.hpp>
#include <deque>
#include <fstream>
#include <thread>

#include "core/errors.h"

namespace perfgate {
namespace bp = boost::process;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(10);

double seconds_of(const timeval& time) {
  return time.tv_sec + time.tv_usec / 1e6;
}

bp::environment environment_for(const ProcessSpec& spec) {
  bp::environment environment = boost::this_process::environment();
  for (const auto& [name, value] : spec.env) environment[name] = value;
  return environment;
}

std::string log_or_null(const std::filesystem::path& path) {
  return path.empty() ? std::string("/dev/null") : path.string();
}

}  // namespace

const char* to_string(ProcessEnd end) {
  switch (end) {
    case ProcessEnd::exited:
      return "exited";
    case ProcessEnd::signaled:
      return "signaled";
    case ProcessEnd::timed_out:
      return "timed-out";
    case ProcessEnd::stopped:
      return "stopped";
  }
  return "exited";
}

std::string ProcessOutcome::describe() const {
  switch (end) {
    case ProcessEnd::exited:
      return "exit code " + std::to_string(exit_code);
    case ProcessEnd::signaled:
      return "killed by signal " + std::to_string(signal);
    case ProcessEnd::timed_out:
      return "timed out after " + std::to_string(wall_s) + " s";
    case ProcessEnd::stopped:
      return "stopped";
  }
  return "";
}

std::filesystem::path find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (access(name.c_str(), X_OK) != 0) throw RunError("cannot execute '" + name + "'");
    return name;
  }
  boost::filesystem::path found = bp::search_path(name);
  if (found.empty()) throw RunError("'" + name + "' is not on PATH");
  return found.string();
}

struct ChildProcess::State {
  ProcessSpec spec;
  bp::group group;
  bp::child child;
  Clock::time_point started_at = Clock::now();
  std::optional<ProcessOutcome> outcome;
};

ChildProcess::ChildProcess(const ProcessSpec& spec) : state_(std::make_unique<State>()) {
  if (spec.argv.empty()) throw RunError("no command to run");
  state_->spec = spec;
  std::filesystem::path program = find_program(spec.argv.front());
  std::vector<std::string> arguments(spec.argv.begin() + 1, spec.argv.end());
  std::error_code error;
  std::string cwd = spec.cwd.empty() ? std::filesystem::current_path().string() : spec.cwd.string();
  if (!spec.stdout_path.empty() && spec.stdout_path == spec.stderr_path)
    state_->child =
        bp::child(program.string(), bp::args(arguments), bp::start_dir(cwd), environment_for(spec),
                  (bp::std_out & bp::std_err) > spec.stdout_path.string(), bp::std_in < bp::null,
                  state_->group, error);
  else
    state_->child = bp::child(program.string(), bp::args(arguments), bp::start_dir(cwd),
                              environment_for(spec), bp::std_out > log_or_null(spec.stdout_path),
                              bp::std_err > log_or_null(spec.stderr_path), bp::std_in < bp::null,
                              state_->group, error);
  if (error) throw RunError("cannot start '" + spec.argv.front() + "': " + error.message());
  state_->started_at = Clock::now();
}

ChildProcess::~ChildProcess() {
  if (!state_) return;
  if (!state_->outcome) stop(SIGKILL);
  // Whatever the leader did, its group goes with it: a tool's workers must not outlive it.
  ::kill(-pid(), SIGKILL);
  state_->group.detach();
}

int ChildProcess::pid() const {
  return state_->child.id();
}

// Reaps the child with wait4 (Boost's own wait would lose its resource usage), then tells
// Boost the child is gone so it never signals a reused pid.
std::optional<ProcessOutcome> ChildProcess::poll() {
  if (state_->outcome) return state_->outcome;
  int status = 0;
  rusage usage{};
  pid_t reaped = ::wait4(pid(), &status, WNOHANG, &usage);
  if (reaped == 0) return std::nullopt;
  ProcessOutcome outcome;
  outcome.wall_s = std::chrono::duration<double>(Clock::now() - state_->started_at).count();
  if (reaped == pid()) {
    outcome.user_s = seconds_of(usage.ru_utime);
    outcome.sys_s = seconds_of(usage.ru_stime);
    outcome.max_rss_kb = usage.ru_maxrss;
    if (WIFSIGNALED(status)) {
      outcome.end = ProcessEnd::signaled;
      outcome.signal = WTERMSIG(status);
    } else {
      outcome.exit_code = WEXITSTATUS(status);
    }
  }
  state_->child.detach();
  state_->outcome = outcome;
  return outcome;
}

ProcessOutcome ChildProcess::wait(std::chrono::nanoseconds timeout,
                                  const std::atomic<bool>* stop_flag) {
  Clock::time_point deadline = Clock::now() + timeout;
  while (true) {
    if (auto outcome = poll()) return *outcome;
    if (stop_flag && stop_flag->load()) return stop(SIGTERM, ProcessEnd::stopped);
    if (timeout.count() > 0 && Clock::now() >= deadline)
      return stop(SIGTERM, ProcessEnd::timed_out);
    std::this_thread::sleep_for(kPollInterval);
  }
}

ProcessOutcome ChildProcess::stop(int signal, ProcessEnd reason) {
  if (state_->outcome) return *state_->outcome;
  ::kill(-pid(), signal);
  Clock::time_point deadline = Clock::now() + state_->spec.grace;
  std::optional<ProcessOutcome> outcome;
  while (!(outcome = poll()) && Clock::now() < deadline) std::this_thread::sleep_for(kPollInterval);
  if (!outcome) {
    ::kill(-pid(), SIGKILL);
    while (!(outcome = poll())) std::this_thread::sleep_for(kPollInterval);
  }
  outcome->end = reason;
  state_->outcome = *outcome;
  return *outcome;
}

ProcessOutcome run_process(const ProcessSpec& spec, std::chrono::nanoseconds timeout,
                           const std::atomic<bool>* stop) {
  ChildProcess child(spec);
  return child.wait(timeout, stop);
}

std::string tail_of_file(const std::filesystem::path& path, int lines) {
  std::ifstream in(path);
  std::deque<std::string> kept;
  for (std::string line; std::getline(in, line);) {
    kept.push_back(line);
    if (static_cast<int>(kept.size()) > lines) kept.pop_front();
  }
  std::string text;
  for (const std::string& line : kept) text += line + "\n";
  return text;
}

}  // namespace perfgate
