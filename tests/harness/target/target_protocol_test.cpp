// The target server speaks HTTP/1.1 correctly: keep-alive, pipelining, closing, bad input.
#include <catch2/catch.hpp>

#include <string>
#include <thread>

#include "core/errors.h"
#include "harness/target/target_server.h"
#include "tests/harness/target/http_test_client.h"

using namespace std::chrono_literals;
using perfgate::target::TargetOptions;
using perfgate::target::TargetServer;
using perfgate::target::testing::get_request;
using perfgate::target::testing::HttpTestClient;

namespace {

TargetOptions local_options() {
  TargetOptions options;
  options.port = 0;
  return options;
}

}  // namespace

TEST_CASE("several keep-alive requests are served on one connection", "[target][server]") {
  TargetServer server(local_options());
  server.start();
  HttpTestClient client(server.port());
  for (int i = 0; i < 5; ++i) {
    auto response = client.get("/items/" + std::to_string(i));
    CHECK(response.status == 200);
    CHECK(response.headers["content-type"] == "text/plain");
    CHECK(response.headers["connection"] == "keep-alive");
    CHECK(response.body.size() == 1024);
  }
  CHECK(server.stats().connections_accepted == 1);
  CHECK(server.stats().requests == 5);
}

TEST_CASE("pipelined requests are answered in order even when later ones are ready first",
          "[target][server]") {
  TargetOptions options = local_options();
  options.latency_a = 30ms;  // /a and /b wait; /health would be ready at once
  TargetServer server(options);
  server.start();
  HttpTestClient client(server.port());
  client.send(get_request("/a") + get_request("/health") + get_request("/b"));
  auto first = client.read_response();
  auto second = client.read_response();
  auto third = client.read_response();
  CHECK(first.body.size() == 1024);
  CHECK(second.body == "ok");
  CHECK(third.body.size() == 1024);
}

TEST_CASE("a request split into tiny writes is answered", "[target][server]") {
  TargetServer server(local_options());
  server.start();
  HttpTestClient client(server.port());
  std::string request = get_request("/slowly");
  for (char byte : request) {
    client.send(std::string(1, byte));
    std::this_thread::sleep_for(1ms);
  }
  CHECK(client.read_response().status == 200);
}

TEST_CASE("Connection: close is honoured after the response", "[target][server]") {
  TargetServer server(local_options());
  server.start();
  HttpTestClient client(server.port());
  client.send(get_request("/", "Connection: close\r\n"));
  auto response = client.read_response();
  CHECK(response.status == 200);
  CHECK(response.headers["connection"] == "close");
  CHECK(client.closed_by_server());
}

TEST_CASE("garbage gets 400 and a close, after the valid requests before it", "[target][server]") {
  TargetServer server(local_options());
  server.start();
  HttpTestClient garbage(server.port());
  garbage.send("THIS IS NOT HTTP\r\n\r\n");
  auto rejected = garbage.read_response();
  CHECK(rejected.status == 400);
  CHECK(rejected.headers["connection"] == "close");
  CHECK(garbage.closed_by_server());

  HttpTestClient mixed(server.port());
  mixed.send(get_request("/fine") + "\x01\x02 nonsense\r\n\r\n");
  CHECK(mixed.read_response().status == 200);
  CHECK(mixed.read_response().status == 400);
  CHECK(mixed.closed_by_server());
  CHECK(server.stats().bad_requests == 2);

  // The server itself is unharmed.
  HttpTestClient after(server.port());
  CHECK(after.get("/").status == 200);
}

TEST_CASE("HEAD gets the headers without the body", "[target][server]") {
  TargetOptions options = local_options();
  options.response_bytes = 77;
  TargetServer server(options);
  server.start();
  HttpTestClient client(server.port());
  client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
  auto head = client.read_response(5s, false);
  CHECK(head.status == 200);
  CHECK(head.headers["content-length"] == "77");
  // The next response must start right after the headers: no stray body bytes.
  CHECK(client.get("/").body.size() == 77);
}

TEST_CASE("a client that half-closes still gets its delayed answer", "[target][server]") {
  TargetOptions options = local_options();
  options.latency_a = 20ms;
  TargetServer server(options);
  server.start();
  HttpTestClient client(server.port());
  client.send(get_request("/a") + get_request("/b"));
  client.shutdown_write();
  CHECK(client.read_response().status == 200);
  CHECK(client.read_response().status == 200);
  CHECK(client.closed_by_server());
}

TEST_CASE("the response body has exactly the configured size", "[target][server]") {
  for (size_t bytes : {size_t{0}, size_t{1}, size_t{1000}, size_t{3'000'000}}) {
    INFO(bytes);
    TargetOptions options = local_options();
    options.response_bytes = bytes;
    TargetServer server(options);
    server.start();
    HttpTestClient client(server.port());
    for (int i = 0; i < 2; ++i) {
      auto response = client.get("/");
      CHECK(response.headers["content-length"] == std::to_string(bytes));
      CHECK(response.body.size() == bytes);
    }
  }
}

TEST_CASE("a port in use is a RunError naming the address", "[target][server]") {
  TargetServer first(local_options());
  TargetOptions same_port = local_options();
  same_port.port = first.port();
  try {
    TargetServer second(same_port);
    FAIL("a second server bound the same port");
  } catch (const perfgate::RunError& error) {
    std::string message = error.what();
    CHECK(message.find("127.0.0.1:" + std::to_string(first.port())) != std::string::npos);
    CHECK(message.find("in use") != std::string::npos);
  }
}
