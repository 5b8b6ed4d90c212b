#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include "adapters/native/transport.h"

namespace perfgate::native {
namespace {

IoResult failure(int error_number) {
  return {IoStatus::failed, 0, error_number};
}

bool is_transient(int error_number) {
  return error_number == EAGAIN || error_number == EWOULDBLOCK || error_number == EINTR;
}

}  // namespace

IoResult TcpTransport::connect(TransportSocket& socket, const Endpoint& endpoint) {
  socket.fd = ::socket(endpoint.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
  if (socket.fd < 0) return failure(errno);
  const int enabled = 1;
  setsockopt(socket.fd, IPPROTO_TCP, TCP_NODELAY, &enabled, sizeof enabled);
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
  const ssize_t count = ::read(socket.fd, buffer, capacity_bytes);
  if (count > 0) return {IoStatus::done, static_cast<size_t>(count), 0};
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
