// `perfgate run SUITE -o results.json`: run a suite, write its results, print the table.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include <unistd.h>
#include <iostream>

#include "core/errors.h"
#include "core/suite/suite_loader.h"
#include "harness/cli/commands.h"
#include "harness/cli/options.h"
#include "harness/run/progress.h"
#include "harness/run/runner.h"
#include "harness/run/signals.h"
#include "harness/run/summary_table.h"

namespace perfgate::cli {
namespace {

struct RunArguments {
  std::string suite_path;
  std::string output_path = "results.json";
  std::optional<int> repetitions;
  std::vector<std::string> scenarios;
  std::string shard;  // "i/N"
  bool no_progress = false;
};

// Fails in a second, before any load, when the results file cannot be written.
void check_writable(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path probe = (target.has_parent_path() ? target.parent_path() : fs::path(".")) /
                   (".perfgate-write-check-" + std::to_string(::getpid()));
  std::ofstream out(probe);
  if (!out)
    throw InputError(path, "",
                     "cannot write the results file here (directory missing or not writable)");
  out.close();
  std::error_code ignored;
  fs::remove(probe, ignored);
}

int exit_code_for(const SuiteRun& run) {
  switch (run.outcome) {
    case SuiteOutcome::ok:
      return static_cast<int>(ExitCode::pass);
    case SuiteOutcome::run_failed:
      return static_cast<int>(ExitCode::run_failed);
    case SuiteOutcome::interrupted:
      return static_cast<int>(ExitCode::interrupted);
  }
  return static_cast<int>(ExitCode::run_failed);
}

int run_command(const RunArguments& args) {
  Suite suite = load_suite(args.suite_path);
  RunOptions options;
  options.repetitions = args.repetitions;
  options.scenarios = args.scenarios;
  options.results_path = args.output_path;
  if (!args.shard.empty()) {
    std::optional<Shard> shard = parse_shard(args.shard);
    if (!shard)
      throw InputError("--shard", "",
                       "expected i/N with 1 <= i <= N <= 1000, got '" + args.shard + "'");
    options.shard = *shard;
  }
  check_runnable(suite, options);
  check_writable(args.output_path);

  StopOnSignal stop;
  ProgressLine progress(stderr, !args.no_progress);
  SuiteRun run = run_suite(suite, options, stop.flag(), progress);
  progress.clear();

  std::cout << render_summary_table(summarize(run.result));
  for (const std::string& failure : run.failures)
    std::cerr << "perfgate: run failed: " << failure << "\n";
  if (run.outcome == SuiteOutcome::interrupted)
    std::cerr << "perfgate: interrupted; partial results (complete: false) written to "
              << args.output_path << "\n";
  else
    std::cerr << "perfgate: results written to " << args.output_path << "\n";
  return exit_code_for(run);
}

}  // namespace

void add_run_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<RunArguments>();
  CLI::App* command = app.add_subcommand("run", "Run a suite and write its results file");
  command->add_option("suite", args->suite_path, "Suite file (YAML or JSON)")
      ->type_name("SUITE")
      ->required();
  command->add_option("-o,--output", args->output_path, "Results file to write")
      ->type_name("FILE")
      ->capture_default_str();
  command->add_option("--scenario", args->scenarios, "Run only this scenario (repeatable)")
      ->type_name("NAME");
  command
      ->add_option(
          "--shard", args->shard,
          "Run shard i of N: 1/N of each native scenario's load (merge with perfgate merge)")
      ->type_name("I/N");
  add_run_options(*command, args->repetitions, args->no_progress);
  command->callback([args, &action] { action = [args] { return run_command(*args); }; });
}

}  // namespace perfgate::cli
