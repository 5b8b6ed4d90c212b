// `perfgate run` with the REAL Artillery (npm, tools/artillery) against the built-in target, and
// the failure paths with stand-in tools: missing, crashing, hanging. The counts perfgate reports
// are checked against Artillery's own report.json, read here with nlohmann::json directly.
#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>
#include <thread>

#include <sys/stat.h>
#include <nlohmann/json.hpp>

#include "harness/target/target_server.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr double kArtilleryTimeoutS = 240;  // ~18 s start, 3 s load, ~12 s telemetry at exit

const char* kScript =
    "config:\n"
    "  phases:\n"
    "    - duration: 3\n"
    "      arrivalRate: 10\n"
    "scenarios:\n"
    "  - name: browse\n"
    "    flow:\n"
    "      - get: { url: \"/items\" }\n"
    "      - get: { url: \"/items/42\" }\n";

std::string suite_text(const std::string& artillery, const std::string& extra = "") {
  return "suite: artillery-test\n"
         "repetitions: 1\n"
         "scenarios:\n"
         "  - name: smoke\n"
         "    adapter: artillery\n"
         "    script: smoke.yaml\n"
         "    artillery: " +
         artillery + "\n" + extra;
}

// Finds the metric {name, tags} in a results-file run.
const json* metric_in(const json& run, const std::string& name, const json& tags) {
  for (const json& metric : run["metrics"])
    if (metric["name"] == name && metric.value("tags", json::object()) == tags) return &metric;
  return nullptr;
}

double value_in(const json& run, const std::string& name, const json& tags = json::object()) {
  const json* metric = metric_in(run, name, tags);
  INFO(name << " " << tags.dump());
  REQUIRE(metric);
  return (*metric)["value"].get<double>();
}

void write_tool(const std::filesystem::path& path, const std::string& body) {
  write_file(
      path,
      "#!/bin/sh\nif [ \"$1\" = version ]; then echo 'Artillery: 0.0.0-test'; exit 0; fi\n" + body);
  ::chmod(path.c_str(), 0755);
}

bool process_gone(int pid) {
  for (int i = 0; i < 40; ++i) {  // the grandchild is reaped by init: give it a moment
    if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

}  // namespace

TEST_CASE("real Artillery against the target: perfgate's counts equal Artillery's report",
          "[artillery][e2e][real]") {
  INFO("Artillery is not installed: run ci/install-deps.sh (tools/artillery)");
  REQUIRE(std::filesystem::exists(PERFGATE_ARTILLERY_COMMAND));
  target::TargetOptions options;
  options.port = 0;
  options.error_rate = 0.2;
  target::TargetServer server(options);
  server.start();
  TempDir dir;
  write_file(dir.path() / "smoke.yaml", kScript);
  write_file(dir.path() / "suite.yaml",
             suite_text(PERFGATE_ARTILLERY_COMMAND,
                        "    target: http://127.0.0.1:" + std::to_string(server.port()) + "\n"));
  auto results = dir.path() / "results.json";
  auto out = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                          results.string(), "--no-progress"},
                         kArtilleryTimeoutS);
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  CHECK(out.out.find("/items/42") != std::string::npos);  // a table row per endpoint

  json result = json::parse(read_file(results));
  CHECK(result["environment"]["tools"]["artillery"] == "2.0.21");
  const json& run = result["scenarios"][0]["runs"][0];
  REQUIRE(run["status"] == "ok");
  json report = json::parse(read_file(dir.path() / "results.json.logs" / "smoke" / "run-1.json"));
  const json& counters = report["aggregate"]["counters"];
  const double sent = counters["http.requests"];
  CHECK(sent == 60);  // 3 s x 10 VUs/s x 2 requests
  CHECK(value_in(run, "requests_sent") == sent);
  CHECK(value_in(run, "responses") == counters["http.responses"].get<double>());
  CHECK(server.stats().requests == static_cast<uint64_t>(sent));  // the target agrees
  const double server_errors = counters.value("http.codes.500", 0.0);
  CHECK(server_errors > 0);
  CHECK(value_in(run, "status_codes", {{"code", "200"}}) ==
        counters["http.codes.200"].get<double>());
  CHECK(value_in(run, "errors", {{"kind", "http_5xx"}}) == server_errors);
  CHECK(value_in(run, "errors") == server_errors);
  CHECK(value_in(run, "error_rate") == Approx(server_errors / sent));
  for (const char* endpoint : {"/items", "/items/42"}) {
    std::string prefix = std::string("plugins.metrics-by-endpoint.") + endpoint + ".codes.";
    CHECK(value_in(run, "requests", {{"request", endpoint}, {"status", "2xx"}}) ==
          counters[prefix + "200"].get<double>());
    const json& summary =
        report["aggregate"]["summaries"]
              [std::string("plugins.metrics-by-endpoint.response_time.") + endpoint];
    const json* latency =
        metric_in(run, "latency", {{"distribution", "approximate"}, {"request", endpoint}});
    REQUIRE(latency);
    CHECK((*latency)["summary"]["count"] == summary["count"]);
  }
  const json& overall = report["aggregate"]["summaries"]["http.response_time"];
  const json* latency = metric_in(run, "latency", {{"distribution", "approximate"}});
  REQUIRE(latency);
  CHECK((*latency)["summary"]["count"] == overall["count"]);
  CHECK((*latency)["summary"]["p50"].get<double>() ==
        Approx(overall["p50"].get<double>() * 1e6).epsilon(0.001));
  CHECK((*latency)["summary"]["max"].get<double>() ==
        Approx(overall["max"].get<double>() * 1e6).epsilon(0.001));
  CHECK(std::filesystem::exists(run["log"].get<std::string>()));
  server.stop();
}

