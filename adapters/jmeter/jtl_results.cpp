#include "adapters/jmeter/jtl_results.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <unordered_map>
#include <vector>

#include "core/errors.h"

namespace perfgate::jmeter {
namespace {

constexpr int64_t kNsPerMs = 1'000'000;
// Epoch ms below year 2286 and durations below ~31 years: anything beyond is not a JMeter time.
constexpr int64_t kLatestEpochMs = 9'999'999'999'999;
constexpr int64_t kLongestElapsedMs = 1'000'000'000'000;
// Per-second timelines are kept for runs up to a week; a longer span is bad timestamps.
constexpr int64_t kLongestSpanSeconds = 7 * 24 * 3600;

// Sample counts per whole wall-clock second, growing in either direction (JTL rows are only
// roughly in time order).
class SecondCounts {
 public:
  void add(int64_t second, uint64_t count) {
    if (counts_.empty()) first_second_ = second;
    if (second < first_second_) {
      counts_.insert(counts_.begin(), static_cast<size_t>(first_second_ - second), 0);
      first_second_ = second;
    }
    const auto index = static_cast<size_t>(second - first_second_);
    if (index >= counts_.size()) counts_.resize(index + 1, 0);
    counts_[index] += count;
  }
  // Counts of the seconds that lie wholly inside [start_ms, end_ms].
  std::vector<double> whole_seconds(int64_t start_ms, int64_t end_ms) const {
    std::vector<double> timeline;
    for (int64_t second = (start_ms + 999) / 1000; (second + 1) * 1000 <= end_ms; ++second) {
      const int64_t index = second - first_second_;
      const bool known = index >= 0 && index < static_cast<int64_t>(counts_.size());
      timeline.push_back(known ? static_cast<double>(counts_[static_cast<size_t>(index)]) : 0.0);
    }
    return timeline;
  }

 private:
  int64_t first_second_ = 0;
  std::vector<uint64_t> counts_;
};

struct LabelStats {
  Histogram latency_ns;
  Histogram ttfb_ns;
  uint64_t requests = 0;
  uint64_t errors = 0;
  SecondCounts ends_per_second;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using LabelMap = std::unordered_map<std::string, LabelStats, StringHash, std::equal_to<>>;

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The errors{kind} of a failed request, from its response code.
const char* error_kind(std::string_view code) {
  if (code.size() == 3 &&
      std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (code[0] == '4') return "http_4xx";
    if (code[0] == '5') return "http_5xx";
    return "assertion";
  }
  if (!starts_with(code, "Non HTTP response code")) return "other";
  auto mentions = [&](std::string_view name) { return code.find(name) != code.npos; };
  if (mentions("ConnectException") || mentions("HttpHostConnectException")) return "refused";
  if (mentions("TimeoutException")) return "timeout";
  if (mentions("NoHttpResponseException")) return "closed";
  if (mentions("SocketException")) return "reset";
  if (mentions("UnknownHostException")) return "unknown_host";
  return "non_http";
}

Metric distribution(std::string name, Tags tags, const Histogram& histogram) {
  return {.name = std::move(name), .unit = "ns", .tags = std::move(tags), .histogram = histogram};
}

Metric value(std::string name, std::string unit, Tags tags, double amount,
             std::vector<double> timeline = {}) {
  return {.name = std::move(name),
          .unit = std::move(unit),
          .tags = std::move(tags),
          .value = amount,
          .timeline = std::move(timeline)};
}

}  // namespace

struct JtlAggregator::State {
  std::string source;
  int64_t warmup_ms = 0;
  std::optional<int64_t> first_start_ms;
  LabelMap requests;
  LabelMap transactions;
  LabelStats* last_request = nullptr;  // labels repeat: skip the hash most of the time
  std::string last_request_label;
  Histogram connect_ns;
  std::map<std::string, uint64_t> errors_by_kind;
  SecondCounts ends_per_second;
  int64_t span_start_ms = INT64_MAX;
  int64_t span_end_ms = INT64_MIN;
  uint64_t bytes_received = 0, bytes_sent = 0;
  bool has_bytes_received = false, has_bytes_sent = false, has_latency = false;
  bool has_connect = false, has_times = false;
  uint64_t counted = 0;

