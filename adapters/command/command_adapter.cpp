#include "adapters/command/command_adapter.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>

#include "adapters/scenario_options.h"
#include "harness/errors.h"
#include "harness/process/child_process.h"

namespace perfgate {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kDefaultTimeout = std::chrono::minutes(10);
constexpr auto kFinestPoll = std::chrono::microseconds(50);
constexpr auto kCoarsestPoll = std::chrono::milliseconds(2);

// The scenario's keys, read once.
struct CommandSpec {
  std::vector<std::string> command;
  std::vector<std::string> prepare;
  std::vector<std::string> cleanup;
  std::map<std::string, std::string> env;
  std::filesystem::path cwd;
  std::chrono::nanoseconds timeout{kDefaultTimeout};
  int warmup_runs = 0;
};

int warmup_runs_of(const ScenarioOptions& options) {
  std::optional<double> count = options.number("warmup_runs");
  if (!count) return 0;
  if (*count < 0 || *count > 1'000'000 || *count != static_cast<int>(*count))
    options.fail("warmup_runs", "expected a whole number of at least 0");
  return static_cast<int>(*count);
}

std::vector<std::string> argv_of(const ScenarioOptions& options, std::string_view key) {
  std::vector<std::string> argv = options.strings(key);
  if (options.has(key) && (argv.empty() || argv.front().empty()))
    options.fail(key, "expected a command as a list: [program, arguments...]");
  return argv;
}

CommandSpec read_spec(const ScenarioOptions& options) {
  CommandSpec spec;
  spec.command = argv_of(options, "command");
  if (spec.command.empty()) options.fail("command", "is required for this adapter");
  spec.prepare = argv_of(options, "prepare");
  spec.cleanup = argv_of(options, "cleanup");
  spec.env = options.string_map("env");
  spec.cwd = options.path("cwd").value_or(options.base_dir());
  spec.timeout = options.duration("timeout").value_or(kDefaultTimeout);
  spec.warmup_runs = warmup_runs_of(options);
  return spec;
}

// Waits like ChildProcess::wait, but polls with a back-off proportional to the elapsed time so
// short commands are timed finely and long ones cost perfgate almost no CPU.
ProcessOutcome wait_finely(ChildProcess& child, std::chrono::nanoseconds timeout,
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
ProcessOutcome run_one(const CommandSpec& spec, const std::vector<std::string>& argv,
                       const std::filesystem::path& log, const std::atomic<bool>* stop) {
  const Clock::time_point spawned_at = Clock::now();
  ChildProcess child(ProcessSpec{
      .argv = argv, .cwd = spec.cwd, .env = spec.env, .stdout_path = log, .stderr_path = log});
  ProcessOutcome outcome = wait_finely(child, spec.timeout, stop);
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
RunResult one_run(const CommandSpec& spec, const std::filesystem::path& log,
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

void CommandAdapter::validate(const Suite& suite, size_t scenario_index) const {
  ScenarioOptions options(suite, scenario_index);
  options.allow_only({"command", "prepare", "cleanup", "env", "cwd", "timeout", "warmup_runs"});
  read_spec(options);
}

void CommandAdapter::run(const ToolRun& request, Environment&) const {
  ScenarioOptions options(*request.suite, request.scenario_index);
  const CommandSpec spec = read_spec(options);
  find_program(spec.command.front());  // RunError (exit 3) when it does not exist
  bool ok = true;
  for (int index = 0; ok && index < spec.warmup_runs; ++index) {
    RunResult warmup = one_run(spec, request.work_dir / "warmup.log", request.stop);
    ok = warmup.status == RunStatus::ok;
    if (!ok) request.on_run(std::move(warmup));  // a command failing in warm-up fails the same
  }
  for (int index = 0; ok && index < request.repetitions; ++index) {
    if (request.stop && request.stop->load()) break;
    RunResult run = one_run(spec, request.work_dir / ("run-" + std::to_string(index + 1) + ".log"),
                            request.stop);
    ok = run.status == RunStatus::ok;
    request.on_run(std::move(run));
  }
  if (spec.cleanup.empty()) return;
  const std::filesystem::path log = request.work_dir / "cleanup.log";
  ProcessOutcome cleaned = run_one(spec, spec.cleanup, log, nullptr);
  if (ok && !cleaned.succeeded()) request.on_run(failed({}, "the cleanup command", cleaned, log));
}

std::vector<ScenarioResult> CommandAdapter::import_files(const std::vector<std::string>&) const {
  throw InputError("--from", "",
                   "the command adapter times commands; it has no files to import (use "
                   "`adapter: command` in a suite and `perfgate run`)");
}

}  // namespace perfgate
