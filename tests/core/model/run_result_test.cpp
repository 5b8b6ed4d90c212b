#include "core/model/run_result.h"

#include <stdexcept>

#include <catch2/catch.hpp>

using namespace perfgate;

TEST_CASE("RunResult finds metrics by name and exact tags") {
  RunResult run;
  run.add({.name = "latency", .unit = "ns", .tags = {{"request", "list"}}});
  run.add({.name = "latency", .unit = "ns", .tags = {{"request", "get"}}});
  Metric& throughput = run.add({.name = "throughput", .unit = "1/s"});
  throughput.value = 1999.5;

  REQUIRE(run.find("throughput") != nullptr);
  CHECK(run.find("throughput")->value == 1999.5);
  REQUIRE(run.find("latency", {{"request", "get"}}) != nullptr);
  CHECK(run.find("latency", {{"request", "get"}})->tags.at("request") == "get");
  CHECK(run.find("latency") == nullptr);  // tags are part of the identity
  CHECK(run.find("latency", {{"request", "put"}}) == nullptr);
  CHECK(run.find("errors") == nullptr);
}

TEST_CASE("RunResult refuses a second metric with the same name and tags") {
  RunResult run;
  run.add({.name = "errors", .unit = "count", .tags = {{"kind", "timeout"}}});
  CHECK_THROWS_AS(run.add({.name = "errors", .unit = "count", .tags = {{"kind", "timeout"}}}),
                  std::invalid_argument);
  CHECK_NOTHROW(run.add({.name = "errors", .unit = "count", .tags = {{"kind", "reset"}}}));
  CHECK(run.metrics.size() == 2);
}

TEST_CASE("run status names round trip") {
  for (const RunStatus status : {RunStatus::ok, RunStatus::failed, RunStatus::interrupted}) {
    CHECK(parse_run_status(to_string(status)) == status);
  }
  CHECK(std::string(to_string(RunStatus::failed)) == "failed");
  CHECK_FALSE(parse_run_status("OK").has_value());
  CHECK_FALSE(parse_run_status("").has_value());
}
