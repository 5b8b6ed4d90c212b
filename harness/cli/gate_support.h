// Shared by `gate`, `baseline` and `history`: running a suite for its results, and the
// repository a suite's baseline lives in.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/model/run_result.h"
#include "core/suite/suite.h"

namespace perfgate::cli {

struct SuiteRunRequest {
  std::optional<int> repetitions;
  std::string output_path;  // also write the candidate's results file here; empty: not written
  bool progress = true;
};

// Runs the suite (warm-up, repetitions) with Ctrl-C handling and the progress line. Returns the
// results when every run succeeded; otherwise prints the failures and returns the exit code
// (3 a run failed, 130 interrupted) in `exit_code`.
std::optional<SuiteResult> run_for_results(const Suite& suite, const SuiteRunRequest& request,
                                           int& exit_code);

// --repo when given, else the directory of the suite file (suites live in the repository).
std::filesystem::path repository_directory(const std::string& repo_option, const Suite& suite);

}  // namespace perfgate::cli
