// Bad k6 input: truncated files, binary garbage, a wrong kind of file, bad fields. Each is one
// InputError naming the file and the line (or field), never a crash or an empty result; the
// CLI turns it into exit code 2.
#include <catch2/catch.hpp>

#include <fstream>

#include "core/errors.h"
#include "tests/adapters/k6/k6_test_support.h"

using perfgate::testing::read_file;
using perfgate::testing::TempDir;
using perfgate::testing::write_file;

namespace {

// The InputError importing `text` (written to a temp file) raises.
perfgate::InputError import_error(const std::string& text, const std::string& name = "bad.ndjson") {
  TempDir dir;
  const std::string path = (dir.path() / name).string();
  write_file(path, text);
  try {
    perfgate::k6::import_k6_file(path);
  } catch (const perfgate::InputError& error) {
    CHECK(error.file() == path);
    return error;
  }
  FAIL("no InputError for: " << text.substr(0, 200));
  throw;  // unreachable: FAIL throws
}

std::string first_lines(const std::string& text, int lines) {
  size_t at = 0;
  for (int i = 0; i < lines; ++i) at = text.find('\n', at) + 1;
  return text.substr(0, at);
}

const std::string kPoint =
    R"({"metric":"http_reqs","type":"Point","data":{"time":"2026-11-27T03:29:57.5Z","value":1,"tags":{}}})";

}  // namespace

TEST_CASE("k6 bad input: a truncated NDJSON file names its last line") {
  const std::string whole = read_file(k6_test::fixture("smoke-pass.ndjson"));
  const std::string cut = first_lines(whole, 10) + whole.substr(first_lines(whole, 10).size(), 50);
  const perfgate::InputError error = import_error(cut);
  CHECK(error.where() == "line 11");
  CHECK_THAT(error.what(), Catch::Contains("truncated"));
}

TEST_CASE("k6 bad input: a truncated gzip stream") {
  const std::string whole = read_file(k6_test::fixture("smoke-pass.ndjson.gz"));
  const perfgate::InputError error =
      import_error(whole.substr(0, whole.size() / 2), "bad.ndjson.gz");
  CHECK_THAT(error.what(), Catch::Contains("truncated"));
}

TEST_CASE("k6 bad input: binary garbage, empty, and files of other tools") {
  CHECK_THAT(import_error(std::string("\x7f"
                                      "ELF\x02\x01\x01\x00\xff\xfe",
                                      10))
                 .what(),
             Catch::Contains("line 1: not a k6 output file"));
  CHECK_THAT(import_error("").what(), Catch::Contains("empty file"));
  CHECK_THAT(import_error("\n  \n").what(), Catch::Contains("empty file"));
  // A JMeter JTL and a Google Benchmark JSON.
  CHECK_THAT(import_error("timeStamp,elapsed,label\n1,2,x\n", "a.jtl").what(),
             Catch::Contains("not a k6 output file"));
  CHECK_THAT(import_error("{\n \"context\": {}, \"benchmarks\": []\n}\n", "b.json").what(),
             Catch::Contains("not a k6"));
  // Other NDJSON: JSON lines, but not k6's.
  CHECK_THAT(import_error(kPoint + "\n{\"level\":\"info\"}\n").what(), Catch::Contains("line 2"));
}

TEST_CASE("k6 bad input: bad fields of a Point name line and field") {
  const std::string bad_time =
      R"({"metric":"http_reqs","type":"Point","data":{"time":"yesterday","value":1,"tags":{}}})";
  perfgate::InputError error = import_error(kPoint + "\n" + kPoint + "\n" + bad_time + "\n");
  CHECK(error.where() == "line 3, field data.time");
  const std::string bad_value =
      R"({"metric":"http_reqs","type":"Point","data":{"time":"2026-11-27T03:29:57Z","value":"1","tags":{}}})";
  CHECK(import_error(kPoint + "\n" + bad_value + "\n").where() == "line 2, field data.value");
  const std::string bad_tags =
      R"({"metric":"http_reqs","type":"Point","data":{"time":"2026-11-27T03:29:57Z","value":1,"tags":[1]}})";
  CHECK(import_error(kPoint + "\n" + bad_tags + "\n").where() == "line 2, field data.tags");
  CHECK_THAT(import_error(kPoint + "\n{not json}\n").what(),
             Catch::Contains("line 2: not a JSON line"));
  const std::string metric_only =
      R"({"type":"Metric","data":{"name":"x","type":"trend","contains":"time"},"metric":"x"})";
  CHECK_THAT(import_error(metric_only + "\n").what(), Catch::Contains("no Point lines"));
  const std::string bad_type =
      R"({"type":"Metric","data":{"name":"x","type":"histogram","contains":"time"},"metric":"x"})";
  CHECK(import_error(metric_only + "\n" + bad_type + "\n").where() == "line 2, field data.type");
}

TEST_CASE("k6 bad input: CSV rows and summaries") {
  const std::string header = "metric_name,timestamp,metric_value,name,extra_tags\n";
  CHECK(import_error(header + "http_reqs,1633706790,1.0,home,\nhttp_reqs,1633706790\n", "c.csv")
            .where() == "line 3");
  CHECK(import_error(header + "http_reqs,soon,1.0,home,\n", "c.csv").where() ==
        "line 2, column timestamp");
  CHECK(import_error(header + "http_reqs,1633706790,NaN?,home,\n", "c.csv").where() ==
        "line 2, column metric_value");
  const std::string summary = read_file(k6_test::fixture("smoke-pass.summary.json"));
  CHECK_THAT(import_error(summary.substr(0, summary.size() / 2), "s.json").what(),
             Catch::Contains("truncated"));
  CHECK(import_error("{\"metrics\": {\"http_reqs\": {\"count\": \"many\", \"rate\": 1}}, "
                     "\"root_group\": {}}",
                     "s.json")
            .where() == "metrics.http_reqs.count");
}

TEST_CASE("k6 bad input: too many distinct tag sets gives advice instead of eating memory") {
  std::string text;
  for (int i = 0; i <= 5000; ++i)
    text +=
        R"({"metric":"http_reqs","type":"Point","data":{"time":"2026-11-27T03:29:57Z","value":1,"tags":{"name":"/items/)" +
        std::to_string(i) + "\"}}}\n";
  const perfgate::InputError error = import_error(text);
  CHECK(error.where() == "line 5001, field data.tags");
  CHECK_THAT(error.what(), Catch::Contains("name tag"));
}

TEST_CASE("k6 bad input: perfgate import exits 2 naming the file and line") {
  TempDir dir;
  const std::string bad = (dir.path() / "cut.ndjson").string();
  write_file(bad, kPoint + "\n" + kPoint.substr(0, 30));
  const auto out =
      perfgate::testing::run_command({perfgate::testing::perfgate_binary(), "import", "--from",
                                      "k6", bad, "-o", (dir.path() / "r.json").string()});
  CHECK(out.exit_code == 2);
  CHECK_THAT(out.err, Catch::Contains(bad + ": line 2: the file ends in the middle"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "r.json"));
}
