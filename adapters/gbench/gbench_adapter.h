// The Google Benchmark adapter: runs a benchmark binary for a suite scenario, or imports the
// JSON files it wrote (gbench_import.h).
//
// Scenario keys (GbenchOptions in core/suite/tool_options.h): binary (path, required unless
// `files`), filter (--benchmark_filter), min_time (duration, --benchmark_min_time),
// random_interleaving (bool, default on), repetitions_per_process (default 1), args (extra
// arguments), env (map), timeout (duration, default 10m), files (import instead of running).
//
// One invocation measures the repetitions of one step of the plan: one, or
// repetitions_per_process (--benchmark_repetitions=K, JSON to the work folder, the warm-up as
// --benchmark_min_warmup_time in each process); repetition i of every benchmark becomes run i, each
// benchmark's metrics tagged {benchmark: run_name}: real_time{benchmark=BM_Parse}, cpu_time{...},
// counters. A benchmark that reports an error or a skip is data: errors{benchmark=...} = 1 in that
// run.
#pragma once

#include "adapters/adapter.h"

namespace perfgate {

class GbenchAdapter final : public Adapter {
 public:
  std::vector<RunResult> measure(const ScenarioContext& context,
                                 Repetitions repetitions) const override;
  int repetitions_per_step(const Scenario& scenario) const override;
  std::vector<ScenarioResult> import_files(const std::vector<std::string>& paths) const override;
  std::vector<RunResult> import_runs(const std::vector<std::string>& paths) const override;
};

// Folds the per-benchmark scenarios of an import into runs of one scenario, by repetition
// index, tagging each metric with its benchmark (the mapping described above).
std::vector<RunResult> runs_by_repetition(const SuiteResult& imported);

}  // namespace perfgate
