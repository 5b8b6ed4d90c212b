// Streams k6 samples (one metric value with its tags, as in `--out json` and `--out csv`) into
// one accumulator per (metric, tag set), then turns them into the RunResult metrics below.
// The tag set is the raw tag text of the file (the `tags` object of an NDJSON line, or a CSV
// row's tag columns): a hash lookup per sample, parsed once per distinct text at the end.
//
// Mapping (names follow adapters/native/result_builder.h where they mean the same):
//   http_req_duration  -> latency       histogram ns (k6 ms * 1e6)
//   http_req_waiting   -> ttfb          histogram ns
//   http_req_connecting-> connect_time  histogram ns of connections actually opened (k6
//                                       records 0 for a reused connection; those are left out)
//   other trends       -> their k6 name histogram: ns when `contains: time`, bytes for data,
//                                       else the value rounded to an integer (negatives as 0)
//   http_reqs          -> requests (count) and throughput (1/s: requests / run duration, with a
//                         timeline of complete seconds; throughput{name} per request name)
//   data_sent / data_received -> bytes_sent / bytes_received (bytes)
//   other counters     -> their k6 name, the sum (count, or bytes)
//   http_req_failed    -> error_rate (ratio of failed requests) and errors (count)
//   other rates        -> NAME (ratio of non-zero samples), NAME_passes / NAME_fails (counts of
//                         non-zero / zero samples, k6's own words), e.g. checks, checks_fails
//   gauges (vus, ...)  -> their k6 name, the highest value seen
// Each metric comes untagged (all samples) and per tag set. Tags kept: name, method, status,
// scenario, group, expected_response, check, error_code and custom tags; left out: url (the
// name already says it: k6 sets name = url unless the script names the request), proto,
// subproto, tls_version, service, ip, ocsp_status, vu, iter, error (free text) and empty values.
// The run's started_at / duration_s span the first to the last sample time.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/model/run_result.h"

namespace perfgate::k6 {

enum class MetricType { counter, gauge, rate, trend };
enum class ValueKind { plain, time, data };  // k6's `contains`: default, time (ms), data (bytes)

std::optional<MetricType> parse_metric_type(std::string_view text);
std::optional<ValueKind> parse_value_kind(std::string_view text);
// What k6's built-in metrics are (metrics/builtin.go), for files that never declare them (CSV).
std::optional<std::pair<MetricType, ValueKind>> builtin_metric(std::string_view name);

// Distinct tag sets above this make the import fail with advice: each costs memory per metric.
constexpr size_t kMaxTagSets = 5000;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using StringIndex = std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>>;

class SampleSink {
 public:
  // Declares (or re-declares) a metric; samples of undeclared metrics use builtin_metric, or
  // a plain trend for unknown names.
  void declare(std::string_view name, MetricType type, ValueKind kind);
  uint32_t metric_id(std::string_view name);
  // The id of a raw tag text; ids count up from 0, so a new text gets the next one (the
  // reader parses each new text once). Throws std::length_error beyond kMaxTagSets.
  uint32_t tag_set_id(std::string_view raw_tags);
  size_t tag_set_count() const { return tag_set_texts_.size(); }
  // Hot path. time_ns: Unix time of the sample in ns.
  void add(uint32_t metric, uint32_t tag_set, double value, int64_t time_ns);

  uint64_t samples() const { return samples_; }
  // tags_of_tag_set[id]: the parsed tags of each tag set id. In k6_run_builder.cpp.
  RunResult build(const std::vector<Tags>& tags_of_tag_set) const;

 private:
  struct MetricInfo {
    std::string name;
    MetricType type = MetricType::trend;
    ValueKind kind = ValueKind::plain;
    bool declared = false;
    bool skip_zero = false;  // http_req_connecting: 0 means a reused connection
  };
  struct Series {
    uint32_t metric = 0;
    uint32_t tag_set = 0;
    uint64_t count = 0;
    uint64_t nonzero = 0;
    double sum = 0;
    double max = 0;
    Histogram histogram;
  };
  Series& series_of(uint32_t metric, uint32_t tag_set);
  void count_request_second(int64_t time_ns, double value);

  std::vector<MetricInfo> metrics_;
  StringIndex metric_ids_;
  StringIndex tag_set_ids_;
  std::vector<std::string> tag_set_texts_;
  std::unordered_map<uint64_t, size_t> series_index_;
  std::deque<Series> series_;  // a deque: growing never copies the histograms
  uint64_t last_series_key_ = UINT64_MAX;
  size_t last_series_ = 0;
  std::map<int64_t, double> requests_per_second_;
  int64_t first_time_ns_ = INT64_MAX;
  int64_t last_time_ns_ = INT64_MIN;
  uint64_t samples_ = 0;
  uint32_t http_reqs_id_ = UINT32_MAX;
};

}  // namespace perfgate::k6