TEST_CASE("Artillery missing: exit 3 naming the command", "[artillery][e2e][failure]") {
  TempDir dir;
  write_file(dir.path() / "smoke.yaml", kScript);
  write_file(dir.path() / "suite.yaml", suite_text("/nonexistent/bin/artillery"));
  auto out = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                          (dir.path() / "r.json").string(), "--no-progress"});
  INFO(out.err);
  CHECK(out.exit_code == 3);
  CHECK(out.err.find("/nonexistent/bin/artillery") != std::string::npos);
}

TEST_CASE("Artillery crashing: exit 3 with its stderr tail, its children gone",
          "[artillery][e2e][failure]") {
  TempDir dir;
  write_file(dir.path() / "smoke.yaml", kScript);
  auto tool = dir.path() / "artillery";
  auto pid_file = dir.path() / "child.pid";
  write_tool(tool, "sleep 300 & echo $! > " + pid_file.string() +
                       "\necho 'Error: worker thread died' >&2\nexit 11\n");
  write_file(dir.path() / "suite.yaml", suite_text(tool.string()));
  auto out = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                          (dir.path() / "r.json").string(), "--no-progress"});
  INFO(out.err);
  CHECK(out.exit_code == 3);
  CHECK(out.err.find("exit code 11") != std::string::npos);
  CHECK(out.err.find("Error: worker thread died") != std::string::npos);
  CHECK(process_gone(std::stoi(read_file(pid_file))));
  json result = json::parse(read_file(dir.path() / "r.json"));
  CHECK(result["scenarios"][0]["runs"][0]["status"] == "failed");
  CHECK(result["complete"] == false);
}

TEST_CASE("Artillery killed by a signal, or exiting 0 without a report: exit 3",
          "[artillery][e2e][failure]") {
  TempDir dir;
  write_file(dir.path() / "smoke.yaml", kScript);
  auto tool = dir.path() / "artillery";
  write_file(dir.path() / "suite.yaml", suite_text(tool.string()));
  write_tool(tool, "echo 'about to crash' >&2\nkill -SEGV $$\n");
  auto crashed = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                              (dir.path() / "r.json").string(), "--no-progress"});
  CHECK(crashed.exit_code == 3);
  CHECK(crashed.err.find("signal 11") != std::string::npos);
  CHECK(crashed.err.find("about to crash") != std::string::npos);
  write_tool(tool, "echo 'nothing to do' >&2\nexit 0\n");
  auto silent = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                             (dir.path() / "r.json").string(), "--no-progress"});
  CHECK(silent.exit_code == 3);
  CHECK(silent.err.find("wrote no report") != std::string::npos);
}

TEST_CASE("Artillery hanging: the timeout stops its whole process group, exit 3",
          "[artillery][e2e][failure]") {
  TempDir dir;
  write_file(dir.path() / "smoke.yaml", kScript);
  auto tool = dir.path() / "artillery";
  auto pid_file = dir.path() / "child.pid";
  write_tool(tool, "sleep 300 & echo $! > " + pid_file.string() +
                       "\necho 'waiting for the target' >&2\nwait\n");
  write_file(dir.path() / "suite.yaml", suite_text(tool.string(), "    timeout: 1s\n"));
  auto started = std::chrono::steady_clock::now();
  auto out = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                          (dir.path() / "r.json").string(), "--no-progress"});
  INFO(out.err);
  CHECK(out.exit_code == 3);
  CHECK(std::chrono::steady_clock::now() - started < 15s);
  CHECK(out.err.find("timed out") != std::string::npos);
  CHECK(out.err.find("waiting for the target") != std::string::npos);
  CHECK(process_gone(std::stoi(read_file(pid_file))));
}

