// `perfgate baseline update|show` and `perfgate history` on real git repositories.
#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "core/model/result_json.h"
#include "tests/baselines/git_fixture.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;

namespace {

const std::string kBaseline = ".perfgate/baselines/api.json";

CommandOutput perfgate_cli(std::vector<std::string> args) {
  args.insert(args.begin(), perfgate_binary().string());
  return run_command(args, 30);
}

struct Repo {
  TempDir dir;
  std::filesystem::path root = dir.path() / "repo";
  std::filesystem::path suite = root / "perf.yaml";

  Repo() {
    init_repo(root);
    commit_file(root, "perf.yaml", suite_yaml("api", {"browse"}, "http://127.0.0.1:1"), "suite");
  }
  std::string results(double latency_ms) const {
    const auto path = dir.path() / ("results-" + std::to_string(latency_ms) + ".json");
    write_results_file(synthetic_result("api", {"browse"}, latency_ms), path.string());
    return path.string();
  }
  CommandOutput update(double latency_ms, std::vector<std::string> extra = {"--commit"}) const {
    std::vector<std::string> args{"baseline", "update", suite.string(), "--from",
                                  results(latency_ms)};
    args.insert(args.end(), extra.begin(), extra.end());
    return perfgate_cli(args);
  }
  int commit_count() const { return std::stoi(git(root, {"rev-list", "--count", "HEAD"})); }
};

}  // namespace

TEST_CASE("baseline update --commit makes exactly one commit touching only the baseline",
          "[cli][baseline]") {
  Repo repo;
  write_file(repo.root / "staged.txt", "staged by the user, not ours to commit\n");
  git(repo.root, {"add", "staged.txt"});
  write_file(repo.root / "README.md", "modified, unstaged\n");
  const int before = repo.commit_count();
  auto out = repo.update(2.0);
  INFO(out.out << out.err);
  REQUIRE(out.exit_code == 0);
  CHECK(repo.commit_count() == before + 1);
  const std::string stat = git(repo.root, {"log", "-1", "--stat", "--format=%s%n%b"});
  CHECK(stat.find(kBaseline + " |") != std::string::npos);
  CHECK(stat.find("1 file changed") != std::string::npos);
  CHECK(stat.find("perfgate: update baseline of api") != std::string::npos);
  CHECK(stat.find("First baseline") != std::string::npos);
  CHECK(git(repo.root, {"log", "-1", "--format=%an"}) == "Baseline Tester\n");

  // A second update says what moved, and --author is honoured.
  out = repo.update(2.4, {"--commit", "--author", "CI Bot <ci@example.com>"});
  REQUIRE(out.exit_code == 0);
  const std::string message = git(repo.root, {"log", "-1", "--format=%an|%b"});
  INFO(message);
  CHECK(message.rfind("CI Bot|", 0) == 0);
  CHECK(message.find("browse latency{request=list}.p50") != std::string::npos);
  CHECK(message.find(" -> 2.6") != std::string::npos);  // 2.2 ms -> 2.64 ms (p50 of 1x..1.2x)
  CHECK(message.find("(+") != std::string::npos);
  CHECK(message.find(" %)") != std::string::npos);  // the change as every report writes it
  CHECK(git(repo.root, {"status", "--porcelain"}) == " M README.md\nA  staged.txt\n");
}

TEST_CASE("baseline update refuses a detached HEAD, an unborn branch and a conflicting index",
          "[cli][baseline]") {
  Repo repo;
  SECTION("detached HEAD, then --force") {
    git(repo.root, {"checkout", "-q", "--detach"});
    auto out = repo.update(2.0);
    CHECK(out.exit_code == 2);
    CHECK(out.err.find("HEAD is detached") != std::string::npos);
    const int before = repo.commit_count();
    out = repo.update(2.0, {"--commit", "--force"});
    CHECK(out.exit_code == 0);
    CHECK(repo.commit_count() == before + 1);
  }
  SECTION("unborn branch") {
    git(repo.root, {"checkout", "-q", "--orphan", "fresh"});
    const auto out = repo.update(2.0);
    CHECK(out.exit_code == 2);
    CHECK(out.err.find("no commit yet") != std::string::npos);
  }
  SECTION("conflicting index") {
    git(repo.root, {"checkout", "-q", "-b", "other"});
    commit_file(repo.root, "README.md", "other\n", "other");
    git(repo.root, {"checkout", "-q", "main"});
    commit_file(repo.root, "README.md", "main\n", "main");
    run_command({"/usr/bin/git", "-C", repo.root.string(), "merge", "-q", "other"});
    const auto out = repo.update(2.0);
    CHECK(out.exit_code == 2);
    CHECK(out.err.find("merge conflicts") != std::string::npos);
  }
  SECTION("a results file of another suite") {
    write_results_file(synthetic_result("other", {"browse"}, 1.0),
                       (repo.dir.path() / "other.json").string());
    const auto out = perfgate_cli({"baseline", "update", repo.suite.string(), "--from",
                                   (repo.dir.path() / "other.json").string()});
    CHECK(out.exit_code == 2);
    CHECK(out.err.find("holds suite 'other'") != std::string::npos);
  }
}

