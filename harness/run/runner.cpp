#include "harness/run/runner.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>

#include "core/errors.h"
#include "core/model/environment.h"
#include "core/model/units.h"
#include "core/process/child_process.h"
#include "harness/run/run_plan.h"
#include "harness/run/scenario_runner.h"
#include "harness/run/signals.h"

namespace perfgate {
namespace {

using run_detail::RunContext;

bool selected(const Scenario& scenario, const RunOptions& options) {
  return options.scenarios.empty() || std::find(options.scenarios.begin(), options.scenarios.end(),
                                                scenario.name) != options.scenarios.end();
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

std::filesystem::path work_root(const RunOptions& options) {
  if (!options.work_dir.empty()) return options.work_dir;
  if (!options.results_path.empty()) return options.results_path + ".logs";
  std::random_device random;
  return std::filesystem::temp_directory_path() / ("perfgate-" + std::to_string(random()));
}

// The selected scenarios (indexes into suite.scenarios), as written or shuffled; a random order
// is printed with its seed so that it can be repeated (`seed:` in the suite).
std::vector<size_t> scenario_order(const Suite& suite, const RunOptions& options) {
  std::vector<size_t> order;
  for (size_t i = 0; i < suite.scenarios.size(); ++i)
    if (selected(suite.scenarios[i], options)) order.push_back(i);
  if (suite.order == ScenarioOrder::fixed) return order;
  uint64_t seed = suite.seed ? *suite.seed : std::random_device{}();
  std::mt19937_64 random(seed);
  std::shuffle(order.begin(), order.end(), random);
  std::string names;
  for (size_t index : order) names += (names.empty() ? "" : ", ") + suite.scenarios[index].name;
  std::fprintf(stderr, "perfgate: scenario order: random (seed %llu): %s\n",
               static_cast<unsigned long long>(seed), names.c_str());
  return order;
}

// Keeps the service's group on the list a second Ctrl-C kills while the service may run.
struct AbortKill {
  int group = 0;
  ~AbortKill() {
    if (group > 0) forget_group_on_abort(group);
  }
};

// The service could not be made ready: the first scenario gets a failed run with the reason,
// so the results file says why nothing was measured.
void record_start_failure(RunContext& ctx, const Scenario& first, const std::string& reason) {
  ScenarioResult& record = ctx.out.result.scenarios.emplace_back();
  record.name = first.name;
  record.adapter = to_string(first.adapter);
  record.runs.push_back(unfinished_run(RunStatus::failed, reason));
  ctx.out.failures.push_back(first.name + " run 1: " + reason);
  ctx.out.outcome = SuiteOutcome::run_failed;
}

// Starts the service and waits for it; false when the suite cannot go on (outcome set).
bool start_service(RunContext& ctx, std::optional<service::Service>& service, AbortKill& abort_kill,
                   const Scenario& first) {
  std::filesystem::path log = ctx.work_root / "service.log";
  ctx.progress.set_phase("service", "starting");
  try {
    service.emplace(*ctx.suite.service, log);
    abort_kill.group = service->pid();  // its own group: the pid is the group id
    kill_group_on_abort(abort_kill.group);
    std::fprintf(stderr, "perfgate: service started (pid %d), log: %s\n", service->pid(),
                 log.string().c_str());
    if (service->wait_until_ready(ctx.stop) == service::StartOutcome::interrupted) {
      ctx.out.outcome = SuiteOutcome::interrupted;
      return false;
    }
  } catch (const RunError& error) {
    record_start_failure(ctx, first, error.what());
    return false;
  }
  ctx.progress.clear();
  ctx.service = &*service;
  const auto ready_ns = std::chrono::duration<double, std::nano>(service->ready_time()).count();
  std::fprintf(stderr, "perfgate: service ready after %s\n",
               format_value(ready_ns, Unit::time_ns()).c_str());
  return true;
}

// Runs the plan; sets the outcome when the suite stops early.
void run_scenarios(RunContext& ctx, const RunPlan& plan) {
  if (!run_detail::run_plan(ctx, plan)) {
    ctx.out.outcome = ctx.service_failed ? SuiteOutcome::run_failed : SuiteOutcome::interrupted;
    return;
  }
  // A failed run ends its scenario early, so the suite then lacks repetitions: incomplete.
  if (!ctx.out.failures.empty()) ctx.out.outcome = SuiteOutcome::run_failed;
  ctx.out.result.complete = ctx.out.failures.empty();
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
    if (selected(scenario, options) && !has_options_of_its_adapter(scenario))
      throw InputError(suite.path, "key scenarios[" + std::to_string(i) + "].adapter",
                       std::string("the scenario has no options for its adapter '") +
                           to_string(scenario.adapter) + "'");
  }
  // A program name looked up on PATH can be checked now; paths are checked when it starts.
  if (suite.service && suite.service->command.front().find('/') == std::string::npos) {
    try {
      find_program(suite.service->command.front());
    } catch (const RunError& error) {
      throw InputError(suite.path, "key service.command", error.what());
    }
  }
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
  RunContext ctx{suite, options, stop, progress, out, work_root(options)};
  const std::vector<size_t> order = scenario_order(suite, options);
  const RunPlan plan = plan_suite(suite, order, options.repetitions);
  // Declared in this order so that the group is forgotten only after the service has stopped.
  AbortKill abort_kill;
  std::optional<service::Service> service;
  if (order.empty() || !suite.service ||
      start_service(ctx, service, abort_kill, suite.scenarios[order.front()]))
    run_scenarios(ctx, plan);
  if (service) {
    progress.set_phase("service", "stopping");
    service->stop();
  }
  progress.clear();
  run_detail::save(out.result, options);
  return out;
}

}  // namespace perfgate
