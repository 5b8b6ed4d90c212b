// What one worker thread measures, kept thread-local during the run and merged at the end
// (after wrk2: per-thread histograms, added together at join). Nothing here is shared.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/model/histogram.h"

namespace perfgate::native {

// Why a request (or a connection attempt) failed. http_4xx and http_5xx are complete responses
// that still count as failures.
enum class ErrorKind : uint8_t { refused, reset, closed, timeout, malformed, http_4xx, http_5xx };
inline constexpr size_t kErrorKinds = 7;
const char* to_string(ErrorKind kind);

// The first digit of an HTTP status code.
enum class StatusClass : uint8_t {
  informational,
  success,
  redirection,
  client_error,
  server_error
};
inline constexpr size_t kStatusClasses = 5;
const char* to_string(StatusClass status);  // "1xx" ... "5xx"

struct WorkerMetrics {
  // `request_count` distinct metric names; `seconds_hint` sizes the per-second timelines.
  WorkerMetrics(size_t request_count, size_t seconds_hint);

  // Hot path: one complete response. `second` is the whole seconds since the run started.
  void record_response(size_t request, StatusClass status, uint64_t latency_ns, uint64_t ttfb_ns,
                       size_t second) noexcept {
    const size_t cell = request * kStatusClasses + static_cast<size_t>(status);
    latency[cell].record(latency_ns);
    ttfb[cell].record(ttfb_ns);
    std::vector<uint64_t>& timeline = completions_per_second[request];
    if (second >= timeline.size()) timeline.resize(second + 1, 0);
    ++timeline[second];
  }
  void record_error(ErrorKind kind) noexcept { ++errors[static_cast<size_t>(kind)]; }

  const Histogram& latency_of(size_t request, StatusClass status) const {
    return latency[request * kStatusClasses + static_cast<size_t>(status)];
  }
  const Histogram& ttfb_of(size_t request, StatusClass status) const {
    return ttfb[request * kStatusClasses + static_cast<size_t>(status)];
  }
  uint64_t responses() const;        // complete responses of any status
  uint64_t failed_requests() const;  // every error kind: transport errors + 4xx + 5xx

  void merge(const WorkerMetrics& other);

  std::vector<Histogram> latency;  // [request][status class], ns from the intended send time
  std::vector<Histogram> ttfb;     // [request][status class], ns from the actual send
  std::vector<std::vector<uint64_t>> completions_per_second;  // [request][second]
  Histogram connect_time;                                     // ns from connect() to established
  Histogram schedule_lag;  // open model: actual send - intended send, ns
  std::array<uint64_t, kErrorKinds> errors{};
  uint64_t bytes_sent = 0;
  uint64_t bytes_received = 0;
  // Requests abandoned when the run ended: in flight, or (open model) due but not yet sent.
  uint64_t cancelled = 0;
};

}  // namespace perfgate::native
