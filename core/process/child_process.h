// Child processes for adapters and services: argument vectors (no shell), their own process
// group (so a tool's own children die with it), stdout/stderr kept in log files, a timeout, and
// Ctrl-C. Boost.Process stays inside child_process.cpp: this header is light.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace perfgate {

struct ProcessSpec {
  std::vector<std::string> argv;             // argv[0] without a '/' is looked up on PATH
  std::filesystem::path cwd{};               // empty: perfgate's working directory
  std::map<std::string, std::string> env{};  // added to (or replacing in) perfgate's environment
  std::filesystem::path stdout_path{};       // empty: discarded
  std::filesystem::path stderr_path{};       // empty: discarded; same as stdout_path: one log
  std::chrono::nanoseconds grace{std::chrono::seconds(5)};  // between SIGTERM and SIGKILL
};

enum class ProcessEnd {
  exited,     // ran to its end; see exit_code
  signaled,   // killed by a signal it did not get from us (see signal)
  timed_out,  // we stopped it: the timeout passed
  stopped,    // we stopped it: the stop flag was set (Ctrl-C)
};
const char* to_string(ProcessEnd end);  // "exited", "signaled", "timed-out", "stopped"

struct ProcessOutcome {
  ProcessEnd end = ProcessEnd::exited;
  int exit_code = 0;  // when exited
  int signal = 0;     // when signaled
  double wall_s = 0;
  double user_s = 0;  // CPU time of the child and the descendants it waited for
  double sys_s = 0;
  long max_rss_kb = 0;

  bool succeeded() const { return end == ProcessEnd::exited && exit_code == 0; }
  // "exit code 3", "killed by signal 11", "timed out after 30 s", "stopped"
  std::string describe() const;
};

// Throws RunError naming the program when it cannot be found or started.
std::filesystem::path find_program(const std::string& name);

// A started child. The destructor kills the whole group if it is still running: nothing is
// left behind when a caller unwinds.
class ChildProcess {
 public:
  explicit ChildProcess(const ProcessSpec& spec);  // starts it; throws RunError on failure
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  int pid() const;
  // Non-blocking: the outcome once the child has ended (reaped with its resource usage).
  std::optional<ProcessOutcome> poll();
  // Blocks until the child ends, the timeout passes (0: none) or *stop becomes true; in the
  // latter two cases stops the group (SIGTERM, then SIGKILL after spec.grace).
  ProcessOutcome wait(std::chrono::nanoseconds timeout = {},
                      const std::atomic<bool>* stop = nullptr);
  // Sends `signal` to the group, waits up to the grace period, then SIGKILLs the group.
  ProcessOutcome stop(int signal, ProcessEnd reason = ProcessEnd::stopped);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Starts, waits as ChildProcess::wait does, returns the outcome.
ProcessOutcome run_process(const ProcessSpec& spec, std::chrono::nanoseconds timeout = {},
                           const std::atomic<bool>* stop = nullptr);

// The last `lines` lines of a text file (a tool's stderr log), for failure messages.
std::string tail_of_file(const std::filesystem::path& path, int lines = 10);

}  // namespace perfgate
