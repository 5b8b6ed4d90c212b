#include "harness/target/request_parser.h"

namespace perfgate::target {
namespace {

// Longer URLs are answered 400: the target serves a handful of short paths.
constexpr size_t max_url_bytes = 8192;

bool is_health_path(std::string_view url) {
  constexpr std::string_view health = "/health";
  if (!url.starts_with(health)) return false;
  return url.size() == health.size() || url[health.size()] == '?';
}

}  // namespace

RequestParser::RequestParser() {
  http_parser_init(&parser_, HTTP_REQUEST);
  parser_.data = this;
}

RequestParser& RequestParser::self(http_parser* parser) {
  return *static_cast<RequestParser*>(parser->data);
}

int RequestParser::on_message_begin(http_parser* parser) {
  self(parser).url_.clear();
  return 0;
}

int RequestParser::on_url(http_parser* parser, const char* at, size_t length) {
  auto& url = self(parser).url_;
  if (url.size() + length > max_url_bytes) return 1;  // http_parser reports HPE_CB_url
  url.append(at, length);
  return 0;
}

int RequestParser::on_message_complete(http_parser* parser) {
  auto& me = self(parser);
  ParsedRequest request;
  request.health = is_health_path(me.url_);
  // Upgrade requests are answered like any other, then the connection closes: we speak no
  // other protocol, and the bytes after the headers are not HTTP.
  request.keep_alive = http_should_keep_alive(parser) != 0 && parser->upgrade == 0;
  request.head_only = parser->method == HTTP_HEAD;
  me.sink_->push_back(request);
  if (!request.keep_alive) {
    me.finished_ = true;
    http_parser_pause(parser, 1);  // stop here: what follows a closing request is ignored
  }
  return 0;
}

ParseStatus RequestParser::feed(std::string_view bytes, std::vector<ParsedRequest>& requests) {
  if (finished_) return ParseStatus::finished;
  static const http_parser_settings settings = [] {
    http_parser_settings s{};
    s.on_message_begin = &RequestParser::on_message_begin;
    s.on_url = &RequestParser::on_url;
    s.on_message_complete = &RequestParser::on_message_complete;
    return s;
  }();
  sink_ = &requests;
  http_parser_execute(&parser_, &settings, bytes.data(), bytes.size());
  sink_ = nullptr;
  auto error = HTTP_PARSER_ERRNO(&parser_);
  if (finished_) return ParseStatus::finished;
  if (error != HPE_OK) return ParseStatus::malformed;
  return ParseStatus::more;
}

}  // namespace perfgate::target
