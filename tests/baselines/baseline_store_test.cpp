// The baseline store against real git repositories made in temporary directories.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include "baselines/baseline_file.h"
#include "baselines/baseline_store.h"
#include "baselines/baseline_values.h"
#include "core/errors.h"
#include "core/model/atomic_file.h"
#include "tests/baselines/git_fixture.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using Catch::Matchers::Contains;

namespace {

const std::string kPath = ".perfgate/baselines/api.json";

Suite api_suite(const std::filesystem::path& repo) {
  Suite suite;
  suite.name = "api";
  suite.path = (repo / "perf.yaml").string();
  suite.baseline_path = kPath;
  return suite;
}

std::string baseline_text(double latency_ms) {
  return baselines::render_baseline(synthetic_result("api", {"browse"}, latency_ms));
}

double p50_ms(const SuiteResult& result) {
  return result.scenarios[0].runs[0].metrics[0].histogram->value_at_percentile(50) / 1e6;
}

}  // namespace

TEST_CASE("the gate reads the baseline at the merge-base, never the working tree",
          "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path());
  commit_file(dir.path(), kPath, baseline_text(2.0), "baseline");
  git(dir.path(), {"checkout", "-q", "-b", "feature"});
  commit_file(dir.path(), kPath, baseline_text(9.0), "feature rewrites the baseline");
  write_file(dir.path() / kPath, baseline_text(20.0));  // and the working tree is dirty

  const auto location = baselines::locate_baseline(api_suite(dir.path()), dir.path());
  const auto base = baselines::resolve_gate_base(location.repo, "main", false);
  CHECK(base.against == "main");
  CHECK(base.base_commit == git(dir.path(), {"rev-parse", "main"}).substr(0, 40));
  const auto baseline = baselines::read_baseline_at(location, base.base_commit, "main");
  REQUIRE(baseline);
  CHECK(p50_ms(*baseline) == Approx(2.0 * 1.1).epsilon(0.01));  // values span 1x to 1.2x
  CHECK(baselines::baseline_edited_since(location, base.base_commit, base.head_commit));
}

TEST_CASE("edits are seen in the branch's commits and in the working tree alone",
          "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path());
  commit_file(dir.path(), kPath, baseline_text(2.0), "baseline");
  git(dir.path(), {"checkout", "-q", "-b", "feature"});
  commit_file(dir.path(), "src.txt", "code\n", "a code change");
  const auto location = baselines::locate_baseline(api_suite(dir.path()), dir.path());
  const auto base = baselines::resolve_gate_base(location.repo, "main", false);
  CHECK_FALSE(baselines::baseline_edited_since(location, base.base_commit, base.head_commit));
  write_file(dir.path() / kPath, baseline_text(3.0));
  CHECK(baselines::baseline_edited_since(location, base.base_commit, base.head_commit));
  std::filesystem::remove(dir.path() / kPath);
  CHECK(baselines::baseline_edited_since(location, base.base_commit, base.head_commit));
}

TEST_CASE("a branch that exists only as origin/NAME resolves", "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path() / "upstream");
  commit_file(dir.path() / "upstream", kPath, baseline_text(2.0), "baseline");
  git(dir.path(), {"clone", "-q", (dir.path() / "upstream").string(), "clone"});
  git(dir.path() / "clone", {"checkout", "-q", "-b", "feature"});
  git(dir.path() / "clone", {"branch", "-q", "-D", "main"});
  const auto location =
      baselines::locate_baseline(api_suite(dir.path() / "clone"), dir.path() / "clone");
  const auto base = baselines::resolve_gate_base(location.repo, "main", false);
  CHECK(base.against == "origin/main");
  CHECK(baselines::read_baseline_at(location, base.base_commit, base.against));
  CHECK_THROWS_WITH(baselines::resolve_gate_base(location.repo, "nope", false),
                    Contains("nope") && Contains("git fetch origin nope"));
}

TEST_CASE("a shallow clone without the merge-base says so and how to fix it", "[baselines][git]") {
  TempDir dir;
  const auto upstream = dir.path() / "upstream";
  init_repo(upstream);
  commit_file(upstream, kPath, baseline_text(2.0), "baseline");
  git(upstream, {"checkout", "-q", "-b", "feature"});
  commit_file(upstream, "a.txt", "a\n", "feature 1");
  commit_file(upstream, "b.txt", "b\n", "feature 2");
  git(upstream, {"checkout", "-q", "main"});
  commit_file(upstream, "c.txt", "c\n", "main moves on");
  git(dir.path(), {"clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature",
                   "file://" + upstream.string(), "shallow"});
  const auto location =
      baselines::locate_baseline(api_suite(dir.path() / "shallow"), dir.path() / "shallow");
  CHECK(location.repo.is_shallow());
  CHECK_THROWS_WITH(
      baselines::resolve_gate_base(location.repo, "main", false),
      Contains("shallow clone") && Contains("fetch-depth: 0") && Contains("git fetch origin main"));
  // The explicit fallback reads the target branch's own baseline.
  const auto base = baselines::resolve_gate_base(location.repo, "main", true);
  CHECK(base.merge_base_missing);
  CHECK(base.base_commit == base.ref_commit);
}