  void check_range(std::optional<int64_t> value, int64_t most, const char* what, int64_t line) {
    if (value && (*value < 0 || *value > most))
      throw InputError(source, "line " + std::to_string(line),
                       std::string(what) + " " + std::to_string(*value) + " is out of range");
  }

  LabelStats& request_stats(std::string_view label) {
    if (last_request && label == last_request_label) return *last_request;
    auto found = requests.find(label);
    if (found == requests.end()) found = requests.emplace(std::string(label), LabelStats{}).first;
    last_request = &found->second;
    last_request_label.assign(label);
    return *last_request;
  }

  void add_times(const JtlSample& sample, LabelStats& stats, uint64_t count, int64_t line) {
    if (sample.elapsed_ms)
      stats.latency_ns.record_n(static_cast<uint64_t>(*sample.elapsed_ms * kNsPerMs), count);
    if (!sample.start_ms) return;
    const int64_t end_ms = *sample.start_ms + sample.elapsed_ms.value_or(0);
    span_start_ms = std::min(span_start_ms, *sample.start_ms);
    span_end_ms = std::max(span_end_ms, end_ms);
    if (span_end_ms / 1000 - span_start_ms / 1000 > kLongestSpanSeconds)
      throw InputError(source, "line " + std::to_string(line),
                       "sample times span more than a week: not one JMeter run");
    has_times = true;
    stats.ends_per_second.add(end_ms / 1000, count);
    ends_per_second.add(end_ms / 1000, count);
  }

  void add_request(const JtlSample& sample, uint64_t count, uint64_t failed, int64_t line) {
    LabelStats& stats = request_stats(sample.label);
    stats.requests += count;
    stats.errors += failed;
    if (failed > 0) errors_by_kind[error_kind(sample.response_code)] += failed;
    add_times(sample, stats, count, line);
    if (sample.latency_ms) {
      has_latency = true;
      stats.ttfb_ns.record_n(static_cast<uint64_t>(*sample.latency_ms * kNsPerMs), count);
    }
    if (sample.connect_ms) {
      has_connect = true;
      connect_ns.record_n(static_cast<uint64_t>(*sample.connect_ms * kNsPerMs), count);
    }
    has_bytes_received = has_bytes_received || sample.bytes_received.has_value();
    has_bytes_sent = has_bytes_sent || sample.bytes_sent.has_value();
    bytes_received += static_cast<uint64_t>(sample.bytes_received.value_or(0));
    bytes_sent += static_cast<uint64_t>(sample.bytes_sent.value_or(0));
  }

