#include "adapters/k6/k6_samples.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace perfgate::k6 {
namespace {

struct Builtin {
  std::string_view name;
  MetricType type;
  ValueKind kind;
};

constexpr std::array<Builtin, 28> kBuiltins = {{
    {"vus", MetricType::gauge, ValueKind::plain},
    {"vus_max", MetricType::gauge, ValueKind::plain},
    {"iterations", MetricType::counter, ValueKind::plain},
    {"iteration_duration", MetricType::trend, ValueKind::time},
    {"dropped_iterations", MetricType::counter, ValueKind::plain},
    {"data_received", MetricType::counter, ValueKind::data},
    {"data_sent", MetricType::counter, ValueKind::data},
    {"checks", MetricType::rate, ValueKind::plain},
    {"group_duration", MetricType::trend, ValueKind::time},
    {"http_reqs", MetricType::counter, ValueKind::plain},
    {"http_req_failed", MetricType::rate, ValueKind::plain},
    {"http_req_duration", MetricType::trend, ValueKind::time},
    {"http_req_blocked", MetricType::trend, ValueKind::time},
    {"http_req_connecting", MetricType::trend, ValueKind::time},
    {"http_req_tls_handshaking", MetricType::trend, ValueKind::time},
    {"http_req_sending", MetricType::trend, ValueKind::time},
    {"http_req_waiting", MetricType::trend, ValueKind::time},
    {"http_req_receiving", MetricType::trend, ValueKind::time},
    {"ws_connecting", MetricType::trend, ValueKind::time},
    {"ws_session_duration", MetricType::trend, ValueKind::time},
    {"ws_ping", MetricType::trend, ValueKind::time},
    {"ws_sessions", MetricType::counter, ValueKind::plain},
    {"ws_msgs_sent", MetricType::counter, ValueKind::plain},
    {"ws_msgs_received", MetricType::counter, ValueKind::plain},
    {"grpc_req_duration", MetricType::trend, ValueKind::time},
    {"grpc_streams", MetricType::counter, ValueKind::plain},
    {"grpc_streams_msgs_sent", MetricType::counter, ValueKind::plain},
    {"grpc_streams_msgs_received", MetricType::counter, ValueKind::plain},
}};

// Histograms hold non-negative integers; larger than kMaxValue is clamped (as record() does).
uint64_t to_histogram_value(double value) {
  if (!(value > 0)) return 0;
  if (value >= static_cast<double>(Histogram::kMaxValue)) return Histogram::kMaxValue;
  return static_cast<uint64_t>(std::llround(value));
}

}  // namespace

std::optional<MetricType> parse_metric_type(std::string_view text) {
  if (text == "counter") return MetricType::counter;
  if (text == "gauge") return MetricType::gauge;
  if (text == "rate") return MetricType::rate;
  if (text == "trend") return MetricType::trend;
  return std::nullopt;
}

std::optional<ValueKind> parse_value_kind(std::string_view text) {
  if (text == "default") return ValueKind::plain;
  if (text == "time") return ValueKind::time;
  if (text == "data") return ValueKind::data;
  return std::nullopt;
}

std::optional<std::pair<MetricType, ValueKind>> builtin_metric(std::string_view name) {
  for (const Builtin& builtin : kBuiltins)
    if (builtin.name == name) return std::pair{builtin.type, builtin.kind};
  return std::nullopt;
}

uint32_t SampleSink::metric_id(std::string_view name) {
  if (auto found = metric_ids_.find(name); found != metric_ids_.end()) return found->second;
  const auto id = static_cast<uint32_t>(metrics_.size());
  MetricInfo& info = metrics_.emplace_back();
  info.name = std::string(name);
  if (auto builtin = builtin_metric(name)) std::tie(info.type, info.kind) = *builtin;
  metric_ids_.emplace(info.name, id);
  info.skip_zero = name == "http_req_connecting";
  if (name == "http_reqs") http_reqs_id_ = id;
  return id;
}

void SampleSink::declare(std::string_view name, MetricType type, ValueKind kind) {
  MetricInfo& info = metrics_[metric_id(name)];
  info.type = type;
  info.kind = kind;
  info.declared = true;
}

uint32_t SampleSink::tag_set_id(std::string_view raw_tags) {
  if (auto found = tag_set_ids_.find(raw_tags); found != tag_set_ids_.end()) return found->second;
  if (tag_set_texts_.size() >= kMaxTagSets)
    throw std::length_error("more than " + std::to_string(kMaxTagSets) +
                            " distinct tag sets (often one per URL): give requests a name tag "
                            "(http.get(url, {tags: {name: 'orders'}})) so k6 groups them");
  const auto id = static_cast<uint32_t>(tag_set_texts_.size());
  tag_set_texts_.emplace_back(raw_tags);
  tag_set_ids_.emplace(tag_set_texts_.back(), id);
  return id;
}

SampleSink::Series& SampleSink::series_of(uint32_t metric, uint32_t tag_set) {
  const uint64_t key = (uint64_t{metric} << 32) | tag_set;
  if (key == last_series_key_) return series_[last_series_];
  auto [found, inserted] = series_index_.try_emplace(key, series_.size());
  if (inserted) {
    Series& fresh = series_.emplace_back();
    fresh.metric = metric;
    fresh.tag_set = tag_set;
  }
  last_series_key_ = key;
  last_series_ = found->second;
  return series_[last_series_];
}

void SampleSink::count_request_second(int64_t time_ns, double value) {
  const int64_t second = time_ns >= 0 ? time_ns / 1'000'000'000 : (time_ns + 1) / 1'000'000'000 - 1;
  requests_per_second_[second] += value;
}

void SampleSink::add(uint32_t metric, uint32_t tag_set, double value, int64_t time_ns) {
  Series& series = series_of(metric, tag_set);
  const MetricInfo& info = metrics_[metric];
  ++samples_;
  ++series.count;
  series.sum += value;
  series.nonzero += value != 0 ? 1 : 0;
  series.max = series.count == 1 ? value : std::max(series.max, value);
  if (info.type == MetricType::trend) {
    const double scaled = info.kind == ValueKind::time ? value * 1e6 : value;
    if (!(info.skip_zero && value == 0)) series.histogram.record(to_histogram_value(scaled));
  }
  if (metric == http_reqs_id_) count_request_second(time_ns, value);
  first_time_ns_ = std::min(first_time_ns_, time_ns);
  last_time_ns_ = std::max(last_time_ns_, time_ns);
}

}  // namespace perfgate::k6
