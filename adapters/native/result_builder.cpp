#include "adapters/native/result_builder.h"

#include <cmath>
#include <vector>

namespace perfgate::native {
namespace {

constexpr StatusClass kAllStatusClasses[] = {StatusClass::informational, StatusClass::success,
                                             StatusClass::redirection, StatusClass::client_error,
                                             StatusClass::server_error};
constexpr ErrorKind kAllErrorKinds[] = {
    ErrorKind::refused,   ErrorKind::reset,    ErrorKind::closed,  ErrorKind::timeout,
    ErrorKind::malformed, ErrorKind::http_4xx, ErrorKind::http_5xx};

Metric distribution(std::string name, Tags tags, const Histogram& histogram) {
  Metric metric;
  metric.name = std::move(name);
  metric.unit = "ns";
  metric.tags = std::move(tags);
  metric.histogram = histogram;
  return metric;
}

Metric value(std::string name, std::string unit, Tags tags, double amount,
             std::vector<double> timeline = {}) {
  Metric metric;
  metric.name = std::move(name);
  metric.unit = std::move(unit);
  metric.tags = std::move(tags);
  metric.value = amount;
  metric.timeline = std::move(timeline);
  return metric;
}

double per_second(uint64_t count, double duration_s) {
  return duration_s > 0 ? static_cast<double>(count) / duration_s : 0;
}

// One entry per complete second of the run.
std::vector<double> complete_seconds(const std::vector<uint64_t>& counts, double duration_s) {
  const auto seconds = static_cast<size_t>(std::floor(duration_s + 1e-9));
  std::vector<double> timeline(seconds, 0);
  for (size_t second = 0; second < seconds && second < counts.size(); ++second) {
    timeline[second] = static_cast<double>(counts[second]);
  }
  return timeline;
}

void add_responses(RunResult& result, const WorkerMetrics& merged, const RequestPlan& plan) {
  for (size_t request = 0; request < plan.metric_names.size(); ++request) {
    for (StatusClass status : kAllStatusClasses) {
      const Histogram& latency = merged.latency_of(request, status);
      if (latency.empty()) continue;
      const Tags tags{{"request", plan.metric_names[request]}, {"status", to_string(status)}};
      result.add(distribution("latency", tags, latency));
      result.add(distribution("ttfb", tags, merged.ttfb_of(request, status)));
      result.add(value("requests", "count", tags, static_cast<double>(latency.count())));
    }
  }
}

void add_throughput(RunResult& result, const WorkerMetrics& merged, const RequestPlan& plan,
                    double duration_s) {
  std::vector<uint64_t> all_per_second;
  uint64_t all_responses = 0;
  for (size_t request = 0; request < plan.metric_names.size(); ++request) {
    const std::vector<uint64_t>& counts = merged.completions_per_second[request];
    uint64_t responses = 0;
    if (all_per_second.size() < counts.size()) all_per_second.resize(counts.size(), 0);
    for (size_t second = 0; second < counts.size(); ++second) {
      responses += counts[second];
      all_per_second[second] += counts[second];
    }
    all_responses += responses;
    result.add(value("throughput", "1/s", {{"request", plan.metric_names[request]}},
                     per_second(responses, duration_s), complete_seconds(counts, duration_s)));
  }
  result.add(value("throughput", "1/s", {}, per_second(all_responses, duration_s),
                   complete_seconds(all_per_second, duration_s)));
}

void add_errors(RunResult& result, const WorkerMetrics& merged) {
  uint64_t transport_errors = 0;
  for (ErrorKind kind : kAllErrorKinds) {
    const uint64_t count = merged.errors[static_cast<size_t>(kind)];
    if (kind != ErrorKind::http_4xx && kind != ErrorKind::http_5xx) transport_errors += count;
    if (count > 0) {
      result.add(value("errors", "count", {{"kind", to_string(kind)}}, static_cast<double>(count)));
    }
  }
  const uint64_t failed = merged.failed_requests();
  result.add(value("errors", "count", {}, static_cast<double>(failed)));
  const uint64_t attempted = merged.responses() + transport_errors;
  const double rate =
      attempted > 0 ? static_cast<double>(failed) / static_cast<double>(attempted) : 0;
  result.add(value("error_rate", "ratio", {}, rate));
}

}  // namespace

RunResult build_run_result(const WorkerMetrics& merged, const RequestPlan& plan,
                           const RunFacts& facts) {
  RunResult result;
  result.status = facts.status;
  result.failure_reason = facts.failure_reason;
  result.started_at = facts.started_at;
  result.duration_s = facts.duration_s;
  add_responses(result, merged, plan);
  if (!merged.connect_time.empty())
    result.add(distribution("connect_time", {}, merged.connect_time));
  if (facts.model == LoadModel::open) {
    result.add(distribution("schedule_lag", {}, merged.schedule_lag));
  }
  add_throughput(result, merged, plan, facts.duration_s);
  add_errors(result, merged);
  result.add(value("cancelled", "count", {}, static_cast<double>(merged.cancelled)));
  result.add(value("bytes_sent", "bytes", {}, static_cast<double>(merged.bytes_sent)));
  result.add(value("bytes_received", "bytes", {}, static_cast<double>(merged.bytes_received)));
  return result;
}

}  // namespace perfgate::native
