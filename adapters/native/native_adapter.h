// The native HTTP/1.1 load generator: the adapter the harness drives, and the one entry point
// that runs a load (also used by `perfgate calibrate`).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "adapters/adapter.h"
#include "core/model/run_result.h"
#include "core/suite/suite.h"

namespace perfgate::native {

struct RunControl {
  // Set (from a signal handler or another thread) to stop the load early; the run then ends
  // with status interrupted and keeps everything measured so far.
  const std::atomic<bool>* stop = nullptr;
  // Called from the generator's coordinating thread, about every 250 ms. May be empty.
  std::function<void(const LiveStats&)> on_progress;
};

// Runs one repetition of `load` and returns its metrics; their names, tags and units are listed
// in adapters/native/result_builder.h (and docs/adapters/native.md).
// Throws InputError when the load cannot run (no requests, no rate in the open model, ...), and
// RunError when the target cannot be reached at all before the load starts (connection
// refused, unresolvable host, connect timeout), so a dead system under test is reported in
// seconds. Errors during the load are counted, never thrown. Returns within ~20 ms of `stop`
// being set, with status interrupted and everything measured so far.
RunResult run_native_load(const NativeLoad& load, const RunControl& control);

// A native scenario's warm-up and repetitions, each repetition one run_native_load of the
// scenario's NativeLoad. A target that cannot be reached makes a failed run, not an exception.
class NativeAdapter final : public Adapter {
 public:
  std::optional<RunResult> warm_up(const ScenarioContext& context) const override;
  std::vector<RunResult> measure(const ScenarioContext& context,
                                 Repetitions repetitions) const override;
  bool runs_in_process() const override { return true; }
  bool writes_files() const override { return false; }
};

// The warm-up's load: the same requests for `duration` at a steady level, the first non-zero
// stage target when the load has stages, else its rate or connections.
NativeLoad warmup_load(NativeLoad load, Nanoseconds duration);

}  // namespace perfgate::native
