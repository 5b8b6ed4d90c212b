// `perfgate calibrate` end to end with a tiny configuration: noise table and recommendation on
// this machine; bad flags exit 2 naming the flag.
#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace perfgate::testing;

TEST_CASE("perfgate calibrate prints noise figures and a recommendation", "[calibrate][e2e]") {
  const auto out = run_command({perfgate_binary().string(), "calibrate", "--runs", "3",
                                "--duration", "200ms", "--warmup", "0", "--connections", "2"});
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  for (const char* text :
       {"run-to-run CV", "latency.p50", "latency.p99", "throughput",
        "Recommendation (alpha 0.05, power 90.0 %)", "threshold:", "repetitions:"})
    CHECK(out.out.find(text) != std::string::npos);
  CHECK(out.err.find("3 A/A runs of 200ms") != std::string::npos);
  CHECK(out.err.find("run 3/3") != std::string::npos);
}

TEST_CASE("perfgate calibrate rejects bad flags with exit 2", "[calibrate][e2e]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--threshold", "150%"}, "--threshold"},  {{"--power", "1%"}, "--power"},
      {{"--duration", "soon"}, "--duration"},    {{"--runs", "1"}, "--runs"},
      {{"--url", "ftp://127.0.0.1:1"}, "--url"},
  };
  for (const auto& [flags, named] : cases) {
    std::vector<std::string> argv{perfgate_binary().string(), "calibrate"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    const auto out = run_command(argv);
    INFO(flags[0] << " " << flags[1] << ": " << out.err);
    CHECK(out.exit_code == 2);
    CHECK(out.err.find(named) != std::string::npos);
  }
}
