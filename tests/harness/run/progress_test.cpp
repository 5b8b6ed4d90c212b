#include <catch2/catch.hpp>

#include <cstdio>

#include "harness/run/progress.h"

using namespace perfgate;

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
