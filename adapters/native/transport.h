// The byte transport under the HTTP event loop, after wrk's net.h: connect, read, write, close
// on a non-blocking socket. The loop only ever sees this interface, so a TLS transport can be
// added later (keeping its session in TransportSocket::session) without touching the loop.
#pragma once

#include <sys/socket.h>

#include <cstddef>
#include <cstdint>

namespace perfgate::native {

// Where to connect: one resolved socket address.
struct Endpoint {
  sockaddr_storage address{};
  socklen_t address_bytes = 0;
  int family = AF_INET;
};

enum class IoStatus : uint8_t {
  done,         // `bytes` were transferred (connect: connected)
  would_block,  // try again when epoll reports the socket ready
  closed,       // the peer closed the connection (read returned 0)
  failed,       // `error_number` holds the errno
};

struct IoResult {
  IoStatus status = IoStatus::done;
  size_t bytes = 0;
  int error_number = 0;
  // read: when the kernel received the last of these bytes (CLOCK_MONOTONIC ns), or 0 when the
  // transport cannot tell. Latency ends there, not whenever the loop got round to reading.
  uint64_t arrived_ns = 0;
};

// One connection's transport state. The loop registers `fd` with epoll; a secure transport
// keeps its per-connection session in `session`.
struct TransportSocket {
  int fd = -1;
  void* session = nullptr;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Creates a non-blocking socket in `socket.fd` (even when failing, so the caller can close
  // it) and starts connecting: done when connected at once, would_block while in progress.
  virtual IoResult connect(TransportSocket& socket, const Endpoint& endpoint) = 0;
  // Called when epoll reports the connecting socket ready: done once the connection (and any
  // handshake) is established, would_block when more readiness events are needed.
  virtual IoResult finish_connect(TransportSocket& socket) = 0;
  virtual IoResult read(TransportSocket& socket, char* buffer, size_t capacity_bytes) = 0;
  virtual IoResult write(TransportSocket& socket, const char* data, size_t size_bytes) = 0;
  // Releases the socket; idempotent. Leaves socket.fd == -1.
  virtual void close(TransportSocket& socket) = 0;
};

// Plain TCP with TCP_NODELAY (requests are small and must leave at once) and the kernel's
// receive timestamps (SO_TIMESTAMPNS), so a response's arrival time is known to the
// microsecond even when the loop reads it later.
class TcpTransport final : public Transport {
 public:
  IoResult connect(TransportSocket& socket, const Endpoint& endpoint) override;
  IoResult finish_connect(TransportSocket& socket) override;
  IoResult read(TransportSocket& socket, char* buffer, size_t capacity_bytes) override;
  IoResult write(TransportSocket& socket, const char* data, size_t size_bytes) override;
  void close(TransportSocket& socket) override;
};

}  // namespace perfgate::native
