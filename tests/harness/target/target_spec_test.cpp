#include "harness/target/target_spec.h"

#include <catch2/catch.hpp>

#include "core/errors.h"

using namespace std::chrono_literals;
using perfgate::InputError;
using perfgate::target::LatencyShape;
using namespace perfgate::target;

TEST_CASE("latency specs parse into shape and parameters", "[target][spec]") {
  auto fixed = parse_latency_spec("fixed:2ms");
  CHECK(fixed.shape == LatencyShape::fixed);
  CHECK(fixed.a == 2ms);

  auto uniform = parse_latency_spec("uniform:1ms,5ms");
  CHECK(uniform.shape == LatencyShape::uniform);
  CHECK(uniform.a == 1ms);
  CHECK(uniform.b == 5ms);

  auto lognormal = parse_latency_spec("lognormal:2ms,0.5");
  CHECK(lognormal.shape == LatencyShape::lognormal);
  CHECK(lognormal.a == 2ms);
  CHECK(lognormal.sigma == 0.5);

  TargetOptions options;
  apply(uniform, options);
  CHECK(options.latency == LatencyShape::uniform);
  CHECK(options.latency_b == 5ms);
}

TEST_CASE("bad latency specs name the option and the accepted forms", "[target][spec]") {
  for (const char* bad : {"", "2ms", "fixed:", "fixed:abc", "uniform:5ms,1ms", "uniform:1ms",
                          "lognormal:2ms", "lognormal:2ms,-1", "lognormal:2ms,x", "gauss:1ms,1"}) {
    INFO(bad);
    try {
      parse_latency_spec(bad);
      FAIL("accepted");
    } catch (const InputError& error) {
      CHECK(error.file() == "--latency");
      CHECK(std::string(error.what()).find("fixed:2ms") != std::string::npos);
    }
  }
}

TEST_CASE("stall, error rate and duration specs", "[target][spec]") {
  auto stall = parse_stall_spec("3s:1s");
  CHECK(stall.at == 3s);
  CHECK(stall.length == 1s);
  TargetOptions options;
  apply(stall, options);
  REQUIRE(options.stall_at);
  CHECK(*options.stall_at == 3s);
  CHECK(options.stall_for == 1s);
  CHECK_THROWS_AS(parse_stall_spec("3s"), InputError);
  CHECK_THROWS_AS(parse_stall_spec("3s:0s"), InputError);

  CHECK(parse_error_rate("1%") == Approx(0.01));
  CHECK(parse_error_rate("0.2") == Approx(0.2));
  CHECK_THROWS_AS(parse_error_rate("150%"), InputError);
  CHECK_THROWS_AS(parse_error_rate("lots"), InputError);

  CHECK(parse_run_duration("30s") == 30s);
  CHECK_THROWS_AS(parse_run_duration("0s"), InputError);
}

TEST_CASE("hosts: loopback only unless remote is allowed", "[target][spec]") {
  CHECK(parse_host("127.0.0.1", false) == "127.0.0.1");
  CHECK(parse_host("127.0.0.2", false) == "127.0.0.2");
  CHECK(parse_host("localhost", false) == "127.0.0.1");
  CHECK_THROWS_AS(parse_host("0.0.0.0", false), InputError);
  CHECK_THROWS_AS(parse_host("10.1.2.3", false), InputError);
  CHECK(parse_host("0.0.0.0", true) == "0.0.0.0");
  CHECK_THROWS_AS(parse_host("example.com", true), InputError);
}
