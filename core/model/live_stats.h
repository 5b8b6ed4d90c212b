// What a live progress line shows of a run in progress, sampled a few times per second by the
// generators that can (the native one): made by adapters, drawn by harness/run/progress.h.
#pragma once

#include <cstdint>

namespace perfgate {

struct LiveStats {
  double elapsed_s = 0;
  uint64_t requests = 0;  // completed responses so far
  uint64_t errors = 0;    // errors of any kind so far
  double rate_per_s = 0;  // completions per second over the last sample interval
  uint64_t p99_ns = 0;    // p99 latency so far (0 when unknown)
};

}  // namespace perfgate
