#include "adapters/k6/k6_adapter.h"

#include <chrono>
#include <optional>

#include "adapters/k6/k6_import.h"
#include "core/errors.h"
#include "core/process/child_process.h"

namespace perfgate {
namespace {

constexpr auto kDefaultTimeout = std::chrono::minutes(30);
constexpr int kThresholdsCrossed = 99;  // k6's exit code when a threshold failed

std::string k6_duration(Nanoseconds duration) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count()) +
         "ms";
}

// The k6 program: `k6:` when given, else k6 on PATH. Throws RunError when not found.
std::string k6_program(const K6Options& options) {
  const std::string program = options.program.value_or("k6");
  try {
    return find_program(program).string();
  } catch (const RunError&) {
    if (options.program) throw RunError("the k6 program '" + program + "' (key k6) was not found");
    throw RunError(
        "k6 is not on PATH; install it from https://k6.io or import its output with files:");
  }
}

// `k6 run` with the scenario's overrides; `outputs` adds --out/--summary-export.
std::vector<std::string> run_arguments(const std::string& k6, const K6Options& options,
                                       std::optional<Nanoseconds> duration,
                                       const std::vector<std::string>& outputs) {
  std::vector<std::string> argv = {k6, "run", "--no-usage-report"};
  argv.insert(argv.end(), outputs.begin(), outputs.end());
  if (options.vus) argv.push_back("--vus=" + std::to_string(*options.vus));
  if (duration) argv.push_back("--duration=" + k6_duration(*duration));
  if (options.iterations) argv.push_back("--iterations=" + std::to_string(*options.iterations));
  for (const auto& [key, value] : options.env)
    argv.push_back("-e"), argv.push_back(key + "=" + value);
  for (const auto& [key, value] : options.tags)
    argv.push_back("--tag"), argv.push_back(key + "=" + value);
  for (const std::string& extra : options.args) argv.push_back(extra);
  argv.push_back(options.script.string());
  return argv;
}

// "k6 v0.48.0 (go1.19.8, linux/amd64)" -> "0.48.0"; the whole first line when it differs.
std::string k6_version(const std::string& k6, const std::filesystem::path& work_dir) {
  const std::filesystem::path out = work_dir / "k6-version.txt";
  ProcessOutcome outcome = run_process(
      {.argv = {k6, "version"}, .stdout_path = out, .stderr_path = out}, std::chrono::seconds(30));
  std::string text = tail_of_file(out, 1);
  if (!outcome.succeeded() || text.empty()) return "unknown";
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const size_t v = text.find(" v");
  if (text.starts_with("k6 ") && v != std::string::npos) {
    const size_t end = text.find(' ', v + 2);
    return text.substr(v + 2, end == std::string::npos ? std::string::npos : end - v - 2);
  }
  return text;
}

struct Attempt {
  std::filesystem::path dir, ndjson, summary, log;
};

// One measured repetition: the run, or a failed run saying why.
RunResult measured_run(const ScenarioContext& context, const Attempt& attempt) {
  const K6Options& options = options_of<K6Options>(context);
  std::filesystem::create_directories(attempt.dir);
  ProcessSpec spec{.argv = run_arguments(k6_program(options), options, options.duration,
                                         {"--out", "json=" + attempt.ndjson.string(),
                                          "--summary-export=" + attempt.summary.string()}),
                   .cwd = context.suite_dir,
                   .stdout_path = attempt.log,
                   .stderr_path = attempt.log};
  ProcessOutcome outcome =
      run_process(spec, options.timeout.value_or(kDefaultTimeout), context.stop);
  const std::string log = attempt.log.string();
  if (outcome.end == ProcessEnd::stopped)
    return unfinished_run(RunStatus::interrupted, "interrupted", log);
  const bool measured = outcome.end == ProcessEnd::exited &&
                        (outcome.exit_code == 0 || outcome.exit_code == kThresholdsCrossed);
  const bool wrote =
      std::filesystem::exists(attempt.ndjson) && std::filesystem::file_size(attempt.ndjson) > 0;
  if (!measured || !wrote)
    return unfinished_run(RunStatus::failed,
                          "k6 ended with " + outcome.describe() +
                              (wrote ? "" : " and wrote no samples") +
                              "; last lines of its log:\n" + tail_of_file(attempt.log),
                          log);
  std::optional<k6::ImportedFile> summary;
  if (std::filesystem::exists(attempt.summary))
    summary = k6::import_k6_file(attempt.summary.string());
  RunResult run = k6::merge_run(k6::import_k6_file(attempt.ndjson.string()), std::move(summary));
  run.log = log;
  return run;
}

}  // namespace

void K6Adapter::prepare(const ScenarioContext& context) const {
  context.environment->tools["k6"] =
      k6_version(k6_program(options_of<K6Options>(context)), context.work_dir);
}

// k6 runs once for the warm-up time, unmeasured; its failure shows in the first measured run.
std::optional<RunResult> K6Adapter::warm_up(const ScenarioContext& context) const {
  if (context.warmup.count() <= 0) return std::nullopt;
  const K6Options& options = options_of<K6Options>(context);
  const std::filesystem::path log = context.work_dir / "warmup.log";
  run_process({.argv = run_arguments(k6_program(options), options, context.warmup, {}),
               .cwd = context.suite_dir,
               .stdout_path = log,
               .stderr_path = log},
              context.warmup + std::chrono::minutes(5), context.stop);
  return std::nullopt;
}

std::vector<RunResult> K6Adapter::measure(const ScenarioContext& context,
                                          Repetitions repetitions) const {
  const std::filesystem::path dir =
      context.work_dir / ("run-" + std::to_string(repetitions.first + 1));
  return {measured_run(context, {dir, dir / "k6.json", dir / "summary.json", dir / "k6.log"})};
}

std::vector<ScenarioResult> K6Adapter::import_files(const std::vector<std::string>& paths) const {
  std::vector<ScenarioResult> scenarios;
  for (auto& [stem, run] : k6::import_k6_runs(paths))
    scenarios.push_back({.name = stem, .adapter = "k6", .runs = {std::move(run)}});
  return scenarios;
}

std::vector<RunResult> K6Adapter::import_runs(const std::vector<std::string>& paths) const {
  std::vector<RunResult> runs;
  for (auto& [stem, run] : k6::import_k6_runs(paths)) {
    run.index = static_cast<int>(runs.size());
    runs.push_back(std::move(run));
  }
  return runs;
}

}  // namespace perfgate
