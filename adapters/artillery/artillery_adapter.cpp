#include "adapters/artillery/artillery_adapter.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "adapters/artillery/artillery_command.h"
#include "adapters/artillery/artillery_import.h"
#include "adapters/scenario_options.h"
#include "harness/errors.h"
#include "harness/process/child_process.h"

namespace perfgate {
namespace {

using nlohmann::json;

constexpr auto kDefaultTimeout = std::chrono::minutes(10);

// The `overrides` key as a JSON object: written in the suite as a mapping, or as JSON text.
json overrides_of(const Scenario& scenario, const ScenarioOptions& options) {
  json all = scenario.options_json.empty() ? json::object() : json::parse(scenario.options_json);
  json overrides = all.contains("overrides") ? all["overrides"] : json::object();
  if (overrides.is_null()) return json::object();
  if (overrides.is_string()) overrides = json::parse(overrides.get<std::string>(), nullptr, false);
  if (!overrides.is_object())
    options.fail("overrides", "expected a mapping (merged into the script, e.g. {config: {...}})");
  if (!options.boolean("endpoint_metrics").value_or(true)) return overrides;
  try {
    overrides["config"]["plugins"]["metrics-by-endpoint"].merge_patch(json::object());
  } catch (const json::exception&) {
    options.fail("overrides", "config and config.plugins must be mappings");
  }
  return overrides;
}

std::vector<std::string> command_line(const std::string& artillery, const ScenarioOptions& options,
                                      const json& overrides, const std::filesystem::path& report) {
  std::vector<std::string> argv = {artillery, "run", "--output", report.string()};
  if (auto target = options.string("target")) {
    argv.push_back("--target");
    argv.push_back(*target);
  }
  if (!overrides.empty()) {
    argv.push_back("--overrides");
    argv.push_back(overrides.dump());
  }
  argv.push_back(options.path("script")->string());
  return argv;
}

bool has_report(const std::filesystem::path& report) {
  std::error_code error;
  return std::filesystem::exists(report, error) && std::filesystem::file_size(report, error) > 0;
}

// One measured `artillery run`, as a RunResult (failed with the log's tail when it went wrong).
RunResult measured_run(ProcessSpec spec, const std::filesystem::path& report,
                       std::chrono::nanoseconds timeout, const std::atomic<bool>* stop) {
  ProcessOutcome outcome = run_process(spec, timeout, stop);
  const std::filesystem::path& log = spec.stdout_path;
  if (outcome.end == ProcessEnd::stopped)
    return unfinished_run(RunStatus::interrupted, "interrupted", log);
  if (!outcome.succeeded() || !has_report(report))
    return unfinished_run(RunStatus::failed,
                          "artillery ended with " + outcome.describe() +
                              (has_report(report) ? "" : " and wrote no report") +
                              "; last lines of its log:\n" + tail_of_file(log),
                          log);
  try {
    RunResult run = run_from_artillery_report(artillery::read_report_file(report.string()));
    run.log = log.string();
    return run;
  } catch (const InputError& error) {
    return unfinished_run(RunStatus::failed,
                          std::string("artillery wrote an unreadable report: ") + error.what(),
                          log);
  }
}

}  // namespace

void ArtilleryAdapter::validate(const Suite& suite, size_t scenario_index) const {
  ScenarioOptions options(suite, scenario_index);
  options.allow_only({"script", "artillery", "env", "target", "overrides", "endpoint_metrics",
                      "timeout", "files"});
  if (!options.has("files")) options.required_string("script");
  options.string("artillery");
  options.string("target");
  options.string_map("env");
  options.duration("timeout");
  overrides_of(suite.scenarios.at(scenario_index), options);
}

void ArtilleryAdapter::run(const ToolRun& request, Environment& environment) const {
  ScenarioOptions options(*request.suite, request.scenario_index);
  const std::string artillery =
      artillery::artillery_command(options.string("artillery"), {request.base_dir});
  find_program(artillery);  // RunError now (exit 3) when Artillery is not installed
  if (std::string version = artillery::artillery_version(artillery, request.work_dir);
      !version.empty())
    environment.tools["artillery"] = version;
  const json overrides = overrides_of(*request.scenario, options);
  ProcessSpec spec{.argv = {}, .cwd = options.base_dir(), .env = options.string_map("env")};
  spec.env["ARTILLERY_DISABLE_TELEMETRY"] = "true";
  if (request.warmup.count() > 0) {
    spec.argv = command_line(artillery, options, overrides, request.work_dir / "warmup.json");
    spec.stdout_path = spec.stderr_path = request.work_dir / "warmup.log";
    run_process(spec, request.warmup, request.stop);  // stopped when the warm-up time is up
  }
  const auto timeout = options.duration("timeout").value_or(kDefaultTimeout);
  for (int index = 0; index < request.repetitions; ++index) {
    if (request.stop && request.stop->load()) return;
    const std::string name = "run-" + std::to_string(index + 1);
    const std::filesystem::path report = request.work_dir / (name + ".json");
    spec.argv = command_line(artillery, options, overrides, report);
    spec.stdout_path = spec.stderr_path = request.work_dir / (name + ".log");
    RunResult run = measured_run(spec, report, timeout, request.stop);
    const bool ok = run.status == RunStatus::ok;
    request.on_run(std::move(run));
    if (!ok) return;
  }
}

std::vector<ScenarioResult> ArtilleryAdapter::import_files(
    const std::vector<std::string>& paths) const {
  return import_artillery_files(paths);
}

}  // namespace perfgate
