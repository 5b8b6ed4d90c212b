#include "adapters/native/worker_metrics.h"

#include <algorithm>

namespace perfgate::native {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::refused:
      return "refused";
    case ErrorKind::reset:
      return "reset";
    case ErrorKind::closed:
      return "closed";
    case ErrorKind::timeout:
      return "timeout";
    case ErrorKind::malformed:
      return "malformed";
    case ErrorKind::http_4xx:
      return "http_4xx";
    case ErrorKind::http_5xx:
      return "http_5xx";
  }
  return "unknown";
}

const char* to_string(StatusClass status) {
  switch (status) {
    case StatusClass::informational:
      return "1xx";
    case StatusClass::success:
      return "2xx";
    case StatusClass::redirection:
      return "3xx";
    case StatusClass::client_error:
      return "4xx";
    case StatusClass::server_error:
      return "5xx";
  }
  return "unknown";
}

WorkerMetrics::WorkerMetrics(size_t request_count, size_t seconds_hint)
    : latency(request_count * kStatusClasses),
      ttfb(request_count * kStatusClasses),
      completions_per_second(request_count, std::vector<uint64_t>(seconds_hint, 0)) {}

uint64_t WorkerMetrics::responses() const {
  uint64_t total = 0;
  for (const Histogram& histogram : latency) total += histogram.count();
  return total;
}

uint64_t WorkerMetrics::failed_requests() const {
  uint64_t total = 0;
  for (uint64_t count : errors) total += count;
  return total;
}

void WorkerMetrics::merge(const WorkerMetrics& other) {
  for (size_t cell = 0; cell < latency.size(); ++cell) {
    latency[cell].merge(other.latency[cell]);
    ttfb[cell].merge(other.ttfb[cell]);
  }
  for (size_t request = 0; request < completions_per_second.size(); ++request) {
    std::vector<uint64_t>& mine = completions_per_second[request];
    const std::vector<uint64_t>& theirs = other.completions_per_second[request];
    if (theirs.size() > mine.size()) mine.resize(theirs.size(), 0);
    for (size_t second = 0; second < theirs.size(); ++second) mine[second] += theirs[second];
  }
  connect_time.merge(other.connect_time);
  schedule_lag.merge(other.schedule_lag);
  for (size_t kind = 0; kind < kErrorKinds; ++kind) errors[kind] += other.errors[kind];
  bytes_sent += other.bytes_sent;
  bytes_received += other.bytes_received;
  cancelled += other.cancelled;
}

}  // namespace perfgate::native
