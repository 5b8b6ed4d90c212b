// Suite files with one mistake each, and what every command that loads a suite must say about
// them: exit 2, the file, the line of the mistaken key, and a hint. run, compare --suite and gate
// check the same list, so that they report alike.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/test_support.h"

namespace perfgate::testing {

struct BadSuite {
  std::string file;   // in tests/fixtures/suites/
  std::string where;  // "line N, key K"
  std::string hint;
};

inline const std::vector<BadSuite> kBadSuites = {
    {"bad-gate-typo.yaml", "line 3, key gate.thresold", "did you mean 'threshold'?"},
    {"bad-gate-typo-block.yaml", "line 6, key gate.thresold", "did you mean 'threshold'?"},
    {"bad-k6-key.yaml", "line 7, key scenarios[0].duraton", "did you mean 'duration'?"},
    {"bad-gate-threshold.yaml", "line 5, key gate.threshold", "got '500%'"},
};

inline std::filesystem::path bad_suite_path(const BadSuite& bad) {
  return fixtures_dir() / "suites" / bad.file;
}

inline void check_names_the_key(const CommandOutput& out, const BadSuite& bad) {
  INFO(out.err);
  CHECK(out.exit_code == 2);
  CHECK(out.err.find(bad_suite_path(bad).string() + ": " + bad.where + ": ") != std::string::npos);
  CHECK(out.err.find(bad.hint) != std::string::npos);
}

}  // namespace perfgate::testing
