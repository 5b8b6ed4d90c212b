// SampleSink::build: the accumulated series as RunResult metrics (mapping in k6_samples.h).
#include <algorithm>
#include <cmath>
#include <ctime>

#include "adapters/k6/k6_samples.h"

namespace perfgate::k6 {
namespace {

constexpr std::string_view kDroppedTags[] = {"url",     "proto", "subproto",    "tls_version",
                                             "service", "ip",    "ocsp_status", "vu",
                                             "iter",    "error"};

struct Accumulated {
  uint64_t count = 0;
  uint64_t nonzero = 0;
  double sum = 0;
  double max = 0;
  Histogram histogram;

  void merge(uint64_t other_count, uint64_t other_nonzero, double other_sum, double other_max,
             const Histogram& other_histogram) {
    max = count == 0 ? other_max : std::max(max, other_max);
    count += other_count;
    nonzero += other_nonzero;
    sum += other_sum;
    histogram.merge(other_histogram);
  }
};

Tags kept_tags(Tags tags) {
  std::erase_if(tags, [](const auto& tag) {
    return tag.second.empty() || std::find(std::begin(kDroppedTags), std::end(kDroppedTags),
                                           tag.first) != std::end(kDroppedTags);
  });
  return tags;
}

std::string iso8601_utc(int64_t time_ns) {
  const std::time_t seconds = static_cast<std::time_t>(time_ns / 1'000'000'000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

Metric value_metric(std::string name, std::string unit, Tags tags, double value) {
  return Metric{
      .name = std::move(name), .unit = std::move(unit), .tags = std::move(tags), .value = value};
}

const char* unit_of(ValueKind kind) {
  switch (kind) {
    case ValueKind::time:
      return "ns";
    case ValueKind::data:
      return "bytes";
    default:
      return "";
  }
}

std::string trend_name(const std::string& k6_name) {
  if (k6_name == "http_req_duration") return "latency";
  if (k6_name == "http_req_waiting") return "ttfb";
  if (k6_name == "http_req_connecting") return "connect_time";
  return k6_name;
}

std::string counter_name(const std::string& k6_name) {
  if (k6_name == "http_reqs") return "requests";
  if (k6_name == "data_sent") return "bytes_sent";
  if (k6_name == "data_received") return "bytes_received";
  return k6_name;
}

double ratio(const Accumulated& sum) {
  return sum.count ? static_cast<double>(sum.nonzero) / static_cast<double>(sum.count) : 0;
}

void add_rate(RunResult& run, const std::string& k6_name, const Tags& tags,
              const Accumulated& sum) {
  if (k6_name == "http_req_failed") {
    run.add(value_metric("error_rate", "ratio", tags, ratio(sum)));
    run.add(value_metric("errors", "count", tags, static_cast<double>(sum.nonzero)));
    return;
  }
  run.add(value_metric(k6_name, "ratio", tags, ratio(sum)));
  run.add(value_metric(k6_name + "_passes", "count", tags, static_cast<double>(sum.nonzero)));
  run.add(value_metric(k6_name + "_fails", "count", tags,
                       static_cast<double>(sum.count - sum.nonzero)));
}

// One metric's series, merged by their kept tags.
struct MetricSeries {
  Accumulated total;
  std::map<Tags, Accumulated> by_tags;
};

void add_metric(RunResult& run, const std::string& k6_name, MetricType type, ValueKind kind,
                const Tags& tags, Accumulated& sum) {
  switch (type) {
    case MetricType::trend:
      if (!sum.histogram.empty())
        run.add(Metric{.name = trend_name(k6_name),
                       .unit = unit_of(kind),
                       .tags = tags,
                       .histogram = std::move(sum.histogram)});
      return;
    case MetricType::counter:
      run.add(value_metric(counter_name(k6_name), kind == ValueKind::data ? "bytes" : "count", tags,
                           sum.sum));
      return;
    case MetricType::rate:
      add_rate(run, k6_name, tags, sum);
      return;
    case MetricType::gauge:
      run.add(value_metric(k6_name, "", tags, sum.max));
      return;
  }
}

// Requests per second over the run, with one timeline entry per whole wall-clock second
// between the first and the last sample (the partial first and last seconds are left out).
void add_throughput(RunResult& run, const MetricSeries& requests,
                    const std::map<int64_t, double>& per_second, int64_t first_ns,
                    int64_t last_ns) {
  const double duration_s = run.duration_s;
  auto rate = [&](double count) { return duration_s > 0 ? count / duration_s : 0.0; };
  Metric total = value_metric("throughput", "1/s", {}, rate(requests.total.sum));
  const int64_t first_second = first_ns / 1'000'000'000 + 1;
  const int64_t last_second = last_ns / 1'000'000'000;  // exclusive: partial
  for (int64_t second = first_second; second < last_second; ++second) {
    auto found = per_second.find(second);
    total.timeline.push_back(found == per_second.end() ? 0.0 : found->second);
  }
  run.add(std::move(total));
  std::map<std::string, double> by_name;
  for (const auto& [tags, sum] : requests.by_tags)
    if (auto name = tags.find("name"); name != tags.end()) by_name[name->second] += sum.sum;
  for (const auto& [name, count] : by_name)
    run.add(value_metric("throughput", "1/s", {{"name", name}}, rate(count)));
}

}  // namespace

RunResult SampleSink::build(const std::vector<Tags>& tags_of_tag_set) const {
  std::vector<Tags> tags_of(tag_set_texts_.size());
  for (size_t i = 0; i < tag_set_texts_.size() && i < tags_of_tag_set.size(); ++i)
    tags_of[i] = kept_tags(tags_of_tag_set[i]);
  std::vector<MetricSeries> merged(metrics_.size());
  for (const Series& series : series_) {
    MetricSeries& into = merged[series.metric];
    into.total.merge(series.count, series.nonzero, series.sum, series.max, series.histogram);
    if (!tags_of[series.tag_set].empty())
      into.by_tags[tags_of[series.tag_set]].merge(series.count, series.nonzero, series.sum,
                                                  series.max, series.histogram);
  }
  RunResult run;
  if (samples_ > 0) {
    run.started_at = iso8601_utc(first_time_ns_);
    run.duration_s = static_cast<double>(last_time_ns_ - first_time_ns_) / 1e9;
  }
  for (size_t id = 0; id < metrics_.size(); ++id) {
    const MetricInfo& info = metrics_[id];
    if (merged[id].total.count == 0) continue;
    add_metric(run, info.name, info.type, info.kind, {}, merged[id].total);
    for (auto& [tags, sum] : merged[id].by_tags)
      add_metric(run, info.name, info.type, info.kind, tags, sum);
    if (id == http_reqs_id_)
      add_throughput(run, merged[id], requests_per_second_, first_time_ns_, last_time_ns_);
  }
  return run;
}

}  // namespace perfgate::k6
