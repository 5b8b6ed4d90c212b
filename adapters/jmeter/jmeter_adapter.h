// The JMeter adapter: runs `jmeter -n -t PLAN -l OUT.jtl -j jmeter.log` for a suite scenario, or
// imports JTL files JMeter wrote (jtl_import.h; metrics in jtl_results.h).
//
// Scenario keys (JMeterOptions in core/suite/tool_options.h): plan (the .jmx, required unless
// `files`), jmeter (the command: a name looked up on PATH, a path, or an argument list such as
// [java, -cp, ..., org.apache.jmeter.NewDriver]; default "jmeter"), properties (map, passed as
// -Jname=value after perfgate's own), args (extra arguments), env (map), timeout (duration, default
// 10m), files (import instead of running).
//
// Each repetition is one JMeter invocation in the work folder (run-N/results.jtl, run-N/jmeter.log,
// run-N/output.log with its stdout and stderr). perfgate sets the CSV save-service properties it
// reads (header line, times, latency, connect time, bytes, success, codes, thread names) with
// -J, so the plan's defaults do not matter. The warm-up drops the samples that start within it
// of each run's first sample. A run fails when JMeter exits non-zero, times out, or writes no
// samples: JMeter 2.13 on Java 17 exits 0 without writing anything when it cannot load a plan.
#pragma once

#include "adapters/adapter.h"

namespace perfgate {

class JMeterAdapter final : public Adapter {
 public:
  void prepare(const ScenarioContext& context) const override;
  std::vector<RunResult> measure(const ScenarioContext& context,
                                 Repetitions repetitions) const override;
  // One scenario, named after the first file's stem, with one run per file.
  std::vector<ScenarioResult> import_files(const std::vector<std::string>& paths) const override;
};

}  // namespace perfgate
