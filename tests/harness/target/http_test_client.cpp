#include "tests/harness/target/http_test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace perfgate::target::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

HttpResponse parse_head(std::string_view head) {
  HttpResponse response;
  if (!head.starts_with("HTTP/1.1 ") || head.size() < 12)
    throw std::runtime_error("bad status line: " + std::string(head.substr(0, 40)));
  response.status = std::stoi(std::string(head.substr(9, 3)));
  size_t line_start = head.find("\r\n") + 2;
  while (line_start < head.size()) {
    size_t line_end = head.find("\r\n", line_start);
    if (line_end == std::string_view::npos) line_end = head.size();
    std::string_view line = head.substr(line_start, line_end - line_start);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (value.starts_with(' ')) value.remove_prefix(1);
      response.headers[lower(std::string(line.substr(0, colon)))] = std::string(value);
    }
    line_start = line_end + 2;
  }
  return response;
}

}  // namespace

std::string get_request(std::string_view path, std::string_view extra_headers) {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
         std::string(extra_headers) + "\r\n";
}

HttpTestClient::HttpTestClient(uint16_t port)
    : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
  if (!fd_.valid()) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error(std::string("connect failed: ") + std::strerror(errno));
  int one = 1;
  setsockopt(fd_.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

void HttpTestClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) throw std::runtime_error(std::string("send failed: ") + std::strerror(errno));
    bytes.remove_prefix(static_cast<size_t>(sent));
  }
}

void HttpTestClient::shutdown_write() {
  ::shutdown(fd_.get(), SHUT_WR);
}

bool HttpTestClient::fill(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  pollfd waiting{fd_.get(), POLLIN, 0};
  int ready = poll(&waiting, 1, static_cast<int>(std::max<int64_t>(left.count(), 0)));
  if (ready == 0) throw std::runtime_error("timed out waiting for the server");
  char chunk[65536];
  ssize_t got = recv(fd_.get(), chunk, sizeof chunk, 0);
  if (got < 0 && errno == ECONNRESET) return false;
  if (got < 0) throw std::runtime_error(std::string("recv failed: ") + std::strerror(errno));
  buffer_.append(chunk, static_cast<size_t>(got));
  return got > 0;
}

HttpResponse HttpTestClient::read_response(std::chrono::milliseconds timeout, bool with_body) {
  auto deadline = Clock::now() + timeout;
  size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos)
    if (!fill(deadline)) throw std::runtime_error("connection closed before a response");
  HttpResponse response = parse_head(std::string_view(buffer_).substr(0, head_end));
  auto length = response.headers.find("content-length");
  size_t body_bytes =
      length == response.headers.end() || !with_body ? 0 : std::stoul(length->second);
  size_t total = head_end + 4 + body_bytes;
  while (buffer_.size() < total)
    if (!fill(deadline)) throw std::runtime_error("connection closed inside a response body");
  response.body = buffer_.substr(head_end + 4, body_bytes);
  buffer_.erase(0, total);
  return response;
}

bool HttpTestClient::closed_by_server(std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  try {
    while (fill(deadline)) {
    }
    return true;
  } catch (const std::runtime_error&) {
    return false;  // timed out: still open
  }
}

HttpResponse HttpTestClient::get(std::string_view path) {
  send(get_request(path));
  return read_response();
}

}  // namespace perfgate::target::testing
