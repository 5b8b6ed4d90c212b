// Runs a suite: for each scenario a warm-up (not measured) then its repetitions, each a
// RunResult. Writes the results file after every run so a crash or Ctrl-C keeps what was
// measured. Adapters are dispatched here; nothing else knows which tools exist.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "core/model/run_result.h"
#include "core/suite/suite.h"
#include "harness/run/progress.h"
#include "harness/run/shard.h"

namespace perfgate {

struct RunOptions {
  std::optional<int> repetitions;       // overrides suite and scenario values
  std::vector<std::string> scenarios;   // only these (by name); empty = all
  std::string results_path;             // written after every run; empty = not written
  std::string working_directory = ".";  // for the git fingerprint
  // Where tool adapters keep their outputs and logs, one folder per scenario; empty: next to
  // the results file (<results>.logs/), or a fresh folder under the system's temp directory.
  std::string work_dir;
  // `--shard i/N`: each native scenario sends 1/N of its load (see shard.h).
  Shard shard{};
};

enum class SuiteOutcome { ok, run_failed, interrupted };

struct SuiteRun {
  SuiteResult result;
  SuiteOutcome outcome = SuiteOutcome::ok;
  std::vector<std::string> failures;  // one line per failed run: "browse run 1: cannot reach ..."
};

// Throws InputError before any load when the suite asks for something this build cannot do
// (an adapter not available yet, an unknown --scenario name).
void check_runnable(const Suite& suite, const RunOptions& options);

SuiteRun run_suite(const Suite& suite, const RunOptions& options, const std::atomic<bool>& stop,
                   ProgressLine& progress);

}  // namespace perfgate
