// What every adapter shares: the defaults of the optional steps, and the default import of a
// scenario's runs. In perfgate_adapter_options, which every adapter links.
#include "adapters/adapter.h"

#include "core/errors.h"

namespace perfgate {

void Adapter::prepare(const ScenarioContext&) const {}

std::optional<RunResult> Adapter::warm_up(const ScenarioContext&) const {
  return std::nullopt;
}

std::optional<RunResult> Adapter::finish(const ScenarioContext&) const {
  return std::nullopt;
}

std::vector<ScenarioResult> Adapter::import_files(const std::vector<std::string>&) const {
  throw InputError("--from", "", "this adapter has no files to import");
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
