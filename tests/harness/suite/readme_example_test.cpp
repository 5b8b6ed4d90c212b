// The README shows a suite; a newcomer copies it. It must load as written.
#include <catch2/catch.hpp>

#include <regex>

#include "harness/suite/suite_loader.h"
#include "tests/support/test_support.h"

using namespace perfgate;

TEST_CASE("the suite example in README.md loads", "[suite][readme]") {
  std::string readme = testing::read_file(testing::source_dir() / "README.md");
  std::smatch example;
  REQUIRE(std::regex_search(readme, example, std::regex("```yaml\n(suite: [\\s\\S]*?)```")));
  Suite suite = parse_suite(example[1].str(), "README.md");
  CHECK(suite.scenarios.size() >= 2);
}
