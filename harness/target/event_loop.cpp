#include "harness/target/event_loop.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>

#include <cerrno>
#include <cstring>

#include "core/errors.h"

namespace perfgate::target {
namespace {

constexpr int max_events = 256;
constexpr size_t read_buffer_bytes = 64 * 1024;
// Accepting a few per wake-up, not the whole backlog, lets the other loops take their share
// of a burst of new connections.
constexpr int accepts_per_wakeup = 4;
// A client that pipelines without reading must not make the server buffer without bound:
// beyond these, the connection is not read until it drains.
constexpr size_t max_buffered_out_bytes = 4 * 1024 * 1024;
constexpr size_t max_pending_responses = 4096;
constexpr size_t compact_output_after_bytes = 1024 * 1024;

[[noreturn]] void throw_errno(const std::string& what) {
  throw RunError("perfgate target: " + what + ": " + std::strerror(errno));
}

// Connections are tagged with their serial so that an event for a closed connection is not
// applied to a new one that reused its descriptor within the same epoll_wait batch.
uint64_t tag_of(int fd, uint32_t serial) {
  return (static_cast<uint64_t>(serial) << 32) | static_cast<uint32_t>(fd);
}

// Only the loop's thread writes its counters, so a relaxed load-and-store suffices.
void bump(std::atomic<uint64_t>& counter) {
  counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

itimerspec absolute_timer_spec(Clock::time_point when) {
  // steady_clock is CLOCK_MONOTONIC on Linux, the clock the timerfd was created with.
  auto since_epoch = when.time_since_epoch();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  itimerspec spec{};
  spec.it_value.tv_sec = seconds.count();
  spec.it_value.tv_nsec = std::chrono::nanoseconds(since_epoch - seconds).count();
  return spec;
}

}  // namespace

EventLoop::EventLoop(const TargetOptions& options, const CannedResponses& responses,
                     StallWindow stall, int listen_fd, int stop_fd, uint64_t stream)
    : responses_(responses),
      stall_(stall),
      planner_(options, stream),
      listen_fd_(listen_fd),
      stop_fd_(stop_fd),
      epoll_fd_(epoll_create1(EPOLL_CLOEXEC)),
      timer_fd_(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC)),
      spare_fd_(open("/dev/null", O_RDONLY | O_CLOEXEC)),
      read_buffer_(read_buffer_bytes) {
  if (!epoll_fd_.valid()) throw_errno("epoll_create1");
  if (!timer_fd_.valid()) throw_errno("timerfd_create");
  // EPOLLEXCLUSIVE: a new connection wakes one idle loop, not all of them.
  watch(listen_fd_, EPOLLIN | EPOLLEXCLUSIVE);
  watch(stop_fd_, EPOLLIN);
  watch(timer_fd_.get(), EPOLLIN);
}

void EventLoop::watch(int fd, uint32_t events) {
  epoll_event event{};
  event.events = events;
  event.data.u64 = tag_of(fd, 0);
  if (epoll_ctl(epoll_fd_.get(), EPOLL_CTL_ADD, fd, &event) != 0) throw_errno("epoll_ctl");
}

void EventLoop::run() {
  epoll_event events[max_events];
  bool stopping = false;
  while (!stopping) {
    int ready = epoll_wait(epoll_fd_.get(), events, max_events, -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) throw_errno("epoll_wait");
    for (int i = 0; i < ready; ++i) {
      uint64_t tag = events[i].data.u64;
      int fd = static_cast<int>(tag & 0xffffffffu);
      if (fd == stop_fd_) {
        stopping = true;  // stop_fd is never read, so every loop sees it
      } else if (fd == listen_fd_) {
        accept_connections();
      } else if (fd == timer_fd_.get()) {
        on_timer();
      } else {
        on_connection_event(tag, events[i].events);
      }
    }
  }
  connections_.clear();
}

void EventLoop::accept_connections() {
  for (int accepted = 0; accepted < accepts_per_wakeup; ++accepted) {
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      accept_one(fd);
    } else if (errno == EMFILE || errno == ENFILE) {
      shed_one_connection();
      return;
    } else if (errno != EINTR) {
      return;  // EAGAIN: another loop took it; ECONNABORTED and the like: the next one may do
    }
  }
}

