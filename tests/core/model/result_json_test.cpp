#include "core/model/result_json.h"

#include <cmath>
#include <filesystem>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using nlohmann::json;
using perfgate::testing::TempDir;

namespace {

Histogram latencies_ns(uint64_t first, int count) {
  Histogram histogram;
  for (int i = 0; i < count; ++i) histogram.record(first + static_cast<uint64_t>(i) * 37'013);
  return histogram;
}

RunResult ok_run(int index) {
  RunResult run;
  run.index = index;
  run.started_at = "2026-11-27T03:48:34Z";
  run.duration_s = 20.25;
  run.add({.name = "latency",
           .unit = "ns",
           .tags = {{"request", "list"}, {"status", "2xx"}},
           .histogram = latencies_ns(800'000 + index, 5000)});
  run.add(
      {.name = "latency", .unit = "ns", .tags = {{"request", "get"}}, .histogram = Histogram()});
  run.add({.name = "throughput", .unit = "1/s", .value = 1999.2, .timeline = {1998, 2001.5, 0}});
  run.add({.name = "errors", .unit = "count", .tags = {{"kind", "timeout"}}, .value = 0});
  return run;
}

SuiteResult sample_suite() {
  SuiteResult suite;
  suite.suite = "checkout-api";
  suite.complete = false;
  suite.environment = {.cpu_model = "AMD EPYC 7B13",
                       .cores = 2,
                       .kernel = "6.1.0-18-amd64 x86_64",
                       .governor = "",
                       .compiler = "gcc 12.2.0",
                       .perfgate = "0.1.0",
                       .tools = {{"k6", "0.49.0"}}};
  suite.git = GitInfo{.commit = std::string(40, 'a'), .branch = "main", .dirty = true};
  RunResult failed;
  failed.index = 1;
  failed.status = RunStatus::failed;
  failed.failure_reason = "target refused connections";
  failed.log = "results.logs/browse/run-1.log";
  suite.scenarios.push_back({.name = "browse", .adapter = "native", .runs = {ok_run(0), failed}});
  RunResult first_of_process = ok_run(0), second_of_process = ok_run(1);
  first_of_process.process = second_of_process.process = 0;  // one process, two repetitions
  suite.scenarios.push_back(
      {.name = "smoke", .adapter = "gbench", .runs = {first_of_process, second_of_process}});
  return suite;
}

// The InputError that parsing `document` raises; fails the test when none is raised.
InputError error_of(const json& document) {
  try {
    suite_result_from_json(document, "results.json");
  } catch (const InputError& error) {
    return error;
  }
  FAIL("no InputError for " << document.dump());
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a SuiteResult with every kind of metric survives a JSON round trip") {
  const SuiteResult original = sample_suite();
  const json document = json::parse(to_json(original).dump());
  CHECK(suite_result_from_json(document, "results.json") == original);
}

TEST_CASE("the JSON layout follows docs/results-file.md") {
  const SuiteResult original = sample_suite();
  const json document = to_json(original);
  CHECK(document["schema"] == "perfgate/result/v1");
  CHECK(document["git"]["dirty"] == true);
  const json& run = document["scenarios"][0]["runs"][0];
  CHECK_FALSE(run.contains("failure_reason"));
  CHECK_FALSE(run.contains("process"));
  CHECK(document["scenarios"][1]["runs"][1]["process"] == 0);
  CHECK(document["scenarios"][0]["runs"][1]["failure_reason"] == "target refused connections");
  const json& latency = run["metrics"][0];
  const Histogram& histogram = *original.scenarios[0].runs[0].metrics[0].histogram;
  CHECK(latency["summary"]["count"] == 5000);
  CHECK(latency["summary"]["p99"] == histogram.value_at_percentile(99));
  CHECK(latency["summary"]["p999"] == histogram.value_at_percentile(99.9));
  CHECK(latency["summary"]["mean"] == histogram.mean());
  CHECK(latency["histogram"] == histogram.encode());
  CHECK_FALSE(run["metrics"][2].contains("tags"));
  CHECK_FALSE(run["metrics"][2].contains("histogram"));
  CHECK(run["metrics"][2]["timeline"] == json::array({1998, 2001.5, 0}));
  SuiteResult without_git = original;
  without_git.git.reset();
  CHECK_FALSE(to_json(without_git).contains("git"));
}

TEST_CASE("the histogram is authoritative: a doctored summary is ignored") {
  const SuiteResult original = sample_suite();
  json document = to_json(original);
  document["scenarios"][0]["runs"][0]["metrics"][0]["summary"]["p99"] = 1;
  CHECK(suite_result_from_json(document, "results.json") == original);
}

TEST_CASE("an unknown schema names the version this build reads") {
  json document = to_json(sample_suite());
  document["schema"] = "perfgate/result/v2";
  const InputError error = error_of(document);
  CHECK(error.where() == "schema");
  CHECK_THAT(error.what(), Catch::Contains("perfgate/result/v2") &&
                               Catch::Contains("reads \"perfgate/result/v1\""));
  document.erase("schema");
  CHECK(error_of(document).where() == "schema");
}

TEST_CASE("a field of the wrong type is named by its path") {
  json document = to_json(sample_suite());
  document["scenarios"][1]["runs"][0]["metrics"][2]["value"] = "fast";
  const InputError error = error_of(document);
  CHECK(error.file() == "results.json");
  CHECK(error.where() == "scenarios[1].runs[0].metrics[2].value");
  CHECK_THAT(error.what(),
             Catch::Equals("results.json: scenarios[1].runs[0].metrics[2].value: expected a "
                           "number, found a string"));

  const auto where_of = [&](const std::string& pointer, const json& replacement) {
    json changed = to_json(sample_suite());
    changed[json::json_pointer(pointer)] = replacement;
    return error_of(changed).where();
  };
  CHECK(where_of("/complete", "yes") == "complete");
  CHECK(where_of("/environment/cores", -2) == "environment.cores");
  CHECK(where_of("/environment/tools/k6", 49) == "environment.tools.k6");
  CHECK(where_of("/git", "main") == "git");
  CHECK(where_of("/scenarios/0/runs", json::object()) == "scenarios[0].runs");
  CHECK(where_of("/scenarios/0/runs/1/status", "crashed") == "scenarios[0].runs[1].status");
  CHECK(where_of("/scenarios/0/runs/0/index", 1.5) == "scenarios[0].runs[0].index");
  CHECK(where_of("/scenarios/0/runs/0/metrics/0/tags/status", 200) ==
        "scenarios[0].runs[0].metrics[0].tags.status");
  CHECK(where_of("/scenarios/0/runs/0/metrics/2/timeline/1", "x") ==
        "scenarios[0].runs[0].metrics[2].timeline[1]");
  const json same_tags = {{"request", "list"}, {"status", "2xx"}};
  CHECK(where_of("/scenarios/1/runs/1/metrics/1/tags", same_tags) ==
        "scenarios[1].runs[1].metrics[1]");  // duplicate name and tags
}

TEST_CASE("a broken histogram encoding is named by its path") {
  json document = to_json(sample_suite());
  document["scenarios"][0]["runs"][0]["metrics"][1]["histogram"] = "AQAAAA==";
  const InputError error = error_of(document);
  CHECK(error.where() == "scenarios[0].runs[0].metrics[1].histogram");
  CHECK_THAT(error.what(), Catch::Contains("not a valid histogram encoding"));
}

TEST_CASE("missing fields: required ones are errors, optional ones get defaults") {
  CHECK(error_of(json{{"schema", "perfgate/result/v1"}}).where() == "suite");
  CHECK(error_of(json::array()).where().empty());
  const json minimal = {{"schema", "perfgate/result/v1"},
                        {"suite", "s"},
                        {"scenarios", {{{"name", "a"}, {"runs", {json::object()}}}}}};
  const SuiteResult result = suite_result_from_json(minimal, "minimal.json");
  CHECK(result.complete);
  CHECK_FALSE(result.git.has_value());
  CHECK(result.environment == Environment{});
  REQUIRE(result.scenarios.at(0).runs.size() == 1);
  CHECK(result.scenarios[0].runs[0] == RunResult{});
}

TEST_CASE("non-finite values are written as null and read back as NaN") {
  SuiteResult suite = sample_suite();
  suite.scenarios[0].runs[0].metrics[2].value = std::nan("");
  const json document = json::parse(to_json(suite).dump());
  CHECK(document["scenarios"][0]["runs"][0]["metrics"][2]["value"].is_null());
  const SuiteResult read = suite_result_from_json(document, "results.json");
  CHECK(std::isnan(*read.scenarios[0].runs[0].metrics[2].value));
}

TEST_CASE("results files are written atomically, pretty-printed, and read back") {
  TempDir dir;
  const std::string path = (dir.path() / "results.json").string();
  const SuiteResult original = sample_suite();
  write_results_file(original, path);
  write_results_file(original, path);  // replaces the file in place
  CHECK(read_results_file(path) == original);
  const std::string text = perfgate::testing::read_file(path);
  CHECK(text.rfind("{\n  \"schema\": \"perfgate/result/v1\",\n  \"suite\": \"checkout-api\"", 0) ==
        0);
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);  // no temp file left
  CHECK_THROWS_WITH(write_results_file(original, (dir.path() / "missing" / "r.json").string()),
                    Catch::Contains("missing/r.json: cannot create"));
}

TEST_CASE("reading a missing or non-JSON file names the path and the position") {
  TempDir dir;
  const std::string missing = (dir.path() / "nope.json").string();
  CHECK_THROWS_WITH(read_results_file(missing), Catch::Contains(missing + ": cannot open"));
  const std::string broken = (dir.path() / "broken.json").string();
  perfgate::testing::write_file(broken, "{\n  \"schema\": \"perfgate/result/v1\",\n  oops\n}\n");
  CHECK_THROWS_WITH(read_results_file(broken),
                    Catch::Contains(broken + ": not valid JSON") && Catch::Contains("line 3"));
  CHECK_THROWS_AS(read_results_file(dir.path().string()), InputError);
  const std::string overflow = (dir.path() / "overflow.json").string();
  perfgate::testing::write_file(overflow, "{\"schema\": 1e999}");
  CHECK_THROWS_WITH(read_results_file(overflow),
                    Catch::Contains(overflow + ": not valid JSON") && Catch::Contains("1e999"));
}

TEST_CASE("the hand-written results fixture reads") {
  const auto path = perfgate::testing::fixtures_dir() / "results" / "checkout-api.json";
  const SuiteResult result = read_results_file(path.string());
  CHECK(result.suite == "checkout-api");
  CHECK(result.environment.tools.at("k6") == "0.49.0");
  REQUIRE(result.git.has_value());
  CHECK_FALSE(result.git->dirty);
  REQUIRE(result.scenarios.size() == 2);
  const RunResult& run = result.scenarios[0].runs.at(0);
  const Metric* latency = run.find("latency", {{"request", "list"}, {"status", "2xx"}});
  REQUIRE(latency != nullptr);
  REQUIRE(latency->histogram.has_value());
  CHECK(latency->histogram->count() == 10);
  CHECK(latency->histogram->min() == 812'000);
  CHECK(latency->histogram->max() == 2'430'000);
  CHECK(run.find("throughput")->timeline.size() == 3);
  CHECK(result.scenarios[1].runs.at(1).status == RunStatus::failed);
  CHECK(result.scenarios[1].runs.at(1).failure_reason == "k6 exited with code 107");
}
