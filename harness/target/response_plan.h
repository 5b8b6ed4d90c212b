// What each response of the target is (status, delay, bytes), decided per request. Internal to
// harness/target: the event loop asks, these classes answer; no sockets here.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>

#include "harness/target/target_server.h"

namespace perfgate::target {

using Clock = std::chrono::steady_clock;

enum class ResponseKind { ok, injected_error, health, bad_request };

struct ResponseDecision {
  ResponseKind kind = ResponseKind::ok;
  std::chrono::nanoseconds delay{0};
};

// Draws each response's latency and whether it is an injected error, from a seeded PRNG so a
// seed and a request order reproduce the same sequence. One per event loop: not thread-safe.
class ResponsePlanner {
 public:
  ResponsePlanner(const TargetOptions& options, uint64_t stream);
  // /health is answered at once and never fails: it tells "up", not "how fast".
  ResponseDecision plan(bool health);

 private:
  std::chrono::nanoseconds draw_latency();

  LatencyShape shape_;
  double a_ns_;
  double b_ns_;
  double sigma_;
  double error_rate_;
  double slowdown_;
  std::mt19937_64 random_;
  std::uniform_real_distribution<double> unit_{0.0, 1.0};
  std::normal_distribution<double> normal_{0.0, 1.0};
};

// The scheduled stall in absolute time. A response due inside [begin, end) is sent at end.
class StallWindow {
 public:
  StallWindow() = default;  // no stall
  StallWindow(Clock::time_point begin, Clock::time_point end) : begin_(begin), end_(end) {}
  static StallWindow from_options(const TargetOptions& options, Clock::time_point server_start);

  Clock::time_point postpone(Clock::time_point send_at) const {
    return send_at >= begin_ && send_at < end_ ? end_ : send_at;
  }

 private:
  Clock::time_point begin_{};
  Clock::time_point end_{};
};

// The bytes of one response: status line with headers, then the body (left out for HEAD).
struct CannedResponse {
  std::string head;
  std::string body;
};

// Every response the target can send, built once so the hot path only copies bytes.
class CannedResponses {
 public:
  explicit CannedResponses(size_t body_bytes);
  // bad_request always closes the connection, whatever keep_alive says.
  const CannedResponse& get(ResponseKind kind, bool keep_alive) const;

 private:
  static constexpr int kind_count = 4;
  CannedResponse responses_[kind_count][2];  // [kind][keep_alive]
};

}  // namespace perfgate::target
