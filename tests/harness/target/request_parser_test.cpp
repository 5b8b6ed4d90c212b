#include "harness/target/request_parser.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using perfgate::target::ParsedRequest;
using perfgate::target::ParseStatus;
using perfgate::target::RequestParser;

namespace {

const std::string plain_get = "GET /items HTTP/1.1\r\nHost: x\r\n\r\n";

}  // namespace

TEST_CASE("a request split over many reads is parsed once it is complete", "[target][parser]") {
  RequestParser parser;
  std::vector<ParsedRequest> requests;
  for (char byte : plain_get) {
    REQUIRE(requests.empty());
    REQUIRE(parser.feed(std::string_view(&byte, 1), requests) == ParseStatus::more);
  }
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].keep_alive);
  CHECK_FALSE(requests[0].health);
  CHECK_FALSE(requests[0].head_only);
}

TEST_CASE("pipelined requests come out in order, bodies skipped", "[target][parser]") {
  RequestParser parser;
  std::vector<ParsedRequest> requests;
  std::string bytes = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello" +
                      std::string("GET /health?verbose=1 HTTP/1.1\r\n\r\n") +
                      "HEAD /b HTTP/1.1\r\n\r\n";
  REQUIRE(parser.feed(bytes, requests) == ParseStatus::more);
  REQUIRE(requests.size() == 3);
  CHECK_FALSE(requests[0].health);
  CHECK(requests[1].health);
  CHECK(requests[2].head_only);
}

TEST_CASE("/healthz is not the health endpoint", "[target][parser]") {
  RequestParser parser;
  std::vector<ParsedRequest> requests;
  parser.feed("GET /healthz HTTP/1.1\r\n\r\n", requests);
  REQUIRE(requests.size() == 1);
  CHECK_FALSE(requests[0].health);
}

TEST_CASE("Connection: close and HTTP/1.0 end the connection, later bytes are ignored",
          "[target][parser]") {
  RequestParser parser;
  std::vector<ParsedRequest> requests;
  auto status =
      parser.feed("GET /a HTTP/1.1\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\n\r\n", requests);
  CHECK(status == ParseStatus::finished);
  REQUIRE(requests.size() == 1);
  CHECK_FALSE(requests[0].keep_alive);
  CHECK(parser.feed(plain_get, requests) == ParseStatus::finished);
  CHECK(requests.size() == 1);

  RequestParser old_client;
  requests.clear();
  CHECK(old_client.feed("GET / HTTP/1.0\r\n\r\n", requests) == ParseStatus::finished);
  REQUIRE(requests.size() == 1);
  CHECK_FALSE(requests[0].keep_alive);
}

TEST_CASE("HTTP/1.0 with keep-alive stays open", "[target][parser]") {
  RequestParser parser;
  std::vector<ParsedRequest> requests;
  CHECK(parser.feed("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", requests) ==
        ParseStatus::more);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].keep_alive);
}

TEST_CASE("garbage is malformed, after the valid requests before it", "[target][parser]") {
  RequestParser parser;
  std::vector<ParsedRequest> requests;
  CHECK(parser.feed(plain_get + "NOT HTTP AT ALL\r\n\r\n", requests) == ParseStatus::malformed);
  CHECK(requests.size() == 1);

  RequestParser binary;
  requests.clear();
  CHECK(binary.feed(std::string("\x16\x03\x01\x02\x00", 5), requests) == ParseStatus::malformed);
  CHECK(requests.empty());
}

TEST_CASE("an oversized URL is malformed", "[target][parser]") {
  RequestParser parser;
  std::vector<ParsedRequest> requests;
  std::string request = "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n";
  CHECK(parser.feed(request, requests) == ParseStatus::malformed);
  CHECK(requests.empty());
}

TEST_CASE("an Upgrade request is answered and then ends the connection", "[target][parser]") {
  RequestParser parser;
  std::vector<ParsedRequest> requests;
  auto status = parser.feed(
      "GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n\x81\x05hello",
      requests);
  CHECK(status == ParseStatus::finished);
  REQUIRE(requests.size() == 1);
  CHECK_FALSE(requests[0].keep_alive);
}
