// Every malformed suite in tests/fixtures/suites/bad-*.yaml fails with one InputError naming
// the file, the line and the key path of the mistake.
#include <catch2/catch.hpp>

#include <string>

#include "core/errors.h"
#include "core/suite/suite_loader.h"
#include "tests/support/test_support.h"

namespace {

struct BadSuite {
  std::string file;
  int line;
  std::string key_path;  // empty for YAML syntax errors: there is no key yet
  std::string message_part;
};

const BadSuite kBadSuites[] = {
    {"bad-wrong-type.yaml", 7, "scenarios[0].threads",
     "expected a whole number from 1 to 1024, got a list"},
    {"bad-unknown-key.yaml", 7, "scenarios[0].conections",
     "unknown key 'conections' \u2014 did you mean 'connections'?"},
    {"bad-duration.yaml", 7, "scenarios[0].duration",
     "expected a duration like 250ms, 2s or 1m, got '3 seconds'"},
    {"bad-rate.yaml", 8, "scenarios[0].rate", "expected a rate like 2000/s, got '2000 per s'"},
    {"bad-missing-target.yaml", 5, "scenarios[0].target", "missing required key 'target'"},
    {"bad-empty-scenarios.yaml", 4, "scenarios", "expected at least one scenario"},
    {"bad-duplicate-names.yaml", 10, "scenarios[1].name",
     "duplicate scenario name 'browse' (first at line 4)"},
    {"bad-yaml-syntax.yaml", 9, "", "YAML syntax error"},
    {"bad-https-target.yaml", 6, "scenarios[0].target", "TLS is not supported yet"},
    {"bad-crlf-header.yaml", 13, "scenarios[0].requests[0].headers.X-Note",
     "header values must not contain CR, LF or NUL"},
    {"bad-duplicate-key.yaml", 8, "scenarios[0].duration",
     "duplicate key 'duration' (first at line 7)"},
    {"bad-mixed-stages.yaml", 9, "scenarios[0].stages[1].target",
     "expected a rate like 500/s, as in the other stages, got '200'"},
    {"bad-gate-typo.yaml", 3, "gate.thresold",
     "unknown key 'thresold' \u2014 did you mean 'threshold'?"},
    {"bad-gate-typo-block.yaml", 6, "gate.thresold",
     "unknown key 'thresold' \u2014 did you mean 'threshold'?"},
    {"bad-gate-threshold.yaml", 5, "gate.threshold",
     "expected a percentage like 5% (above 0%, below 100%), got '500%'"},
};

}  // namespace

TEST_CASE("each malformed suite names its file, line and key", "[suite][errors]") {
  for (const auto& bad : kBadSuites) {
    SECTION(bad.file) {
      std::string path = (perfgate::testing::fixtures_dir() / "suites" / bad.file).string();
      std::string where = "line " + std::to_string(bad.line);
      if (!bad.key_path.empty()) where += ", key " + bad.key_path;
      try {
        perfgate::load_suite(path);
        FAIL("no InputError for " << bad.file);
      } catch (const perfgate::InputError& error) {
        std::string message = error.what();
        INFO(message);
        CHECK(error.file() == path);
        CHECK(error.where() == where);
        CHECK(message.find(bad.file) != std::string::npos);
        CHECK(message.find(where + ": ") != std::string::npos);
        CHECK(message.find(bad.message_part) != std::string::npos);
      }
    }
  }
}

TEST_CASE("a missing suite file is an InputError naming it", "[suite][errors]") {
  perfgate::testing::TempDir dir;
  std::string path = (dir.path() / "absent.yaml").string();
  try {
    perfgate::load_suite(path);
    FAIL("no error for a missing file");
  } catch (const perfgate::InputError& error) {
    CHECK(error.file() == path);
    CHECK(std::string(error.what()).find("cannot read the suite file") != std::string::npos);
  }
  CHECK_THROWS_AS(perfgate::load_suite(dir.path().string()), perfgate::InputError);
}

TEST_CASE("a suite file over 16 MiB is refused without parsing it", "[suite][errors]") {
  perfgate::testing::TempDir dir;
  auto path = dir.path() / "huge.yaml";
  perfgate::testing::write_file(path, "suite: t\n" + std::string(16 << 20, '#'));
  try {
    perfgate::load_suite(path.string());
    FAIL("no error for a huge file");
  } catch (const perfgate::InputError& error) {
    CHECK(std::string(error.what()).find("larger than 16 MiB") != std::string::npos);
  }
}
