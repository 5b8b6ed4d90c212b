// The gbench adapter end to end: `perfgate run` drives a real Google Benchmark binary from a
// suite, imports the files a suite names, and `perfgate import --from gbench` converts files.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.h"

using namespace perfgate::testing;
using nlohmann::json;

namespace {

std::filesystem::path write_suite(const TempDir& dir, const std::string& scenario_keys) {
  std::filesystem::path suite = dir.path() / "micro.yaml";
  write_file(suite,
             "suite: micro\nrepetitions: 3\nscenarios:\n  - name: micro\n"
             "    adapter: gbench\n" +
                 scenario_keys);
  return suite;
}

CommandOutput run_suite(const TempDir& dir, const std::filesystem::path& suite) {
  return run_command({perfgate_binary(), "run", suite.string(), "-o",
                      (dir.path() / "results.json").string(), "--no-progress"},
                     120);
}

json results_of(const TempDir& dir) {
  return json::parse(read_file(dir.path() / "results.json"));
}

// Metric `name` tagged with `benchmark` in `run`, or null.
const json* find_metric(const json& run, const std::string& name, const std::string& benchmark) {
  for (const json& metric : run["metrics"])
    if (metric["name"] == name && metric["tags"].value("benchmark", "") == benchmark)
      return &metric;
  return nullptr;
}

}  // namespace

TEST_CASE("run: a gbench scenario runs a fresh process per repetition", "[gbench][run]") {
  TempDir dir;
  auto suite = write_suite(dir, std::string("    binary: ") + SLOWABLE_BENCH +
                                    "\n    min_time: 5ms\n    filter: BM_(Steady|Other)\n");
  auto out = run_suite(dir, suite);
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  json results = results_of(dir);
  REQUIRE(results["scenarios"].size() == 1);
  const json& scenario = results["scenarios"][0];
  CHECK(scenario["adapter"] == "gbench");
  REQUIRE(scenario["runs"].size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    const json& run = scenario["runs"][i];
    CHECK(run["index"] == i);
    CHECK(run["status"] == "ok");
    for (const char* benchmark : {"BM_Steady", "BM_Other"}) {
      const json* real_time = find_metric(run, "real_time", benchmark);
      REQUIRE(real_time);
      CHECK((*real_time)["value"].get<double>() > 0);
      CHECK(find_metric(run, "cpu_time", benchmark));
    }
    CHECK_FALSE(find_metric(run, "real_time", "BM_Slowed"));  // filtered out
    CHECK(std::filesystem::exists(run["log"].get<std::string>()));
    CHECK(run["log"].get<std::string>().ends_with("run-" + std::to_string(i + 1) + ".log"));
    CHECK_FALSE(run.contains("process"));
  }
  CHECK(results["environment"]["tools"].contains("gbench"));
}

TEST_CASE("run: with repetitions_per_process, one process measures several, as one unit",
          "[gbench][run]") {
  TempDir dir;
  auto suite = write_suite(dir, std::string("    binary: ") + SLOWABLE_BENCH +
                                    "\n    min_time: 5ms\n    filter: BM_Steady\n"
                                    "    repetitions_per_process: 2\n");
  auto out = run_suite(dir, suite);
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  const json results = results_of(dir);
  const json& runs = results["scenarios"][0]["runs"];
  REQUIRE(runs.size() == 3);  // 2 in the first process, 1 in the second
  CHECK(runs[0]["process"] == 0);
  CHECK(runs[1]["process"] == 0);
  CHECK_FALSE(runs[2].contains("process"));  // a process of its own
  CHECK(runs[1]["log"] == runs[0]["log"]);
  CHECK(runs[2]["log"] != runs[0]["log"]);
}

TEST_CASE("run: a benchmark binary that fails is a failed run with its log tail, exit 3",
          "[gbench][run]") {
  TempDir dir;
  write_file(dir.path() / "crash.sh", "#!/bin/sh\necho 'benchmark exploded' >&2\nexit 7\n");
  std::filesystem::permissions(dir.path() / "crash.sh", std::filesystem::perms::owner_all);
  auto suite = write_suite(dir, "    binary: crash.sh\n");  // relative to the suite's folder
  auto out = run_suite(dir, suite);
  INFO(out.out << out.err);
  CHECK(out.exit_code == 3);
  CHECK_THAT(out.err, Catch::Matchers::Contains("exit code 7"));
  json run = results_of(dir)["scenarios"][0]["runs"][0];
  CHECK(run["status"] == "failed");
  CHECK_THAT(run["failure_reason"].get<std::string>(),
             Catch::Matchers::Contains("benchmark exploded"));
}

TEST_CASE("run: a missing benchmark binary is exit 3 and recorded", "[gbench][run]") {
  TempDir dir;
  auto suite = write_suite(dir, "    binary: /nonexistent/bench\n");
  auto out = run_suite(dir, suite);
  CHECK(out.exit_code == 3);
  CHECK(results_of(dir)["scenarios"][0]["runs"][0]["status"] == "failed");
}

TEST_CASE("run: an unknown gbench key is exit 2 with a suggestion, before anything runs",
          "[gbench][run]") {
  TempDir dir;
  auto suite = write_suite(dir, "    binary: /bin/true\n    fliter: BM_\n");
  auto out = run_suite(dir, suite);
  CHECK(out.exit_code == 2);
  CHECK_THAT(out.err, Catch::Matchers::Contains("scenarios[0].fliter") &&
                          Catch::Matchers::Contains("did you mean 'filter'"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "results.json"));
}

TEST_CASE("run: files: imports a benchmark's JSON as the scenario's runs", "[gbench][run]") {
  TempDir dir;
  auto bench = run_command({SLOWABLE_BENCH, "--benchmark_repetitions=4",
                            "--benchmark_min_time=0.005", "--benchmark_out_format=json",
                            "--benchmark_out=" + (dir.path() / "bench.json").string()});
  REQUIRE(bench.exit_code == 0);
  auto suite = write_suite(dir, "    files: [bench.json]\n");
  auto out = run_suite(dir, suite);
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  json results = results_of(dir);
  const json& runs = results["scenarios"][0]["runs"];
  REQUIRE(runs.size() == 4);
  CHECK(find_metric(runs[3], "real_time", "BM_Slowed"));
}

TEST_CASE("import --from gbench writes a results file; an unknown tool is exit 2",
          "[gbench][import]") {
  TempDir dir;
  auto bench = run_command({SLOWABLE_BENCH, "--benchmark_repetitions=2",
                            "--benchmark_min_time=0.005", "--benchmark_out_format=json",
                            "--benchmark_out=" + (dir.path() / "bench.json").string()});
  REQUIRE(bench.exit_code == 0);
  auto out = run_command({perfgate_binary(), "import", "--from", "gbench",
                          (dir.path() / "bench.json").string(), "-o",
                          (dir.path() / "imported.json").string()});
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  json results = json::parse(read_file(dir.path() / "imported.json"));
  CHECK(results["schema"] == "perfgate/result/v1");
  REQUIRE(results["scenarios"].size() == 3);  // one per benchmark
  CHECK(results["scenarios"][0]["runs"].size() == 2);

  auto unknown = run_command(
      {perfgate_binary(), "import", "--from", "wrk", (dir.path() / "bench.json").string()});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Matchers::Contains("wrk") && Catch::Matchers::Contains("gbench"));
}
