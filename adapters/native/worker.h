// One load-generating thread: an epoll event loop over the connections it owns (after wrk and
// wrk2). Each socket is registered once, edge-triggered for input and output, so a request
// costs one write() and one read() and no epoll_ctl. The clock is read once per event.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

#include <sys/epoll.h>

#include "adapters/native/connection.h"
#include "adapters/native/fifo_ring.h"
#include "adapters/native/load_profile.h"
#include "adapters/native/request_plan.h"
#include "adapters/native/transport.h"
#include "adapters/native/worker_metrics.h"
#include "core/suite/suite.h"

namespace perfgate::native {

inline constexpr uint64_t kNoEnd = UINT64_MAX;

// What one worker does; built by the coordinator, read-only during the run.
struct WorkerPlan {
  int index = 0;         // this worker's position among worker_count; global slot j is owned by
  int worker_count = 1;  // worker j % worker_count, global arrival n likewise
  size_t connections = 1;
  LoadModel model = LoadModel::closed;
  // Open model: the total arrival rate per second. Closed model: total active connections.
  const LoadProfile* profile = nullptr;
  bool level_varies = false;  // closed model with stages: re-read the level periodically
  uint64_t start_ns = 0;
  uint64_t end_ns = kNoEnd;
  uint64_t request_budget = kNoEnd;  // this worker's share of max_requests
  uint64_t think_ns = 0;
  uint64_t request_timeout_ns = 0;
  uint64_t connect_timeout_ns = 0;
  const RequestPlan* requests = nullptr;
  const Endpoint* endpoint = nullptr;
  const std::atomic<bool>* user_stop = nullptr;  // RunControl::stop, may be null
  const std::atomic<bool>* run_stop = nullptr;   // set by the coordinator
};

// Shared with the coordinating thread. Counters are written by the worker only (relaxed);
// the latency snapshot is refreshed under the mutex about every 500 ms.
struct alignas(64) WorkerProgress {
  std::atomic<uint64_t> responses{0};
  std::atomic<uint64_t> errors{0};
  std::atomic<bool> finished{false};
  std::mutex snapshot_mutex;
  Histogram latency_snapshot;
};

class Worker {
 public:
  Worker(const WorkerPlan& plan, Transport& transport, WorkerProgress& progress);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void run();  // returns when the run ends for this worker (time, budget or stop)
  const WorkerMetrics& metrics() const { return metrics_; }
  uint64_t finished_ns() const { return now_ns_; }

 private:
  // The loop (worker.cpp).
  void start();
  bool should_stop() const;
  void wait_for_events();
  int poll_before_sleep(epoll_event* events);
  bool nap(uint64_t now_ns, uint64_t deadline_ns);  // true when it slept
  void update_nap_mode();
  void use_batch_scheduling();
  void handle_event(uint64_t tag, uint32_t events);
  void after_events();
  void housekeeping();
  void check_deadline(Connection& connection);
  void publish_progress();
  void finish();
  void wake_at(uint64_t when_ns) {
    if (when_ns < next_housekeeping_ns_) next_housekeeping_ns_ = when_ns;
  }
  void advance_clock();

  // Deciding what to send when (worker_schedule.cpp).
  void apply_level();
  bool wants_socket(const Connection& connection) const;
  void activate(Connection& connection);
  void reopen_when_due(Connection& connection);
  void put_to_work(Connection& connection);
  void send_ready();
  void make_available(Connection& connection);
  void dispatch_arrivals();
  void advance_arrival();
  void wake_thinkers();
  uint64_t count_unsent_arrivals() const;
  uint16_t next_request_index() {
    const auto& cycle = plan_.requests->weighted_cycle;
    if (++cycle_position_ == cycle.size()) cycle_position_ = 0;
    return cycle[cycle_position_];
  }

  // Sockets and HTTP (worker_io.cpp).
  void open_socket(Connection& connection);
  void on_connect_ready(Connection& connection, uint32_t events);
  void established(Connection& connection);
  void send(Connection& connection, uint16_t request_index, uint64_t intended_ns);
  void continue_write(Connection& connection);
  void on_readable(Connection& connection, uint32_t events);
  size_t read_once(Connection& connection);  // the bytes read; 0 when drained or failed
  bool accept_bytes(Connection& connection, size_t size);
  void on_end_of_stream(Connection& connection);
  void complete_response(Connection& connection, bool reuse_socket);
  void fail(Connection& connection, ErrorKind kind);
  void drop_socket(Connection& connection);

  const WorkerPlan plan_;
  Transport& transport_;
  WorkerProgress& progress_;
  WorkerMetrics metrics_;
  std::vector<Connection> connections_;
  std::vector<Connection*> available_;      // open model: connected, idle, listed once
  std::vector<Connection*> ready_to_send_;  // closed model: send after this batch of events
  struct ThinkEntry {
    uint64_t wake_ns = 0;
    Connection* connection = nullptr;
  };
  FifoRing<ThinkEntry> thinkers_;  // closed model: a constant think time keeps it in wake order
  std::vector<char> read_buffer_;
  int epoll_fd_ = -1;
  uint64_t now_ns_ = 0;
  uint64_t next_housekeeping_ns_ = 0;
  uint64_t next_publish_ns_ = 0;
  uint64_t second_end_ns_ = 0;
  size_t second_ = 0;
  size_t cycle_position_ = 0;
  uint64_t requests_left_ = 0;
  uint64_t in_flight_ = 0;
  // When the bytes being handled arrived (the kernel's stamp when there is one, else now_ns_).
  uint64_t arrived_ns_ = 0;
  uint64_t arrival_number_ = 0;  // this worker's next arrival, numbered globally
  uint64_t next_arrival_ns_ = kNoEnd;
  int polls_before_sleep_ = 4;       // adapted, see kMaxPollsBeforeSleep
  bool arrival_stamps_ = false;      // the transport stamps arrivals: naps cannot skew latency
  uint64_t typical_latency_ns_ = 0;  // moving average of recent latencies, bounds the naps
  uint64_t typical_gap_ns_ = 0;      // moving average of the time between responses
  uint64_t last_response_ns_ = 0;
  uint64_t nap_ns_ = 0;            // 0: not napping, see update_nap_mode
  bool batch_scheduling_ = false;  // see use_batch_scheduling
  uint64_t responses_ = 0;
  uint64_t errors_ = 0;
};

}  // namespace perfgate::native
