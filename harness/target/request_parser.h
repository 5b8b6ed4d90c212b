// Incremental HTTP/1.1 request parsing for one connection, on top of http_parser: requests
// may arrive split across reads or several in one read (pipelining); bodies are skipped.
#pragma once

#include <http_parser.h>

#include <string>
#include <string_view>
#include <vector>

namespace perfgate::target {

struct ParsedRequest {
  bool health = false;     // path is /health (query string ignored)
  bool keep_alive = true;  // HTTP/1.1 default; false for Connection: close, HTTP/1.0, Upgrade
  bool head_only = false;  // HEAD: answer without a body
};

enum class ParseStatus {
  more,       // every byte consumed; further requests may follow
  finished,   // a request ended the connection; later bytes are ignored
  malformed,  // not HTTP: answer 400 and close
};

class RequestParser {
 public:
  RequestParser();
  RequestParser(const RequestParser&) = delete;
  RequestParser& operator=(const RequestParser&) = delete;

  // Appends each request completed by `bytes` to `requests`, in arrival order.
  ParseStatus feed(std::string_view bytes, std::vector<ParsedRequest>& requests);

 private:
  static int on_message_begin(http_parser* parser);
  static int on_url(http_parser* parser, const char* at, size_t length);
  static int on_message_complete(http_parser* parser);
  static RequestParser& self(http_parser* parser);

  http_parser parser_;
  std::string url_;
  std::vector<ParsedRequest>* sink_ = nullptr;
  bool finished_ = false;
};

}  // namespace perfgate::target
