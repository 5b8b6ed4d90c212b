#include "harness/run/signals.h"

#include <signal.h>

#include <array>
#include <csignal>

namespace perfgate {
namespace {

// A signal handler can only reach process-wide state; these are the only such places.
std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "flag must be async-signal-safe");
std::array<std::atomic<int>, 8> g_groups_to_kill{};
static_assert(std::atomic<int>::is_always_lock_free, "groups must be async-signal-safe");

extern "C" void on_stop_signal(int signal_number) {
  if (!g_stop_requested.exchange(true, std::memory_order_relaxed)) return;
  // The second signal: kill (async-signal-safe) what must not outlive us, then die as usual.
  for (std::atomic<int>& group : g_groups_to_kill)
    if (int pgid = group.load(std::memory_order_relaxed); pgid > 0) ::kill(-pgid, SIGKILL);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
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

void kill_group_on_abort(int process_group) {
  for (std::atomic<int>& group : g_groups_to_kill) {
    int empty = 0;
    if (group.compare_exchange_strong(empty, process_group)) return;
  }
}

void forget_group_on_abort(int process_group) {
  for (std::atomic<int>& group : g_groups_to_kill) {
    int expected = process_group;
    group.compare_exchange_strong(expected, 0);
  }
}

}  // namespace perfgate
