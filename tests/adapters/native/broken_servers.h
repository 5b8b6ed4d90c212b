// Small HTTP servers for the native generator's tests, each on its own thread with a listening
// socket on an ephemeral 127.0.0.1 port: misbehaving ones (garbage, closing mid-response,
// silence, RST, slow drip) and a well-behaved one that records what it received.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace perfgate::native::testing {

// The shared machinery: a poll() loop over the listening socket and accepted clients.
class PollServer {
 public:
  PollServer();
  virtual ~PollServer();  // derived destructors must call stop() first
  PollServer(const PollServer&) = delete;
  PollServer& operator=(const PollServer&) = delete;

  uint16_t port() const { return port_; }
  uint64_t accepted() const { return accepted_.load(); }

 protected:
  void start();  // call from the derived constructor, once it is complete
  void stop();
  void close_client(int fd);
  static void send_all(int fd, const std::string& bytes);
  virtual void on_accept(int fd) = 0;
  virtual void on_data(int fd, const char* data, size_t size) = 0;
  virtual void on_tick() {}  // about every 10 ms

  std::vector<int> clients_;

 private:
  void serve();
  void accept_clients();
  void read_clients();

  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> accepted_{0};
  std::thread thread_;
};

enum class Misbehaviour {
  garbage,             // answers every request with bytes that are not HTTP
  close_mid_response,  // sends headers and half the promised body, then closes
  silent,              // accepts and reads, never answers
  reset_on_accept,     // accepts and resets the connection at once (SO_LINGER 0)
  slow_drip,           // sends headers, then one body byte every 20 ms, forever
};

class BrokenServer final : public PollServer {
 public:
  explicit BrokenServer(Misbehaviour misbehaviour);
  ~BrokenServer() override;

 private:
  void on_accept(int fd) override;
  void on_data(int fd, const char* data, size_t size) override;
  void on_tick() override;

  Misbehaviour misbehaviour_;
  std::vector<int> dripping_;
};

struct CapturedRequest {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(const std::string& name) const;  // case-insensitive; "" when absent
};

// How CaptureServer frames its responses.
enum class Framing { content_length, chunked, connection_close, after_100_continue };

// A correct HTTP/1.1 server that answers 200 "ok" and records every request it parsed.
class CaptureServer final : public PollServer {
 public:
  explicit CaptureServer(Framing framing = Framing::content_length);
  ~CaptureServer() override;
  std::vector<CapturedRequest> captured() const;

 private:
  struct ClientParser;
  void on_accept(int fd) override;
  void on_data(int fd, const char* data, size_t size) override;
  void respond(int fd, bool head);
  void forget(int fd);

  Framing framing_;
  int closing_fd_ = -1;
  mutable std::mutex mutex_;
  std::vector<CapturedRequest> captured_;
  std::vector<std::pair<int, std::unique_ptr<ClientParser>>> parsers_;
};

}  // namespace perfgate::native::testing
