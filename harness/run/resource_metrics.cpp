#include "harness/run/resource_metrics.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace perfgate {
namespace {

using Field = std::function<uint64_t(const ProcessStats&)>;

// Counters can step back when a process of the tree ends between snapshots: never negative.
uint64_t increase(uint64_t before, uint64_t after) {
  return after > before ? after - before : 0;
}

double cpu_percent(uint64_t ticks, double seconds) {
  return seconds > 0 ? 100.0 * static_cast<double>(ticks) / clock_ticks_per_s() / seconds : 0.0;
}

Metric cpu_metric(const std::string& name, const Tags& tags, const std::vector<Snapshot>& shots,
                  const Field& ticks, bool with_histogram) {
  Metric metric{.name = name, .unit = "percent", .tags = tags};
  Histogram histogram;
  for (size_t i = 1; i < shots.size(); ++i) {
    double percent = cpu_percent(increase(ticks(shots[i - 1].stats), ticks(shots[i].stats)),
                                 shots[i].elapsed_s - shots[i - 1].elapsed_s);
    metric.timeline.push_back(percent);
    histogram.record(static_cast<uint64_t>(std::llround(percent)));
  }
  metric.value = cpu_percent(increase(ticks(shots.front().stats), ticks(shots.back().stats)),
                             shots.back().elapsed_s - shots.front().elapsed_s);
  if (with_histogram) metric.histogram = histogram;
  return metric;
}

// A level (memory, threads): every sample after the start, the peak as the value.
Metric level_metric(const std::string& name, const std::string& unit, const Tags& tags,
                    const std::vector<Snapshot>& shots, const Field& field) {
  Metric metric{.name = name, .unit = unit, .tags = tags};
  Histogram histogram;
  for (size_t i = 1; i < shots.size(); ++i) {
    uint64_t level = field(shots[i].stats);
    metric.timeline.push_back(static_cast<double>(level));
    histogram.record(level);
  }
  metric.value = static_cast<double>(histogram.max());
  metric.histogram = histogram;
  return metric;
}

// A counter: what it grew by in each interval, and in total.
Metric counter_metric(const std::string& name, const std::string& unit, const Tags& tags,
                      const std::vector<Snapshot>& shots, const Field& field) {
  Metric metric{.name = name, .unit = unit, .tags = tags};
  for (size_t i = 1; i < shots.size(); ++i)
    metric.timeline.push_back(
        static_cast<double>(increase(field(shots[i - 1].stats), field(shots[i].stats))));
  metric.value =
      static_cast<double>(increase(field(shots.front().stats), field(shots.back().stats)));
  return metric;
}

}  // namespace

std::vector<Metric> resource_metrics(const std::string& process,
                                     const std::vector<Snapshot>& snapshots, MetricSet set) {
  if (snapshots.size() < 2) return {};
  Tags tags{{"process", process}};
  auto user = [](const ProcessStats& s) { return s.user_ticks; };
  auto system = [](const ProcessStats& s) { return s.system_ticks; };
  auto both = [](const ProcessStats& s) { return s.user_ticks + s.system_ticks; };
  std::vector<Metric> metrics{cpu_metric("cpu_percent", tags, snapshots, both, true),
                              cpu_metric("cpu_user_percent", tags, snapshots, user, false),
                              cpu_metric("cpu_system_percent", tags, snapshots, system, false)};
  if (set == MetricSet::cpu_only) return metrics;
  metrics.push_back(level_metric("rss", "bytes", tags, snapshots,
                                 [](const ProcessStats& s) { return s.rss_bytes; }));
  metrics.push_back(level_metric("threads", "count", tags, snapshots,
                                 [](const ProcessStats& s) { return s.threads; }));
  metrics.push_back(level_metric("open_fds", "count", tags, snapshots,
                                 [](const ProcessStats& s) { return s.open_fds; }));
  metrics.push_back(counter_metric("context_switches", "count", tags, snapshots,
                                   [](const ProcessStats& s) { return s.context_switches; }));
  metrics.push_back(counter_metric("io_read_bytes", "bytes", tags, snapshots,
                                   [](const ProcessStats& s) { return s.read_bytes; }));
  metrics.push_back(counter_metric("io_write_bytes", "bytes", tags, snapshots,
                                   [](const ProcessStats& s) { return s.write_bytes; }));
  return metrics;
}

}  // namespace perfgate
