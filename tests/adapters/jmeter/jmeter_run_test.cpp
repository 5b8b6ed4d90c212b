// `perfgate run` driving the REAL Debian JMeter (2.13, with the XStream shim compiled from
// shim/ first on its classpath) against the built-in target on 127.0.0.1; and JMeters that are
// missing, crash, hang, or (2.13 without the shim) exit 0 writing nothing: exit 3, the tool's
// output tail in the message, no process left behind.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/target/target_server.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

namespace {

const std::string kJMeterJar = "/usr/share/jmeter/bin/ApacheJMeter.jar";

// The suite's `jmeter:` command: Debian's JMeter through its NewDriver, shim first.
std::string jmeter_command(bool with_shim) {
  const std::string classpath =
      with_shim ? std::string(PERFGATE_JMETER_SHIM_DIR) + ":" + kJMeterJar : kJMeterJar;
  return "[java, -cp, \"" + classpath +
         "\", -Djmeter.home=/usr/share/jmeter, org.apache.jmeter.NewDriver]";
}

std::string suite_text(const std::string& jmeter, uint16_t port, const std::string& extra = "") {
  return "suite: jmeter-e2e\n"
         "repetitions: 1\n"
         "scenarios:\n"
         "  - name: plan\n"
         "    adapter: jmeter\n"
         "    plan: " +
         (fixtures_dir() / "jmeter" / "plans" / "target_plan.jmx").string() +
         "\n"
         "    jmeter: " +
         jmeter +
         "\n"
         "    properties: { port: \"" +
         std::to_string(port) + "\", duration_s: \"3\", threads: \"2\" }\n" + extra;
}

struct JtlCounts {
  uint64_t samples = 0;
  uint64_t failures = 0;
  std::map<std::string, uint64_t> per_label;
};

// Counts the JTL's lines on its own: header names, then one sample per line (the plan's labels
// and messages hold no commas or quotes).
JtlCounts count_jtl(const std::filesystem::path& jtl) {
  std::ifstream in(jtl);
  std::string line;
  REQUIRE(std::getline(in, line));
  std::vector<std::string> header;
  std::stringstream names(line);
  for (std::string name; std::getline(names, name, ',');) header.push_back(name);
  const auto column = [&](const std::string& name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const size_t label = column("label"), success = column("success");
  REQUIRE(success < header.size());
  JtlCounts counts;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream row(line);
    for (std::string field; std::getline(row, field, ',');) fields.push_back(field);
    REQUIRE(fields.size() == header.size());
    ++counts.samples;
    counts.failures += fields[success] == "false" ? 1 : 0;
    ++counts.per_label[fields[label]];
  }
  return counts;
}

double metric_value(const nlohmann::json& run, const std::string& name,
                    const nlohmann::json& tags = nlohmann::json::object()) {
  for (const nlohmann::json& metric : run["metrics"])
    if (metric["name"] == name && metric.value("tags", nlohmann::json::object()) == tags)
      return metric["value"].get<double>();
  FAIL("no metric " << name << " " << tags.dump());
  return -1;
}

CommandOutput perfgate_run(const TempDir& dir, const std::string& suite) {
  write_file(dir.path() / "suite.yaml", suite);
  return run_command({perfgate_binary().string(), "run", (dir.path() / "suite.yaml").string(), "-o",
                      (dir.path() / "results.json").string()},
                     90);
}

std::filesystem::path fake_jmeter(const TempDir& dir, const std::string& body) {
  const std::filesystem::path script = dir.path() / "fake-jmeter";
  write_file(script, "#!/bin/sh\n" + body);
  chmod(script.c_str(), 0755);
  return script;
}

bool process_alive(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(status, text)) return false;
  const size_t state = text.rfind(')') + 2;  // "pid (name) S ..."
  return state < text.size() && text[state] != 'Z';
}

}  // namespace

