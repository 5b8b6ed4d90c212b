#include "adapters/artillery/artillery_adapter.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "adapters/artillery/artillery_command.h"
#include "adapters/artillery/artillery_import.h"
#include "core/errors.h"
#include "core/process/child_process.h"

namespace perfgate {
namespace {

using nlohmann::json;

constexpr auto kDefaultTimeout = std::chrono::minutes(10);

std::string artillery_program(const ScenarioContext& context) {
  return artillery::artillery_command(options_of<ArtilleryOptions>(context).program,
                                      {context.suite_dir});
}

std::vector<std::string> command_line(const ScenarioContext& context,
                                      const std::filesystem::path& report) {
  const ArtilleryOptions& options = options_of<ArtilleryOptions>(context);
  std::vector<std::string> argv = {artillery_program(context), "run", "--output", report.string()};
  if (options.target) {
    argv.push_back("--target");
    argv.push_back(*options.target);
  }
  if (!options.overrides.empty()) {
    argv.push_back("--overrides");
    argv.push_back(options.overrides.dump());
  }
  argv.push_back(options.script.string());
  return argv;
}

// `artillery run` writing `report`, its output in `log`.
ProcessSpec artillery_run(const ScenarioContext& context, const std::filesystem::path& report,
                          const std::filesystem::path& log) {
  ProcessSpec spec{.argv = command_line(context, report),
                   .cwd = context.suite_dir,
                   .env = options_of<ArtilleryOptions>(context).env,
                   .stdout_path = log,
                   .stderr_path = log};
  spec.env["ARTILLERY_DISABLE_TELEMETRY"] = "true";
  return spec;
}

bool has_report(const std::filesystem::path& report) {
  std::error_code error;
  return std::filesystem::exists(report, error) && std::filesystem::file_size(report, error) > 0;
}

// One measured `artillery run`, as a RunResult (failed with the log's tail when it went wrong).
RunResult measured_run(ProcessSpec spec, const std::filesystem::path& report,
                       std::chrono::nanoseconds timeout, const std::atomic<bool>* stop) {
  ProcessOutcome outcome = run_process(spec, timeout, stop);
  const std::string log = spec.stdout_path.string();
  if (outcome.end == ProcessEnd::stopped)
    return unfinished_run(RunStatus::interrupted, "interrupted", log);
  if (!outcome.succeeded() || !has_report(report))
    return unfinished_run(RunStatus::failed,
                          "artillery ended with " + outcome.describe() +
                              (has_report(report) ? "" : " and wrote no report") +
                              "; last lines of its log:\n" + tail_of_file(spec.stdout_path),
                          log);
  try {
    RunResult run = run_from_artillery_report(artillery::read_report_file(report.string()));
    run.log = log;
    return run;
  } catch (const InputError& error) {
    return unfinished_run(RunStatus::failed,
                          std::string("artillery wrote an unreadable report: ") + error.what(),
                          log);
  }
}

}  // namespace

void ArtilleryAdapter::prepare(const ScenarioContext& context) const {
  const std::string artillery = artillery_program(context);
  find_program(artillery);  // RunError now (exit 3) when Artillery is not installed
  if (std::string version = artillery::artillery_version(artillery, context.work_dir);
      !version.empty())
    context.environment->tools["artillery"] = version;
}

// Artillery runs the script for the warm-up time, stopped when the time is up.
std::optional<RunResult> ArtilleryAdapter::warm_up(const ScenarioContext& context) const {
  if (context.warmup.count() <= 0) return std::nullopt;
  run_process(
      artillery_run(context, context.work_dir / "warmup.json", context.work_dir / "warmup.log"),
      context.warmup, context.stop);
  return std::nullopt;
}

std::vector<RunResult> ArtilleryAdapter::measure(const ScenarioContext& context,
                                                 Repetitions repetitions) const {
  const std::string name = "run-" + std::to_string(repetitions.first + 1);
  const std::filesystem::path report = context.work_dir / (name + ".json");
  const auto timeout = options_of<ArtilleryOptions>(context).timeout.value_or(kDefaultTimeout);
  return {measured_run(artillery_run(context, report, context.work_dir / (name + ".log")), report,
                       timeout, context.stop)};
}

std::vector<ScenarioResult> ArtilleryAdapter::import_files(
    const std::vector<std::string>& paths) const {
  return import_artillery_files(paths);
}

}  // namespace perfgate
