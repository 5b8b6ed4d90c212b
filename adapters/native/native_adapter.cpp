// The coordinator: validates and spreads the load, checks the target is reachable, runs one
// Worker per thread, reports progress from the caller's thread, and merges the results.
#include "adapters/native/native_adapter.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

#include "adapters/native/clock.h"
#include "adapters/native/endpoint.h"
#include "adapters/native/load_shape.h"
#include "adapters/native/request_plan.h"
#include "adapters/native/result_builder.h"
#include "adapters/native/worker.h"
#include "core/errors.h"

namespace perfgate::native {
namespace {

constexpr auto kSupervisePeriod = std::chrono::milliseconds(20);
constexpr uint64_t kProgressPeriodNs = 250'000'000;

std::string target_url(const NativeLoad& load) {
  if (!load.target.empty()) return load.target;
  return "http://" + load.host + ":" + std::to_string(load.port);
}

bool stop_requested(const RunControl& control) {
  return control.stop != nullptr && control.stop->load(std::memory_order_relaxed);
}

// Everything the workers share, alive for the whole run. Leaving the scope (normally or by an
// exception, e.g. from on_progress) stops and joins every worker thread.
struct Crew {
  ~Crew() {
    run_stop.store(true, std::memory_order_relaxed);
    for (std::thread& thread : threads) {
      if (thread.joinable()) thread.join();
    }
  }

  std::atomic<bool> run_stop{false};
  std::vector<std::unique_ptr<WorkerProgress>> progress;
  std::vector<std::unique_ptr<Worker>> workers;
  std::vector<std::exception_ptr> failures;
  std::vector<std::thread> threads;
};

class ProgressReporter {
 public:
  ProgressReporter(const RunControl& control, uint64_t start_ns)
      : control_(control), start_ns_(start_ns), last_ns_(start_ns) {}

  void maybe_report(const Crew& crew, uint64_t now_ns) {
    if (!control_.on_progress || now_ns < last_ns_ + kProgressPeriodNs) return;
    LiveStats stats;
    stats.elapsed_s = static_cast<double>(now_ns - start_ns_) / 1e9;
    Histogram latencies;
    for (const auto& progress : crew.progress) {
      stats.requests += progress->responses.load(std::memory_order_relaxed);
      stats.errors += progress->errors.load(std::memory_order_relaxed);
      const std::lock_guard lock(progress->snapshot_mutex);
      latencies.merge(progress->latency_snapshot);
    }
    const double interval_s = static_cast<double>(now_ns - last_ns_) / 1e9;
    stats.rate_per_s = static_cast<double>(stats.requests - last_requests_) / interval_s;
    stats.p99_ns = latencies.value_at_percentile(99);
    last_ns_ = now_ns;
    last_requests_ = stats.requests;
    control_.on_progress(stats);
  }

