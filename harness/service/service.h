// The system under test: started before the scenarios in its own process group with its log
// in a file, waited for until ready, watched while the load runs, and stopped (stop signal,
// then SIGKILL after the grace period) when the suite ends, fails or is interrupted.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/process/child_process.h"
#include "core/suite/suite.h"

namespace perfgate::service {

enum class StartOutcome { ready, interrupted };

class Service {
 public:
  // Starts the service (the log goes to `log_path`, stdout and stderr together). Throws
  // RunError when it cannot start, exits before it is ready, or is not ready within
  // spec.ready.timeout; the message carries the exit code and the tail of the log.
  Service(const ServiceSpec& spec, std::filesystem::path log_path);
  ~Service();  // stops it if still running
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Polls the readiness check until it passes; `stop` (Ctrl-C) ends the wait early.
  StartOutcome wait_until_ready(const std::atomic<bool>& stop);

  int pid() const { return pid_; }
  const std::filesystem::path& log_path() const { return log_path_; }
  // From start to the first passing readiness check; 0 before that.
  Nanoseconds ready_time() const { return ready_time_; }

  // Safe from any thread: true once the service's main process has ended (it stays a zombie
  // until stop() or failure() reaps it, so its pid cannot be reused meanwhile).
  bool has_exited() const;
  // Main thread: when the service has ended, "the service (pid 42) ended: exit code 1; its
  // log /x/service.log ends with: ..."; nullopt while it runs.
  std::optional<std::string> failure();
  // Stops the whole group: stop_signal, SIGKILL after the grace period. Idempotent.
  ProcessOutcome stop();

 private:
  std::string ended_message(const ProcessOutcome& outcome) const;

  ServiceSpec spec_;
  std::filesystem::path log_path_;
  std::unique_ptr<ChildProcess> child_;
  int pid_ = 0;
  std::chrono::steady_clock::time_point started_at_;
  Nanoseconds ready_time_{0};
};

}  // namespace perfgate::service
