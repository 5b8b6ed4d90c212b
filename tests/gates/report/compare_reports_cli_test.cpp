// `perfgate compare` with --format (repeatable) and --report-dir, end to end on the binary.
#include <catch2/catch.hpp>

#include <chrono>

#include "tests/support/test_support.h"

using namespace perfgate::testing;

namespace {

std::string fixture() {
  return (fixtures_dir() / "results" / "checkout-api.json").string();
}

}  // namespace

TEST_CASE("compare --report-dir writes each requested format and the summary to stdout",
          "[report][cli]") {
  TempDir dir;
  auto out = run_command({perfgate_binary(), "compare", fixture(), fixture(), "--format",
                          "markdown", "--format", "junit", "--format", "openmetrics",
                          "--report-dir", (dir.path() / "reports").string()});
  INFO(out.out << out.err);
  CHECK(out.exit_code == 0);
  CHECK(out.out.starts_with("PASS"));
  CHECK(read_file(dir.path() / "reports" / "perfgate.md").starts_with("### \u2705 PASS"));
  CHECK(read_file(dir.path() / "reports" / "perfgate.xml").find("<testsuites>") !=
        std::string::npos);
  CHECK(read_file(dir.path() / "reports" / "perfgate.prom").ends_with("# EOF\n"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "reports" / "perfgate.json"));
}

TEST_CASE("compare prints several formats to stdout in the order given", "[report][cli]") {
  // "md" is markdown's short name, in compare as in gate (one --format map).
  auto out = run_command({perfgate_binary(), "compare", fixture(), fixture(), "--format", "md"});
  CHECK(out.exit_code == 0);
  CHECK(out.out.find("### \u2705 PASS") != std::string::npos);
  out = run_command({perfgate_binary(), "compare", fixture(), fixture(), "--format", "csv",
                     "--format", "markdown"});
  INFO(out.err);
  CHECK(out.exit_code == 0);
  CHECK(out.out.starts_with("suite,scenario,request,metric,"));
  CHECK(out.out.find("### \u2705 PASS") != std::string::npos);
}

TEST_CASE("compare refuses a bad --report-dir before reading any input", "[report][cli]") {
  TempDir dir;
  write_file(dir.path() / "blocker", "a file where the directory should be");
  auto started = std::chrono::steady_clock::now();
  // The inputs do not exist: the directory is checked first, so its error is the one shown.
  auto out =
      run_command({perfgate_binary(), "compare", "missing-a.json", "missing-b.json", "--format",
                   "junit", "--report-dir", (dir.path() / "blocker" / "reports").string()});
  double elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  INFO(out.err);
  CHECK(out.exit_code == 2);
  CHECK(out.err.find("--report-dir") != std::string::npos);
  CHECK(out.err.find("missing-a.json") == std::string::npos);
  CHECK(elapsed_s < 1.0);
}
