// Bad Artillery input: one InputError naming the file and the line (or key), never a crash.
#include <catch2/catch.hpp>

#include "adapters/artillery/artillery_import.h"
#include "core/errors.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using perfgate::testing::fixtures_dir;
using perfgate::testing::read_file;

namespace {

// The message of the InputError `text` raises, as `source`.
std::string error_for(const std::string& text, const std::string& source = "report.json") {
  try {
    import_artillery_report(text, source);
  } catch (const InputError& error) {
    CHECK(error.file() == source);
    return error.what();
  }
  FAIL("no InputError for: " << text.substr(0, 80));
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a truncated report names the line where it ends", "[artillery][bad-input]") {
  std::string text =
      read_file(fixtures_dir() / "artillery" / "media-scraper_v2_expect-plugin.json");
  std::string truncated = text.substr(0, 1000);
  size_t lines = static_cast<size_t>(std::count(truncated.begin(), truncated.end(), '\n')) + 1;
  std::string message = error_for(truncated);
  INFO(message);
  CHECK(contains(message, "report.json: line " + std::to_string(lines) + ", column "));
  CHECK(contains(message, "truncated"));
}

TEST_CASE("both Artillery 1.x fixtures are refused by name", "[artillery][bad-input]") {
  // "aggregate" opens line 3 of the first file and line 2 of the second.
  for (auto [name, line] : {std::pair{"artillery-repo_legacy-1x_report_tls-error.json", 3},
                            std::pair{"bank_legacy-1x_with-latencies-ns.json", 2}}) {
    std::string path = (fixtures_dir() / "artillery" / name).string();
    try {
      import_artillery_files({path});
      FAIL("imported a 1.x report: " << name);
    } catch (const InputError& error) {
      std::string message = error.what();
      INFO(message);
      CHECK(error.file() == path);
      CHECK(contains(message, "Artillery 1.x reports are not supported"));
      CHECK(contains(message, "line " + std::to_string(line) + ", key aggregate"));
    }
  }
}

TEST_CASE("binary garbage and non-reports give one clear message", "[artillery][bad-input]") {
  std::string garbage("\x1f\x8b\x08\x00\xff\xfe\x00\x01garbage", 16);
  CHECK(contains(error_for(garbage), "report.json: line 1, column 1: malformed JSON"));
  CHECK(contains(error_for("[1, 2]"), "not an Artillery report"));
  CHECK(contains(error_for("{\"results\": []}"), "not an Artillery report"));
  CHECK(contains(error_for("{\"aggregate\": {\"period\": 1}}"), "key aggregate.counters"));
}

TEST_CASE("fields of the wrong type are named with their line", "[artillery][bad-input]") {
  std::string counters =
      "{\n  \"aggregate\": {\n    \"counters\": {\n      \"http.requests\": \"many\"\n"
      "    }\n  }\n}\n";
  std::string message = error_for(counters);
  INFO(message);
  CHECK(contains(message, "line 4, key aggregate.counters.http.requests: expected a count"));
  std::string negative = "{\"aggregate\": {\"counters\": {\"errors.X\": -1}}}";
  CHECK(contains(error_for(negative), "expected a count"));
  std::string summary =
      "{\"aggregate\": {\"counters\": {}, \"summaries\": {\"http.response_time\": {\"count\": 3, "
      "\"min\": \"fast\"}}}}";
  CHECK(contains(error_for(summary), "key aggregate.summaries.http.response_time.min"));
  std::string intermediate = "{\"aggregate\": {\"counters\": {}}, \"intermediate\": [1]}";
  CHECK(contains(error_for(intermediate), "key intermediate[0]: expected an object"));
}

TEST_CASE("a missing file is an InputError naming it", "[artillery][bad-input]") {
  CHECK_THROWS_WITH(import_artillery_files({"/nonexistent/report.json"}),
                    Catch::Contains("/nonexistent/report.json") && Catch::Contains("cannot read"));
}
