// baseline_for_gate: the one call `perfgate gate` makes into baselines/, against real git
// repositories made in temporary directories.
#include "baselines/gate_baseline.h"

#include <catch2/catch.hpp>

#include "baselines/baseline_file.h"
#include "core/errors.h"
#include "tests/baselines/git_fixture.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using Catch::Matchers::Contains;

namespace {

const std::string kPath = ".perfgate/baselines/api.json";

Suite api_suite(const std::filesystem::path& repo, std::vector<std::string> scenarios) {
  Suite suite;
  suite.name = "api";
  suite.path = (repo / "perf.yaml").string();
  suite.baseline_path = kPath;
  for (std::string& name : scenarios) {
    Scenario scenario;
    scenario.name = std::move(name);
    suite.scenarios.push_back(std::move(scenario));
  }
  return suite;
}

std::string baseline_text(const std::vector<std::string>& scenarios) {
  return baselines::render_baseline(synthetic_result("api", scenarios, 2.0));
}

std::string commit_of(const std::filesystem::path& repo, const std::string& revision) {
  return git(repo, {"rev-parse", revision}).substr(0, 40);
}

}  // namespace

TEST_CASE("baseline_for_gate: the baseline at the merge-base, with its source, commits and history",
          "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path());
  commit_file(dir.path(), kPath, baseline_text({"browse"}), "baseline");
  const std::string base = commit_of(dir.path(), "main");
  git(dir.path(), {"checkout", "-q", "-b", "feature"});
  commit_file(dir.path(), "src.txt", "code\n", "a code change");

  const Suite suite = api_suite(dir.path(), {"browse"});
  const baselines::GateBaseline baseline =
      baselines::baseline_for_gate(suite, gates::GatePolicy{}, {dir.path(), "main", false});
  REQUIRE(baseline.result);
  CHECK(baseline.result->suite == "api");
  CHECK(baseline.source == "main (merge-base " + base.substr(0, 7) + "): " + kPath);
  CHECK(baseline.commits.against == "main");
  CHECK(baseline.commits.base_commit == base);
  CHECK(baseline.commits.head_commit == commit_of(dir.path(), "HEAD"));
  CHECK_FALSE(baseline.commits.merge_base_missing);
  CHECK_FALSE(baseline.edited_by_change);
  REQUIRE_FALSE(baseline.history.empty());
  for (const gates::HistoryPoint& point : baseline.history) CHECK(point.commit == base);

  write_file(dir.path() / kPath, baseline_text({"browse"}) + "\n");
  CHECK(baselines::baseline_for_gate(suite, gates::GatePolicy{}, {dir.path(), "main", false})
            .edited_by_change);
}

TEST_CASE("baseline_for_gate: no baseline file at the base commit is an absence, not an error",
          "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path());
  const std::string base = commit_of(dir.path(), "main");
  const baselines::GateBaseline baseline = baselines::baseline_for_gate(
      api_suite(dir.path(), {"browse"}), gates::GatePolicy{}, {dir.path(), "main", false});
  CHECK_FALSE(baseline.result);
  CHECK(baseline.source == "main (merge-base " + base.substr(0, 7) + "): " + kPath);
  CHECK(baseline.history.empty());
}

TEST_CASE("baseline_for_gate: without a merge-base, --no-merge-base reads REF's own baseline",
          "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path());
  commit_file(dir.path(), kPath, baseline_text({"browse"}), "baseline");
  const std::string ref = commit_of(dir.path(), "main");
  git(dir.path(), {"checkout", "-q", "--orphan", "unrelated"});
  commit_file(dir.path(), "src.txt", "code\n", "an unrelated history");

  const Suite suite = api_suite(dir.path(), {"browse"});
  CHECK_THROWS_WITH(
      baselines::baseline_for_gate(suite, gates::GatePolicy{}, {dir.path(), "main", false}),
      Contains("no common ancestor"));
  const baselines::GateBaseline baseline =
      baselines::baseline_for_gate(suite, gates::GatePolicy{}, {dir.path(), "main", true});
  REQUIRE(baseline.result);
  CHECK(baseline.commits.merge_base_missing);
  CHECK(baseline.source == "main (" + ref.substr(0, 7) + ", no merge-base): " + kPath);
}

TEST_CASE("baseline_for_gate: scenarios that no longer match the suite's are refused",
          "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path());
  commit_file(dir.path(), kPath, baseline_text({"browse", "checkout"}), "baseline");
  try {
    baselines::baseline_for_gate(api_suite(dir.path(), {"browse", "search"}), gates::GatePolicy{},
                                 {dir.path(), "main", false});
    FAIL("expected an InputError");
  } catch (const InputError& error) {
    CHECK_THAT(error.file(), Contains("main (merge-base "));
    CHECK(error.where() == "scenarios");
    CHECK_THAT(error.what(), Contains("new (not in the baseline): 'search'"));
    CHECK_THAT(error.what(), Contains("removed (only in the baseline): 'checkout'"));
    CHECK_THAT(error.what(), Contains("a renamed scenario shows as one of each"));
  }
}
