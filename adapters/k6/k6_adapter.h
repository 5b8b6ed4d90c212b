// The k6 adapter: runs `k6 run` for a suite scenario, or imports the files k6 wrote
// (k6_import.h; metric mapping in k6_samples.h and k6_summary.h).
//
// Scenario keys (K6Options in core/suite/tool_options.h): script (path, required unless
// `files`), vus (int, --vus), duration
// (--duration), iterations (int, --iterations), env (map, -e K=V), tags (map, --tag K=V),
// args (extra arguments before the script), k6 (the program, default "k6" on PATH), timeout
// (duration, default 30m), files (import instead of running).
//
// Each repetition runs `k6 run --out json=WORK/run-N/k6.json
// --summary-export=WORK/run-N/summary.json
// ... SCRIPT` with stdout and stderr in WORK/run-N/k6.log. k6's exit code 99 (thresholds
// crossed) is a measured run: its threshold results are data (threshold_failed). Any other
// non-zero exit, a signal, a timeout or a missing NDJSON makes a failed run with the exit code
// and the tail of the log. A warm-up runs k6 once for the warm-up time (--duration) unmeasured.
#pragma once

#include "adapters/adapter.h"

namespace perfgate {

class K6Adapter final : public Adapter {
 public:
  void prepare(const ScenarioContext& context) const override;
  std::optional<RunResult> warm_up(const ScenarioContext& context) const override;
  std::vector<RunResult> measure(const ScenarioContext& context,
                                 Repetitions repetitions) const override;
  std::vector<ScenarioResult> import_files(const std::vector<std::string>& paths) const override;
  std::vector<RunResult> import_runs(const std::vector<std::string>& paths) const override;
};

}  // namespace perfgate
