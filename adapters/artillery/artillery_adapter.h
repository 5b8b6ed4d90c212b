// The Artillery adapter: runs `artillery run --output report.json SCRIPT` for a suite scenario,
// or imports reports Artillery wrote in an earlier CI step (artillery_import.h has the metrics).
//
// Scenario keys (ArtilleryOptions in core/suite/tool_options.h): script (path, required unless
// `files`), artillery (the command or its path; default: PERFGATE_ARTILLERY, then the project-local
// install tools/artillery/node_modules found above the perfgate binary or the suite file, then
// `artillery` on PATH), env (map), target
// (--target URL), overrides (object, passed as --overrides JSON: Artillery deep-merges it into
// the script, lists replaced), endpoint_metrics (bool, default true: turns on Artillery's
// metrics-by-endpoint plugin so latency is reported per request), timeout (duration, default
// 10m, per repetition), files (import instead of running).
//
// Each repetition is one `artillery run`, one RunResult. A warm-up (suite or scenario
// `warmup:`) runs the script unmeasured and stops it when the warm-up time has passed.
// ARTILLERY_DISABLE_TELEMETRY=true is always set (Artillery still spends ~12 s at exit when
// offline). A non-zero exit (including failed `ensure` checks), no report, or an unreadable
// report is a failed run with the tail of Artillery's log.
#pragma once

#include "adapters/adapter.h"

namespace perfgate {

class ArtilleryAdapter final : public Adapter {
 public:
  void prepare(const ScenarioContext& context) const override;
  std::optional<RunResult> warm_up(const ScenarioContext& context) const override;
  std::vector<RunResult> measure(const ScenarioContext& context,
                                 Repetitions repetitions) const override;
  std::vector<ScenarioResult> import_files(const std::vector<std::string>& paths) const override;
};

}  // namespace perfgate