// Out of descriptors, the listener stays readable and would spin the loop: accept the waiting
// client with the spare descriptor's slot and close it at once.
void EventLoop::shed_one_connection() {
  spare_fd_.reset();
  UniqueFd shed(accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC));
  shed.reset();
  spare_fd_.reset(open("/dev/null", O_RDONLY | O_CLOEXEC));
}

void EventLoop::accept_one(int fd) {
  auto connection = std::make_unique<Connection>();
  connection->fd.reset(fd);
  connection->serial = next_serial_++;
  if (next_serial_ == 0) next_serial_ = 1;  // serial 0 tags the loop's own descriptors
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = tag_of(fd, connection->serial);
  if (epoll_ctl(epoll_fd_.get(), EPOLL_CTL_ADD, fd, &event) != 0) return;  // closes fd
  connection->interest = EPOLLIN;
  if (connections_.size() <= static_cast<size_t>(fd)) connections_.resize(fd + 1);
  connections_[fd] = std::move(connection);
  bump(counters_.connections_accepted);
}

Connection* EventLoop::find(int fd, uint32_t serial) {
  if (fd < 0 || static_cast<size_t>(fd) >= connections_.size()) return nullptr;
  Connection* connection = connections_[fd].get();
  return connection != nullptr && connection->serial == serial ? connection : nullptr;
}

void EventLoop::on_connection_event(uint64_t tag, uint32_t events) {
  Connection* connection =
      find(static_cast<int>(tag & 0xffffffffu), static_cast<uint32_t>(tag >> 32));
  if (connection == nullptr) return;
  if (events & (EPOLLERR | EPOLLHUP)) {
    close_connection(*connection);  // reset or gone both ways: nobody will read a response
    return;
  }
  if (events & EPOLLIN) {
    read_requests(*connection);
  } else if (events & EPOLLOUT) {
    if (flush(*connection)) update_interest(*connection);
  }
}

