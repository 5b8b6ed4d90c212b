#include "adapters/native/worker.h"

#include <errno.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <system_error>

#include "adapters/native/clock.h"

namespace perfgate::native {
namespace {

constexpr size_t kReadBufferBytes = 64 * 1024;  // a whole typical response in one read()
constexpr int kMaxEvents = 256;
// Timeouts, reconnects, stage levels and the stop flags are looked at least this often.
constexpr uint64_t kHousekeepingPeriodNs = 20'000'000;
constexpr uint64_t kPublishPeriodNs = 500'000'000;
// Timer slack for the worker thread: epoll timeouts then wake within ~1 us of an arrival's
// intended time instead of the default 50 us.
constexpr unsigned long kTimerSlackNs = 1000;
// While requests are in flight, epoll may be polled a few times (each ~0.3 us) before the
// thread sleeps: answers to the burst just sent often arrive within microseconds, and every
// sleep avoided saves a context switch and the wake-up delay (large on VMs, where an idle vCPU
// halts). The number of polls adapts: it grows while polling finds events and halves while it
// does not, so a generator waiting on a slow server costs one extra poll per sleep. Measured
// against nginx on a busy 2-vCPU VM: about half the context switches and +5-8 % requests/s.
constexpr int kMaxPollsBeforeSleep = 16;

// Napping instead of waiting in epoll. A thread asleep in epoll_wait is woken by the server's
// own send: on a VM that wake-up (an inter-processor interrupt) costs the server's CPU several
// microseconds, 7-8 % of nginx's time serving 1 KB files in perf profiles. A thread that
// sleeps on its own timer is not on the sockets' wait queues, so the server's sends cost it
// nothing extra, and several responses are picked up per wake-up. The nap never skews the
// measurement (latency ends at the kernel's receive stamp). It is sized to collect about 1.6
// responses (shorter naps only add a timer to each wake-up) and kept under 1/12 of the typical
// latency, so a server that is not saturated loses at most a few percent of its requests/s.
// Measured against nginx (1 worker, 2 vCPUs): nginx's CPU per request -7 %, requests/s +5-10 %.
constexpr uint64_t kMaxNapNs = 64'000;
constexpr uint64_t kMinNapNs = 8'000;  // shorter naps cost more than the wake-ups they save
constexpr uint64_t kNapLatencyFraction = 12;
constexpr uint64_t kMinInFlightToNap = 4;  // fewer outstanding requests: the server may idle

size_t seconds_hint(const WorkerPlan& plan) {
  if (plan.end_ns == kNoEnd) return 16;
  return static_cast<size_t>((plan.end_ns - plan.start_ns) / kNsPerSecond) + 1;
}

}  // namespace

Worker::Worker(const WorkerPlan& plan, Transport& transport, WorkerProgress& progress)
    : plan_(plan),
      transport_(transport),
      progress_(progress),
      metrics_(plan.requests->metric_names.size(), seconds_hint(plan)),
      connections_(plan.connections),
      thinkers_(plan.connections),
      read_buffer_(kReadBufferBytes) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
  for (size_t slot = 0; slot < connections_.size(); ++slot) {
    connections_[slot].slot = static_cast<uint32_t>(slot);
    connections_[slot].parser.data = &connections_[slot];
  }
  available_.reserve(connections_.size());
  ready_to_send_.reserve(connections_.size());
  requests_left_ = plan.request_budget;
  const size_t cycle_length = plan.requests->weighted_cycle.size();
  cycle_position_ = static_cast<size_t>(plan.index) * cycle_length / plan.worker_count;
}

Worker::~Worker() {
  for (Connection& connection : connections_) transport_.close(connection.socket);
  if (epoll_fd_ >= 0) close(epoll_fd_);
}

void Worker::run() {
  start();
  while (!should_stop()) {
    wait_for_events();
    after_events();
  }
  finish();
}

void Worker::start() {
  prctl(PR_SET_TIMERSLACK, kTimerSlackNs);
  now_ns_ = monotonic_ns();
  last_response_ns_ = now_ns_;
  second_end_ns_ = plan_.start_ns + kNsPerSecond;
  advance_clock();
  next_publish_ns_ = now_ns_ + kPublishPeriodNs;
  next_housekeeping_ns_ = now_ns_ + kHousekeepingPeriodNs;
  if (plan_.model == LoadModel::open) {
    arrival_number_ = static_cast<uint64_t>(plan_.index);
    advance_arrival();
  }
  if (plan_.model == LoadModel::closed) {
    apply_level();  // opens the sockets of the slots active at the start
    return;
  }
  for (Connection& connection : connections_) open_socket(connection);
}

bool Worker::should_stop() const {
  if (now_ns_ >= plan_.end_ns) return true;
  if (requests_left_ == 0 && in_flight_ == 0) return true;
  if (plan_.run_stop->load(std::memory_order_relaxed)) return true;
  return plan_.user_stop != nullptr && plan_.user_stop->load(std::memory_order_relaxed);
}

void Worker::wait_for_events() {
  uint64_t deadline_ns = std::min({next_housekeeping_ns_, next_publish_ns_, plan_.end_ns});
  if (!thinkers_.empty()) deadline_ns = std::min(deadline_ns, thinkers_.front().wake_ns);
  if (!available_.empty() && requests_left_ > 0) {
    deadline_ns = std::min(deadline_ns, next_arrival_ns_);
  }
  const uint64_t now_ns = monotonic_ns();
  const timespec timeout = to_timespec(deadline_ns > now_ns ? deadline_ns - now_ns : 0);
  epoll_event events[kMaxEvents];
  int count = in_flight_ > 0 ? poll_before_sleep(events) : 0;
  if (count == 0 && nap(now_ns, deadline_ns)) count = epoll_wait(epoll_fd_, events, kMaxEvents, 0);
  if (count == 0) count = epoll_pwait2(epoll_fd_, events, kMaxEvents, &timeout, nullptr);
  if (count < 0 && errno != EINTR) {
    throw std::system_error(errno, std::generic_category(), "epoll_pwait2");
  }
  for (int i = 0; i < count; ++i) handle_event(events[i].data.u64, events[i].events);
}