TEST_CASE("baseline show reads the working tree or a revision", "[cli][baseline]") {
  Repo repo;
  REQUIRE(repo.update(2.0).exit_code == 0);
  REQUIRE(repo.update(4.0, {}).exit_code == 0);  // written, not committed
  auto out =
      perfgate_cli({"baseline", "show", repo.suite.string(), "--at", "HEAD", "--format", "json"});
  REQUIRE(out.exit_code == 0);
  const double at_head =
      nlohmann::json::parse(out.out)["scenarios"][0]["runs"][0]["metrics"][0]["summary"]["p50"];
  out = perfgate_cli({"baseline", "show", repo.suite.string(), "--format", "json"});
  REQUIRE(out.exit_code == 0);
  const double in_tree =
      nlohmann::json::parse(out.out)["scenarios"][0]["runs"][0]["metrics"][0]["summary"]["p50"];
  CHECK(in_tree / at_head == Approx(2.0).epsilon(0.01));
  out = perfgate_cli({"baseline", "show", repo.suite.string(), "--at", "HEAD"});
  CHECK(out.exit_code == 0);
  CHECK(out.out.find("browse") != std::string::npos);
  out = perfgate_cli({"baseline", "show", repo.suite.string(), "--at", "no-such-branch"});
  CHECK(out.exit_code == 2);
}

TEST_CASE("history over 5 commits lists 5 points per metric in commit order", "[cli][history]") {
  Repo repo;
  for (int i = 1; i <= 5; ++i) {
    REQUIRE(repo.update(i).exit_code == 0);
    commit_file(repo.root, "src.txt", std::to_string(i), "code " + std::to_string(i));
  }
  auto out = perfgate_cli({"history", repo.suite.string(), "--format", "json"});
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  const auto history = nlohmann::json::parse(out.out);
  CHECK(history["commits"] == 5);
  std::map<std::string, std::vector<double>> by_metric;
  std::vector<std::string> commits;
  for (const auto& point : history["points"]) {
    by_metric[point["metric"].get<std::string>() + "." + point["statistic"].get<std::string>()]
        .push_back(point["value"]);
    if (point["metric"] == "throughput") commits.push_back(point["commit"]);
  }
  REQUIRE(by_metric.size() == 2);
  REQUIRE(by_metric["latency.p50"].size() == 5);
  REQUIRE(by_metric["throughput.value"].size() == 5);
  for (int i = 1; i < 5; ++i) {
    CHECK(by_metric["latency.p50"][i] > by_metric["latency.p50"][i - 1]);
    CHECK(by_metric["throughput.value"][i] < by_metric["throughput.value"][i - 1]);
  }
  // Commit order: the oldest baseline commit is the first point.
  const std::string oldest = git(repo.root, {"log", "--reverse", "--format=%H", "--", kBaseline});
  CHECK(oldest.substr(0, 40) == commits.front());

  out = perfgate_cli({"history", repo.suite.string(), "--format", "csv"});
  REQUIRE(out.exit_code == 0);
  std::istringstream lines(out.out);
  int rows = 0;
  for (std::string line; std::getline(lines, line);) ++rows;
  CHECK(rows == 1 + 10);
  out = perfgate_cli({"history", repo.suite.string()});
  CHECK(out.exit_code == 0);
  CHECK(out.out.find("browse latency{request=list}.p50") != std::string::npos);
}
