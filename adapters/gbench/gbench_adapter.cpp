#include "adapters/gbench/gbench_adapter.h"

#include <chrono>

#include "adapters/gbench/gbench_import.h"
#include "core/errors.h"
#include "core/process/child_process.h"

namespace perfgate {
namespace {

constexpr auto kDefaultTimeout = std::chrono::minutes(10);

std::string seconds_text(Nanoseconds duration) {
  return std::to_string(std::chrono::duration<double>(duration).count());
}

std::vector<std::string> command_line(const GbenchOptions& options, Nanoseconds warmup,
                                      int repetitions, const std::filesystem::path& json_path) {
  std::vector<std::string> argv = {options.binary.string(), "--benchmark_format=json",
                                   "--benchmark_out_format=json",
                                   "--benchmark_out=" + json_path.string(),
                                   "--benchmark_repetitions=" + std::to_string(repetitions)};
  if (options.filter) argv.push_back("--benchmark_filter=" + *options.filter);
  if (options.min_time) argv.push_back("--benchmark_min_time=" + seconds_text(*options.min_time));
  if (warmup.count() > 0) argv.push_back("--benchmark_min_warmup_time=" + seconds_text(warmup));
  if (options.random_interleaving) argv.push_back("--benchmark_enable_random_interleaving=true");
  for (const std::string& extra : options.args) argv.push_back(extra);
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

int GbenchAdapter::repetitions_per_step(const Scenario& scenario) const {
  return std::get<GbenchOptions>(scenario.tool).repetitions_per_process;
}

std::vector<RunResult> GbenchAdapter::measure(const ScenarioContext& context,
                                              Repetitions repetitions) const {
  const GbenchOptions& options = options_of<GbenchOptions>(context);
  // One process measures the step's repetitions; its files are named after the first.
  const std::string step = "run-" + std::to_string(repetitions.first + 1);
  const std::filesystem::path json_path = context.work_dir / (step + ".json");
  const std::filesystem::path log = context.work_dir / (step + ".log");
  ProcessSpec spec{.argv = command_line(options, context.warmup, repetitions.count, json_path),
                   .cwd = context.suite_dir,
                   .env = options.env,
                   .stdout_path = log,
                   .stderr_path = log};
  ProcessOutcome outcome =
      run_process(spec, options.timeout.value_or(kDefaultTimeout), context.stop);
  if (outcome.end == ProcessEnd::stopped)
    return {unfinished_run(RunStatus::interrupted, "interrupted", log.string())};
  if (!outcome.succeeded() || !std::filesystem::exists(json_path) ||
      std::filesystem::file_size(json_path) == 0) {
    return {unfinished_run(RunStatus::failed,
                           "the benchmark binary ended with " + outcome.describe() +
                               (std::filesystem::exists(json_path) ? "" : " and wrote no JSON") +
                               "; last lines of its log:\n" + tail_of_file(log),
                           log.string())};
  }
  SuiteResult imported = import_gbench_files({json_path.string()});
  // Google Benchmark writes its version into the JSON only from 1.8 on.
  auto version = imported.environment.tools.find("gbench");
  context.environment->tools["gbench"] = version != imported.environment.tools.end()
                                             ? version->second
                                             : "not reported (Google Benchmark before 1.8)";
  std::vector<RunResult> runs = runs_by_repetition(imported);
  for (RunResult& run : runs) run.log = log.string();
  return runs;
}

std::vector<ScenarioResult> GbenchAdapter::import_files(
    const std::vector<std::string>& paths) const {
  return import_gbench_files(paths).scenarios;
}

std::vector<RunResult> GbenchAdapter::import_runs(const std::vector<std::string>& paths) const {
  return runs_by_repetition(import_gbench_files(paths));
}

}  // namespace perfgate