TEST_CASE("a baseline path outside the repository is refused", "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path() / "repo");
  Suite suite = api_suite(dir.path() / "repo");
  suite.baseline_path = "../elsewhere/api.json";
  CHECK_THROWS_WITH(baselines::locate_baseline(suite, dir.path() / "repo"),
                    Contains("perf.yaml") && Contains("outside the git repository"));
  suite.baseline_path = (dir.path() / "other.json").string();
  CHECK_THROWS_AS(baselines::locate_baseline(suite, dir.path() / "repo"), InputError);
  CHECK_THROWS_WITH(baselines::locate_baseline(suite, dir.path()), Contains("not inside a git"));
}

TEST_CASE("a crash between write and rename leaves the old baseline intact", "[baselines]") {
  TempDir dir;
  const auto path = dir.path() / "b" / "api.json";
  write_file_atomically(path.string(), "old\n", {.create_directories = true});
  CHECK(read_file(path) == "old\n");
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child dies the hard way, after the new content is written and synced.
    write_file_atomically(path.string(), "new\n", {.before_rename = [] { ::_exit(9); }});
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 9);
  CHECK(read_file(path) == "old\n");
  // A failure the process survives also removes its temporary file.
  CHECK_THROWS(write_file_atomically(path.string(), "new\n",
                                     {.before_rename = [] { throw std::runtime_error("x"); }}));
  CHECK(read_file(path) == "old\n");
  int temporaries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path.parent_path()))
    temporaries += entry.path().filename() != "api.json" ? 1 : 0;
  CHECK(temporaries == 1);  // only the crashed child's leftover
}

TEST_CASE("history over 5 baseline commits has 5 points per statistic, oldest first",
          "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path());
  for (int i = 1; i <= 5; ++i) {
    commit_file(dir.path(), kPath, baseline_text(i), "baseline " + std::to_string(i));
    commit_file(dir.path(), "src.txt", std::to_string(i), "code " + std::to_string(i));
  }
  const auto location = baselines::locate_baseline(api_suite(dir.path()), dir.path());
  const std::vector<gates::MetricSelector> selectors{{"latency", gates::Statistic::p50},
                                                     {"throughput", gates::Statistic::value}};
  const auto history = baselines::baseline_history(location, selectors, 50);
  CHECK(history.commits == 5);
  REQUIRE(history.points.size() == 10);
  for (int i = 0; i < 5; ++i) {
    CHECK(history.points[i].key.metric == "latency");
    CHECK(history.points[i].subject == "baseline " + std::to_string(i + 1));
    CHECK(history.points[i].value / 1e6 == Approx((i + 1) * 1.1).epsilon(0.01));
    CHECK(history.points[5 + i].key.metric == "throughput");
    CHECK(history.points[5 + i].subject == "baseline " + std::to_string(i + 1));
  }
  CHECK(baselines::baseline_history(location, selectors, 2).commits == 2);
}

TEST_CASE("commit_file commits only the baseline, even with other changes staged",
          "[baselines][git]") {
  TempDir dir;
  init_repo(dir.path());
  write_file(dir.path() / "staged.txt", "not part of the baseline commit\n");
  git(dir.path(), {"add", "staged.txt"});
  const auto location = baselines::locate_baseline(api_suite(dir.path()), dir.path());
  const std::string text = baseline_text(2.0);
  write_file_atomically(location.working_file.string(), text, {.create_directories = true});
  const std::string id =
      location.repo.commit_file(kPath, text, "perfgate: update baseline of api\n\nFirst.\n",
                                location.repo.default_signature());
  CHECK(git(dir.path(), {"rev-parse", "HEAD"}).substr(0, 40) == id);
  CHECK(git(dir.path(), {"show", "--name-only", "--format=", "HEAD"}) == kPath + "\n");
  CHECK(git(dir.path(), {"log", "-1", "--format=%an <%ae>"}) ==
        "Baseline Tester <tester@example.com>\n");
  // staged.txt is still staged, the baseline is clean.
  CHECK(git(dir.path(), {"status", "--porcelain"}) == "A  staged.txt\n");
}
