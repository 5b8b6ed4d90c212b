// `perfgate gate` end to end: real git repositories in temp dirs, the real executable, the
// mock adapter's simulated service (a second one 15 % slower), and bad input of every kind.
// The mock makes the same runs on any machine, so no case depends on the machine's speed.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "baselines/baseline_file.h"
#include "core/model/result_json.h"
#include "tests/baselines/git_fixture.h"
#include "tests/harness/cli/bad_suites.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;

namespace {

const std::string kBaseline = ".perfgate/baselines/e2e.json";

const MockService kService{.latency_ms = 5, .seed = 1};
// The same service measured again, in another job: other noise, the same truth.
const MockService kServiceAgain{.latency_ms = 5, .seed = 2};
const MockService kSlowerService{.latency_ms = 5.75, .seed = 2};  // every latency 15 % longer

CommandOutput perfgate_cli(std::vector<std::string> args, double timeout_s = 60) {
  args.insert(args.begin(), perfgate_binary().string());
  return run_command(args, timeout_s);
}

// A results file measured once with the service, shared by the cases that need a measured
// baseline (each case then commits it in its own repository).
const std::filesystem::path& measured_baseline() {
  static TempDir dir;
  static const std::filesystem::path results = [] {
    write_file(dir.path() / "perf.yaml", mock_suite_yaml("e2e", {"browse"}, kService));
    const auto out = perfgate_cli({"run", (dir.path() / "perf.yaml").string(), "-o",
                                   (dir.path() / "base.json").string(), "--no-progress"});
    INFO(out.err);
    REQUIRE(out.exit_code == 0);
    return dir.path() / "base.json";
  }();
  return results;
}

// main: the suite and its baseline (committed by `perfgate baseline update --commit`).
void main_with_baseline(const std::filesystem::path& repo, const std::filesystem::path& results) {
  init_repo(repo);
  commit_file(repo, "perf.yaml", mock_suite_yaml("e2e", {"browse"}, kService), "suite");
  const auto out = perfgate_cli({"baseline", "update", (repo / "perf.yaml").string(), "--from",
                                 results.string(), "--commit"});
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
}

struct GateOutput {
  CommandOutput command;
  nlohmann::json report;  // perfgate.json from --report-dir
};

GateOutput gate(const std::filesystem::path& repo, std::vector<std::string> extra = {}) {
  const auto reports = repo / ".." / "reports";
  std::vector<std::string> args{"gate",          (repo / "perf.yaml").string(),
                                "--against",     "main",
                                "--no-progress", "--format",
                                "text",          "--format",
                                "json",          "--report-dir",
                                reports.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  GateOutput out{perfgate_cli(args), {}};
  if (std::filesystem::exists(reports / "perfgate.json"))
    out.report = nlohmann::json::parse(read_file(reports / "perfgate.json"));
  std::filesystem::remove_all(reports);
  return out;
}

bool regressed(const nlohmann::json& report, const std::string& request) {
  for (const auto& comparison : report["comparisons"])
    if (comparison["verdict"] == "regression" && comparison["tags"].value("request", "") == request)
      return true;
  return false;
}

void write_results(const std::filesystem::path& path, const SuiteResult& result) {
  write_results_file(result, path.string());
}

}  // namespace

TEST_CASE("gate: an unchanged branch passes against main's committed baseline", "[cli][gate]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  main_with_baseline(repo, measured_baseline());
  git(repo, {"checkout", "-q", "-b", "feature"});
  commit_file(repo, "src.txt", "a change that does not touch speed\n", "code");
  commit_file(repo, "perf.yaml", mock_suite_yaml("e2e", {"browse"}, kServiceAgain),
              "measured again");
  const GateOutput out = gate(repo);
  INFO(out.command.out << out.command.err);
  CHECK(out.command.exit_code == 0);
  CHECK(out.report["verdict"] == "pass");
  CHECK(out.report["provenance"]["baseline_edited_by_change"] == false);
  CHECK(out.command.out.find("baseline: main (merge-base ") != std::string::npos);
}

TEST_CASE("gate: a branch whose target is 15 % slower fails naming the request", "[cli][gate]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  main_with_baseline(repo, measured_baseline());
  git(repo, {"checkout", "-q", "-b", "slower"});
  commit_file(repo, "perf.yaml", mock_suite_yaml("e2e", {"browse"}, kSlowerService),
              "the service got slower");
  const GateOutput out = gate(repo);
  INFO(out.command.out << out.command.err);
  CHECK(out.command.exit_code == 1);
  CHECK(out.report["verdict"] == "fail");
  CHECK(regressed(out.report, "list"));
  CHECK(out.command.out.find("list") != std::string::npos);
}

TEST_CASE("gate: rewriting the baseline on the branch does not hide the slowdown", "[cli][gate]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  main_with_baseline(repo, measured_baseline());
  git(repo, {"checkout", "-q", "-b", "sneaky"});
  commit_file(repo, "perf.yaml", mock_suite_yaml("e2e", {"browse"}, kSlowerService), "slower");
  // A baseline so slow that the candidate would look like an improvement against it.
  commit_file(repo, kBaseline,
              baselines::render_baseline(synthetic_result("e2e", {"browse"}, 50.0)),
              "refresh baseline");
  const GateOutput out = gate(repo);
  INFO(out.command.out << out.command.err);
  CHECK(out.command.exit_code == 1);
  CHECK(regressed(out.report, "list"));
  CHECK(out.report["provenance"]["baseline_edited_by_change"] == true);
  CHECK(out.command.out.find("this change edits its baseline file") != std::string::npos);
}

TEST_CASE("gate: a shallow clone without the merge-base exits 2 with the fix", "[cli][gate]") {
  TempDir dir;
  const auto upstream = dir.path() / "upstream";
  init_repo(upstream);
  commit_file(upstream, "perf.yaml", mock_suite_yaml("e2e", {"browse"}, kService), "suite");
  commit_file(upstream, kBaseline,
              baselines::render_baseline(synthetic_result("e2e", {"browse"}, 1.0)), "baseline");
  git(upstream, {"checkout", "-q", "-b", "feature"});
  commit_file(upstream, "a.txt", "a\n", "feature");
  git(dir.path(),
      {"clone", "-q", "--depth", "1", "--branch", "feature", "file://" + upstream.string(), "ci"});
  const GateOutput out = gate(dir.path() / "ci");
  INFO(out.command.out << out.command.err);
  CHECK(out.command.exit_code == 2);
  CHECK(out.command.err.find("shallow clone") != std::string::npos);
  CHECK(out.command.err.find("fetch-depth: 0") != std::string::npos);
  CHECK(out.command.err.find("git fetch origin main") != std::string::npos);
}

TEST_CASE("gate: bad baselines and mismatched scenarios exit 2 with a clear message",
          "[cli][gate]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  const auto results = dir.path() / "candidate.json";
  write_results(results, synthetic_result("e2e", {"browse"}, 1.0));
  init_repo(repo);
  commit_file(repo, "perf.yaml", mock_suite_yaml("e2e", {"browse"}, kService), "suite");
  const std::vector<std::string> from_file{"--results", results.string()};

  SECTION("a corrupt baseline blob") {
    commit_file(repo, kBaseline, "<<<<<<< HEAD\n{\"schema\":", "a bad merge");
    const auto out = gate(repo, from_file);
    CHECK(out.command.exit_code == 2);
    CHECK(out.command.err.find(kBaseline) != std::string::npos);
    CHECK(out.command.err.find("not JSON") != std::string::npos);
  }
  SECTION("a baseline of an unknown schema version") {
    std::string text = baselines::render_baseline(synthetic_result("e2e", {"browse"}, 1.0));
    text.replace(text.find("result/v1"), 9, "result/v7");
    commit_file(repo, kBaseline, text, "from the future");
    const auto out = gate(repo, from_file);
    CHECK(out.command.exit_code == 2);
    CHECK(out.command.err.find("perfgate/result/v1") != std::string::npos);
  }
  SECTION("scenarios that no longer match the baseline's") {
    commit_file(repo, kBaseline,
                baselines::render_baseline(synthetic_result("e2e", {"browse", "old"}, 1.0)),
                "baseline");
    git(repo, {"checkout", "-q", "-b", "renamed"});
    commit_file(repo, "perf.yaml", mock_suite_yaml("e2e", {"shop"}, kService), "rename");
    const auto out = gate(repo, from_file);
    INFO(out.command.err);
    CHECK(out.command.exit_code == 2);
    CHECK(out.command.err.find("new (not in the baseline): 'shop'") != std::string::npos);
    CHECK(out.command.err.find("removed (only in the baseline): 'browse', 'old'") !=
          std::string::npos);
  }
  SECTION("a baseline path outside the repository") {
    commit_file(repo, "perf.yaml",
                "baseline: ../elsewhere.json\n" + suite_yaml("e2e", {"browse"}, "http://x:1"),
                "moved");
    const auto out = gate(repo, from_file);
    CHECK(out.command.exit_code == 2);
    CHECK(out.command.err.find("outside the git repository") != std::string::npos);
  }
}

TEST_CASE("gate: no baseline yet passes with the fix, or fails when the suite says so",
          "[cli][gate]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  const auto results = dir.path() / "candidate.json";
  write_results(results, synthetic_result("e2e", {"browse"}, 1.0));
  init_repo(repo);
  commit_file(repo, "perf.yaml", suite_yaml("e2e", {"browse"}, "http://127.0.0.1:1"), "suite");
  auto out = gate(repo, {"--results", results.string()});
  CHECK(out.command.exit_code == 0);
  CHECK(out.command.out.find("no baseline") != std::string::npos);
  CHECK(out.command.out.find("perfgate baseline update") != std::string::npos);
  commit_file(repo, "perf.yaml",
              suite_yaml("e2e", {"browse"}, "http://127.0.0.1:1", "  on_missing_baseline: fail\n"),
              "strict");
  out = gate(repo, {"--results", results.string()});
  CHECK(out.command.exit_code == 1);
}

TEST_CASE("gate: works from a linked worktree with a dirty tree", "[cli][gate]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  const auto results = dir.path() / "candidate.json";
  write_results(results, synthetic_result("e2e", {"browse"}, 1.0));
  init_repo(repo);
  commit_file(repo, "perf.yaml", suite_yaml("e2e", {"browse"}, "http://127.0.0.1:1"), "suite");
  commit_file(repo, kBaseline, baselines::render_baseline(synthetic_result("e2e", {"browse"}, 1.0)),
              "baseline");
  git(repo, {"worktree", "add", "-q", "-b", "feature", (dir.path() / "wt").string()});
  write_file(dir.path() / "wt" / "README.md", "edited, not committed\n");
  const auto out = gate(dir.path() / "wt", {"--results", results.string()});
  INFO(out.command.out << out.command.err);
  CHECK(out.command.exit_code == 0);
  CHECK(out.report["provenance"]["baseline_edited_by_change"] == false);
}

TEST_CASE("gate: a different machine is reported, and inconclusive when the suite asks",
          "[cli][gate]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  SuiteResult baseline = synthetic_result("e2e", {"browse"}, 1.0);
  baseline.environment.cpu_model = "Other CPU";
  const auto results = dir.path() / "candidate.json";
  write_results(results, synthetic_result("e2e", {"browse"}, 1.5));  // 50 % slower
  init_repo(repo);
  commit_file(repo, "perf.yaml", suite_yaml("e2e", {"browse"}, "http://127.0.0.1:1"), "suite");
  commit_file(repo, kBaseline, baselines::render_baseline(baseline), "baseline");
  auto out = gate(repo, {"--results", results.string()});
  CHECK(out.command.exit_code == 1);
  REQUIRE(out.report["provenance"]["environment_differences"].size() == 1);
  CHECK(out.report["provenance"]["environment_differences"][0] ==
        "cpu_model: Other CPU -> Test CPU");
  CHECK(out.command.out.find("environment differs") != std::string::npos);
  commit_file(repo, "perf.yaml",
              suite_yaml("e2e", {"browse"}, "http://127.0.0.1:1",
                         "  on_environment_change: inconclusive\n"),
              "inconclusive on another machine");
  out = gate(repo, {"--results", results.string()});
  CHECK(out.command.exit_code == 0);
  for (const auto& comparison : out.report["comparisons"])
    CHECK(comparison["verdict"] == "inconclusive");
}

TEST_CASE("gate: an SLA rule the branch breaks fails the gate, with or without a change",
          "[cli][gate][mock]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  main_with_baseline(repo, measured_baseline());
  git(repo, {"checkout", "-q", "-b", "strict"});
  // The service is unchanged (5 ms median), but the rule asks for a p50 under 4 ms.
  commit_file(repo, "perf.yaml",
              mock_suite_yaml("e2e", {"browse"}, kServiceAgain, "  sla: ['latency.p50 < 4ms']\n"),
              "an SLA");
  const GateOutput out = gate(repo);
  INFO(out.command.out << out.command.err);
  CHECK(out.command.exit_code == 1);
  CHECK(out.report["verdict"] == "fail");
  REQUIRE(out.report["sla"].size() == 1);
  CHECK(out.report["sla"][0]["outcome"] == "breach");
  CHECK_FALSE(regressed(out.report, "list"));  // no change against the baseline
}

TEST_CASE("gate: a small change under large noise is inconclusive and passes",
          "[cli][gate][mock]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  init_repo(repo);
  const MockService noisy{.latency_ms = 5, .seed = 1, .noise = "20%", .repetitions = 5};
  commit_file(repo, "perf.yaml", mock_suite_yaml("e2e", {"browse"}, noisy), "suite");
  const auto update =
      perfgate_cli({"baseline", "update", (repo / "perf.yaml").string(), "--commit"});
  INFO(update.out << update.err);
  REQUIRE(update.exit_code == 0);
  git(repo, {"checkout", "-q", "-b", "slightly-slower"});
  const MockService slightly_slower{
      .latency_ms = 5.3, .seed = 2, .noise = "20%", .repetitions = 5};  // +6 %
  commit_file(repo, "perf.yaml", mock_suite_yaml("e2e", {"browse"}, slightly_slower), "+6 %");
  const GateOutput out = gate(repo);
  INFO(out.command.out << out.command.err);
  CHECK(out.command.exit_code == 0);
  CHECK(out.report["verdict"] == "pass");
  bool latency_seen = false;
  for (const auto& comparison : out.report["comparisons"]) {
    if (comparison["metric"] != "latency") continue;
    latency_seen = true;
    CHECK(comparison["verdict"] == "inconclusive");
  }
  CHECK(latency_seen);
}

TEST_CASE("gate: a mistake in a gate or k6 key exits 2 naming the line of that key",
          "[cli][gate]") {
  const BadSuite bad = GENERATE(from_range(kBadSuites));
  check_names_the_key(
      perfgate_cli({"gate", bad_suite_path(bad).string(), "--against", "main", "--no-progress"}),
      bad);
}

TEST_CASE("gate: earlier baselines measured on this machine give the tests their variance",
          "[cli][gate][mock]") {
  TempDir dir;
  const auto repo = dir.path() / "repo";
  init_repo(repo);
  for (int seed = 1; seed <= 4; ++seed) {  // four baselines on main, each measured anew
    commit_file(repo, "perf.yaml",
                mock_suite_yaml("e2e", {"browse"}, {.latency_ms = 5, .seed = seed}),
                "measure again");
    const auto update =
        perfgate_cli({"baseline", "update", (repo / "perf.yaml").string(), "--commit"});
    INFO(update.out << update.err);
    REQUIRE(update.exit_code == 0);
  }
  git(repo, {"checkout", "-q", "-b", "feature"});
  commit_file(repo, "perf.yaml", mock_suite_yaml("e2e", {"browse"}, {.latency_ms = 5, .seed = 9}),
              "unchanged service");
  const GateOutput out = gate(repo);
  INFO(out.command.out << out.command.err);
  CHECK(out.command.exit_code == 0);
  int with_history = 0;
  for (const auto& comparison : out.report["comparisons"])
    if (comparison["test"].value("history_baselines", 0) == 3) ++with_history;  // before the base
  CHECK(with_history == static_cast<int>(out.report["comparisons"].size()));
  CHECK(with_history > 0);
}
