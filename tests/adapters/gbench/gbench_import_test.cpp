// Import of real Google Benchmark outputs (tests/fixtures/gbench, see its SOURCES.md). Expected
// values are read from the files by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "adapters/gbench/gbench_import.h"
#include "tests/support/test_support.h"

namespace {

using perfgate::RunStatus;
using perfgate::ScenarioResult;
using perfgate::SuiteResult;

std::string fixture_path(const std::string& name) {
  return (perfgate::testing::fixtures_dir() / "gbench" / name).string();
}

SuiteResult import_fixture(const std::string& name) {
  const std::string path = fixture_path(name);
  return perfgate::import_gbench(perfgate::testing::read_file(path), path);
}

const ScenarioResult& scenario(const SuiteResult& suite, const std::string& name) {
  for (const ScenarioResult& candidate : suite.scenarios)
    if (candidate.name == name) return candidate;
  FAIL("no scenario " << name);
  throw;  // unreachable: FAIL throws
}

double value_of(const perfgate::RunResult& run, const std::string& metric) {
  const perfgate::Metric* found = run.find(metric);
  REQUIRE(found != nullptr);
  REQUIRE(found->value.has_value());
  return *found->value;
}

std::string unit_of(const perfgate::RunResult& run, const std::string& metric) {
  const perfgate::Metric* found = run.find(metric);
  REQUIRE(found != nullptr);
  return found->unit;
}

constexpr const char* kGenerated =
    "generated_debian-libbenchmark-1.7.1_counters-nan-bigo-error.json";

}  // namespace

TEST_CASE("gbench: Debian 1.7.1 output with repetitions, counters, NaN, BigO and an error") {
  const SuiteResult suite = import_fixture(kGenerated);
  CHECK(suite.suite == "bm");  // context.executable "./bm"
  CHECK(suite.environment.cores == 2);
  CHECK(suite.environment.tools.empty());  // 1.7.1 writes no library_version
  // 3 BM_VectorPush sizes, 2 BM_Repeated thread counts, BM_Fails; the BigO/RMS rows (run_name
  // BM_VectorPush) and the mean/median/stddev/cv rows are aggregates and add nothing.
  REQUIRE(suite.scenarios.size() == 6);
  CHECK(suite.scenarios[0].name == "BM_VectorPush/8");
  CHECK(suite.scenarios[3].name == "BM_Repeated/repeats:4/real_time/threads:1");
  for (const ScenarioResult& each : suite.scenarios) {
    CHECK(each.adapter == "gbench");
    CHECK(each.name != "BM_VectorPush");
  }

  const perfgate::RunResult& push8 = scenario(suite, "BM_VectorPush/8").runs.at(0);
  CHECK(push8.status == RunStatus::ok);
  CHECK(push8.started_at == "2026-11-27T03:24:20Z");  // context.date, +00:00
  CHECK(value_of(push8, "real_time") == Approx(210.70001925344479));
  CHECK(value_of(push8, "cpu_time") == Approx(160.67065774590262));
  CHECK(unit_of(push8, "real_time") == "ns");
  CHECK(value_of(push8, "iterations") == 83102);
  CHECK(unit_of(push8, "iterations") == "count");
  CHECK(value_of(push8, "bytes_per_second") == Approx(1.9916517707052243e+08));
  CHECK(unit_of(push8, "bytes_per_second") == "bytes/s");
  CHECK(value_of(push8, "items_per_second") == Approx(4.9791294267630607e+07));
  CHECK(unit_of(push8, "items_per_second") == "1/s");
  CHECK(value_of(push8, "custom_rate") == Approx(6.2239117834538259e+06));
  CHECK(unit_of(push8, "custom_rate").empty());
  CHECK(std::isnan(value_of(push8, "zero_div")));  // bare NaN in the file
  CHECK(push8.find("label") == nullptr);
  CHECK(push8.metrics.size() == 7);  // 2 times, iterations, 2 rates, 2 user counters
}

