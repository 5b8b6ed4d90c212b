// Samples, on its own thread, the system under test's process tree and perfgate's own CPU
// while one run's load is going on, and watches that the service is still alive.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/model/run_result.h"
#include "core/suite/quantity.h"
#include "harness/run/resource_metrics.h"

namespace perfgate {

struct SamplerSettings {
  std::optional<int> service_pid;  // its process tree is sampled when set
  bool sample_self = true;         // perfgate's own CPU: the native generator's load
  Nanoseconds interval{std::chrono::milliseconds(100)};
  const std::atomic<bool>* user_stop = nullptr;  // Ctrl-C; forwarded to stop_flag()
  std::function<bool()> service_exited{};        // thread-safe; checked every interval
};

class ResourceSampler {
 public:
  explicit ResourceSampler(SamplerSettings settings);  // takes the first snapshot, starts
  ~ResourceSampler();
  ResourceSampler(const ResourceSampler&) = delete;
  ResourceSampler& operator=(const ResourceSampler&) = delete;

  // Becomes true when the user stops or the service ends: the load should stop then.
  const std::atomic<bool>& stop_flag() const { return stop_load_; }
  bool service_exited() const { return service_exited_.load(); }

  // The metrics of the period since the start or the last cut(), tagged process=service and
  // process=perfgate; sampling goes on for the next period (a tool's next repetition).
  std::vector<Metric> cut();
  // Stops sampling after a last snapshot and returns the last period's metrics.
  std::vector<Metric> finish();

 private:
  void loop();
  void take_snapshot();                       // with mutex_ held
  std::vector<Metric> metrics_and_restart();  // with mutex_ held

  SamplerSettings settings_;
  std::chrono::steady_clock::time_point started_at_;
  std::vector<Snapshot> service_snapshots_;
  std::vector<Snapshot> self_snapshots_;
  std::atomic<bool> stop_load_{false};
  std::atomic<bool> service_exited_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool finishing_ = false;
  std::thread thread_;
};

}  // namespace perfgate