bool Worker::nap(uint64_t now_ns, uint64_t deadline_ns) {
  use_batch_scheduling();
  update_nap_mode();
  if (nap_ns_ == 0 || now_ns + nap_ns_ >= deadline_ns) return false;
  const timespec duration = to_timespec(nap_ns_);
  clock_nanosleep(CLOCK_MONOTONIC, 0, &duration, nullptr);
  return true;
}

// Naps while one collects ~1.6 responses within the latency bound. Entering takes a 20 %
// shorter gap than staying, so a rate near the line does not flip the mode on every loop.
void Worker::update_nap_mode() {
  const uint64_t longest_ns = std::min(kMaxNapNs, typical_latency_ns_ / kNapLatencyFraction);
  const uint64_t wanted_ns = std::max(kMinNapNs, typical_gap_ns_ * 8 / 5);
  const uint64_t needed_ns = nap_ns_ != 0 ? wanted_ns : wanted_ns + wanted_ns / 4;
  const bool naps = arrival_stamps_ && in_flight_ >= kMinInFlightToNap && needed_ns <= longest_ns;
  nap_ns_ = naps ? wanted_ns : 0;
}

// Closed model: SCHED_BATCH, so a worker's wake-up (by the server's send, or its nap's timer)
// does not preempt the server when load is generated on the same machine. The delay that adds
// before a response is read does not reach the figures, since latency ends at the kernel's
// receive stamp. An open-model worker must send on schedule and keeps the normal policy.
void Worker::use_batch_scheduling() {
  if (batch_scheduling_ || plan_.model != LoadModel::closed || !arrival_stamps_) return;
  const sched_param no_priority{};
  sched_setscheduler(0, SCHED_BATCH, &no_priority);
  batch_scheduling_ = true;  // also when refused: asked once (worker threads live for one run)
}

int Worker::poll_before_sleep(epoll_event* events) {
  for (int poll = 1; poll <= polls_before_sleep_; ++poll) {
    const int count = epoll_wait(epoll_fd_, events, kMaxEvents, 0);
    if (count != 0) {
      polls_before_sleep_ = std::min(kMaxPollsBeforeSleep, std::max(polls_before_sleep_, 2 * poll));
      return count;
    }
  }
  polls_before_sleep_ = std::max(1, polls_before_sleep_ / 2);
  return 0;
}

void Worker::handle_event(uint64_t tag, uint32_t events) {
  Connection& connection = connections_[tag & 0xffff'ffffu];
  const auto generation = static_cast<uint32_t>(tag >> 32);
  if (generation != connection.generation) return;  // about a socket already closed
  if (connection.state == ConnectionState::disconnected) return;
  if (connection.state == ConnectionState::connecting) {
    on_connect_ready(connection, events);
    return;
  }
  if (events & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) on_readable(connection, events);
  if ((events & EPOLLOUT) && connection.generation == generation &&
      connection.state == ConnectionState::writing) {
    continue_write(connection);
  }
}

void Worker::after_events() {
  now_ns_ = monotonic_ns();
  if (!ready_to_send_.empty()) send_ready();
  if (now_ns_ >= next_housekeeping_ns_) housekeeping();
  if (!thinkers_.empty()) wake_thinkers();
  if (plan_.model == LoadModel::open) dispatch_arrivals();
  progress_.responses.store(responses_, std::memory_order_relaxed);
  progress_.errors.store(errors_, std::memory_order_relaxed);
  if (now_ns_ >= next_publish_ns_) publish_progress();
}

void Worker::advance_clock() {
  while (now_ns_ >= second_end_ns_) {
    ++second_;
    second_end_ns_ += kNsPerSecond;
  }
}

void Worker::housekeeping() {
  next_housekeeping_ns_ = now_ns_ + kHousekeepingPeriodNs;
  if (plan_.level_varies) apply_level();
  for (Connection& connection : connections_) check_deadline(connection);
}

void Worker::check_deadline(Connection& connection) {
  switch (connection.state) {
    case ConnectionState::connecting:
    case ConnectionState::writing:
    case ConnectionState::reading:
      if (now_ns_ >= connection.deadline_ns) {
        fail(connection, ErrorKind::timeout);
      } else {
        wake_at(connection.deadline_ns);
      }
      return;
    case ConnectionState::disconnected:
      if (wants_socket(connection)) reopen_when_due(connection);
      return;
    case ConnectionState::idle:
    case ConnectionState::thinking:
      return;
  }
}

void Worker::publish_progress() {
  next_publish_ns_ = now_ns_ + kPublishPeriodNs;
  Histogram all_latencies;
  for (const Histogram& cell : metrics_.latency) all_latencies.merge(cell);
  const std::lock_guard lock(progress_.snapshot_mutex);
  progress_.latency_snapshot = std::move(all_latencies);
}

void Worker::finish() {
  now_ns_ = std::min(monotonic_ns(), std::max(plan_.end_ns, plan_.start_ns));
  metrics_.cancelled = in_flight_ + count_unsent_arrivals();
  for (Connection& connection : connections_) drop_socket(connection);
  in_flight_ = 0;
  publish_progress();
  progress_.responses.store(responses_, std::memory_order_relaxed);
  progress_.errors.store(errors_, std::memory_order_relaxed);
  progress_.finished.store(true, std::memory_order_release);
}

}  // namespace perfgate::native