TEST_CASE("gbench: each repetition is a run, microseconds become nanoseconds") {
  const SuiteResult suite = import_fixture(kGenerated);
  const ScenarioResult& one_thread = scenario(suite, "BM_Repeated/repeats:4/real_time/threads:1");
  REQUIRE(one_thread.runs.size() == 4);
  for (int i = 0; i < 4; ++i) CHECK(one_thread.runs[i].index == i);
  CHECK(value_of(one_thread.runs[0], "real_time") == Approx(12.417691095195922));  // 1.24e-02 us
  CHECK(value_of(one_thread.runs[3], "real_time") == Approx(9.6539704105041441));
  CHECK(value_of(one_thread.runs[3], "cpu_time") == Approx(9.6564208844511050));
  CHECK(value_of(one_thread.runs[2], "iterations") == 1447067);
  const ScenarioResult& two_threads = scenario(suite, "BM_Repeated/repeats:4/real_time/threads:2");
  REQUIRE(two_threads.runs.size() == 4);
  CHECK(value_of(two_threads.runs[1], "real_time") == Approx(8.9278792622496540));
}

TEST_CASE("gbench: an error row becomes a failed run with its message and no numbers") {
  const SuiteResult suite = import_fixture(kGenerated);
  const ScenarioResult& fails = scenario(suite, "BM_Fails");
  REQUIRE(fails.runs.size() == 1);
  CHECK(fails.runs[0].status == RunStatus::failed);
  CHECK(fails.runs[0].failure_reason == "backend unavailable");
  CHECK(fails.runs[0].metrics.empty());  // its 0 ns times are not measurements
}

TEST_CASE("gbench: 2019 output (v1.5, repetitions 0)") {
  const SuiteResult suite = import_fixture("github-action-benchmark_googlecpp_output.json");
  CHECK(suite.suite == "a");  // ./a.out
  CHECK(suite.environment.cores == 4);
  REQUIRE(suite.scenarios.size() == 2);
  CHECK(suite.scenarios[1].name == "fib_20");
  REQUIRE(suite.scenarios[1].runs.size() == 1);
  CHECK(value_of(suite.scenarios[1].runs[0], "real_time") == Approx(2.7455600415007055e+04));
  CHECK(value_of(suite.scenarios[1].runs[0], "iterations") == 23968);
  CHECK(suite.scenarios[1].runs[0].started_at.empty());  // "2019-11-29 21:26:59": zone unknown
}

TEST_CASE("gbench: compare.py inputs: units s and ms, old BigO/RMS rows, no run_name") {
  const SuiteResult test1 = import_fixture("google-benchmark_Inputs_test1_run1.json");
  CHECK(test1.suite == "google-benchmark_Inputs_test1_run1");  // no executable: the file's stem
  CHECK(test1.scenarios.size() == 14);  // 16 rows, 2 aggregates (MyComplexityTest_BigO/_RMS)
  const auto& seconds = scenario(test1, "BM_NotBadTimeUnit").runs.at(0);
  CHECK(value_of(seconds, "real_time") == Approx(0.4e9));
  CHECK(value_of(seconds, "cpu_time") == Approx(0.5e9));

  const SuiteResult test2 = import_fixture("google-benchmark_Inputs_test2_run.json");
  CHECK(test2.scenarios.size() == 10);
  const auto& millis = scenario(test2, "BM_Hi").runs.at(0);
  CHECK(value_of(millis, "real_time") == Approx(42e6));
  CHECK(value_of(millis, "cpu_time") == Approx(24e6));

  const SuiteResult test5 = import_fixture("google-benchmark_Inputs_test5_run0.json");
  CHECK(value_of(scenario(test5, "BM_ManyRepetitions").runs.at(0), "cpu_time") == Approx(1e12));
}

TEST_CASE("gbench: rows marked aggregate are ignored, repeated rows are runs") {
  const SuiteResult test3 = import_fixture("google-benchmark_Inputs_test3_run0.json");
  // BM_One and both "short" rows are run_type aggregate.
  REQUIRE(test3.scenarios.size() == 2);
  CHECK(test3.scenarios[0].name == "BM_Two");
  CHECK(test3.scenarios[1].name == "medium");
  REQUIRE(test3.scenarios[0].runs.size() == 2);
  CHECK(value_of(test3.scenarios[0].runs[1], "cpu_time") == 86);
  // A file with only a percentage aggregate holds no runs at all.
  CHECK(import_fixture("google-benchmark_Inputs_test4_run0.json").scenarios.empty());
}