  void add_transaction(const JtlSample& sample, uint64_t count, uint64_t failed) {
    auto found = transactions.find(sample.label);
    if (found == transactions.end())
      found = transactions.emplace(std::string(sample.label), LabelStats{}).first;
    found->second.requests += count;
    found->second.errors += failed;
    if (sample.elapsed_ms)
      found->second.latency_ns.record_n(static_cast<uint64_t>(*sample.elapsed_ms * kNsPerMs),
                                        count);
  }
};

JtlAggregator::JtlAggregator(std::string source, int64_t warmup_ms)
    : state_(std::make_unique<State>()) {
  state_->source = std::move(source);
  state_->warmup_ms = warmup_ms;
}
JtlAggregator::~JtlAggregator() = default;
JtlAggregator::JtlAggregator(JtlAggregator&&) noexcept = default;
JtlAggregator& JtlAggregator::operator=(JtlAggregator&&) noexcept = default;

void JtlAggregator::add(const JtlSample& sample, int64_t line) {
  if (sample.kind == SampleKind::subresult) return;
  State& state = *state_;
  state.check_range(sample.start_ms, kLatestEpochMs, "timeStamp", line);
  state.check_range(sample.elapsed_ms, kLongestElapsedMs, "elapsed", line);
  state.check_range(sample.latency_ms, kLongestElapsedMs, "Latency", line);
  state.check_range(sample.connect_ms, kLongestElapsedMs, "Connect", line);
  state.check_range(sample.bytes_received, kLongestElapsedMs, "bytes", line);
  state.check_range(sample.bytes_sent, kLongestElapsedMs, "sentBytes", line);
  if (sample.start_ms && state.warmup_ms > 0) {
    if (!state.first_start_ms) state.first_start_ms = sample.start_ms;
    if (*sample.start_ms < *state.first_start_ms + state.warmup_ms) return;
  }
  const auto count = static_cast<uint64_t>(std::clamp<int64_t>(sample.sample_count, 1, 1 << 30));
  uint64_t failed = 0;
  if (!sample.success)
    failed = sample.error_count && *sample.error_count > 0
                 ? std::min(count, static_cast<uint64_t>(*sample.error_count))
                 : count;
  if (sample.kind == SampleKind::transaction)
    state.add_transaction(sample, count, failed);
  else
    state.add_request(sample, count, failed, line);
  ++state.counted;
}

uint64_t JtlAggregator::counted_samples() const {
  return state_->counted;
}

namespace {

std::vector<std::pair<std::string, const LabelStats*>> sorted(const LabelMap& labels) {
  std::vector<std::pair<std::string, const LabelStats*>> entries;
  for (const auto& [label, stats] : labels) entries.emplace_back(label, &stats);
  std::sort(entries.begin(), entries.end());
  return entries;
}

std::string iso8601_utc(int64_t epoch_ms) {
  const time_t seconds = static_cast<time_t>(epoch_ms / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace

RunResult JtlAggregator::finish() const {
  const State& state = *state_;
  RunResult run;
  const double duration_s =
      state.has_times ? static_cast<double>(state.span_end_ms - state.span_start_ms) / 1000.0 : 0;
  if (state.has_times) {
    run.started_at = iso8601_utc(state.span_start_ms);
    run.duration_s = duration_s;
  }
  auto rate = [&](uint64_t count) {
    return duration_s > 0 ? static_cast<double>(count) / duration_s : 0.0;
  };
  auto timeline = [&](const SecondCounts& counts) {
    return state.has_times ? counts.whole_seconds(state.span_start_ms, state.span_end_ms)
                           : std::vector<double>{};
  };
  uint64_t requests = 0, errors = 0;
  for (const auto& [label, stats] : sorted(state.requests)) {
    const Tags tags{{"request", label}};
    if (!stats->latency_ns.empty()) run.add(distribution("latency", tags, stats->latency_ns));
    if (state.has_latency) run.add(distribution("ttfb", tags, stats->ttfb_ns));
    run.add(value("requests", "count", tags, static_cast<double>(stats->requests)));
    run.add(value("errors", "count", tags, static_cast<double>(stats->errors)));
    if (state.has_times)
      run.add(value("throughput", "1/s", tags, rate(stats->requests),
                    timeline(stats->ends_per_second)));
    requests += stats->requests;
    errors += stats->errors;
  }
  for (const auto& [label, stats] : sorted(state.transactions)) {
    const Tags tags{{"transaction", label}};
    if (!stats->latency_ns.empty()) run.add(distribution("latency", tags, stats->latency_ns));
    run.add(value("requests", "count", tags, static_cast<double>(stats->requests)));
    run.add(value("errors", "count", tags, static_cast<double>(stats->errors)));
  }
  if (state.has_connect) run.add(distribution("connect_time", {}, state.connect_ns));
  run.add(value("requests", "count", {}, static_cast<double>(requests)));
  if (state.has_times)
    run.add(value("throughput", "1/s", {}, rate(requests), timeline(state.ends_per_second)));
  for (const auto& [kind, count] : state.errors_by_kind)
    run.add(value("errors", "count", {{"kind", kind}}, static_cast<double>(count)));
  run.add(value("errors", "count", {}, static_cast<double>(errors)));
  run.add(value("error_rate", "ratio", {},
                requests > 0 ? static_cast<double>(errors) / static_cast<double>(requests) : 0));
  if (state.has_bytes_received)
    run.add(value("bytes_received", "bytes", {}, static_cast<double>(state.bytes_received)));
  if (state.has_bytes_sent)
    run.add(value("bytes_sent", "bytes", {}, static_cast<double>(state.bytes_sent)));
  return run;
}

}  // namespace perfgate::jmeter
