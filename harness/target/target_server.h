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
  std::string host = "127.0.0.1";  // an IPv4 address; the server binds wherever it is told
  uint16_t port = 8080;            // 0 = pick a free port (see TargetServer::port())
  int threads = 1;                 // event loops, each on its own thread; >= 1
  LatencyShape latency = LatencyShape::fixed;
  // fixed: every response waits latency_a. uniform: in [latency_a, latency_b].
  // lognormal: median latency_a, shape sigma (of the underlying normal).
  std::chrono::nanoseconds latency_a{0};
  std::chrono::nanoseconds latency_b{0};
  double sigma = 0.5;
  double error_rate = 0;         // fraction of responses answered 500, in [0, 1]
  size_t response_bytes = 1024;  // body size
  // Stop answering for stall_for, starting stall_at after the server started. Requests that
  // arrive during the stall are answered when it ends.
  std::optional<std::chrono::nanoseconds> stall_at;
  std::chrono::nanoseconds stall_for{0};
  double slowdown = 1.0;  // multiplies every drawn latency (not /health); > 0
  uint64_t seed = 1;      // event loop i draws from a PRNG seeded with (seed, i)
};

// Counts since start(), summed over the event loops. Read while serving or after stop().
struct TargetStats {
  uint64_t connections_accepted = 0;
  uint64_t requests = 0;         // answered or scheduled, /health included, 400s excluded
  uint64_t injected_errors = 0;  // 500 responses
  uint64_t bad_requests = 0;     // malformed requests answered 400
};

class TargetServer {
 public:
  // Binds and listens; throws RunError (with the address and reason) on failure.
  explicit TargetServer(TargetOptions options);
  ~TargetServer();  // stops and joins
  TargetServer(const TargetServer&) = delete;
  TargetServer& operator=(const TargetServer&) = delete;

  uint16_t port() const;
  std::string url() const;  // "http://HOST:PORT"
  void start();             // serves on background threads; the stall clock starts here
  void stop();              // idempotent; closes every connection and joins the threads
  TargetStats stats() const;
  // The first event loop failure (an epoll error), if a loop ended early.
  std::optional<std::string> failure() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace perfgate::target
