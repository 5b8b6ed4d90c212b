// What every tool adapter shares: the default import of a scenario's runs and the run that did
// not finish. In perfgate_adapter_options, which every adapter links.
#include "adapters/adapter.h"

namespace perfgate {

RunResult unfinished_run(RunStatus status, std::string reason, const std::filesystem::path& log) {
  return RunResult{.status = status,
                   .failure_reason = std::move(reason),
                   .started_at = utc_now_iso8601(),
                   .log = log.string()};
}

std::vector<RunResult> Adapter::import_runs(const std::vector<std::string>& paths) const {
  std::vector<ScenarioResult> scenarios = import_files(paths);
  if (scenarios.size() == 1) return std::move(scenarios.front().runs);
  std::vector<RunResult> runs;
  for (const ScenarioResult& scenario : scenarios)
    for (size_t i = 0; i < scenario.runs.size(); ++i) {
      if (runs.size() <= i)
        runs.push_back({.index = static_cast<int>(i), .started_at = scenario.runs[i].started_at});
      for (Metric metric : scenario.runs[i].metrics) {
        metric.tags["scenario"] = scenario.name;
        runs[i].add(std::move(metric));
      }
    }
  return runs;
}

}  // namespace perfgate
