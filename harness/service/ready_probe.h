// One readiness probe of the system under test: an HTTP GET answering 2xx, a TCP port that
// accepts, or a log line matching a regular expression. Each call is bounded in time.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "core/suite/suite.h"

namespace perfgate::service {

class ReadyProbe {
 public:
  ReadyProbe(const ReadyCheck& check, std::filesystem::path log_path);
  ~ReadyProbe();
  ReadyProbe(const ReadyProbe&) = delete;
  ReadyProbe& operator=(const ReadyProbe&) = delete;

  // True when the service answers as the check asks; never throws. Takes at most about
  // `budget` (connect and answer), so the caller can watch the process and Ctrl-C meanwhile.
  bool ready(std::chrono::milliseconds budget);
  // What was last seen, for the "not ready" message: "connection refused", "HTTP 503", ...
  const std::string& last_observation() const { return last_observation_; }

 private:
  bool log_matches();

  ReadyCheck check_;
  std::filesystem::path log_path_;
  std::string last_observation_ = "no answer yet";
  struct LogScan;
  std::unique_ptr<LogScan> log_scan_;
};

}  // namespace perfgate::service
