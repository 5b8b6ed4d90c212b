// The run path end to end: `perfgate run` on a suite with a k6 scenario, k6 being a fake
// shell script placed first on PATH (k6 cannot be installed here) that writes real k6 fixture
// output to the paths perfgate asks for, or crashes, or hangs, or is missing.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "core/model/result_json.h"
#include "tests/adapters/k6/k6_test_support.h"

using perfgate::testing::perfgate_binary;
using perfgate::testing::read_file;
using perfgate::testing::run_command;
using perfgate::testing::TempDir;
using perfgate::testing::write_file;

namespace {

// Puts `dir` first on PATH (alone, when `only`) for the lifetime of the guard.
class PathGuard {
 public:
  PathGuard(const std::filesystem::path& dir, bool only) : saved_(std::getenv("PATH")) {
    const std::string path = only ? dir.string() : dir.string() + ":" + saved_;
    setenv("PATH", path.c_str(), 1);
  }
  ~PathGuard() { setenv("PATH", saved_.c_str(), 1); }

 private:
  std::string saved_;
};

// A fake `k6`: `k6 version` prints a version; `k6 run ...` appends its arguments to args.txt,
// then runs `body` with $out / $summary set to the --out json= / --summary-export= paths.
void write_fake_k6(const std::filesystem::path& dir, const std::string& body) {
  const std::filesystem::path script = dir / "k6";
  write_file(script,
             "#!/bin/sh\n"
             "if [ \"$1\" = version ]; then echo 'k6 v0.48.0 (go1.19.8, linux/amd64)'; exit 0; fi\n"
             "echo \"$@\" >> '" +
                 (dir / "args.txt").string() +
                 "'\n"
                 "for a in \"$@\"; do case \"$a\" in\n"
                 "  json=*) out=\"${a#json=}\";;\n"
                 "  --summary-export=*) summary=\"${a#--summary-export=}\";;\n"
                 "esac; done\n" +
                 body + "\n");
  chmod(script.c_str(), 0755);
}

std::string copy_fixture(const std::string& stem, int exit_code) {
  return "cp '" + k6_test::fixture(stem + ".ndjson") +
         "' \"$out\"\n"
         "cp '" +
         k6_test::fixture(stem + ".summary.json") +
         "' \"$summary\"\n"
         "echo 'running (fake k6)'\n"
         "exit " +
         std::to_string(exit_code);
}

void write_suite(const std::filesystem::path& dir, int repetitions, const std::string& extra = "") {
  write_file(dir / "smoke.js", "export default function () {}\n");
  write_file(dir / "suite.yaml",
             "suite: k6-run-test\n"
             "repetitions: " +
                 std::to_string(repetitions) +
                 "\n"
                 "scenarios:\n"
                 "  - name: smoke\n"
                 "    adapter: k6\n"
                 "    script: smoke.js\n"
                 "    vus: 2\n"
                 "    duration: 3s\n"
                 "    env: { BASE_URL: \"http://127.0.0.1:1\" }\n"
                 "    tags: { build: \"42\" }\n" +
                 extra);
}

perfgate::testing::CommandOutput perfgate_run(const std::filesystem::path& dir) {
  return run_command({perfgate_binary(), "run", (dir / "suite.yaml").string(), "-o",
                      (dir / "results.json").string()},
                     60);
}

// A killed orphan may linger as a zombie until the container's init reaps it: dead all the same.
bool gone_or_zombie(pid_t pid) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text)) return true;
    const size_t paren = text.rfind(')');
    if (paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z')
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

TEST_CASE("k6 run: each repetition runs k6 with the suite's settings and imports its output") {
  TempDir dir;
  write_fake_k6(dir.path(), copy_fixture("smoke-pass", 0));
  write_suite(dir.path(), 2);
  PathGuard path(dir.path(), false);
  const auto out = perfgate_run(dir.path());
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  const perfgate::SuiteResult result =
      perfgate::read_results_file((dir.path() / "results.json").string());
  CHECK(result.environment.tools.at("k6") == "0.48.0");
  REQUIRE(result.scenarios.size() == 1);
  REQUIRE(result.scenarios[0].runs.size() == 2);
  const perfgate::RunResult& run = result.scenarios[0].runs[1];
  CHECK(k6_test::value_of(run, "requests") == 60);
  CHECK(k6_test::value_of(run, "thresholds_failed") == 0);
  CHECK(k6_test::histogram_of(run, "latency").count() == 60);
  CHECK(run.log.ends_with("run-2/k6.log"));
  CHECK(read_file(run.log).find("running (fake k6)") != std::string::npos);
  const std::string args = read_file(dir.path() / "args.txt");
  CHECK(args.find("run --no-usage-report --out json=") != std::string::npos);
  CHECK(args.find("run-1/k6.json --summary-export=") != std::string::npos);
  CHECK(args.find("--vus=2 --duration=3000ms -e BASE_URL=http://127.0.0.1:1 --tag build=42 ") !=
        std::string::npos);
  CHECK(args.find("smoke.js\n") != std::string::npos);
}

TEST_CASE("k6 run: thresholds crossed (exit 99) is a measured run with k6's verdicts") {
  TempDir dir;
  write_fake_k6(dir.path(), copy_fixture("groups-checks-thresholds", 99));
  write_suite(dir.path(), 1);
  PathGuard path(dir.path(), false);
  const auto out = perfgate_run(dir.path());
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  const auto result = perfgate::read_results_file((dir.path() / "results.json").string());
  const perfgate::RunResult& run = result.scenarios.at(0).runs.at(0);
  CHECK(run.status == perfgate::RunStatus::ok);
  CHECK(k6_test::value_of(run, "thresholds_failed") == 1);
  CHECK(k6_test::value_of(run, "errors") == 20);
}

TEST_CASE("k6 run: a crashing k6 is a failed run with its stderr tail, exit 3") {
  TempDir dir;
  write_fake_k6(dir.path(), "echo 'panic: runtime error: fake crash' >&2\nexit 107");
  write_suite(dir.path(), 3);
  PathGuard path(dir.path(), false);
  const auto out = perfgate_run(dir.path());
  INFO(out.out << out.err);
  CHECK(out.exit_code == 3);
  CHECK(out.err.find("exit code 107") != std::string::npos);
  CHECK(out.err.find("panic: runtime error: fake crash") != std::string::npos);
  const auto result = perfgate::read_results_file((dir.path() / "results.json").string());
  REQUIRE(result.scenarios.at(0).runs.size() == 1);  // no further repetitions after a failure
  CHECK(result.scenarios[0].runs[0].status == perfgate::RunStatus::failed);
  CHECK(result.scenarios[0].runs[0].metrics.empty());
}

TEST_CASE("k6 run: exit 0 without samples is a failed run, not empty numbers") {
  TempDir dir;
  write_fake_k6(dir.path(), "exit 0");
  write_suite(dir.path(), 1);
  PathGuard path(dir.path(), false);
  const auto out = perfgate_run(dir.path());
  INFO(out.out << out.err);
  CHECK(out.exit_code == 3);
  CHECK(out.err.find("wrote no samples") != std::string::npos);
}

TEST_CASE("k6 run: a hanging k6 is stopped at the scenario timeout with its children") {
  TempDir dir;
  const auto child_pid = dir.path() / "child.pid";
  write_fake_k6(dir.path(), "sleep 60 &\necho $! > '" + child_pid.string() + "'\nwait");
  write_suite(dir.path(), 1, "    timeout: 1s\n");
  PathGuard path(dir.path(), false);
  const auto out = perfgate_run(dir.path());
  INFO(out.out << out.err);
  CHECK(out.exit_code == 3);
  CHECK(out.err.find("timed out") != std::string::npos);
  const pid_t sleeper = std::stoi(read_file(child_pid));
  CHECK(gone_or_zombie(sleeper));
}

TEST_CASE("k6 run: k6 missing from PATH says how to get it, exit 3") {
  TempDir dir;
  write_suite(dir.path(), 1);
  PathGuard path(dir.path(), true);  // an empty folder: no k6 anywhere
  const auto out = perfgate_run(dir.path());
  INFO(out.out << out.err);
  CHECK(out.exit_code == 3);
  CHECK(out.err.find("k6 is not on PATH; install it from https://k6.io or import its output "
                     "with files:") != std::string::npos);
}

TEST_CASE("k6 run: files: imports instead of running k6") {
  TempDir dir;
  write_file(dir.path() / "suite.yaml",
             "suite: k6-files\nrepetitions: 1\nscenarios:\n"
             "  - name: imported\n    adapter: k6\n    files: ['" +
                 k6_test::fixture("smoke-pass.ndjson") + "', '" +
                 k6_test::fixture("constant-arrival-rate.csv") + "']\n");
  PathGuard path(dir.path(), true);  // k6 is not needed to import
  const auto out = perfgate_run(dir.path());
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  const auto result = perfgate::read_results_file((dir.path() / "results.json").string());
  REQUIRE(result.scenarios.at(0).runs.size() == 2);
  CHECK(k6_test::value_of(result.scenarios[0].runs[1], "requests") == 334);
}
