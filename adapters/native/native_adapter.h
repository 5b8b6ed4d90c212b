// The native HTTP/1.1 load generator: the adapter's one entry point.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "harness/model/run_result.h"
#include "harness/suite/suite.h"

namespace perfgate::native {

// What a live progress line shows; sampled a few times per second from the generator.
struct LiveStats {
  double elapsed_s = 0;
  uint64_t requests = 0;  // completed responses so far
  uint64_t errors = 0;    // errors of any kind so far
  double rate_per_s = 0;  // completions per second over the last sample interval
  uint64_t p99_ns = 0;    // p99 latency so far (0 when unknown)
};

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

}  // namespace perfgate::native
