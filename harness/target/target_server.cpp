#include "harness/target/target_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/errors.h"
#include "harness/target/event_loop.h"
#include "harness/target/response_plan.h"
#include "harness/target/unique_fd.h"

namespace perfgate::target {
namespace {

std::string address_text(const std::string& host, uint16_t port) {
  return host + ":" + std::to_string(port);
}

[[noreturn]] void throw_listen_error(const std::string& host, uint16_t port,
                                     const std::string& reason) {
  throw RunError("perfgate target: cannot listen on " + address_text(host, port) + ": " + reason);
}

// One listener shared by every loop (EPOLLEXCLUSIVE), rather than SO_REUSEPORT listeners:
// with SO_REUSEPORT a second target on the same port would silently share it instead of
// failing with "address in use".
UniqueFd listen_on(const std::string& host, uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1)
    throw_listen_error(host, port, "not an IPv4 address");
  UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) throw_listen_error(host, port, std::strerror(errno));
  int one = 1;  // restart at once on a port whose previous connections sit in TIME_WAIT
  setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      listen(fd.get(), 4096) != 0)
    throw_listen_error(host, port, std::strerror(errno));
  return fd;
}

uint16_t bound_port(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    throw RunError(std::string("perfgate target: getsockname: ") + std::strerror(errno));
  return ntohs(address.sin_port);
}

void check_options(const TargetOptions& options) {
  if (options.threads < 1) throw std::invalid_argument("TargetOptions::threads must be >= 1");
  if (options.error_rate < 0 || options.error_rate > 1)
    throw std::invalid_argument("TargetOptions::error_rate must be in [0, 1]");
  if (!(options.slowdown > 0)) throw std::invalid_argument("TargetOptions::slowdown must be > 0");
  bool negative = options.latency_a.count() < 0 || options.latency_b.count() < 0;
  bool unordered =
      options.latency == LatencyShape::uniform && options.latency_b < options.latency_a;
  if (negative || unordered || !(options.sigma >= 0))
    throw std::invalid_argument("TargetOptions latency must be >= 0, ordered, sigma >= 0");
}

}  // namespace

struct TargetServer::Impl {
  explicit Impl(TargetOptions options_in)
      : options(std::move(options_in)),
        listener(listen_on(options.host, options.port)),
        port(bound_port(listener.get())),
        stop_event(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)),
        responses(options.response_bytes) {
    if (!stop_event.valid())
      throw RunError(std::string("perfgate target: eventfd: ") + std::strerror(errno));
  }

  void record_failure(const std::string& message) {
    std::lock_guard lock(failure_mutex);
    if (!failure) failure = message;
  }

  TargetOptions options;
  UniqueFd listener;
  uint16_t port;
  UniqueFd stop_event;
  CannedResponses responses;
  std::vector<std::unique_ptr<EventLoop>> loops;
  std::vector<std::thread> threads;
  bool started = false;
  bool stopped = false;
  mutable std::mutex failure_mutex;
  std::optional<std::string> failure;
};

TargetServer::TargetServer(TargetOptions options) {
  check_options(options);
  impl_ = std::make_unique<Impl>(std::move(options));
}

TargetServer::~TargetServer() {
  stop();
}

uint16_t TargetServer::port() const {
  return impl_->port;
}

std::string TargetServer::url() const {
  return "http://" + address_text(impl_->options.host, impl_->port);
}

void TargetServer::start() {
  if (impl_->started) return;
  impl_->started = true;
  auto stall = StallWindow::from_options(impl_->options, Clock::now());
  // Loops are built here, so a failure to create one throws from start(), not from a thread.
  for (int index = 0; index < impl_->options.threads; ++index)
    impl_->loops.push_back(
        std::make_unique<EventLoop>(impl_->options, impl_->responses, stall, impl_->listener.get(),
                                    impl_->stop_event.get(), static_cast<uint64_t>(index)));
  for (auto& loop : impl_->loops) {
    impl_->threads.emplace_back([this, raw = loop.get()] {
      try {
        raw->run();
      } catch (const std::exception& error) {
        impl_->record_failure(error.what());
      }
    });
  }
}

void TargetServer::stop() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  uint64_t one = 1;
  // The eventfd is never read, so it stays readable and wakes every loop.
  [[maybe_unused]] auto ignored = write(impl_->stop_event.get(), &one, sizeof one);
  for (auto& thread : impl_->threads) thread.join();
  impl_->listener.reset();  // later clients are refused rather than left waiting
}

TargetStats TargetServer::stats() const {
  TargetStats total;
  for (const auto& loop : impl_->loops) {
    const LoopCounters& counters = loop->counters();
    total.connections_accepted += counters.connections_accepted.load(std::memory_order_relaxed);
    total.requests += counters.requests.load(std::memory_order_relaxed);
    total.injected_errors += counters.injected_errors.load(std::memory_order_relaxed);
    total.bad_requests += counters.bad_requests.load(std::memory_order_relaxed);
  }
  return total;
}

std::optional<std::string> TargetServer::failure() const {
  std::lock_guard lock(impl_->failure_mutex);
  return impl_->failure;
}

}  // namespace perfgate::target
