#include "harness/run/resource_sampler.h"

#include <unistd.h>

namespace perfgate {

ResourceSampler::ResourceSampler(SamplerSettings settings)
    : settings_(std::move(settings)), started_at_(std::chrono::steady_clock::now()) {
  take_snapshot();
  thread_ = std::thread([this] { loop(); });
}

ResourceSampler::~ResourceSampler() {
  {
    std::lock_guard lock(mutex_);
    finishing_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ResourceSampler::take_snapshot() {
  double elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_at_).count();
  if (settings_.service_pid)
    service_snapshots_.push_back({elapsed_s, read_process_tree_stats(*settings_.service_pid)});
  if (settings_.sample_self)
    self_snapshots_.push_back({elapsed_s, read_process_stats(static_cast<int>(::getpid()))});
}

void ResourceSampler::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, settings_.interval, [this] { return finishing_; })) {
    take_snapshot();
    if (settings_.user_stop && settings_.user_stop->load()) stop_load_ = true;
    if (settings_.service_exited && settings_.service_exited()) {
      service_exited_ = true;
      stop_load_ = true;
    }
  }
}

std::vector<Metric> ResourceSampler::metrics_and_restart() {
  take_snapshot();
  std::vector<Metric> metrics = resource_metrics("service", service_snapshots_, MetricSet::full);
  for (Metric& metric : resource_metrics("perfgate", self_snapshots_, MetricSet::cpu_only))
    metrics.push_back(std::move(metric));
  // The last snapshot starts the next period.
  if (!service_snapshots_.empty())
    service_snapshots_.erase(service_snapshots_.begin(), service_snapshots_.end() - 1);
  if (!self_snapshots_.empty())
    self_snapshots_.erase(self_snapshots_.begin(), self_snapshots_.end() - 1);
  return metrics;
}

std::vector<Metric> ResourceSampler::cut() {
  std::lock_guard lock(mutex_);
  return metrics_and_restart();
}

std::vector<Metric> ResourceSampler::finish() {
  {
    std::lock_guard lock(mutex_);
    finishing_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  return metrics_and_restart();
}

}  // namespace perfgate
