#include "harness/run/runner.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <random>

#include "adapters/adapter.h"
#include "adapters/native/native_adapter.h"
#include "adapters/scenario_options.h"
#include "harness/errors.h"
#include "harness/model/environment.h"
#include "harness/model/result_json.h"

namespace perfgate {
namespace {

bool selected(const Scenario& scenario, const RunOptions& options) {
  return options.scenarios.empty() || std::find(options.scenarios.begin(), options.scenarios.end(),
                                                scenario.name) != options.scenarios.end();
}

int repetitions_of(const Suite& suite, const Scenario& scenario, const RunOptions& options) {
  if (options.repetitions) return *options.repetitions;
  return scenario.repetitions.value_or(suite.repetitions);
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

// One measured repetition. A run that cannot start (target down) becomes a failed RunResult.
RunResult run_once(const Scenario& scenario, int index, const std::atomic<bool>& stop,
                   ProgressLine& progress) {
  std::string started_at = utc_now_iso8601();
  try {
    RunResult run = native::run_native_load(scenario.native, control_for(stop, progress));
    run.index = index;
    if (run.started_at.empty()) run.started_at = started_at;
    return run;
  } catch (const RunError& error) {
    RunResult failed;
    failed.index = index;
    failed.status = RunStatus::failed;
    failed.failure_reason = error.what();
    failed.started_at = started_at;
    return failed;
  }
}

// The git fingerprint is informative: a repository libgit2 refuses (owned by another user in a
// CI container, say) must not stop a load test, so warn and measure without it.
std::optional<GitInfo> git_info_or_warn(const std::string& directory) {
  try {
    return capture_git_info(directory);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "perfgate: warning: no git information in the results: %s\n",
                 error.what());
    return std::nullopt;
  }
}

void save(const SuiteResult& result, const RunOptions& options) {
  if (!options.results_path.empty()) write_results_file(result, options.results_path);
}

std::filesystem::path work_root(const RunOptions& options) {
  if (!options.work_dir.empty()) return options.work_dir;
  if (!options.results_path.empty()) return options.results_path + ".logs";
  std::random_device random;
  return std::filesystem::temp_directory_path() / ("perfgate-" + std::to_string(random()));
}

// A fresh, empty folder for one scenario's tool outputs.
std::filesystem::path scenario_work_dir(const RunOptions& options, const Scenario& scenario) {
  std::filesystem::path dir = work_root(options) / scenario.name;
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  std::filesystem::create_directories(dir, error);
  if (error)
    throw RunError("cannot create the work folder " + dir.string() + ": " + error.message());
  return dir;
}

size_t index_of(const Suite& suite, const Scenario& scenario) {
  return static_cast<size_t>(&scenario - suite.scenarios.data());
}

// `files: [...]` instead of running the tool: the adapter imports them as this scenario's runs.
void import_scenario(const Suite& suite, const Scenario& scenario, const Adapter& adapter,
                     ScenarioResult& record) {
  ScenarioOptions options(suite, index_of(suite, scenario));
  std::vector<std::string> files;
  for (const std::filesystem::path& path : options.paths("files")) files.push_back(path.string());
  for (RunResult& run : adapter.import_runs(files)) {
    run.index = static_cast<int>(record.runs.size());
    record.runs.push_back(std::move(run));
  }
}

// Runs a tool adapter's warm-up and repetitions; each run is saved as it ends.
bool run_tool_scenario(const Suite& suite, const Scenario& scenario, const RunOptions& options,
                       const std::atomic<bool>& stop, ProgressLine& progress, SuiteRun& out) {
  const Adapter& adapter = *find_adapter(scenario.adapter);
  ScenarioResult& record = out.result.scenarios.back();
  if (ScenarioOptions(suite, index_of(suite, scenario)).has("files")) {
    import_scenario(suite, scenario, adapter, record);
    save(out.result, options);
    return true;
  }
  int repetitions = repetitions_of(suite, scenario, options);
  progress.set_phase(scenario.name, "running " + std::string(to_string(scenario.adapter)));
  bool interrupted = false;
  ToolRun request{.suite = &suite,
                  .scenario = &scenario,
                  .scenario_index = index_of(suite, scenario),
                  .base_dir = suite_base_dir(suite),
                  .work_dir = scenario_work_dir(options, scenario),
                  .repetitions = repetitions,
                  .warmup = warmup_of(suite, scenario),
                  .stop = &stop,
                  .on_run = [&](RunResult run) {
                    run.index = static_cast<int>(record.runs.size());
                    if (run.status == RunStatus::failed)
                      out.failures.push_back(scenario.name + " run " +
                                             std::to_string(run.index + 1) + ": " +
                                             run.failure_reason);
                    interrupted = interrupted || run.status == RunStatus::interrupted;
                    record.runs.push_back(std::move(run));
                    save(out.result, options);
                  }};
  try {
    adapter.run(request, out.result.environment);
  } catch (const RunError& error) {  // the tool could not start: a failed run, kept and saved
    RunResult failed{.status = RunStatus::failed,
                     .failure_reason = error.what(),
                     .started_at = utc_now_iso8601()};
    request.on_run(std::move(failed));
  }
  progress.clear();
  return !interrupted && !stop.load();
}

// Runs the warm-up and the repetitions of one scenario, appending to `out`. Returns false
// when the load was interrupted.
bool run_scenario(const Suite& suite, const Scenario& scenario, const RunOptions& options,
                  const std::atomic<bool>& stop, ProgressLine& progress, SuiteRun& out) {
  ScenarioResult& record = out.result.scenarios.emplace_back();
  record.name = scenario.name;
  record.adapter = to_string(scenario.adapter);
  if (scenario.adapter != AdapterKind::native)
    return run_tool_scenario(suite, scenario, options, stop, progress, out);
  if (Nanoseconds warmup = warmup_of(suite, scenario); warmup.count() > 0) {
    progress.set_phase(scenario.name, "warm-up");
    try {
      native::run_native_load(warmup_load(scenario.native, warmup), control_for(stop, progress));
    } catch (const RunError&) {
      // The first measured run reports the same failure with its reason; nothing to add here.
    }
    if (stop.load()) return false;
  }
  int repetitions = repetitions_of(suite, scenario, options);
  for (int index = 0; index < repetitions; ++index) {
    progress.set_phase(scenario.name,
                       "run " + std::to_string(index + 1) + "/" + std::to_string(repetitions));
    RunResult run = run_once(scenario, index, stop, progress);
    progress.clear();
    bool failed = run.status == RunStatus::failed;
    if (failed)
      out.failures.push_back(scenario.name + " run " + std::to_string(index + 1) + ": " +
                             run.failure_reason);
    bool interrupted = run.status == RunStatus::interrupted;
    record.runs.push_back(std::move(run));
    save(out.result, options);
    if (interrupted) return false;
    if (failed) break;  // a system under test that is down stays down: don't wait it out N times
  }
  return true;
}

}  // namespace

void check_runnable(const Suite& suite, const RunOptions& options) {
  for (const std::string& name : options.scenarios) {
    bool known = std::any_of(suite.scenarios.begin(), suite.scenarios.end(),
                             [&](const Scenario& scenario) { return scenario.name == name; });
    if (!known)
      throw InputError("--scenario", "", "no scenario named '" + name + "' in " + suite.path);
  }
  for (size_t i = 0; i < suite.scenarios.size(); ++i) {
    const Scenario& scenario = suite.scenarios[i];
    if (scenario.adapter == AdapterKind::native || !selected(scenario, options)) continue;
    const Adapter* adapter = find_adapter(scenario.adapter);
    if (!adapter)
      throw InputError(suite.path, "key scenarios[" + std::to_string(i) + "].adapter",
                       std::string("adapter '") + to_string(scenario.adapter) +
                           "' is not available in this build yet");
    adapter->validate(suite, i);
  }
  if (suite.service)
    throw InputError(suite.path, "key service",
                     "starting the system under test is not available in this build yet; start "
                     "it before `perfgate run` and remove the service block");
  if (options.repetitions && *options.repetitions < 1)
    throw InputError("--repetitions", "", "must be at least 1");
}

SuiteRun run_suite(const Suite& suite, const RunOptions& options, const std::atomic<bool>& stop,
                   ProgressLine& progress) {
  check_runnable(suite, options);
  SuiteRun out;
  out.result.suite = suite.name;
  out.result.complete = false;  // until every selected scenario has run
  out.result.environment = capture_environment();
  out.result.git = git_info_or_warn(options.working_directory);
  for (const Scenario& scenario : suite.scenarios) {
    if (!selected(scenario, options)) continue;
    if (!run_scenario(suite, scenario, options, stop, progress, out)) {
      out.outcome = SuiteOutcome::interrupted;
      save(out.result, options);
      return out;
    }
  }
  // A failed run ends its scenario early, so the suite then lacks repetitions: incomplete.
  out.result.complete = out.failures.empty();
  if (!out.failures.empty()) out.outcome = SuiteOutcome::run_failed;
  save(out.result, options);
  return out;
}

}  // namespace perfgate
