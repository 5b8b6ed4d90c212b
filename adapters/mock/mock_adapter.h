// The mock adapter: a simulated service whose truth the suite states (MockOptions in
// core/suite/tool_options.h), for end-to-end tests of run, gate and baseline that must not
// depend on the machine's speed, after hyperfine's MockExecutor. Nothing is sent or slept: a
// repetition is computed in microseconds from the seed, the scenario's name and its index, so
// the same suite gives the same runs on any machine.
//
// Each repetition draws a run factor exp(noise * Z) (the run-to-run noise), then `requests`
// divided by that factor request latencies latency * factor * exp(spread * Z'), each failing
// with probability error_rate. Its metrics have the native generator's names and units
// (adapters/native/result_builder.h): latency{request,status}, requests{request,status},
// throughput, errors (and errors{kind=http_5xx}), error_rate. Keys and examples are in
// docs/adapters/mock.md.
#pragma once

#include "adapters/adapter.h"

namespace perfgate {

class MockAdapter final : public Adapter {
 public:
  std::vector<RunResult> measure(const ScenarioContext& context,
                                 Repetitions repetitions) const override;
  bool writes_files() const override { return false; }
};

// Repetition `index` (0-based) of a mock scenario named `name`: the same value for the same
// arguments, always.
RunResult simulate_mock_run(const MockOptions& options, const std::string& name, int index);

}  // namespace perfgate