TEST_CASE("perfgate import --from artillery: fixtures import, bad files exit 2",
          "[artillery][e2e][import]") {
  TempDir dir;
  auto fixtures = fixtures_dir() / "artillery";
  auto results = dir.path() / "imported.json";
  auto ok = run_command({perfgate_binary(), "import", "--from", "artillery",
                         (fixtures / "brain-agriculture_v2_multi-endpoint_404_500.json").string(),
                         "-o", results.string()});
  INFO(ok.err);
  REQUIRE(ok.exit_code == 0);
  json result = json::parse(read_file(results));
  CHECK(value_in(result["scenarios"][0]["runs"][0], "requests_sent") == 600);

  auto legacy = fixtures / "bank_legacy-1x_with-latencies-ns.json";
  auto refused = run_command({perfgate_binary(), "import", "--from", "artillery", legacy.string(),
                              "-o", results.string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find(legacy.string() + ": line 2, key aggregate: Artillery 1.x reports are "
                                           "not supported") != std::string::npos);

  auto truncated = dir.path() / "truncated.json";
  write_file(truncated, "{\n  \"aggregate\": {\n    \"counters\": {\n");
  auto cut = run_command({perfgate_binary(), "import", "--from", "artillery", truncated.string(),
                          "-o", results.string()});
  CHECK(cut.exit_code == 2);
  CHECK(cut.err.find(truncated.string() + ": line 4, column 1: malformed JSON") !=
        std::string::npos);

  auto garbage = dir.path() / "garbage.bin";
  write_file(garbage, std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16));
  auto binary = run_command({perfgate_binary(), "import", "--from", "artillery", garbage.string(),
                             "-o", results.string()});
  CHECK(binary.exit_code == 2);
  CHECK(binary.err.find(garbage.string() + ": line 1, column 1") != std::string::npos);
}

TEST_CASE("a suite scenario with files: imports them as its runs", "[artillery][e2e][import]") {
  TempDir dir;
  auto fixture = fixtures_dir() / "artillery" / "media-scraper_v2_expect-plugin.json";
  write_file(dir.path() / "suite.yaml",
             "suite: imported\nscenarios:\n  - name: scrape\n"
             "    adapter: artillery\n    files: [" +
                 fixture.string() + ", " + fixture.string() + "]\n");
  auto results = dir.path() / "r.json";
  auto out = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                          results.string(), "--no-progress"});
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  json result = json::parse(read_file(results));
  REQUIRE(result["scenarios"][0]["runs"].size() == 2);
  CHECK(value_in(result["scenarios"][0]["runs"][1], "responses") == 6000);
  CHECK(out.out.find("/api/scrape") != std::string::npos);
}

TEST_CASE("warm-up is stopped after its time, then each repetition is one artillery run",
          "[artillery][e2e]") {
  TempDir dir;
  write_file(dir.path() / "smoke.yaml", kScript);
  auto tool = dir.path() / "artillery";
  auto calls = dir.path() / "calls.log";
  auto fixture =
      fixtures_dir() / "artillery" / "lambda-authorizer_v2.0.0-27_requestAuthorizerGo.json";
  // argv: run --output REPORT [--overrides JSON] SCRIPT; the warm-up's report is warmup.json.
  write_tool(tool, "echo \"$*\" >> " + calls.string() +
                       "\ncase \"$3\" in *warmup.json) exec sleep 300;; esac\ncp " +
                       fixture.string() + " \"$3\"\n");
  write_file(dir.path() / "suite.yaml",
             "suite: artillery-test\nrepetitions: 2\nwarmup: 1s\nscenarios:\n  - name: smoke\n"
             "    adapter: artillery\n    script: smoke.yaml\n    artillery: " +
                 tool.string() + "\n");
  auto started = std::chrono::steady_clock::now();
  auto out = run_command({perfgate_binary(), "run", (dir.path() / "suite.yaml").string(), "-o",
                          (dir.path() / "r.json").string(), "--no-progress"});
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  CHECK(std::chrono::steady_clock::now() - started < 15s);
  std::string log = read_file(calls);
  CHECK(std::count(log.begin(), log.end(), '\n') == 3);  // warm-up, 2 runs (version is not logged)
  CHECK(log.find("metrics-by-endpoint") != std::string::npos);
  json result = json::parse(read_file(dir.path() / "r.json"));
  REQUIRE(result["scenarios"][0]["runs"].size() == 2);
  CHECK(value_in(result["scenarios"][0]["runs"][1], "requests_sent") == 100);
  CHECK(result["environment"]["tools"]["artillery"] == "0.0.0-test");
}
