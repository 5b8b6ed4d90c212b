// How a NativeLoad is spread over worker threads: how many workers, each one's connections and
// share of max_requests, and the level profile they all follow.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "adapters/native/load_profile.h"
#include "core/suite/suite.h"

namespace perfgate::native {

struct LoadShape {
  LoadProfile profile;        // open: total arrivals per second; closed: active connections
  bool level_varies = false;  // closed model with stages
  uint64_t length_ns = 0;     // 0 = until max_requests or stop
  std::vector<size_t> connections_per_worker;  // one entry per worker, each >= 1
  std::vector<uint64_t> budget_per_worker;     // share of max_requests (UINT64_MAX = no limit)
};

// Validates and spreads the load. Workers = min(threads, connections). With stages, the run
// lasts the stages' total duration; in the closed model it opens ceil(peak level) connections
// (stages replace `connections`). Throws perfgate::InputError naming the field when the load
// cannot run: no threads or connections, an open model without a positive rate, negative
// stage targets, or neither a duration nor max_requests.
LoadShape shape_load(const NativeLoad& load);

}  // namespace perfgate::native
