// Fuzzes what the native generator does with a server's bytes: a real Worker runs over a
// transport whose "server" is a socketpair preloaded with the fuzz input (then end of stream).
// Whatever the bytes, the worker must count responses or errors and end on time: no crash,
// no hang, no sanitizer report.
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "adapters/native/clock.h"
#include "adapters/native/load_profile.h"
#include "adapters/native/request_plan.h"
#include "adapters/native/transport.h"
#include "adapters/native/worker.h"

namespace {

using namespace perfgate;
using namespace perfgate::native;

// Every connect gets a fresh socketpair whose peer has already "sent" the scripted bytes and
// shut its writing side, so the worker reads them, then end of stream.
class ScriptedTransport final : public Transport {
 public:
  explicit ScriptedTransport(std::string reply) : reply_(std::move(reply)) {}
  ~ScriptedTransport() override {
    if (peer_ >= 0) ::close(peer_);
  }

  IoResult connect(TransportSocket& socket, const Endpoint&) override {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, pair) != 0)
      return {IoStatus::failed, 0, errno};
    if (peer_ >= 0) ::close(peer_);
    socket.fd = pair[0];
    peer_ = pair[1];
    int buffer_bytes = 1 << 20;
    setsockopt(peer_, SOL_SOCKET, SO_SNDBUF, &buffer_bytes, sizeof buffer_bytes);
    size_t written = 0;
    while (written < reply_.size()) {
      ssize_t count = ::send(peer_, reply_.data() + written, reply_.size() - written, MSG_NOSIGNAL);
      if (count <= 0) break;
      written += static_cast<size_t>(count);
    }
    shutdown(peer_, SHUT_WR);
    return {};
  }
  IoResult finish_connect(TransportSocket&) override { return {}; }
  IoResult read(TransportSocket& socket, char* buffer, size_t capacity) override {
    ssize_t count = ::read(socket.fd, buffer, capacity);
    if (count > 0) return {IoStatus::done, static_cast<size_t>(count), 0};
    if (count == 0) return {IoStatus::closed, 0, 0};
    return errno == EAGAIN ? IoResult{IoStatus::would_block, 0, 0}
                           : IoResult{IoStatus::failed, 0, errno};
  }
  IoResult write(TransportSocket& socket, const char* data, size_t size) override {
    ssize_t count = ::send(socket.fd, data, size, MSG_NOSIGNAL);
    if (count >= 0) return {IoStatus::done, static_cast<size_t>(count), 0};
    return errno == EAGAIN ? IoResult{IoStatus::would_block, 0, 0}
                           : IoResult{IoStatus::failed, 0, errno};
  }
  void close(TransportSocket& socket) override {
    if (socket.fd >= 0) ::close(socket.fd);
    socket.fd = -1;
  }

 private:
  std::string reply_;
  int peer_ = -1;
};

NativeLoad one_connection_load() {
  NativeLoad load;
  load.host = "127.0.0.1";
  load.requests.push_back(RequestSpec{"get", "GET", "/", {}, "", 1.0});
  return load;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const NativeLoad load = one_connection_load();
  static const RequestPlan requests = build_request_plan(load);
  static const LoadProfile profile = LoadProfile::constant(1, 0);
  static const Endpoint endpoint{};
  ScriptedTransport transport(
      std::string(reinterpret_cast<const char*>(data), std::min<size_t>(size, 65536)));
  WorkerProgress progress;
  WorkerPlan plan;
  plan.connections = 1;
  plan.profile = &profile;
  plan.start_ns = monotonic_ns();
  plan.end_ns = plan.start_ns + 3'000'000;  // 3 ms: a few requests and reconnects
  plan.request_timeout_ns = 1'000'000;
  plan.connect_timeout_ns = 1'000'000;
  plan.requests = &requests;
  plan.endpoint = &endpoint;
  std::atomic<bool> run_stop{false};
  plan.run_stop = &run_stop;
  Worker worker(plan, transport, progress);
  worker.run();
  return 0;
}
