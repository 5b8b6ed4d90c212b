#include "adapters/native/endpoint.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <optional>

#include "adapters/native/clock.h"
#include "core/errors.h"

namespace perfgate::native {
namespace {

using AddressList = std::unique_ptr<addrinfo, decltype(&freeaddrinfo)>;

AddressList resolve(const std::string& host, uint16_t port, const std::string& target_url) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  const int status = getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
  if (status != 0 || found == nullptr) {
    throw RunError("cannot reach " + target_url + ": cannot resolve host '" + host +
                   "': " + gai_strerror(status));
  }
  return AddressList(found, &freeaddrinfo);
}

Endpoint to_endpoint(const addrinfo& info) {
  Endpoint endpoint;
  std::memcpy(&endpoint.address, info.ai_addr, info.ai_addrlen);
  endpoint.address_bytes = info.ai_addrlen;
  endpoint.family = info.ai_family;
  return endpoint;
}

// Waits for the in-progress connect until `deadline_ns`; returns the errno (0 = connected).
int wait_for_connect(int fd, uint64_t deadline_ns) {
  for (;;) {
    const uint64_t now_ns = monotonic_ns();
    if (now_ns >= deadline_ns) return ETIMEDOUT;
    pollfd watched{fd, POLLOUT, 0};
    const int timeout_ms = static_cast<int>((deadline_ns - now_ns + 999'999) / 1'000'000);
    const int ready = poll(&watched, 1, timeout_ms);
    if (ready < 0 && errno != EINTR) return errno;
    if (ready > 0) break;
  }
  int error_number = 0;
  socklen_t size = sizeof error_number;
  getsockopt(fd, SOL_SOCKET, SO_ERROR, &error_number, &size);
  return error_number;
}

int try_connect(const Endpoint& endpoint, uint64_t deadline_ns) {
  TcpTransport transport;
  TransportSocket socket;
  const IoResult started = transport.connect(socket, endpoint);
  int error_number = started.error_number;
  if (started.status == IoStatus::would_block)
    error_number = wait_for_connect(socket.fd, deadline_ns);
  transport.close(socket);
  return error_number;
}

std::string describe(int error_number, std::chrono::nanoseconds connect_timeout) {
  if (error_number == ETIMEDOUT) {
    const auto timeout_ms = std::chrono::duration_cast<std::chrono::milliseconds>(connect_timeout);
    return "no answer within the connect timeout (" + std::to_string(timeout_ms.count()) + " ms)";
  }
  if (error_number == ECONNREFUSED) return "connection refused";
  return std::strerror(error_number);
}

}  // namespace

Endpoint reach_target(const std::string& host, uint16_t port, const std::string& target_url,
                      std::chrono::nanoseconds connect_timeout) {
  const AddressList addresses = resolve(host, port, target_url);
  const uint64_t deadline_ns = monotonic_ns() + static_cast<uint64_t>(connect_timeout.count());
  int last_error = ECONNREFUSED;
  for (const addrinfo* info = addresses.get(); info != nullptr; info = info->ai_next) {
    const Endpoint endpoint = to_endpoint(*info);
    last_error = try_connect(endpoint, deadline_ns);
    // A reset seen by the probe came after the handshake (a server that accepts and resets at
    // once): the target is reachable and misbehaving, which the run counts as `reset` errors.
    if (last_error == 0 || last_error == ECONNRESET) return endpoint;
    if (last_error == ETIMEDOUT) break;
  }
  throw RunError("cannot reach " + target_url + ": " + describe(last_error, connect_timeout));
}

}  // namespace perfgate::native
