// `perfgate compare` end to end on real Google Benchmark outputs and real results files.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/harness/cli/bad_suites.h"
#include "tests/support/test_support.h"

using namespace perfgate::testing;

namespace {

// Runs the slowable benchmark binary with 10 repetitions into `out` (JSON). Only the file's
// shape comes from this run; its timings are replaced by `with_known_timings`, so that the test
// does not depend on how busy the machine is.
nlohmann::json run_benchmarks() {
  TempDir dir;
  auto out = dir.path() / "bench.json";
  auto result =
      run_command({SLOWABLE_BENCH, "--benchmark_repetitions=10", "--benchmark_min_time=0.01",
                   "--benchmark_out_format=json", "--benchmark_out=" + out.string()},
                  120);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return nlohmann::json::parse(read_file(out));
}

// Sets every repetition's real_time and cpu_time to a known value with 2 % seeded noise: 1000 ns
// for each benchmark, times `slowdown` for BM_Slowed. Aggregate rows (mean, median, stddev)
// are dropped, as perfgate recomputes them from the repetitions.
nlohmann::json with_known_timings(nlohmann::json file, double slowdown, unsigned seed) {
  std::mt19937 random(seed);
  std::normal_distribution<double> noise(0.0, 0.02);
  nlohmann::json repetitions = nlohmann::json::array();
  for (auto benchmark : file["benchmarks"]) {
    if (benchmark.value("run_type", "iteration") != "iteration") continue;
    double truth = benchmark["name"] == "BM_Slowed" ? 1000.0 * slowdown : 1000.0;
    benchmark["real_time"] = truth * std::exp(noise(random));
    benchmark["cpu_time"] = truth * std::exp(noise(random));
    benchmark["time_unit"] = "ns";
    repetitions.push_back(benchmark);
  }
  file["benchmarks"] = repetitions;
  return file;
}

}  // namespace

TEST_CASE("compare flags the one Google Benchmark made 10 % slower, and only it", "[cli][gbench]") {
  TempDir dir;
  const auto measured = run_benchmarks();
  REQUIRE(measured["benchmarks"].size() >= 30);
  write_file(dir.path() / "base.json", with_known_timings(measured, 1.0, 1).dump());
  write_file(dir.path() / "cand.json", with_known_timings(measured, 1.10, 2).dump());
  auto out = run_command({perfgate_binary(), "compare", (dir.path() / "base.json").string(),
                          (dir.path() / "cand.json").string(), "--metric", "real_time", "--metric",
                          "cpu_time", "--format", "json"});
  INFO(out.out << out.err);
  CHECK(out.exit_code == 1);
  auto gate = nlohmann::json::parse(out.out);
  CHECK(gate["schema"] == "perfgate/gate/v1");
  CHECK(gate["verdict"] == "fail");
  int regressions = 0;
  for (const auto& comparison : gate["comparisons"]) {
    if (comparison["verdict"] != "regression") continue;
    ++regressions;
    CHECK(comparison["scenario"] == "BM_Slowed");
    CHECK(comparison["change"]["ratio"].get<double>() > 1.05);
  }
  CHECK(regressions == 2);  // real_time and cpu_time of BM_Slowed
}

TEST_CASE("compare of a file with itself passes", "[cli][gbench]") {
  auto fixture = fixtures_dir() / "results" / "checkout-api.json";
  auto out = run_command({perfgate_binary(), "compare", fixture.string(), fixture.string()});
  INFO(out.out << out.err);
  CHECK(out.exit_code == 0);
  CHECK(out.out.find("PASS") == 0);
}

TEST_CASE("compare: bad input exits 2 naming the file", "[cli]") {
  TempDir dir;
  write_file(dir.path() / "truncated.json", "{\"schema\": \"perfgate/result/v1\", \"suite\": ");
  auto fixture = fixtures_dir() / "results" / "checkout-api.json";
  auto out = run_command(
      {perfgate_binary(), "compare", fixture.string(), (dir.path() / "truncated.json").string()});
  CHECK(out.exit_code == 2);
  CHECK(out.err.find("truncated.json") != std::string::npos);
  out = run_command(
      {perfgate_binary(), "compare", fixture.string(), (dir.path() / "missing.json").string()});
  CHECK(out.exit_code == 2);
  CHECK(out.err.find("missing.json") != std::string::npos);
}

TEST_CASE("compare --suite: a mistake in a gate or k6 key exits 2 naming the line of that key",
          "[cli]") {
  const BadSuite bad = GENERATE(from_range(kBadSuites));
  const auto results = (fixtures_dir() / "results" / "checkout-api.json").string();
  check_names_the_key(run_command({perfgate_binary(), "compare", results, results, "--suite",
                                   bad_suite_path(bad).string()}),
                      bad);
}

TEST_CASE("compare: a bad flag exits 2 naming the flag", "[cli]") {
  struct Bad {
    std::vector<std::string> flags;
    std::string message;
  };
  const auto bad = GENERATE(values<Bad>({
      {{"--threshold", "500%"},
       "--threshold: expected a percentage like 5% (above 0%, below 100%), got '500%'"},
      {{"--alpha", "1.5"}, "--alpha: expected a number between 0 and 1 like 0.05, got 1.5"},
      {{"--correction", "bonferroni"}, "--correction: expected holm, bh or none"},
      {{"--metric", "latency.p99", "--metric", ".p50"},
       "--metric: expected METRIC.STATISTIC or METRIC, got '.p50'"},
      {{"--sla", "latency.p99 < 1s", "--sla", "throughput >"},
       "command line: --sla[1]: column 13: expected a value"},
  }));
  const auto results = (fixtures_dir() / "results" / "checkout-api.json").string();
  std::vector<std::string> args{perfgate_binary().string(), "compare", results, results};
  args.insert(args.end(), bad.flags.begin(), bad.flags.end());
  auto out = run_command(args);
  INFO(out.err);
  CHECK(out.exit_code == 2);
  CHECK(out.err.find(bad.message) != std::string::npos);
}

TEST_CASE("compare: flags apply on top of the suite's gate policy", "[cli]") {
  TempDir dir;
  write_file(dir.path() / "suite.yaml",
             "suite: checkout-api\n"
             "gate:\n"
             "  threshold: 50%\n"
             "  sla: [\"latency.p99 < 1ns\"]\n"
             "scenarios: [{name: a, adapter: k6, script: a.js}]\n");
  const auto results = (fixtures_dir() / "results" / "checkout-api.json").string();
  const auto suite = (dir.path() / "suite.yaml").string();
  auto out = run_command(
      {perfgate_binary(), "compare", results, results, "--suite", suite, "--format", "json"});
  INFO(out.err);
  REQUIRE(out.exit_code == 1);  // the suite's SLA rule is breached
  auto gate = nlohmann::json::parse(out.out);
  REQUIRE_FALSE(gate["sla"].empty());
  CHECK(gate["sla"][0]["where"] == "gate.sla[0]");
  out = run_command({perfgate_binary(), "compare", results, results, "--suite", suite, "--sla",
                     "latency.p99 < 1h", "--format", "json"});
  INFO(out.err);
  CHECK(out.exit_code == 0);  // --sla replaces the suite's rules
  gate = nlohmann::json::parse(out.out);
  REQUIRE_FALSE(gate["sla"].empty());
  CHECK(gate["sla"][0]["where"] == "--sla[0]");
}
