// What every load-tool adapter offers the harness, besides the native generator (which the
// runner drives directly for its live progress line): checking a scenario's options before any
// load, running the tool for a scenario's repetitions, and importing files the tool wrote.
// One adapter per folder under adapters/; adapters/registry.cpp maps AdapterKind to them.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "harness/model/run_result.h"
#include "harness/suite/suite.h"

namespace perfgate {

// One scenario's run, as the harness hands it to the adapter.
struct ToolRun {
  const Suite* suite = nullptr;
  const Scenario* scenario = nullptr;
  size_t scenario_index = 0;         // for messages: "key scenarios[2].script"
  std::filesystem::path base_dir{};  // the suite file's folder: relative paths resolve here
  std::filesystem::path work_dir{};  // exists, empty, kept: the tool's outputs and logs go here
  int repetitions = 1;
  Nanoseconds warmup{0};                    // run, not measured, before the repetitions
  const std::atomic<bool>* stop = nullptr;  // Ctrl-C: stop the tool, report what finished
  std::function<void(RunResult)> on_run{};  // each repetition as it ends, in order
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  // Checks Scenario::options_json before anything runs. Throws InputError(suite.path,
  // "key scenarios[i].<option>", what was expected).
  virtual void validate(const Suite& suite, size_t scenario_index) const = 0;

  // Runs the warm-up and the repetitions, handing each RunResult to request.on_run as it ends.
  // A tool that fails (crash, non-zero exit, no output, timeout) yields a failed RunResult with
  // the exit code and the tail of its stderr in failure_reason and `log` set; the adapter then
  // returns without further repetitions. Records the tool's version in environment.tools.
  // Throws RunError only when the tool cannot be started at all (not installed).
  virtual void run(const ToolRun& request, Environment& environment) const = 0;

  // Imports files the tool wrote, each file (or repetition within it) one run. Returns one
  // ScenarioResult per scenario the files describe. Throws InputError naming file and line.
  virtual std::vector<ScenarioResult> import_files(const std::vector<std::string>& paths) const = 0;

  // The runs of ONE suite scenario from files (`files: [...]` in a suite). By default: the
  // runs of import_files when it yields one scenario; with several, run i of each is merged
  // into run i, every metric tagged {scenario: <its name>}. Adapters may override.
  virtual std::vector<RunResult> import_runs(const std::vector<std::string>& paths) const;
};

// A run that did not finish (status failed or interrupted), started now, with the reason and the
// tool's log file: what every tool adapter reports when its tool fails or is stopped.
RunResult unfinished_run(RunStatus status, std::string reason, const std::filesystem::path& log);

// The adapter for `kind`, or nullptr when this build has none (native is not in the registry).
const Adapter* find_adapter(AdapterKind kind);

// Parses the `--from` value of `perfgate import`: k6, jmeter, artillery, gbench.
// Throws InputError("--from", ...) listing the accepted names.
AdapterKind importer_named(const std::string& name);

}  // namespace perfgate
