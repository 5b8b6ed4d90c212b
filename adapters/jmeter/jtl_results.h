// Folds JMeter samples into one RunResult with the native generator's metric names
// (adapters/native/result_builder.h), so a JMeter scenario gates like a native one:
//   latency{request=LABEL}     histogram ns, from elapsed (ms)
//   ttfb{request=LABEL}        histogram ns, from Latency (when the JTL has it)
//   requests{request=LABEL}    count of samples (SampleCount of batched samples); `requests`
//                              without tags: all requests
//   errors{request=LABEL}      count of samples JMeter marked success=false
//   throughput{request=LABEL}, throughput   samples per second over the run's span (first
//                              start to last end), timeline: samples ending in each whole
//                              wall-clock second inside the span
//   connect_time               histogram ns, Connect of every request (0 when JMeter reused a
//                              connection), when the JTL has it
//   errors{kind=K}             per kind, from the response code: http_4xx, http_5xx, refused,
//                              timeout, reset, closed, unknown_host, non_http (other Non HTTP
//                              codes), assertion (success=false with a 1xx-3xx code), other
//   errors, error_rate         all failed requests; failed / requests
//   bytes_received, bytes_sent from bytes / sentBytes, when present
//   latency{transaction=LABEL}, requests{transaction=LABEL}, errors{transaction=LABEL}
//                              transaction controller samples: kept apart, because their
//                              requests are also samples of their own
// Sub-results are never counted. A JTL without times (elapsed, timeStamp) gives the counts only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "adapters/jmeter/jtl_sample.h"
#include "core/model/run_result.h"

namespace perfgate::jmeter {

class JtlAggregator {
 public:
  // `source` names the file in errors.
  explicit JtlAggregator(std::string source, int64_t warmup_ms = 0);
  ~JtlAggregator();
  JtlAggregator(JtlAggregator&&) noexcept;
  JtlAggregator& operator=(JtlAggregator&&) noexcept;

  // Counts `sample` unless it is a sub-result or falls inside the warm-up. Throws
  // InputError(source, "line L", ...) for negative or implausibly large times.
  void add(const JtlSample& sample, int64_t line);
  uint64_t counted_samples() const;
  RunResult finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace perfgate::jmeter
