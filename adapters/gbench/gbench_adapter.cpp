#include "adapters/gbench/gbench_adapter.h"

#include <chrono>

#include "adapters/gbench/gbench_import.h"
#include "adapters/scenario_options.h"
#include "harness/errors.h"
#include "harness/process/child_process.h"

namespace perfgate {
namespace {

constexpr auto kDefaultTimeout = std::chrono::minutes(10);

std::string seconds_text(Nanoseconds duration) {
  return std::to_string(std::chrono::duration<double>(duration).count());
}

std::vector<std::string> command_line(const ScenarioOptions& options, const ToolRun& request,
                                      const std::filesystem::path& json_path) {
  std::vector<std::string> argv = {
      options.path("binary")->string(), "--benchmark_format=json", "--benchmark_out_format=json",
      "--benchmark_out=" + json_path.string(),
      "--benchmark_repetitions=" + std::to_string(request.repetitions)};
  if (auto filter = options.string("filter")) argv.push_back("--benchmark_filter=" + *filter);
  if (auto min_time = options.duration("min_time"))
    argv.push_back("--benchmark_min_time=" + seconds_text(*min_time));
  if (request.warmup.count() > 0)
    argv.push_back("--benchmark_min_warmup_time=" + seconds_text(request.warmup));
  if (options.boolean("random_interleaving").value_or(false))
    argv.push_back("--benchmark_enable_random_interleaving=true");
  for (const std::string& extra : options.strings("args")) argv.push_back(extra);
  return argv;
}

// Adds `benchmark`'s run metrics to `into`, each tagged with the benchmark's name.
void add_tagged(const ScenarioResult& benchmark, const RunResult& run, RunResult& into) {
  if (run.status != RunStatus::ok) {
    into.add(
        {.name = "errors", .unit = "count", .tags = {{"benchmark", benchmark.name}}, .value = 1.0});
    return;
  }
  for (Metric metric : run.metrics) {
    metric.tags["benchmark"] = benchmark.name;
    into.add(std::move(metric));
  }
}

}  // namespace

std::vector<RunResult> runs_by_repetition(const SuiteResult& imported) {
  std::vector<RunResult> runs;
  for (const ScenarioResult& benchmark : imported.scenarios) {
    for (size_t i = 0; i < benchmark.runs.size(); ++i) {
      if (runs.size() <= i) {
        runs.emplace_back().index = static_cast<int>(i);
        runs.back().started_at = benchmark.runs[i].started_at;
      }
      add_tagged(benchmark, benchmark.runs[i], runs[i]);
    }
  }
  return runs;
}

void GbenchAdapter::validate(const Suite& suite, size_t scenario_index) const {
  ScenarioOptions options(suite, scenario_index);
  options.allow_only(
      {"binary", "filter", "min_time", "random_interleaving", "args", "env", "timeout", "files"});
  if (!options.has("files")) options.required_string("binary");
  options.duration("min_time");
  options.duration("timeout");
  options.boolean("random_interleaving");
  options.strings("args");
  options.string_map("env");
}

void GbenchAdapter::run(const ToolRun& request, Environment& environment) const {
  ScenarioOptions options(*request.suite, request.scenario_index);
  std::filesystem::path json_path = request.work_dir / "gbench.json";
  std::filesystem::path log = request.work_dir / "gbench.log";
  ProcessSpec spec{.argv = command_line(options, request, json_path),
                   .cwd = options.base_dir(),
                   .env = options.string_map("env"),
                   .stdout_path = log,
                   .stderr_path = log};
  ProcessOutcome outcome =
      run_process(spec, options.duration("timeout").value_or(kDefaultTimeout), request.stop);
  if (outcome.end == ProcessEnd::stopped) {
    request.on_run(unfinished_run(RunStatus::interrupted, "interrupted", log));
    return;
  }
  if (!outcome.succeeded() || !std::filesystem::exists(json_path) ||
      std::filesystem::file_size(json_path) == 0) {
    request.on_run(
        unfinished_run(RunStatus::failed,
                       "the benchmark binary ended with " + outcome.describe() +
                           (std::filesystem::exists(json_path) ? "" : " and wrote no JSON") +
                           "; last lines of its log:\n" + tail_of_file(log),
                       log));
    return;
  }
  SuiteResult imported = import_gbench_files({json_path.string()});
  // Google Benchmark writes its version into the JSON only from 1.8 on.
  auto version = imported.environment.tools.find("gbench");
  environment.tools["gbench"] = version != imported.environment.tools.end()
                                    ? version->second
                                    : "not reported (Google Benchmark before 1.8)";
  for (RunResult& run : runs_by_repetition(imported)) {
    run.log = log.string();
    request.on_run(std::move(run));
  }
}

std::vector<ScenarioResult> GbenchAdapter::import_files(
    const std::vector<std::string>& paths) const {
  return import_gbench_files(paths).scenarios;
}

std::vector<RunResult> GbenchAdapter::import_runs(const std::vector<std::string>& paths) const {
  return runs_by_repetition(import_gbench_files(paths));
}

}  // namespace perfgate
