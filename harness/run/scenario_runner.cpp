#include "harness/run/scenario_runner.h"

#include <algorithm>
#include <cstdio>
#include <thread>

#include "adapters/adapter.h"
#include "adapters/native/native_adapter.h"
#include "adapters/scenario_options.h"
#include "harness/errors.h"
#include "harness/model/result_json.h"
#include "harness/run/resource_sampler.h"

namespace perfgate::run_detail {
namespace {

// Above this share of its threads' CPUs the generator itself queues requests, so latencies
// measure perfgate rather than the system under test.
constexpr double kSaturatedGeneratorShare = 0.9;

int repetitions_of(const RunContext& ctx, const Scenario& scenario) {
  if (ctx.options.repetitions) return *ctx.options.repetitions;
  return scenario.repetitions.value_or(ctx.suite.repetitions);
}

Nanoseconds warmup_of(const Suite& suite, const Scenario& scenario) {
  return scenario.warmup.value_or(suite.warmup);
}

// The warm-up drives the same requests for the warm-up time at a steady level: the first
// non-zero stage target when the scenario has stages, else its rate/connections.
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

native::RunControl control_for(const std::atomic<bool>& stop, ProgressLine& progress) {
  native::RunControl control;
  control.stop = &stop;
  control.on_progress = [&progress](const native::LiveStats& live) {
    progress.update({live.elapsed_s, live.requests, live.errors, live.rate_per_s, live.p99_ns});
  };
  return control;
}

SamplerSettings sampler_settings(const RunContext& ctx, bool sample_self) {
  SamplerSettings settings;
  settings.interval = ctx.suite.sample_interval;
  settings.sample_self = sample_self;
  settings.user_stop = &ctx.stop;
  if (ctx.service) {
    settings.service_pid = ctx.service->pid();
    settings.service_exited = [service = ctx.service] { return service->has_exited(); };
  }
  return settings;
}

void add_metrics(RunResult& run, std::vector<Metric> metrics) {
  for (Metric& metric : metrics) run.add(std::move(metric));
}

// Every run under a service carries its time to ready (so an SLA can bound it) and, when
// the run has no tool log of its own, the service's log.
void add_service_facts(const RunContext& ctx, RunResult& run) {
  if (!ctx.service) return;
  run.add({.name = "service_ready_time",
           .unit = "ns",
           .value = static_cast<double>(ctx.service->ready_time().count())});
  if (run.log.empty()) run.log = ctx.service->log_path().string();
}

// A service that ended fails the run with its exit code and log tail, and ends the suite.
void check_service(RunContext& ctx, RunResult& run) {
  if (!ctx.service) return;
  std::optional<std::string> ended = ctx.service->failure();
  if (!ended) return;
  ctx.service_failed = true;
  run.status = RunStatus::failed;
  run.failure_reason = *ended;
}

void warn_if_saturated(const Scenario& scenario, const RunResult& run) {
  const Metric* cpu = run.find("cpu_percent", {{"process", "perfgate"}});
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  int threads = std::min(scenario.native.threads, static_cast<int>(cores));
  if (!cpu || !cpu->value || *cpu->value < 100.0 * kSaturatedGeneratorShare * threads) return;
  std::fprintf(stderr,
               "perfgate: warning: %s run %d: the load generator used %.0f %% CPU with %d "
               "thread(s); it is saturated, so its numbers are not the service's. Lighten the "
               "load, add threads, or run the generator on another machine.\n",
               scenario.name.c_str(), run.index + 1, *cpu->value, threads);
}

void note_failure(RunContext& ctx, const Scenario& scenario, const RunResult& run) {
  if (run.status == RunStatus::failed)
    ctx.out.failures.push_back(scenario.name + " run " + std::to_string(run.index + 1) + ": " +
                               run.failure_reason);
}

// One measured repetition of a native scenario. A run that cannot start (target down) becomes
// a failed RunResult, as does a run during which the service ended.
RunResult run_once(RunContext& ctx, const Scenario& scenario, int index) {
  std::string started_at = utc_now_iso8601();
  RunResult run;
  if (auto ended = ctx.service ? ctx.service->failure() : std::nullopt) {
    ctx.service_failed = true;
    run = failed_run(index, *ended);
  } else {
    ResourceSampler sampler(sampler_settings(ctx, true));
    try {
      run = native::run_native_load(shard_load(scenario.native, ctx.options.shard),
                                    control_for(sampler.stop_flag(), ctx.progress));
    } catch (const RunError& error) {
      run = failed_run(index, error.what());
    }
    add_metrics(run, sampler.finish());
    check_service(ctx, run);
  }
  run.index = index;
  if (run.started_at.empty()) run.started_at = started_at;
  add_service_facts(ctx, run);
  warn_if_saturated(scenario, run);
  return run;
}

void warm_up(RunContext& ctx, const Scenario& scenario) {
  Nanoseconds warmup = warmup_of(ctx.suite, scenario);
  if (warmup.count() <= 0) return;
  ctx.progress.set_phase(scenario.name, "warm-up");
  try {
    native::run_native_load(warmup_load(shard_load(scenario.native, ctx.options.shard), warmup),
                            control_for(ctx.stop, ctx.progress));
  } catch (const RunError&) {
    // The first measured run reports the same failure with its reason; nothing to add here.
  }
}

bool run_native_scenario(RunContext& ctx, const Scenario& scenario, ScenarioResult& record) {
  warm_up(ctx, scenario);
  if (ctx.stop.load()) return false;
  int repetitions = repetitions_of(ctx, scenario);
  for (int index = 0; index < repetitions; ++index) {
    ctx.progress.set_phase(scenario.name,
                           "run " + std::to_string(index + 1) + "/" + std::to_string(repetitions));
    RunResult run = run_once(ctx, scenario, index);
    ctx.progress.clear();
    note_failure(ctx, scenario, run);
    RunStatus status = run.status;
    record.runs.push_back(std::move(run));
    save(ctx.out.result, ctx.options);
    if (status == RunStatus::interrupted || ctx.service_failed) return false;
    if (status == RunStatus::failed) break;  // a system under test that is down stays down
  }
  return true;
}

size_t index_of(const Suite& suite, const Scenario& scenario) {
  return static_cast<size_t>(&scenario - suite.scenarios.data());
}

// A fresh, empty folder for one scenario's tool outputs.
std::filesystem::path scenario_work_dir(const RunContext& ctx, const Scenario& scenario) {
  std::filesystem::path dir = ctx.work_root / scenario.name;
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  std::filesystem::create_directories(dir, error);
  if (error)
    throw RunError("cannot create the work folder " + dir.string() + ": " + error.message());
  return dir;
}

// `files: [...]` instead of running the tool: the adapter imports them as this scenario's runs.
void import_scenario(const RunContext& ctx, const Scenario& scenario, const Adapter& adapter,
                     ScenarioResult& record) {
  ScenarioOptions options(ctx.suite, index_of(ctx.suite, scenario));
  std::vector<std::string> files;
  for (const std::filesystem::path& path : options.paths("files")) files.push_back(path.string());
  for (RunResult& run : adapter.import_runs(files)) {
    run.index = static_cast<int>(record.runs.size());
    record.runs.push_back(std::move(run));
  }
  save(ctx.out.result, ctx.options);
}

// Runs a tool adapter's warm-up and repetitions; each run is saved as it ends, with the
// service's resources since the previous run ended.
bool run_tool_scenario(RunContext& ctx, const Scenario& scenario, ScenarioResult& record) {
  const Adapter& adapter = *find_adapter(scenario.adapter);
  if (ScenarioOptions(ctx.suite, index_of(ctx.suite, scenario)).has("files")) {
    import_scenario(ctx, scenario, adapter, record);
    return true;
  }
  ctx.progress.set_phase(scenario.name, "running " + std::string(to_string(scenario.adapter)));
  bool interrupted = false;
  ResourceSampler sampler(sampler_settings(ctx, false));
  ToolRun request{.suite = &ctx.suite,
                  .scenario = &scenario,
                  .scenario_index = index_of(ctx.suite, scenario),
                  .base_dir = suite_base_dir(ctx.suite),
                  .work_dir = scenario_work_dir(ctx, scenario),
                  .repetitions = repetitions_of(ctx, scenario),
                  .warmup = warmup_of(ctx.suite, scenario),
                  .stop = &sampler.stop_flag(),
                  .on_run = [&](RunResult run) {
                    run.index = static_cast<int>(record.runs.size());
                    add_metrics(run, sampler.cut());
                    check_service(ctx, run);
                    add_service_facts(ctx, run);
                    note_failure(ctx, scenario, run);
                    interrupted = interrupted || run.status == RunStatus::interrupted;
                    record.runs.push_back(std::move(run));
                    save(ctx.out.result, ctx.options);
                  }};
  try {
    adapter.run(request, ctx.out.result.environment);
  } catch (const RunError& error) {  // the tool could not start: a failed run, kept and saved
    RunResult failed{.status = RunStatus::failed,
                     .failure_reason = error.what(),
                     .started_at = utc_now_iso8601()};
    request.on_run(std::move(failed));
  }
  ctx.progress.clear();
  return !interrupted && !ctx.stop.load() && !ctx.service_failed;
}

}  // namespace

RunResult failed_run(int index, std::string reason) {
  return RunResult{.index = index,
                   .status = RunStatus::failed,
                   .failure_reason = std::move(reason),
                   .started_at = utc_now_iso8601()};
}

void save(const SuiteResult& result, const RunOptions& options) {
  if (!options.results_path.empty()) write_results_file(result, options.results_path);
}

bool run_scenario(RunContext& ctx, const Scenario& scenario) {
  ScenarioResult& record = ctx.out.result.scenarios.emplace_back();
  record.name = scenario.name;
  record.adapter = to_string(scenario.adapter);
  if (scenario.adapter != AdapterKind::native) return run_tool_scenario(ctx, scenario, record);
  return run_native_scenario(ctx, scenario, record);
}

}  // namespace perfgate::run_detail
