// Ctrl-C and SIGTERM become a stop request that the load loops poll; a second Ctrl-C kills.
#pragma once

#include <atomic>

namespace perfgate {

// While alive, SIGINT and SIGTERM set stop_requested() instead of killing the process.
// After the first signal the default action is restored, so a second Ctrl-C ends perfgate
// at once (the results file written after each run is still there).
class StopOnSignal {
 public:
  StopOnSignal();
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

  const std::atomic<bool>& flag() const;
  bool stop_requested() const { return flag().load(std::memory_order_relaxed); }
};

}  // namespace perfgate
