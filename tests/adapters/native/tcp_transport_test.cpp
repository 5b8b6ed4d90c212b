// TcpTransport against a real socket on 127.0.0.1: the kernel's receive stamp says when bytes
// arrived, however late they are read (the generator's latency ends there).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <thread>

#include "adapters/native/clock.h"
#include "adapters/native/transport.h"

namespace perfgate::native {
namespace {

// A listening socket on a free port of 127.0.0.1, and the client's connection to it.
struct ConnectedPair {
  int listener = -1;
  int server = -1;
  TcpTransport transport;
  TransportSocket client;

  ConnectedPair() {
    listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener, 1) == 0);
    socklen_t size = sizeof address;
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size) == 0);

    Endpoint endpoint;
    std::memcpy(&endpoint.address, &address, sizeof address);
    endpoint.address_bytes = sizeof address;
    const IoResult started = transport.connect(client, endpoint);
    REQUIRE(started.status != IoStatus::failed);
    server = ::accept(listener, nullptr, nullptr);
    REQUIRE(server >= 0);
    pollfd writable{client.fd, POLLOUT, 0};
    REQUIRE(::poll(&writable, 1, 1000) == 1);
    REQUIRE(transport.finish_connect(client).status == IoStatus::done);
  }
  ~ConnectedPair() {
    transport.close(client);
    if (server >= 0) ::close(server);
    if (listener >= 0) ::close(listener);
  }

  IoResult read_when_ready(char* buffer, size_t capacity) {
    pollfd readable{client.fd, POLLIN, 0};
    REQUIRE(::poll(&readable, 1, 1000) == 1);
    return transport.read(client, buffer, capacity);
  }
};

constexpr char kResponse[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";

}  // namespace

TEST_CASE("a read reports when the bytes arrived, not when they were read", "[native][transport]") {
  ConnectedPair pair;
  REQUIRE(::write(pair.server, kResponse, sizeof kResponse - 1) ==
          static_cast<ssize_t>(sizeof kResponse - 1));
  const uint64_t written_ns = monotonic_ns();
  std::this_thread::sleep_for(std::chrono::milliseconds(30));

  char buffer[256];
  const IoResult result = pair.read_when_ready(buffer, sizeof buffer);
  const uint64_t read_ns = monotonic_ns();
  REQUIRE(result.status == IoStatus::done);
  CHECK(result.bytes == sizeof kResponse - 1);
  REQUIRE(result.arrived_ns != 0);
  CHECK(result.arrived_ns <= read_ns);
  // Arrived right after the write (loopback delivers at once), 30 ms before the read.
  CHECK(read_ns - result.arrived_ns >= 25'000'000);
  CHECK(result.arrived_ns + 5'000'000 >= written_ns);
}

TEST_CASE("bytes read at once arrived a moment ago", "[native][transport]") {
  ConnectedPair pair;
  REQUIRE(::write(pair.server, kResponse, sizeof kResponse - 1) > 0);
  char buffer[256];
  const IoResult result = pair.read_when_ready(buffer, sizeof buffer);
  const uint64_t read_ns = monotonic_ns();
  REQUIRE(result.status == IoStatus::done);
  REQUIRE(result.arrived_ns != 0);
  CHECK(result.arrived_ns <= read_ns);
  CHECK(read_ns - result.arrived_ns < 20'000'000);
}

TEST_CASE("the end of the stream and an empty socket carry no arrival time",
          "[native][transport]") {
  ConnectedPair pair;
  char buffer[256];
  CHECK(pair.transport.read(pair.client, buffer, sizeof buffer).status == IoStatus::would_block);
  ::close(pair.server);
  pair.server = -1;
  const IoResult result = pair.read_when_ready(buffer, sizeof buffer);
  CHECK(result.status == IoStatus::closed);
  CHECK(result.arrived_ns == 0);
}

}  // namespace perfgate::native
