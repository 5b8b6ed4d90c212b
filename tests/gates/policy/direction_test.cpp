// Which way is better: the table of defaults, and a suite's overrides.
#include "gates/policy/direction.h"

#include <catch2/catch.hpp>

#include "core/suite/suite_loader.h"

namespace gates = perfgate::gates;
using gates::Direction;

TEST_CASE("direction table: costs are lower-is-better, rates of work higher", "[gates][policy]") {
  for (const char* name : {"latency", "ttfb", "connect_time", "error_rate", "errors", "real_time",
                           "cpu_time", "checks_fails", "some_unknown_metric"})
    CHECK(gates::default_direction(name) == Direction::lower_is_better);
  for (const char* name : {"throughput", "items_per_second", "bytes_per_second", "requests",
                           "frames_per_second", "checks", "checks_passes"})
    CHECK(gates::default_direction(name) == Direction::higher_is_better);
}

TEST_CASE("a suite's gate.directions override the table", "[gates][policy]") {
  const auto suite = perfgate::parse_suite(R"(suite: api
gate:
  directions: { real_time: higher, custom_score: higher, throughput: lower }
scenarios:
  - name: browse
    adapter: native
    target: http://127.0.0.1:8080
    duration: 1s
    requests: [{ path: / }]
)",
                                           "suites/api.yaml");
  CHECK(gates::direction_of(suite.gate, "real_time") == Direction::higher_is_better);
  CHECK(gates::direction_of(suite.gate, "custom_score") == Direction::higher_is_better);
  CHECK(gates::direction_of(suite.gate, "throughput") == Direction::lower_is_better);
  CHECK(gates::direction_of(suite.gate, "latency") == Direction::lower_is_better);
  CHECK(gates::direction_of(gates::GatePolicy{}, "throughput") == Direction::higher_is_better);
}
