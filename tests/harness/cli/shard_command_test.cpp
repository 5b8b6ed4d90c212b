// Sharded load end to end: two `perfgate run --shard i/2` merged with `perfgate merge` give the
// counts of one unsharded run over the same request budget, and its percentiles within the
// histogram's precision plus the target's jitter.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "harness/target/target_server.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Closed model with a request budget: the counts are exact whatever the machine's speed.
std::string suite_text(uint16_t port) {
  return "suite: shards\nrepetitions: 1\nscenarios:\n  - name: browse\n    adapter: native\n"
         "    target: http://127.0.0.1:" +
         std::to_string(port) +
         "\n    connections: 4\n    max_requests: 600\n"
         "    requests:\n      - { name: list, path: /items }\n";
}

const json& latency_of(const json& results) {
  for (const json& metric : results["scenarios"][0]["runs"][0]["metrics"])
    if (metric["name"] == "latency" && metric["tags"].value("request", "") == "list") return metric;
  FAIL("no latency{request=list} in the results");
  return results;
}

json run_to(const std::filesystem::path& suite, const std::filesystem::path& out,
            const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {perfgate_binary(), "run",          suite.string(), "-o",
                                   out.string(),      "--no-progress"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto result = run_command(argv);
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(read_file(out));
}

}  // namespace

TEST_CASE("two shards merged match one run's counts and percentiles", "[cli][shard]") {
  target::TargetOptions options;
  options.port = 0;
  options.latency_a = 2ms;  // fixed: percentiles depend on the target, not on the split
  target::TargetServer server(options);
  server.start();
  TempDir dir;
  write_file(dir.path() / "suite.yaml", suite_text(server.port()));
  const auto suite = dir.path() / "suite.yaml";

  json whole = run_to(suite, dir.path() / "whole.json");
  run_to(suite, dir.path() / "shard1.json", {"--shard", "1/2"});
  run_to(suite, dir.path() / "shard2.json", {"--shard", "2/2"});
  auto merge = run_command({perfgate_binary(), "merge", (dir.path() / "shard1.json").string(),
                            (dir.path() / "shard2.json").string(), "-o",
                            (dir.path() / "merged.json").string()});
  INFO(merge.err);
  REQUIRE(merge.exit_code == 0);
  json merged = json::parse(read_file(dir.path() / "merged.json"));

  const json& one = latency_of(whole)["summary"];
  const json& two = latency_of(merged)["summary"];
  CHECK(one["count"] == 600);
  CHECK(two["count"] == 600);
  // A fixed 2 ms target: both p50s sit at 2 ms plus the loopback's round trip.
  CHECK(two["p50"].get<double>() == Approx(one["p50"].get<double>()).epsilon(0.15));
  CHECK(two["min"].get<double>() >= 2e6);
}

TEST_CASE("run --shard and merge reject bad input with exit 2", "[cli][shard]") {
  TempDir dir;
  write_file(dir.path() / "suite.yaml", suite_text(1));
  auto bad_shard = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(),
                                "--shard", "3/2", "-o", (dir.path() / "r.json").string()});
  CHECK(bad_shard.exit_code == 2);
  CHECK_THAT(bad_shard.err, Catch::Matchers::Contains("--shard"));
  write_file(dir.path() / "broken.json", "{\"schema\": \"perfgate/result/v1\", ");
  auto bad_merge = run_command({perfgate_binary(), "merge", (dir.path() / "broken.json").string(),
                                "-o", (dir.path() / "m.json").string()});
  CHECK(bad_merge.exit_code == 2);
  CHECK_THAT(bad_merge.err, Catch::Matchers::Contains("broken.json"));
}
