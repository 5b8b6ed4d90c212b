#include "harness/service/ready_probe.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>

namespace perfgate::service {
namespace {

using Clock = std::chrono::steady_clock;

// Closes the socket on every path out of a probe.
struct Socket {
  int fd = -1;
  ~Socket() {
    if (fd >= 0) ::close(fd);
  }
};

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<int64_t>(0, left.count()));
}

bool wait_for(int fd, short events, Clock::time_point deadline) {
  pollfd entry{fd, events, 0};
  return ::poll(&entry, 1, remaining_ms(deadline)) == 1;
}

// Connects without blocking past the deadline; on failure says why in `observation`.
bool connect_to(const std::string& host, uint16_t port, Clock::time_point deadline, Socket& out,
                std::string& observation) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int error = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found)) {
    observation = "cannot resolve " + host + ": " + ::gai_strerror(error);
    return false;
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, ::freeaddrinfo);
  out.fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (out.fd < 0) return observation = std::strerror(errno), false;
  if (::connect(out.fd, found->ai_addr, found->ai_addrlen) != 0 && errno != EINPROGRESS)
    return observation = std::strerror(errno), false;
  if (!wait_for(out.fd, POLLOUT, deadline)) return observation = "connect timed out", false;
  int error = 0;
  socklen_t length = sizeof error;
  ::getsockopt(out.fd, SOL_SOCKET, SO_ERROR, &error, &length);
  if (error != 0) return observation = std::strerror(error), false;
  return true;
}

bool send_all(int fd, const std::string& text, Clock::time_point deadline) {
  size_t sent = 0;
  while (sent < text.size()) {
    if (!wait_for(fd, POLLOUT, deadline)) return false;
    ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

// Reads until the status line is complete: "HTTP/1.1 200 OK\r\n".
std::string read_status_line(int fd, Clock::time_point deadline) {
  std::string received;
  char buffer[512];
  while (received.find("\r\n") == std::string::npos && received.size() < 4096) {
    if (!wait_for(fd, POLLIN, deadline)) break;
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    received.append(buffer, static_cast<size_t>(n));
  }
  return received.substr(0, received.find("\r\n"));
}

bool http_ready(const ReadyCheck& check, Clock::time_point deadline, std::string& observation) {
  Socket socket;
  if (!connect_to(check.http_host, check.http_port, deadline, socket, observation)) return false;
  std::string request = "GET " + check.http_path + " HTTP/1.1\r\nHost: " + check.http_host +
                        "\r\nConnection: close\r\nUser-Agent: perfgate\r\n\r\n";
  if (!send_all(socket.fd, request, deadline)) return observation = "request not sent", false;
  std::string status = read_status_line(socket.fd, deadline);
  if (status.empty()) return observation = "no HTTP answer", false;
  observation = status;
  // "HTTP/1.x 2xx ..."
  return status.starts_with("HTTP/1.") && status.size() >= 12 && status[9] == '2';
}

}  // namespace

// Reads the log as it grows, line by line, remembering where it stopped.
struct ReadyProbe::LogScan {
  std::regex pattern;
  std::streamoff offset = 0;
  std::string partial_line;
};

ReadyProbe::ReadyProbe(const ReadyCheck& check, std::filesystem::path log_path)
    : check_(check), log_path_(std::move(log_path)) {
  if (check_.kind == ReadyKind::log)
    log_scan_ = std::make_unique<LogScan>(LogScan{std::regex(check_.log_pattern), 0, {}});
}

ReadyProbe::~ReadyProbe() = default;

bool ReadyProbe::ready(std::chrono::milliseconds budget) {
  Clock::time_point deadline = Clock::now() + budget;
  switch (check_.kind) {
    case ReadyKind::none:
      return true;
    case ReadyKind::http:
      return http_ready(check_, deadline, last_observation_);
    case ReadyKind::tcp: {
      Socket socket;
      return connect_to(check_.tcp_host, check_.tcp_port, deadline, socket, last_observation_);
    }
    case ReadyKind::log:
      return log_matches();
  }
  return false;
}

bool ReadyProbe::log_matches() {
  std::ifstream in(log_path_, std::ios::binary);
  if (!in) return last_observation_ = "no log yet", false;
  in.seekg(log_scan_->offset);
  std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  log_scan_->offset += static_cast<std::streamoff>(chunk.size());
  std::string& line = log_scan_->partial_line;
  for (char c : chunk) {
    if (c != '\n') {
      line += c;
      continue;
    }
    if (std::regex_search(line, log_scan_->pattern)) return true;
    line.clear();
  }
  last_observation_ = "no log line matched /" + check_.log_pattern + "/";
  // A service may print its ready line without a newline and then wait.
  return std::regex_search(line, log_scan_->pattern);
}

}  // namespace perfgate::service
