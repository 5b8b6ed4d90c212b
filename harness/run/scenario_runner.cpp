#include "harness/run/scenario_runner.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <thread>

#include "core/errors.h"
#include "core/model/result_json.h"
#include "harness/run/resource_sampler.h"

namespace perfgate::run_detail {
namespace {

// Above this share of its threads' CPUs the generator itself queues requests, so latencies
// measure perfgate rather than the system under test.
constexpr double kSaturatedGeneratorShare = 0.9;

// One scenario while the plan runs.
struct ScenarioState {
  Scenario scenario;    // as the adapter sees it (a native load cut to --shard)
  size_t record = 0;    // its ScenarioResult in ctx.out.result.scenarios
  int repetitions = 0;  // planned, for the progress line
  std::filesystem::path work_dir{};
  bool prepared = false;  // the adapter's prepare() succeeded
  bool ended = false;     // a run failed: the rest of its steps are skipped
  bool finished = false;  // the adapter's finish() ran
};

Nanoseconds warmup_of(const Suite& suite, const Scenario& scenario) {
  return scenario.warmup.value_or(suite.warmup);
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

// Appends `run` to the scenario's record as its next run and saves. A run that is not ok ends
// the scenario: a system under test that is down stays down.
void record_run(RunContext& ctx, ScenarioState& state, RunResult run) {
  ScenarioResult& record = ctx.out.result.scenarios[state.record];
  run.index = static_cast<int>(record.runs.size());
  if (run.status == RunStatus::failed)
    ctx.out.failures.push_back(state.scenario.name + " run " + std::to_string(run.index + 1) +
                               ": " + run.failure_reason);
  if (run.status != RunStatus::ok) state.ended = true;
  record.runs.push_back(std::move(run));
  save(ctx.out.result, ctx.options);
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

ScenarioContext context_for(RunContext& ctx, const ScenarioState& state,
                            const std::atomic<bool>& stop) {
  return ScenarioContext{
      .scenario = &state.scenario,
      .suite_dir = suite_base_dir(ctx.suite),
      .work_dir = state.work_dir,
      .warmup = warmup_of(ctx.suite, state.scenario),
      .stop = &stop,
      .on_progress = [&ctx](const LiveStats& live) { ctx.progress.update(live); },
      .environment = &ctx.out.result.environment};
}

// The adapter's prepare() before the scenario's first step. A tool that cannot start (not
// installed) is a failed run, kept and saved; false then.
bool prepared(RunContext& ctx, ScenarioState& state, const Adapter& adapter) {
  if (state.prepared) return true;
  try {
    if (adapter.writes_files()) state.work_dir = scenario_work_dir(ctx, state.scenario);
    adapter.prepare(context_for(ctx, state, ctx.stop));
  } catch (const RunError& error) {
    record_run(ctx, state, unfinished_run(RunStatus::failed, error.what()));
    return false;
  }
  state.prepared = true;
  return true;
}

// `files: [...]` instead of running the tool: the adapter imports them as the scenario's runs.
void import_files(RunContext& ctx, ScenarioState& state, const Adapter& adapter) {
  std::vector<std::string> files;
  for (const std::filesystem::path& path : state.scenario.files) files.push_back(path.string());
  ScenarioResult& record = ctx.out.result.scenarios[state.record];
  for (RunResult& run : adapter.import_runs(files)) {
    run.index = static_cast<int>(record.runs.size());
    record.runs.push_back(std::move(run));
  }
  save(ctx.out.result, ctx.options);
}

// An adapter's step, with a tool that cannot be started (RunError) as a failed run: failures
// are data, kept in the results with their reason.
template <typename Step>
auto failures_kept(Step&& step) -> decltype(step()) {
  try {
    return step();
  } catch (const RunError& error) {
    return decltype(step()){unfinished_run(RunStatus::failed, error.what())};
  }
}

void warm_up(RunContext& ctx, ScenarioState& state, const Adapter& adapter) {
  ctx.progress.set_phase(state.scenario.name, "warm-up");
  const ScenarioContext context = context_for(ctx, state, ctx.stop);
  std::optional<RunResult> failed = failures_kept([&] { return adapter.warm_up(context); });
  ctx.progress.clear();
  if (failed) record_run(ctx, state, std::move(*failed));
}

std::string run_phase(const ScenarioState& state, Repetitions repetitions) {
  const int last = repetitions.first + repetitions.count;
  std::string runs = std::to_string(repetitions.first + 1);
  if (repetitions.count > 1) runs += "-" + std::to_string(last);
  return "run " + runs + "/" + std::to_string(state.repetitions);
}

// One measuring step: the adapter measures while the service's (and, for a generator inside
// perfgate, perfgate's own) resources are sampled; each run gets the step's resources.
void measure(RunContext& ctx, ScenarioState& state, const Adapter& adapter,
             Repetitions repetitions) {
  if (auto ended = ctx.service ? ctx.service->failure() : std::nullopt) {
    ctx.service_failed = true;
    record_run(ctx, state, unfinished_run(RunStatus::failed, *ended));
    return;
  }
  ctx.progress.set_phase(state.scenario.name, run_phase(state, repetitions));
  ResourceSampler sampler(sampler_settings(ctx, adapter.runs_in_process()));
  const ScenarioContext context = context_for(ctx, state, sampler.stop_flag());
  std::vector<RunResult> runs =
      failures_kept([&] { return adapter.measure(context, repetitions); });
  const std::vector<Metric> resources = sampler.finish();
  ctx.progress.clear();
  for (RunResult& run : runs) {
    if (run.started_at.empty()) run.started_at = utc_now_iso8601();
    for (const Metric& metric : resources) run.add(metric);
    check_service(ctx, run);
    add_service_facts(ctx, run);
    run.index = static_cast<int>(ctx.out.result.scenarios[state.record].runs.size());
    if (repetitions.count > 1) run.process = repetitions.first;  // one statistical unit
    warn_if_saturated(state.scenario, run);
    record_run(ctx, state, std::move(run));
    if (state.ended) break;
  }
}

// The adapter cleans up once, after the scenario's last step; a failure to clean up fails the
// scenario unless a run failed already.
void finish(RunContext& ctx, ScenarioState& state) {
  if (!state.prepared || state.finished) return;
  state.finished = true;
  const Adapter& adapter = adapter_for(state.scenario.adapter);
  const ScenarioContext context = context_for(ctx, state, ctx.stop);
  std::optional<RunResult> failed = failures_kept([&] { return adapter.finish(context); });
  if (failed && !state.ended) record_run(ctx, state, std::move(*failed));
}

// The scenario's state, made at its first step: its record in the results, named as in the
// suite, and the scenario as the adapter sees it.
ScenarioState& state_of(RunContext& ctx, std::map<size_t, ScenarioState>& states, size_t index) {
  auto found = states.find(index);
  if (found != states.end()) return found->second;
  const Scenario& scenario = ctx.suite.scenarios.at(index);
  ScenarioState state{.scenario = scenario,
                      .record = ctx.out.result.scenarios.size(),
                      .repetitions = repetitions_of(ctx.suite, scenario, ctx.options.repetitions)};
  if (scenario.adapter == AdapterKind::native)
    state.scenario.native = shard_load(scenario.native, ctx.options.shard);
  ctx.out.result.scenarios.push_back(
      {.name = scenario.name, .adapter = to_string(scenario.adapter)});
  return states.emplace(index, std::move(state)).first->second;
}

void run_step(RunContext& ctx, const PlanStep& step, ScenarioState& state) {
  const Adapter& adapter = adapter_for(state.scenario.adapter);
  if (step.kind == StepKind::import_files) return import_files(ctx, state, adapter);
  if (!prepared(ctx, state, adapter)) return;
  if (step.kind == StepKind::warm_up) return warm_up(ctx, state, adapter);
  measure(ctx, state, adapter, step.repetitions);
}

bool stopped(const RunContext& ctx, const ScenarioState& state) {
  const auto& runs = ctx.out.result.scenarios[state.record].runs;
  const bool interrupted = !runs.empty() && runs.back().status == RunStatus::interrupted;
  return interrupted || ctx.service_failed || ctx.stop.load();
}

}  // namespace

void save(const SuiteResult& result, const RunOptions& options) {
  if (!options.results_path.empty()) write_results_file(result, options.results_path);
}

bool run_plan(RunContext& ctx, const RunPlan& plan) {
  std::map<size_t, size_t> last_step;  // scenario -> its last step in the plan
  for (size_t i = 0; i < plan.steps.size(); ++i) last_step[plan.steps[i].scenario] = i;
  std::map<size_t, ScenarioState> states;
  bool stop = false;
  for (size_t i = 0; i < plan.steps.size() && !stop; ++i) {
    const PlanStep& step = plan.steps[i];
    ScenarioState& state = state_of(ctx, states, step.scenario);
    if (!state.ended) run_step(ctx, step, state);
    stop = stopped(ctx, state);
    if (i == last_step[step.scenario] || state.ended) finish(ctx, state);
  }
  for (auto& [index, state] : states) finish(ctx, state);
  return !stop;
}

}  // namespace perfgate::run_detail
