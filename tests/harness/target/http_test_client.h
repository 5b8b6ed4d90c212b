// A minimal blocking HTTP/1.1 client over a plain socket, for testing the target server byte by
// byte: it sends exactly what the test writes and parses responses itself.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "harness/target/unique_fd.h"

namespace perfgate::target::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

class HttpTestClient {
 public:
  explicit HttpTestClient(uint16_t port);  // connects to 127.0.0.1:port; throws on failure
  void send(std::string_view bytes);
  void shutdown_write();
  // Reads one response (Content-Length bodies only; none after HEAD: with_body false); throws
  // on timeout or end of stream.
  HttpResponse read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5),
                             bool with_body = true);
  // True when the server closes the connection within the timeout (no more bytes arrive).
  bool closed_by_server(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  HttpResponse get(std::string_view path);  // one keep-alive GET, answered

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);  // false at end of stream

  UniqueFd fd_;
  std::string buffer_;
};

std::string get_request(std::string_view path, std::string_view extra_headers = "");

}  // namespace perfgate::target::testing
