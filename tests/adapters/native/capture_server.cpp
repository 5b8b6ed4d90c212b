#include <http_parser.h>

#include <algorithm>
#include <cctype>

#include "tests/adapters/native/broken_servers.h"

namespace perfgate::native::testing {
namespace {

bool same_name(const std::string& a, const std::string& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::string CapturedRequest::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) return value;
  }
  return "";
}

// One client's request parser; completed requests are recorded and answered by the server.
struct CaptureServer::ClientParser {
  static ClientParser& of(http_parser* parser) { return *static_cast<ClientParser*>(parser->data); }
  static int on_url(http_parser* parser, const char* at, size_t length) {
    of(parser).current.path.append(at, length);
    return 0;
  }
  static int on_header_field(http_parser* parser, const char* at, size_t length) {
    ClientParser& client = of(parser);
    if (client.in_value || client.current.headers.empty()) client.current.headers.emplace_back();
    client.in_value = false;
    client.current.headers.back().first.append(at, length);
    return 0;
  }
  static int on_header_value(http_parser* parser, const char* at, size_t length) {
    ClientParser& client = of(parser);
    client.in_value = true;
    client.current.headers.back().second.append(at, length);
    return 0;
  }
  static int on_body(http_parser* parser, const char* at, size_t length) {
    of(parser).current.body.append(at, length);
    return 0;
  }
  static int on_message_complete(http_parser* parser) {
    ClientParser& client = of(parser);
    client.current.method = http_method_str(static_cast<http_method>(parser->method));
    {
      const std::lock_guard lock(client.server->mutex_);
      client.server->captured_.push_back(std::move(client.current));
    }
    client.current = {};
    client.in_value = false;
    client.server->respond(client.fd, parser->method == HTTP_HEAD);
    return 0;
  }
  static http_parser_settings settings() {
    http_parser_settings callbacks{};
    callbacks.on_url = on_url;
    callbacks.on_header_field = on_header_field;
    callbacks.on_header_value = on_header_value;
    callbacks.on_body = on_body;
    callbacks.on_message_complete = on_message_complete;
    return callbacks;
  }

  CaptureServer* server = nullptr;
  int fd = -1;
  http_parser parser{};
  CapturedRequest current;
  bool in_value = false;
};

CaptureServer::CaptureServer(Framing framing) : framing_(framing) {
  start();
}

CaptureServer::~CaptureServer() {
  stop();
}

std::vector<CapturedRequest> CaptureServer::captured() const {
  const std::lock_guard lock(mutex_);
  return captured_;
}

void CaptureServer::on_accept(int fd) {
  forget(fd);  // the descriptor number of a client that went away may come back
  auto client = std::make_unique<ClientParser>();
  client->server = this;
  client->fd = fd;
  http_parser_init(&client->parser, HTTP_REQUEST);
  client->parser.data = client.get();
  parsers_.emplace_back(fd, std::move(client));
}

void CaptureServer::on_data(int fd, const char* data, size_t size) {
  static const http_parser_settings settings = ClientParser::settings();
  auto found = std::find_if(parsers_.begin(), parsers_.end(),
                            [fd](const auto& entry) { return entry.first == fd; });
  if (found == parsers_.end()) return;
  http_parser_execute(&found->second->parser, &settings, data, size);
  if (closing_fd_ == fd) {
    close_client(fd);
    forget(fd);
    closing_fd_ = -1;
  }
}

void CaptureServer::forget(int fd) {
  parsers_.erase(std::remove_if(parsers_.begin(), parsers_.end(),
                                [fd](const auto& entry) { return entry.first == fd; }),
                 parsers_.end());
}

void CaptureServer::respond(int fd, bool head) {
  if (head) {  // the length of the body a GET would get, but no body
    send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n");
    return;
  }
  switch (framing_) {
    case Framing::content_length:
      send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      return;
    case Framing::after_100_continue:
      send_all(fd, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      return;
    case Framing::chunked:
      send_all(
          fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\no\r\n1\r\nk\r\n0\r\n\r\n");
      return;
    case Framing::connection_close:
      send_all(fd, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
      closing_fd_ = fd;  // closed once the parser has returned
      return;
  }
}

}  // namespace perfgate::native::testing
