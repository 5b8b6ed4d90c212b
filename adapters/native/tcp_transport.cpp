#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>

#include "adapters/native/clock.h"
#include "adapters/native/transport.h"

namespace perfgate::native {
namespace {

IoResult failure(int error_number) {
  return {IoStatus::failed, 0, error_number};
}

bool is_transient(int error_number) {
  return error_number == EAGAIN || error_number == EWOULDBLOCK || error_number == EINTR;
}

// The kernel stamps received data with CLOCK_REALTIME; the loop's clock is CLOCK_MONOTONIC.
// Their difference moves only when the system clock is slewed (parts per million) or set, so
// each thread reads it once per 256 stamps instead of for every response (two clock reads per
// response were ~1 % of the generator's CPU). After a clock step the next few stamps are off by
// the step; the worker clamps every arrival into [request sent, now].
struct ClockOffset {
  int64_t realtime_minus_monotonic_ns = 0;
  uint32_t uses_left = 0;
};
thread_local ClockOffset clock_offset;

int64_t realtime_minus_monotonic_ns() {
  if (clock_offset.uses_left == 0) {
    const auto realtime_ns = static_cast<int64_t>(clock_ns(CLOCK_REALTIME));
    clock_offset.realtime_minus_monotonic_ns = realtime_ns - static_cast<int64_t>(monotonic_ns());
    clock_offset.uses_left = 256;
  }
  --clock_offset.uses_left;
  return clock_offset.realtime_minus_monotonic_ns;
}

// The arrival of the last bytes read, on CLOCK_MONOTONIC; 0 without a stamp.
uint64_t arrival_from(msghdr& message) {
  for (cmsghdr* control = CMSG_FIRSTHDR(&message); control != nullptr;
       control = CMSG_NXTHDR(&message, control)) {
    if (control->cmsg_level != SOL_SOCKET || control->cmsg_type != SCM_TIMESTAMPNS) continue;
    timespec stamp{};
    __builtin_memcpy(&stamp, CMSG_DATA(control), sizeof stamp);
    const int64_t arrival_ns = static_cast<int64_t>(to_ns(stamp)) - realtime_minus_monotonic_ns();
    return arrival_ns > 0 ? static_cast<uint64_t>(arrival_ns) : 0;
  }
  return 0;
}

}  // namespace

IoResult TcpTransport::connect(TransportSocket& socket, const Endpoint& endpoint) {
  socket.fd = ::socket(endpoint.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
  if (socket.fd < 0) return failure(errno);
  const int enabled = 1;
  setsockopt(socket.fd, IPPROTO_TCP, TCP_NODELAY, &enabled, sizeof enabled);
  setsockopt(socket.fd, SOL_SOCKET, SO_TIMESTAMPNS, &enabled, sizeof enabled);
  const auto* address = reinterpret_cast<const sockaddr*>(&endpoint.address);
  if (::connect(socket.fd, address, endpoint.address_bytes) == 0) return {};
  if (errno == EINPROGRESS) return {IoStatus::would_block, 0, 0};
  return failure(errno);
}

IoResult TcpTransport::finish_connect(TransportSocket& socket) {
  int error_number = 0;
  socklen_t size = sizeof error_number;
  if (getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &error_number, &size) != 0) {
    return failure(errno);
  }
  return error_number == 0 ? IoResult{} : failure(error_number);
}

IoResult TcpTransport::read(TransportSocket& socket, char* buffer, size_t capacity_bytes) {
  iovec data{buffer, capacity_bytes};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
  msghdr message{};
  message.msg_iov = &data;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  const ssize_t count = ::recvmsg(socket.fd, &message, 0);
  if (count > 0) return {IoStatus::done, static_cast<size_t>(count), 0, arrival_from(message)};
  if (count == 0) return {IoStatus::closed, 0, 0};
  return is_transient(errno) ? IoResult{IoStatus::would_block, 0, 0} : failure(errno);
}

IoResult TcpTransport::write(TransportSocket& socket, const char* data, size_t size_bytes) {
  // MSG_NOSIGNAL: a peer that reset the connection gives EPIPE here, not a process-wide SIGPIPE.
  const ssize_t count = ::send(socket.fd, data, size_bytes, MSG_NOSIGNAL);
  if (count >= 0) return {IoStatus::done, static_cast<size_t>(count), 0};
  return is_transient(errno) ? IoResult{IoStatus::would_block, 0, 0} : failure(errno);
}

void TcpTransport::close(TransportSocket& socket) {
  if (socket.fd >= 0) ::close(socket.fd);
  socket.fd = -1;
}

}  // namespace perfgate::native
