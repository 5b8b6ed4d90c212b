// Ctrl-C and SIGTERM become a stop request that the load loops poll; a second Ctrl-C kills.
#pragma once

#include <atomic>

namespace perfgate {

// While alive, SIGINT and SIGTERM set stop_requested() instead of killing the process.
// A second signal ends perfgate at once (the results file written after each run is still
// there), killing first the process groups registered below so that nothing is left behind.
class StopOnSignal {
 public:
  StopOnSignal();
  ~StopOnSignal();
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

  const std::atomic<bool>& flag() const;
  bool stop_requested() const { return flag().load(std::memory_order_relaxed); }
};

// A process group (the system under test's) that a second Ctrl-C kills with SIGKILL before
// perfgate ends. Up to 8 at a time; unregister once the group has been stopped.
void kill_group_on_abort(int process_group);
void forget_group_on_abort(int process_group);

}  // namespace perfgate
