#include "harness/cli/gate_support.h"

#include <cstdio>
#include <iostream>

#include "core/errors.h"
#include "harness/run/progress.h"
#include "harness/run/runner.h"
#include "harness/run/signals.h"

namespace perfgate::cli {

std::optional<SuiteResult> run_for_results(const Suite& suite, const SuiteRunRequest& request,
                                           int& exit_code) {
  RunOptions options;
  options.repetitions = request.repetitions;
  options.results_path = request.output_path;
  options.working_directory = std::filesystem::path(suite.path).parent_path().string();
  if (options.working_directory.empty()) options.working_directory = ".";
  check_runnable(suite, options);

  StopOnSignal stop;
  ProgressLine progress(stderr, request.progress);
  SuiteRun run = run_suite(suite, options, stop.flag(), progress);
  progress.clear();
  for (const std::string& failure : run.failures)
    std::cerr << "perfgate: run failed: " << failure << "\n";
  if (run.outcome == SuiteOutcome::ok) return std::move(run.result);
  exit_code = static_cast<int>(run.outcome == SuiteOutcome::interrupted ? ExitCode::interrupted
                                                                        : ExitCode::run_failed);
  if (run.outcome == SuiteOutcome::interrupted) std::cerr << "perfgate: interrupted\n";
  return std::nullopt;
}

std::filesystem::path repository_directory(const std::string& repo_option, const Suite& suite) {
  if (!repo_option.empty()) return repo_option;
  const std::filesystem::path parent = std::filesystem::path(suite.path).parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

}  // namespace perfgate::cli