 private:
  const RunControl& control_;
  uint64_t start_ns_;
  uint64_t last_ns_;
  uint64_t last_requests_ = 0;
};

bool all_finished(const Crew& crew) {
  for (const auto& progress : crew.progress) {
    if (!progress->finished.load(std::memory_order_acquire)) return false;
  }
  return true;
}

void supervise(Crew& crew, const RunControl& control, uint64_t start_ns) {
  ProgressReporter reporter(control, start_ns);
  while (!all_finished(crew)) {
    std::this_thread::sleep_for(kSupervisePeriod);
    if (stop_requested(control)) crew.run_stop.store(true, std::memory_order_relaxed);
    reporter.maybe_report(crew, monotonic_ns());
  }
}

void launch(Crew& crew) {
  crew.failures.resize(crew.workers.size());
  for (size_t i = 0; i < crew.workers.size(); ++i) {
    crew.threads.emplace_back([&crew, i] {
      try {
        crew.workers[i]->run();
      } catch (...) {
        crew.failures[i] = std::current_exception();
        crew.progress[i]->finished.store(true, std::memory_order_release);
      }
    });
  }
}

void rethrow_failure(const Crew& crew) {
  for (const std::exception_ptr& failure : crew.failures) {
    if (!failure) continue;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& error) {
      throw RunError(std::string("native load generator failed: ") + error.what());
    }
  }
}

WorkerPlan plan_worker(const NativeLoad& load, const LoadShape& shape, size_t index,
                       uint64_t start_ns) {
  WorkerPlan plan;
  plan.index = static_cast<int>(index);
  plan.worker_count = static_cast<int>(shape.connections_per_worker.size());
  plan.connections = shape.connections_per_worker[index];
  plan.model = load.model;
  plan.profile = &shape.profile;
  plan.level_varies = shape.level_varies;
  plan.start_ns = start_ns;
  plan.end_ns = shape.length_ns == 0 ? kNoEnd : start_ns + shape.length_ns;
  plan.request_budget = shape.budget_per_worker[index];
  plan.think_ns = static_cast<uint64_t>(std::max<int64_t>(load.think_time.count(), 0));
  plan.request_timeout_ns = static_cast<uint64_t>(load.request_timeout.count());
  plan.connect_timeout_ns = static_cast<uint64_t>(load.connect_timeout.count());
  return plan;
}

// Adds the per-thread measurements together (lossless) and measures the run's duration up to
// the last worker's end.
RunResult merge_results(const Crew& crew, const RequestPlan& requests, uint64_t start_ns,
                        RunFacts facts) {
  WorkerMetrics merged(requests.metric_names.size(), 0);
  uint64_t end_ns = start_ns;
  for (const auto& worker : crew.workers) {
    merged.merge(worker->metrics());
    end_ns = std::max(end_ns, worker->finished_ns());
  }
  facts.duration_s = static_cast<double>(end_ns - start_ns) / 1e9;
  return build_run_result(merged, requests, facts);
}

}  // namespace

RunResult run_native_load(const NativeLoad& load, const RunControl& control) {
  const RequestPlan requests = build_request_plan(load);
  const LoadShape shape = shape_load(load);
  const Endpoint endpoint =
      reach_target(load.host, load.port, target_url(load), load.connect_timeout);
  TcpTransport transport;
  const std::string started_at = utc_now_iso8601();
  const uint64_t start_ns = monotonic_ns();
  Crew crew;
  for (size_t i = 0; i < shape.connections_per_worker.size(); ++i) {
    WorkerPlan plan = plan_worker(load, shape, i, start_ns);
    plan.requests = &requests;
    plan.endpoint = &endpoint;
    plan.user_stop = control.stop;
    plan.run_stop = &crew.run_stop;
    crew.progress.push_back(std::make_unique<WorkerProgress>());
    crew.workers.push_back(std::make_unique<Worker>(plan, transport, *crew.progress.back()));
  }
  launch(crew);
  supervise(crew, control, start_ns);
  for (std::thread& thread : crew.threads) thread.join();
  rethrow_failure(crew);

  RunFacts facts;
  facts.started_at = started_at;
  facts.model = load.model;
  if (stop_requested(control)) {
    facts.status = RunStatus::interrupted;
    facts.failure_reason = "interrupted";
  }
  return merge_results(crew, requests, start_ns, facts);
}

NativeLoad warmup_load(NativeLoad load, Nanoseconds duration) {
  for (const Stage& stage : load.stages) {
    if (stage.target <= 0) continue;
    if (load.model == LoadModel::open)
      load.rate_per_s = stage.target;
    else
      load.connections = std::max(load.threads, static_cast<int>(stage.target));
    break;
  }
  load.stages.clear();
  load.duration = duration;
  load.max_requests = 0;
  return load;
}

std::optional<RunResult> NativeAdapter::warm_up(const ScenarioContext& context) const {
  if (context.warmup.count() <= 0) return std::nullopt;
  try {
    run_native_load(warmup_load(context.scenario->native, context.warmup),
                    {context.stop, context.on_progress});
  } catch (const RunError&) {
    // The first measured run reports the same failure with its reason; nothing to add here.
  }
  return std::nullopt;
}

std::vector<RunResult> NativeAdapter::measure(const ScenarioContext& context, Repetitions) const {
  try {
    return {run_native_load(context.scenario->native, {context.stop, context.on_progress})};
  } catch (const RunError& error) {  // the target cannot be reached: a failed run, kept
    return {unfinished_run(RunStatus::failed, error.what())};
  }
}

}  // namespace perfgate::native
