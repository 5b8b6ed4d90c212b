// `perfgate target`: a small epoll HTTP/1.1 keep-alive server on 127.0.0.1 whose latency,
// errors, response size and stalls are configured, for demos, tests and noise calibration.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace perfgate::target {

enum class LatencyShape { fixed, uniform, lognormal };

struct TargetOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 = pick a free port (see TargetServer::port())
  int threads = 1;
  LatencyShape latency = LatencyShape::fixed;
  // fixed: every response waits latency_a. uniform: in [latency_a, latency_b].
  // lognormal: median latency_a, shape sigma (of the underlying normal).
  std::chrono::nanoseconds latency_a{0};
  std::chrono::nanoseconds latency_b{0};
  double sigma = 0.5;
  double error_rate = 0;        // fraction of responses answered 500
  size_t response_bytes = 1024;  // body size
  // Stop answering for stall_for, starting stall_at after the server started. Requests that
  // arrive during the stall are answered when it ends.
  std::optional<std::chrono::nanoseconds> stall_at;
  std::chrono::nanoseconds stall_for{0};
  uint64_t seed = 1;
};

class TargetServer {
 public:
  explicit TargetServer(TargetOptions options);  // binds and listens; throws on failure
  ~TargetServer();                               // stops and joins
  TargetServer(const TargetServer&) = delete;
  TargetServer& operator=(const TargetServer&) = delete;

  uint16_t port() const;
  void start();  // serves on background threads
  void stop();   // idempotent

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace perfgate::target