TEST_CASE("perfgate run drives the real JMeter: counts equal the JTL's", "[jmeter][e2e]") {
  REQUIRE(std::filesystem::exists(kJMeterJar));  // ci/install-deps.sh installs jmeter
  target::TargetOptions options;
  options.port = 0;
  options.latency_a = 1ms;
  options.error_rate = 0.3;
  target::TargetServer target(options);
  target.start();
  TempDir dir;
  CommandOutput out = perfgate_run(dir, suite_text(jmeter_command(true), target.port()));
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);

  const JtlCounts jtl =
      count_jtl(dir.path() / "results.json.logs" / "plan" / "run-1" / "results.jtl");
  // Few samples when the machine is busy: JMeter's JVM shares it with the build.
  REQUIRE(jtl.samples >= 10);
  REQUIRE(jtl.failures > 0);  // the target answers 30 % with 500
  CHECK(target.stats().requests == jtl.samples);

  const auto results = nlohmann::json::parse(read_file(dir.path() / "results.json"));
  CHECK_THAT(results["environment"]["tools"]["jmeter"].get<std::string>(), Contains("2.13"));
  const nlohmann::json& run = results["scenarios"][0]["runs"][0];
  CHECK(run["status"] == "ok");
  CHECK(metric_value(run, "requests") == jtl.samples);
  CHECK(metric_value(run, "errors") == jtl.failures);
  CHECK(metric_value(run, "errors", {{"kind", "http_5xx"}}) == jtl.failures);
  for (const auto& [label, count] : jtl.per_label)
    CHECK(metric_value(run, "requests", {{"request", label}}) == count);
  CHECK(jtl.per_label.size() == 2);
  CHECK(metric_value(run, "throughput") > 0);
  CHECK(run["duration_s"].get<double>() > 0.1);
  CHECK(run["duration_s"].get<double>() < 5);  // the plan runs 3 s
}

TEST_CASE("JMeter 2.13 that exits 0 without writing results fails the run: exit 3",
          "[jmeter][e2e]") {
  REQUIRE(std::filesystem::exists(kJMeterJar));
  TempDir dir;
  // Without the shim, Debian's XStream rejects the plan; JMeter still exits 0.
  CommandOutput out = perfgate_run(dir, suite_text(jmeter_command(false), 9));
  CHECK(out.exit_code == 3);
  CHECK_THAT(out.out + out.err,
             Contains("wrote no results") && Contains("ForbiddenClassException"));
  const auto results = nlohmann::json::parse(read_file(dir.path() / "results.json"));
  CHECK(results["scenarios"][0]["runs"][0]["status"] == "failed");
}

TEST_CASE("a missing JMeter exits 3 and says how to install it", "[jmeter][e2e]") {
  TempDir dir;
  CommandOutput out = perfgate_run(dir, suite_text("/nonexistent/bin/jmeter", 9));
  CHECK(out.exit_code == 3);
  CHECK_THAT(out.out + out.err, Contains("/nonexistent/bin/jmeter") && Contains("jmeter-http"));
}

TEST_CASE("a crashing JMeter exits 3 with its stderr tail", "[jmeter][e2e]") {
  TempDir dir;
  const auto script = fake_jmeter(dir,
                                  "echo 'Uncaught Exception java.lang.OutOfMemoryError' >&2\n"
                                  "kill -SEGV $$\n");
  CommandOutput out = perfgate_run(dir, suite_text(script.string(), 9));
  CHECK(out.exit_code == 3);
  CHECK_THAT(out.out + out.err, Contains("signal 11") && Contains("java.lang.OutOfMemoryError"));
}

TEST_CASE("a hanging JMeter is stopped at the timeout with its children: exit 3", "[jmeter][e2e]") {
  TempDir dir;
  const auto pid_file = dir.path() / "child.pid";
  const auto script = fake_jmeter(dir, "sleep 300 &\necho $! > '" + pid_file.string() +
                                           "'\necho 'Waiting for possible shutdown message' >&2\n"
                                           "sleep 300\n");
  const auto started = std::chrono::steady_clock::now();
  CommandOutput out = perfgate_run(dir, suite_text(script.string(), 9, "    timeout: 2s\n"));
  CHECK(std::chrono::steady_clock::now() - started < 15s);
  CHECK(out.exit_code == 3);
  CHECK_THAT(out.out + out.err,
             Contains("timed out") && Contains("Waiting for possible shutdown message"));
  const pid_t child = std::stoi(read_file(pid_file));
  for (int i = 0; i < 50 && process_alive(child); ++i) std::this_thread::sleep_for(100ms);
  CHECK_FALSE(process_alive(child));
}