void EventLoop::read_requests(Connection& connection) {
  ssize_t bytes = read(connection.fd.get(), read_buffer_.data(), read_buffer_.size());
  if (bytes < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (bytes < 0) return close_connection(connection);
  auto now = Clock::now();
  if (bytes == 0) {
    connection.reading_done = true;  // half-closed: still answer what was asked, then close
  } else {
    parsed_.clear();
    auto status = connection.parser.feed(
        std::string_view(read_buffer_.data(), static_cast<size_t>(bytes)), parsed_);
    for (const auto& request : parsed_) schedule_request(connection, request, now);
    if (status == ParseStatus::malformed) {
      bump(counters_.bad_requests);
      schedule(connection, ResponseKind::bad_request, {}, false, false, now);
    }
    if (status != ParseStatus::more) connection.reading_done = true;
  }
  if (flush(connection)) update_interest(connection);
}

void EventLoop::schedule_request(Connection& connection, const ParsedRequest& request,
                                 Clock::time_point now) {
  auto decision = planner_.plan(request.health);
  bump(counters_.requests);
  if (decision.kind == ResponseKind::injected_error) bump(counters_.injected_errors);
  schedule(connection, decision.kind, decision.delay, request.keep_alive, request.head_only, now);
}

void EventLoop::schedule(Connection& connection, ResponseKind kind, std::chrono::nanoseconds delay,
                         bool keep_alive, bool head_only, Clock::time_point now) {
  PendingResponse response{now + delay, kind, keep_alive, head_only};
  // A pipelined response never overtakes the one before it on the same connection.
  if (!connection.pending.empty())
    response.send_at = std::max(response.send_at, connection.pending.back().send_at);
  response.send_at = stall_.postpone(response.send_at);
  if (connection.pending.empty() && response.send_at <= now) {
    append_response(connection, response);
    return;
  }
  connection.pending.push_back(response);
  due_.push(DueEntry{response.send_at, connection.fd.get(), connection.serial});
  if (response.send_at < timer_armed_for_) arm_timer();
}

void EventLoop::append_response(Connection& connection, const PendingResponse& response) {
  const CannedResponse& canned = responses_.get(response.kind, response.keep_alive);
  connection.out += canned.head;
  if (!response.head_only) connection.out += canned.body;
}

void EventLoop::move_due_to_output(Connection& connection, Clock::time_point now) {
  while (!connection.pending.empty() && connection.pending.front().send_at <= now) {
    append_response(connection, connection.pending.front());
    connection.pending.pop_front();
  }
}

bool EventLoop::flush(Connection& connection) {
  while (connection.out_offset < connection.out.size()) {
    ssize_t sent = send(connection.fd.get(), connection.out.data() + connection.out_offset,
                        connection.out.size() - connection.out_offset, MSG_NOSIGNAL);
    if (sent > 0) {
      connection.out_offset += static_cast<size_t>(sent);
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && errno == EAGAIN) {
      compact_output(connection);
      return true;  // EPOLLOUT resumes
    }
    close_connection(connection);
    return false;
  }
  connection.out.clear();
  connection.out_offset = 0;
  if (connection.reading_done && connection.pending.empty()) {
    close_connection(connection);
    return false;
  }
  return true;
}

void EventLoop::compact_output(Connection& connection) {
  if (connection.out_offset < compact_output_after_bytes) return;
  connection.out.erase(0, connection.out_offset);
  connection.out_offset = 0;
}

void EventLoop::update_interest(Connection& connection) {
  size_t backlog_bytes = connection.out.size() - connection.out_offset;
  uint32_t wanted = 0;
  if (!connection.reading_done && backlog_bytes < max_buffered_out_bytes &&
      connection.pending.size() < max_pending_responses)
    wanted |= EPOLLIN;
  if (backlog_bytes > 0) wanted |= EPOLLOUT;
  if (wanted == connection.interest) return;
  epoll_event event{};
  event.events = wanted;
  event.data.u64 = tag_of(connection.fd.get(), connection.serial);
  if (epoll_ctl(epoll_fd_.get(), EPOLL_CTL_MOD, connection.fd.get(), &event) != 0)
    return close_connection(connection);
  connection.interest = wanted;
}

void EventLoop::close_connection(Connection& connection) {
  // Closing a socket with unread input sends RST, which can destroy the last response still in
  // flight to the client; so send FIN first and discard what the client had already sent.
  int fd = connection.fd.get();
  shutdown(fd, SHUT_WR);
  while (read(fd, read_buffer_.data(), read_buffer_.size()) > 0) {
  }
  connections_[fd].reset();  // heap entries for it go stale: their serial no longer matches
}

void EventLoop::on_timer() {
  uint64_t expirations = 0;
  if (read(timer_fd_.get(), &expirations, sizeof expirations) < 0 && errno != EAGAIN)
    throw_errno("timerfd read");
  timer_armed_for_ = Clock::time_point::max();  // a one-shot timer is disarmed once it fired
  auto now = Clock::now();
  while (!due_.empty() && due_.top().send_at <= now) {
    DueEntry entry = due_.top();
    due_.pop();
    Connection* connection = find(entry.fd, entry.serial);
    if (connection == nullptr) continue;
    move_due_to_output(*connection, now);
    if (flush(*connection)) update_interest(*connection);
  }
  if (!due_.empty()) arm_timer();
}

void EventLoop::arm_timer() {
  Clock::time_point next = due_.top().send_at;
  itimerspec spec = absolute_timer_spec(next);
  if (timerfd_settime(timer_fd_.get(), TFD_TIMER_ABSTIME, &spec, nullptr) != 0)
    throw_errno("timerfd_settime");
  timer_armed_for_ = next;
}

}  // namespace perfgate::target
