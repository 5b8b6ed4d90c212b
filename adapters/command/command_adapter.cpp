#include "adapters/command/command_adapter.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>

#include "core/errors.h"
#include "core/process/child_process.h"

namespace perfgate {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kDefaultTimeout = std::chrono::minutes(10);
constexpr auto kFinestPoll = std::chrono::microseconds(50);
constexpr auto kCoarsestPoll = std::chrono::milliseconds(2);

// Waits like ChildProcess::wait, but polls with a back-off proportional to the elapsed time so
// short commands are timed finely and long ones cost perfgate almost no CPU.
ProcessOutcome wait_finely(ChildProcess& child, Nanoseconds timeout,
                           const std::atomic<bool>* stop) {
  const Clock::time_point started = Clock::now();
  while (true) {
    if (auto outcome = child.poll()) return *outcome;
    if (stop && stop->load()) return child.stop(SIGTERM, ProcessEnd::stopped);
    const auto elapsed = Clock::now() - started;
    if (elapsed >= timeout) return child.stop(SIGTERM, ProcessEnd::timed_out);
    std::this_thread::sleep_for(
        std::clamp<std::chrono::nanoseconds>(elapsed / 1000, kFinestPoll, kCoarsestPoll));
  }
}

// Wall time from just before the spawn to the reaping: ChildProcess starts its clock when the
// spawn returns, by which time the command may already have run for a while.
ProcessOutcome run_one(const CommandOptions& spec, const std::vector<std::string>& argv,
                       const std::filesystem::path& log, const std::atomic<bool>* stop) {
  const Clock::time_point spawned_at = Clock::now();
  ChildProcess child(ProcessSpec{
      .argv = argv, .cwd = spec.cwd, .env = spec.env, .stdout_path = log, .stderr_path = log});
  ProcessOutcome outcome = wait_finely(child, spec.timeout.value_or(kDefaultTimeout), stop);
  outcome.wall_s = std::chrono::duration<double>(Clock::now() - spawned_at).count();
  return outcome;
}

Metric value(const char* name, const char* unit, double amount) {
  return Metric{.name = name, .unit = unit, .value = amount};
}

RunResult measured(const ProcessOutcome& outcome) {
  RunResult run;
  run.duration_s = outcome.wall_s;
  run.add(value("wall_time", "ns", outcome.wall_s * 1e9));
  run.add(value("user_time", "ns", outcome.user_s * 1e9));
  run.add(value("sys_time", "ns", outcome.sys_s * 1e9));
  run.add(value("max_rss", "bytes", static_cast<double>(outcome.max_rss_kb) * 1024));
  run.add(value("exit_code", "code", outcome.exit_code));
  return run;
}

RunResult failed(RunResult run, const std::string& what, const ProcessOutcome& outcome,
                 const std::filesystem::path& log) {
  run.status = outcome.end == ProcessEnd::stopped ? RunStatus::interrupted : RunStatus::failed;
  run.failure_reason = outcome.end == ProcessEnd::stopped
                           ? "interrupted"
                           : what + " ended with " + outcome.describe() +
                                 "; last lines of its output:\n" + tail_of_file(log);
  run.log = log.string();
  return run;
}

// Prepare (untimed), then the command. Returns the run; not ok when either failed.
RunResult one_run(const CommandOptions& spec, const std::filesystem::path& log,
                  const std::atomic<bool>* stop) {
  RunResult run;
  run.started_at = utc_now_iso8601();
  if (!spec.prepare.empty()) {
    ProcessOutcome prepared = run_one(spec, spec.prepare, log, stop);
    if (!prepared.succeeded()) return failed(run, "the prepare command", prepared, log);
  }
  ProcessOutcome outcome = run_one(spec, spec.command, log, stop);
  RunResult timed = measured(outcome);
  timed.started_at = run.started_at;
  timed.log = log.string();
  return outcome.succeeded() ? timed : failed(std::move(timed), "the command", outcome, log);
}

}  // namespace

void CommandAdapter::prepare(const ScenarioContext& context) const {
  find_program(options_of<CommandOptions>(context).command.front());  // RunError when missing
}

// `warmup_runs:` unmeasured runs; one that fails fails the scenario as a measured one would.
std::optional<RunResult> CommandAdapter::warm_up(const ScenarioContext& context) const {
  const CommandOptions& spec = options_of<CommandOptions>(context);
  for (int index = 0; index < spec.warmup_runs; ++index) {
    RunResult warmup = one_run(spec, context.work_dir / "warmup.log", context.stop);
    if (warmup.status != RunStatus::ok) return warmup;
  }
  return std::nullopt;
}

std::vector<RunResult> CommandAdapter::measure(const ScenarioContext& context,
                                               Repetitions repetitions) const {
  const std::string log = "run-" + std::to_string(repetitions.first + 1) + ".log";
  return {one_run(options_of<CommandOptions>(context), context.work_dir / log, context.stop)};
}

std::optional<RunResult> CommandAdapter::finish(const ScenarioContext& context) const {
  const CommandOptions& spec = options_of<CommandOptions>(context);
  if (spec.cleanup.empty()) return std::nullopt;
  const std::filesystem::path log = context.work_dir / "cleanup.log";
  ProcessOutcome cleaned = run_one(spec, spec.cleanup, log, nullptr);
  if (cleaned.succeeded()) return std::nullopt;
  return failed({}, "the cleanup command", cleaned, log);
}

std::vector<ScenarioResult> CommandAdapter::import_files(const std::vector<std::string>&) const {
  throw InputError("--from", "",
                   "the command adapter times commands; it has no files to import (use "
                   "`adapter: command` in a suite and `perfgate run`)");
}

}  // namespace perfgate
