// One JMeter sample as the JTL readers (CSV and XML) hand it to the aggregation, with the
// readers' shared options. Text fields are views into the reader's buffer: valid only during
// the call that receives the sample.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::jmeter {

// What a JTL row or element is. Sub-results (redirects, embedded resources: CSV rows named
// `<parent>-<n>` after their parent, or XML elements nested in a sampler's element) are already
// inside their parent's elapsed time and bytes, so they are never counted.
enum class SampleKind { request, transaction, subresult };

struct JtlSample {
  SampleKind kind = SampleKind::request;
  std::string_view label{};
  bool success = true;                      // JMeter's verdict: the only truth of failure
  std::string_view response_code{};         // "200", "Non HTTP response code: java.net...", ""
  std::optional<int64_t> start_ms{};        // epoch ms (JMeter's timeStamp / ts)
  std::optional<int64_t> elapsed_ms{};      // elapsed / t
  std::optional<int64_t> latency_ms{};      // time to first byte, Latency / lt (includes connect)
  std::optional<int64_t> connect_ms{};      // Connect / ct; 0 when a connection was reused
  std::optional<int64_t> bytes_received{};  // bytes / by
  std::optional<int64_t> bytes_sent{};      // sentBytes / sby
  int64_t sample_count = 1;                 // SampleCount / sc: > 1 for batched samples
  std::optional<int64_t> error_count{};     // ErrorCount / ec
};

// How to read a JTL; every field has a default that suits files JMeter wrote with its defaults.
struct JtlReadOptions {
  // Column names for a CSV JTL without a header line (JMeter's header names, e.g. "timeStamp",
  // "elapsed", "label"). Empty: JMeter 2.13's twelve default columns.
  std::vector<std::string> columns{};
  // The CSV delimiter; nullopt: detected from the header (',', tab, ';' or '|'), else ','.
  std::optional<char> delimiter{};
  // Samples that start within this many ms of the first sample's start are not measured.
  int64_t warmup_ms = 0;
};

// The responseMessage JMeter gives a transaction controller's sample.
inline constexpr std::string_view kTransactionMessagePrefix = "Number of samples in transaction";

}  // namespace perfgate::jmeter
