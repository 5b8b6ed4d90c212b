// One epoll event loop of the target server, run on its own thread. It accepts from the shared
// listener (EPOLLEXCLUSIVE), parses requests, and sends each response when it is due: delayed
// responses wait in a min-heap of due times, and a timerfd wakes the loop for the earliest one.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <vector>

#include "harness/target/request_parser.h"
#include "harness/target/response_plan.h"
#include "harness/target/target_server.h"
#include "harness/target/unique_fd.h"

namespace perfgate::target {

// A response waiting for its time. Per connection they are kept in request order with
// non-decreasing send times, so pipelined responses go out in order.
struct PendingResponse {
  Clock::time_point send_at;
  ResponseKind kind;
  bool keep_alive;
  bool head_only;
};

struct Connection {
  UniqueFd fd;
  uint32_t serial = 0;  // tells a reused fd from the connection an event or heap entry was for
  RequestParser parser;
  std::deque<PendingResponse> pending;
  std::string out;  // bytes not yet accepted by the kernel
  size_t out_offset = 0;
  bool reading_done = false;  // EOF, a closing request, or a malformed one: no more reads
  uint32_t interest = 0;      // the epoll events currently registered
};

struct LoopCounters {
  std::atomic<uint64_t> connections_accepted{0};
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> injected_errors{0};
  std::atomic<uint64_t> bad_requests{0};
};

class EventLoop {
 public:
  // listen_fd and stop_fd are shared and owned by the server; stop_fd becomes readable once to
  // stop every loop. Throws RunError if the loop's own descriptors cannot be created.
  EventLoop(const TargetOptions& options, const CannedResponses& responses, StallWindow stall,
            int listen_fd, int stop_fd, uint64_t stream);
  ~EventLoop() = default;
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  void run();  // returns when stop_fd is readable; closes every connection it holds
  const LoopCounters& counters() const { return counters_; }

 private:
  struct DueEntry {
    Clock::time_point send_at;
    int fd;
    uint32_t serial;
    bool operator>(const DueEntry& other) const { return send_at > other.send_at; }
  };

  void watch(int fd, uint32_t events);
  void accept_connections();
  void accept_one(int fd);
  void shed_one_connection();
  Connection* find(int fd, uint32_t serial);
  void on_connection_event(uint64_t tag, uint32_t events);
  void read_requests(Connection& connection);
  void schedule(Connection& connection, ResponseKind kind, std::chrono::nanoseconds delay,
                bool keep_alive, bool head_only, Clock::time_point now);
  void schedule_request(Connection& connection, const ParsedRequest& request,
                        Clock::time_point now);
  void append_response(Connection& connection, const PendingResponse& response);
  void move_due_to_output(Connection& connection, Clock::time_point now);
  bool flush(Connection& connection);  // false when the connection was closed
  void update_interest(Connection& connection);
  void close_connection(Connection& connection);
  void compact_output(Connection& connection);
  void on_timer();
  void arm_timer();

  const CannedResponses& responses_;
  StallWindow stall_;
  ResponsePlanner planner_;
  int listen_fd_;
  int stop_fd_;
  UniqueFd epoll_fd_;
  UniqueFd timer_fd_;
  UniqueFd spare_fd_;  // given up to accept-and-close a client when out of descriptors
  uint32_t next_serial_ = 1;
  std::vector<std::unique_ptr<Connection>> connections_;  // indexed by fd
  std::priority_queue<DueEntry, std::vector<DueEntry>, std::greater<>> due_;
  Clock::time_point timer_armed_for_ = Clock::time_point::max();
  std::vector<ParsedRequest> parsed_;  // reused between reads
  std::vector<char> read_buffer_;
  LoopCounters counters_;
};

}  // namespace perfgate::target
