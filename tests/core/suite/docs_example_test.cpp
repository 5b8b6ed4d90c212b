// docs/suite-file.md shows a suite; a newcomer copies it. It must load as written.
#include <catch2/catch.hpp>

#include <regex>

#include "core/suite/suite_loader.h"
#include "tests/support/test_support.h"

using namespace perfgate;

TEST_CASE("the suite example in docs/suite-file.md loads", "[suite][docs]") {
  std::string page = testing::read_file(testing::source_dir() / "docs/suite-file.md");
  std::smatch example;
  REQUIRE(std::regex_search(page, example, std::regex("```yaml\n(suite: [\\s\\S]*?)```")));
  Suite suite = parse_suite(example[1].str(), "docs/suite-file.md");
  CHECK(suite.scenarios.size() >= 2);
}
