// What every adapter offers the harness: prepare a scenario's tool, warm it up, measure
// repetitions, clean up, and import files the tool wrote. The harness (harness/run/) plans the
// repetitions and does the bookkeeping of every run (failures, the service, resources, saving);
// an adapter only measures what it is asked to (docs/architecture.md, "The harness owns the
// repetitions"). One adapter per folder under adapters/; adapters/registry.cpp maps AdapterKind
// to them.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model/environment.h"
#include "core/model/live_stats.h"
#include "core/model/run_result.h"
#include "core/suite/suite.h"

namespace perfgate {

// One scenario as the harness hands it to its adapter, for one step of the plan.
struct ScenarioContext {
  const Scenario* scenario = nullptr;
  std::filesystem::path suite_dir{};  // the suite file's folder: tools run there
  std::filesystem::path work_dir{};   // exists, kept: the scenario's tool outputs and logs
  Nanoseconds warmup{0};              // the scenario's warm-up (suite or scenario `warmup:`)
  // Ctrl-C, or the service ended: stop the tool and return what finished, as interrupted.
  const std::atomic<bool>* stop = nullptr;
  std::function<void(const LiveStats&)> on_progress{};  // may be empty
  // Where a tool's version goes (environment.tools) when the tool tells it only as it runs.
  Environment* environment = nullptr;

  bool stopped() const { return stop && stop->load(); }
};

// Which repetitions one step measures: `count` of them from `first` (0-based).
struct Repetitions {
  int first = 0;
  int count = 1;

  bool operator==(const Repetitions&) const = default;
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  // Before the scenario's first step: finds the tool and records its version in
  // context.environment->tools. Throws RunError when the tool cannot be started (not installed).
  virtual void prepare(const ScenarioContext& context) const;

  // The unmeasured warm-up before the first repetition (context.warmup long, for tools that
  // warm up by running). Returns a failed run when a failing warm-up ends the scenario.
  virtual std::optional<RunResult> warm_up(const ScenarioContext& context) const;

  // Measures `repetitions` and returns their runs in order. A tool that fails (crash, non-zero
  // exit, no output, timeout) yields a failed run with the exit code and the tail of its log in
  // failure_reason and `log` set, and no runs after it; a stopped one yields an interrupted run.
  // `repetitions.count` is above 1 only when repetitions_per_step() asks for it.
  virtual std::vector<RunResult> measure(const ScenarioContext& context,
                                         Repetitions repetitions) const = 0;

  // After the scenario's last step, also after a failure (the command adapter's `cleanup:`).
  // Returns a failed run when cleaning up failed.
  virtual std::optional<RunResult> finish(const ScenarioContext& context) const;

  // How many repetitions of `scenario` one step measures: 1, a process per repetition, unless
  // the scenario asks one process to measure several (Google Benchmark's
  // repetitions_per_process).
  virtual int repetitions_per_step(const Scenario&) const { return 1; }
  // True when the load is generated inside perfgate's own process, whose CPU is then sampled.
  virtual bool runs_in_process() const { return false; }
  // False when the adapter writes no outputs or logs, so it needs no work folder.
  virtual bool writes_files() const { return true; }

  // Imports files the tool wrote, each file (or repetition within it) one run. Returns one
  // ScenarioResult per scenario the files describe. Throws InputError naming file and line.
  virtual std::vector<ScenarioResult> import_files(const std::vector<std::string>& paths) const;

  // The runs of ONE suite scenario from files (`files: [...]` in a suite). By default: the
  // runs of import_files when it yields one scenario; with several, run i of each is merged
  // into run i, every metric tagged {scenario: <its name>}. Adapters may override.
  virtual std::vector<RunResult> import_runs(const std::vector<std::string>& paths) const;
};

// The adapter for `kind`; every AdapterKind has one.
const Adapter& adapter_for(AdapterKind kind);

// Parses the `--from` value of `perfgate import`: k6, jmeter, artillery, gbench.
// Throws InputError("--from", ...) listing the accepted names.
AdapterKind importer_named(const std::string& name);

// The options of a scenario's own adapter: std::get, for adapters that know their kind.
template <typename Options>
const Options& options_of(const ScenarioContext& context) {
  return std::get<Options>(context.scenario->tool);
}

}  // namespace perfgate
