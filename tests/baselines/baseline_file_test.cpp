// The baseline file format: trimmed, stable, one metric per line, read back to the same numbers.
#include <catch2/catch.hpp>

#include <sstream>

#include "baselines/baseline_file.h"
#include "core/errors.h"
#include "tests/baselines/git_fixture.h"

using namespace perfgate;
using namespace perfgate::testing;

namespace {

int count_lines_containing(const std::string& text, const std::string& needle) {
  std::istringstream lines(text);
  int count = 0;
  for (std::string line; std::getline(lines, line);)
    count += line.find(needle) != std::string::npos ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("a baseline reads back to the same numbers, without what comparisons do not need",
          "[baselines]") {
  SuiteResult result = synthetic_result("api", {"browse", "checkout"}, 2.0);
  result.git = GitInfo{.commit = "0123456789abcdef0123456789abcdef01234567", .branch = "main"};
  result.scenarios[0].runs[0].started_at = "2026-11-27T03:48:34Z";
  const std::string text = baselines::render_baseline(result);
  CHECK(text.rfind("{\n  \"schema\": \"perfgate/result/v1\",\n", 0) == 0);
  CHECK(text.find("timeline") == std::string::npos);
  CHECK(text.find("started_at") == std::string::npos);
  CHECK(text.find("\"branch\"") == std::string::npos);

  const SuiteResult back = baselines::parse_baseline(text, "api.json");
  REQUIRE(back.scenarios.size() == 2);
  CHECK(back.git->commit == result.git->commit);
  for (std::size_t s = 0; s < 2; ++s)
    for (std::size_t r = 0; r < 5; ++r) {
      const RunResult& before = result.scenarios[s].runs[r];
      const RunResult& after = back.scenarios[s].runs[r];
      CHECK(*after.find("latency", {{"request", "list"}})->histogram ==
            *before.find("latency", {{"request", "list"}})->histogram);
      CHECK(after.find("throughput")->value == before.find("throughput")->value);
    }
}

TEST_CASE("a baseline is diff-friendly: one metric per line, equal results give equal bytes",
          "[baselines]") {
  const SuiteResult result = synthetic_result("api", {"browse"}, 2.0);
  const std::string text = baselines::render_baseline(result);
  CHECK(text == baselines::render_baseline(baselines::parse_baseline(text, "x")));
  // 5 runs x 2 metrics, each metric alone on its line with its summary and histogram.
  CHECK(count_lines_containing(text, "{\"name\": \"latency\", \"unit\": \"ns\"") == 5);
  CHECK(count_lines_containing(text, "{\"name\": \"throughput\"") == 5);
  CHECK(count_lines_containing(text, "\"histogram\": ") == 5);
  // Changing one run's value changes exactly one line.
  SuiteResult moved = result;
  moved.scenarios[0].runs[3].metrics[1].value = 123.0;
  std::istringstream a(text), b(baselines::render_baseline(moved));
  int differing = 0;
  for (std::string x, y; std::getline(a, x) && std::getline(b, y);) differing += x != y ? 1 : 0;
  CHECK(differing == 1);
}

TEST_CASE("a corrupt baseline or one of an unknown schema is an InputError naming it",
          "[baselines]") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(baselines::parse_baseline("<<<<<<< HEAD\n{", "main:.perfgate/api.json"),
                    Contains("main:.perfgate/api.json") && Contains("not JSON"));
  CHECK_THROWS_AS(baselines::parse_baseline("", "x"), InputError);
  std::string text = baselines::render_baseline(synthetic_result("api", {"browse"}, 1.0));
  text.replace(text.find("result/v1"), 9, "result/v9");
  CHECK_THROWS_WITH(baselines::parse_baseline(text, "old.json"),
                    Contains("old.json") && Contains("perfgate/result/v1"));
}
