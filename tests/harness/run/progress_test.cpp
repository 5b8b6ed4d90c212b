#include <catch2/catch.hpp>

#include <cstdio>

#include "harness/run/progress.h"

using namespace perfgate;

TEST_CASE("durations print with three significant digits and a unit", "[progress]") {
  CHECK(format_duration_ns(0) == "0ns");
  CHECK(format_duration_ns(999) == "999ns");
  CHECK(format_duration_ns(1'500) == "1.50us");
  CHECK(format_duration_ns(12'340'000) == "12.3ms");
  CHECK(format_duration_ns(250'000'000) == "250ms");
  CHECK(format_duration_ns(2'010'000'000) == "2.01s");
}

TEST_CASE("counts group thousands", "[progress]") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1 000");
  CHECK(format_count(1234567.4) == "1 234 567");
  CHECK(format_count(-4200) == "-4 200");
}

TEST_CASE("the progress line stays silent when the stream is not a terminal", "[progress]") {
  std::FILE* file = std::tmpfile();
  REQUIRE(file);
  {
    ProgressLine line(file, true);
    line.set_phase("browse", "run 1/3");
    line.update({1.0, 100, 0, 100, 1'000'000});
  }
  CHECK(std::ftell(file) == 0);
  std::fclose(file);
}
