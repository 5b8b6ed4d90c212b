// Parameter sweeps: a native scenario's `matrix:` expands into named scenarios.
#include <catch2/catch.hpp>

#include "core/errors.h"
#include "core/suite/suite_loader.h"

using namespace perfgate;

namespace {

Suite parse_scenario(const std::string& extra) {
  return parse_suite(
      "suite: t\n"
      "scenarios:\n"
      "  - name: browse\n"
      "    adapter: native\n"
      "    target: http://127.0.0.1:1\n"
      "    duration: 1s\n"
      "    requests: [{}]\n" +
          extra +
          "  - { name: other, adapter: native, target: http://127.0.0.1:1, duration: 1s, "
          "requests: [{}] }\n",
      "suite.yaml");
}

std::vector<std::string> names(const Suite& suite) {
  std::vector<std::string> out;
  for (const Scenario& scenario : suite.scenarios) out.push_back(scenario.name);
  return out;
}

}  // namespace

TEST_CASE("matrix: one scenario per value, named by it", "[suite][matrix]") {
  Suite suite = parse_scenario("    matrix: { connections: [8, 32, 128] }\n");
  CHECK(names(suite) == std::vector<std::string>{"browse[connections=8]", "browse[connections=32]",
                                                 "browse[connections=128]", "other"});
  CHECK(suite.scenarios[0].native.connections == 8);
  CHECK(suite.scenarios[2].native.connections == 128);
  CHECK(suite.scenarios[1].native.duration == suite.scenarios[0].native.duration);
  CHECK(suite.scenarios[3].native.connections == 8);  // the default, untouched
}

TEST_CASE("matrix: combinations, first parameter slowest; a rate makes it open-model",
          "[suite][matrix]") {
  Suite suite =
      parse_scenario("    connections: 16\n    matrix: { threads: [1, 2], rate: [100/s, 200] }\n");
  CHECK(names(suite) == std::vector<std::string>{"browse[threads=1,rate=100/s]",
                                                 "browse[threads=1,rate=200/s]",
                                                 "browse[threads=2,rate=100/s]",
                                                 "browse[threads=2,rate=200/s]", "other"});
  CHECK(suite.scenarios[2].native.threads == 2);
  CHECK(suite.scenarios[2].native.model == LoadModel::open);
  CHECK(suite.scenarios[2].native.rate_per_s == 100);
  CHECK(suite.scenarios[3].native.connections == 16);
}

TEST_CASE("matrix: mistakes name the line and key", "[suite][matrix]") {
  struct Case {
    std::string extra, where, message;
  };
  std::vector<Case> cases{
      {"    matrix: { conections: [1] }\n", "line 8, key scenarios[0].matrix.conections",
       "did you mean 'connections'"},
      {"    matrix: { connections: [] }\n", "line 8, key scenarios[0].matrix.connections",
       "at least one value"},
      {"    matrix: { connections: [0] }\n", "line 8, key scenarios[0].matrix.connections[0]", ""},
      {"    matrix: {}\n", "line 8, key scenarios[0].matrix", "at least one parameter"},
      {"    matrix: { connections: [1, 1] }\n", "line 3, key scenarios[0].name", "duplicate"},
      {"    threads: 4\n    matrix: { connections: [2] }\n", "line 9, key scenarios[0].matrix",
       "fewer connections than threads"},
  };
  for (const Case& c : cases) {
    INFO(c.extra);
    try {
      parse_scenario(c.extra);
      FAIL("accepted");
    } catch (const InputError& error) {
      CHECK_THAT(error.where(), Catch::StartsWith(c.where));
      CHECK_THAT(error.what(), Catch::Contains(c.message));
    }
  }
}
