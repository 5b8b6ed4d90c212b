// Bad Google Benchmark input: each case is one InputError naming the file and the field (or the
// line and column), never a crash or a silently empty result.
#include <catch2/catch.hpp>

#include <string>

#include "adapters/gbench/gbench_import.h"
#include "core/errors.h"
#include "tests/support/test_support.h"

namespace {

std::string fixture_text(const std::string& relative) {
  return perfgate::testing::read_file(perfgate::testing::fixtures_dir() / relative);
}

const std::string kGenerated =
    "gbench/generated_debian-libbenchmark-1.7.1_counters-nan-bigo-error.json";

// The InputError that importing `text` as "bad.json" raises; fails the test when none is thrown.
perfgate::InputError import_error(const std::string& text) {
  try {
    perfgate::import_gbench(text, "bad.json");
  } catch (const perfgate::InputError& error) {
    CHECK(error.file() == "bad.json");
    return error;
  }
  FAIL("no InputError for: " << text.substr(0, 200));
  throw;  // unreachable: FAIL throws
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("gbench bad input: a truncated file names the position and says truncated") {
  const std::string whole = fixture_text(kGenerated);
  const std::string cut = whole.substr(0, whole.size() / 2);
  const perfgate::InputError error = import_error(cut);
  CHECK_THAT(error.where(), Catch::StartsWith("line "));
  CHECK_THAT(error.what(), Catch::Contains("truncated"));
  CHECK_THAT(error.what(), Catch::Contains("bad.json: line "));
}

TEST_CASE("gbench bad input: positions count the original text around NaN tokens") {
  const std::string text =
      "{\"context\": {},\n \"benchmarks\": [{\"a\": NaN, \"b\": -Infinity, \"c\": @}]}";
  const perfgate::InputError error = import_error(text);
  const std::size_t column = text.find('@') - text.find('\n');  // 1-based within line 2
  CHECK(error.where() == "line 2, column " + std::to_string(column));
}

TEST_CASE("gbench bad input: not JSON at all, binary garbage, empty") {
  CHECK(import_error("hello, world").where() == "line 1, column 1");
  CHECK_THAT(import_error("").what(), Catch::Contains("malformed JSON"));
  CHECK_THAT(import_error(std::string("\x00\xff\x13{\"", 5)).what(), Catch::Contains("malformed"));
  CHECK_THAT(import_error("{\"benchmarks\": [], \"x\": 1e999}").what(),
             Catch::Contains("malformed JSON"));
  CHECK_FALSE(perfgate::looks_like_gbench("hello, world"));
  CHECK_FALSE(perfgate::looks_like_gbench(""));
  CHECK_FALSE(perfgate::looks_like_gbench("[{\"context\": 1, \"benchmarks\": 2}]"));
}

TEST_CASE("gbench bad input: a perfgate results file is recognised and refused clearly") {
  const std::string results = fixture_text("results/checkout-api.json");
  CHECK_FALSE(perfgate::looks_like_gbench(results));
  const perfgate::InputError error = import_error(results);
  CHECK(error.where() == "benchmarks");
  CHECK_THAT(error.what(), Catch::Contains("perfgate results file, not Google Benchmark"));
}

TEST_CASE("gbench bad input: wrong shapes and types name the field") {
  CHECK(import_error("[1, 2]").where().empty());
  CHECK_THAT(import_error("[1, 2]").what(), Catch::Contains("got array"));
  CHECK(import_error("{\"context\": {}}").where() == "benchmarks");
  CHECK(import_error("{\"benchmarks\": {}}").where() == "benchmarks");
  CHECK(import_error("{\"benchmarks\": [42]}").where() == "benchmarks[0]");
  CHECK(import_error("{\"context\": [], \"benchmarks\": []}").where() == "context");

  const std::string whole = fixture_text(kGenerated);
  const perfgate::InputError text_time =
      import_error(replaced(whole, "2.1070001925344479e+02", "\"fast\""));
  CHECK(text_time.where() == "benchmarks[0].real_time");
  CHECK_THAT(text_time.what(), Catch::Contains("expected a number, got string"));
  CHECK(import_error(replaced(whole, "\"ns\"", "\"min\"")).where() == "benchmarks[0].time_unit");
  CHECK(import_error(replaced(whole, "\"error_occurred\": true", "\"error_occurred\": \"yes\""))
            .where() == "benchmarks[21].error_occurred");
  CHECK(import_error(replaced(whole, "\"iteration\"", "\"warmup\"")).where() ==
        "benchmarks[0].run_type");
  CHECK(import_error(replaced(whole, "\"num_cpus\": 2", "\"num_cpus\": \"two\"")).where() ==
        "context.num_cpus");
  CHECK(import_error(replaced(whole, "\"iterations\": 83102", "\"iterations\": [1]")).where() ==
        "benchmarks[0].iterations");
  CHECK(import_error(replaced(whole, "\"run_name\": \"BM_VectorPush/8\"", "\"run_name\": 8"))
            .where() == "benchmarks[0].run_name");
}

TEST_CASE("gbench bad input: rows without times (compare.py's sorting input) are refused") {
  // test4_run.json has iteration rows with no time_unit, real_time or cpu_time.
  const std::string text = fixture_text("gbench/google-benchmark_Inputs_test4_run.json");
  CHECK_FALSE(perfgate::looks_like_gbench(text));  // no context either
  const perfgate::InputError error = import_error(text);
  CHECK(error.where() == "benchmarks[0].time_unit");
  CHECK_THAT(error.what(), Catch::Contains("missing"));
}

TEST_CASE("gbench bad input: unreadable files and an empty file list") {
  perfgate::testing::TempDir dir;
  const std::string missing = (dir.path() / "nope.json").string();
  try {
    perfgate::import_gbench_files({missing});
    FAIL("no error for a missing file");
  } catch (const perfgate::InputError& error) {
    CHECK(error.file() == missing);
  }
  CHECK_THROWS_AS(perfgate::import_gbench_files({}), perfgate::InputError);
  // A bad second file names that file.
  const std::string good = (perfgate::testing::fixtures_dir() / kGenerated).string();
  const std::string bad = (dir.path() / "second.json").string();
  perfgate::testing::write_file(bad, "{\"context\": {}, \"benchmarks\": [");
  try {
    perfgate::import_gbench_files({good, bad});
    FAIL("no error for a truncated second file");
  } catch (const perfgate::InputError& error) {
    CHECK(error.file() == bad);
  }
}