TEST_CASE("gbench: several files add runs to the same scenarios") {
  const SuiteResult merged =
      perfgate::import_gbench_files({fixture_path("google-benchmark_Inputs_test1_run1.json"),
                                     fixture_path("google-benchmark_Inputs_test1_run2.json")});
  CHECK(merged.suite == "google-benchmark_Inputs_test1_run1");
  REQUIRE(merged.scenarios.size() == 14);
  for (const ScenarioResult& each : merged.scenarios) CHECK(each.runs.size() == 2);
  const ScenarioResult& faster = scenario(merged, "BM_2xFaster");
  CHECK(faster.runs[0].index == 0);
  CHECK(faster.runs[1].index == 1);
  CHECK(value_of(faster.runs[0], "real_time") == 50);
  CHECK(value_of(faster.runs[1], "real_time") == 25);

  // Different benchmark sets: new names become new scenarios, shared names gain runs.
  const SuiteResult test3 =
      perfgate::import_gbench_files({fixture_path("google-benchmark_Inputs_test3_run0.json"),
                                     fixture_path("google-benchmark_Inputs_test3_run1.json")});
  REQUIRE(test3.scenarios.size() == 4);
  CHECK(scenario(test3, "BM_Two").runs.size() == 3);
  CHECK(scenario(test3, "medium").runs.size() == 3);
  CHECK(scenario(test3, "BM_One").runs.size() == 1);
  CHECK(value_of(scenario(test3, "short").runs.at(0), "real_time") == 800);
}

TEST_CASE("gbench: every fixture with a context is detected as Google Benchmark") {
  for (const char* name :
       {kGenerated, "github-action-benchmark_googlecpp_output.json",
        "google-benchmark_Inputs_test1_run1.json", "google-benchmark_Inputs_test1_run2.json",
        "google-benchmark_Inputs_test2_run.json", "google-benchmark_Inputs_test3_run0.json",
        "google-benchmark_Inputs_test3_run1.json", "google-benchmark_Inputs_test4_run0.json",
        "google-benchmark_Inputs_test4_run1.json", "google-benchmark_Inputs_test5_run0.json",
        "google-benchmark_Inputs_test5_run1.json"}) {
    INFO(name);
    CHECK(perfgate::looks_like_gbench(perfgate::testing::read_file(fixture_path(name))));
    CHECK_NOTHROW(import_fixture(name));
  }
}

TEST_CASE("gbench: skipped rows, Infinity tokens and null counters") {
  const std::string text =
      R"({"context": {"executable": "/opt/bench/micro", "library_version": "v1.9.1",
    "num_cpus": 8, "host_name": "secret-box"},
  "benchmarks": [
    {"name": "BM_Skip", "run_name": "BM_Skip", "run_type": "iteration", "skipped": true,
     "skip_message": "needs AVX-512", "iterations": 0, "real_time": 0, "cpu_time": 0,
     "time_unit": "ns"},
    {"name": "BM_Inf", "run_name": "BM_Inf", "run_type": "iteration", "iterations": 10,
     "real_time": 5, "cpu_time": 4, "time_unit": "ms", "up": Infinity, "down": -Infinity,
     "nan_minus": -NaN, "missing": null, "note": "NaN, Infinity stay text here: {", "flag": true}
  ]})";
  REQUIRE(perfgate::looks_like_gbench(text));
  const SuiteResult suite = perfgate::import_gbench(text, "inline.json");
  CHECK(suite.suite == "micro");
  CHECK(suite.environment.cores == 8);
  CHECK(suite.environment.tools.at("gbench") == "v1.9.1");
  REQUIRE(suite.scenarios.size() == 2);
  const auto& skipped = suite.scenarios[0].runs.at(0);
  CHECK(skipped.status == RunStatus::failed);
  CHECK(skipped.failure_reason == "skipped: needs AVX-512");
  const auto& infinite = suite.scenarios[1].runs.at(0);
  CHECK(value_of(infinite, "real_time") == Approx(5e6));
  CHECK(std::isinf(value_of(infinite, "up")));
  CHECK(value_of(infinite, "up") > 0);
  CHECK(value_of(infinite, "down") < 0);
  CHECK(std::isnan(value_of(infinite, "nan_minus")));
  CHECK(std::isnan(value_of(infinite, "missing")));
  CHECK(infinite.find("note") == nullptr);  // text, not a counter
  CHECK(infinite.find("flag") == nullptr);
}
