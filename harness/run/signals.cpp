#include "harness/run/signals.h"

#include <csignal>

namespace perfgate {
namespace {

// A signal handler can only reach process-wide state; this flag is the one such place.
std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "flag must be async-signal-safe");

extern "C" void on_stop_signal(int signal_number) {
  g_stop_requested.store(true, std::memory_order_relaxed);
  std::signal(signal_number, SIG_DFL);  // the second signal acts as usual
}

}  // namespace

StopOnSignal::StopOnSignal() {
  g_stop_requested.store(false);
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

StopOnSignal::~StopOnSignal() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

const std::atomic<bool>& StopOnSignal::flag() const {
  return g_stop_requested;
}

}  // namespace perfgate
