// perfgate's entry point: parse the command line, run one command, map errors to exit codes.
#include <CLI/CLI.hpp>

#include <iostream>

#include "core/errors.h"
#include "core/model/version.h"
#include "harness/cli/commands.h"
#include "harness/cli/manual.h"

int main(int argc, char** argv) {
  using perfgate::ExitCode;
  CLI::App app{"perfgate: a performance gate for CI/CD pipelines and a benchmark harness"};
  app.set_version_flag("--version", "perfgate " + perfgate::version_line());
  app.require_subcommand(1);

  perfgate::cli::Action action;
  perfgate::cli::add_run_command(app, action);
  perfgate::cli::add_compare_command(app, action);
  perfgate::cli::add_target_command(app, action);
  perfgate::cli::add_gate_command(app, action);
  perfgate::cli::add_baseline_command(app, action);
  perfgate::cli::add_history_command(app, action);
  perfgate::cli::add_import_command(app, action);
  perfgate::cli::add_merge_command(app, action);
  perfgate::cli::add_calibrate_command(app, action);
  perfgate::cli::add_doctor_command(app, action);
  perfgate::cli::add_init_command(app, action);
  perfgate::cli::add_manual_commands(app, action);

  if (const std::string unknown = perfgate::cli::unknown_command_message(app, argc, argv);
      !unknown.empty()) {
    std::cerr << "perfgate: error: " << unknown << "\n";
    return static_cast<int>(ExitCode::usage_or_input);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);  // prints help or the error
    return code == 0 ? 0 : static_cast<int>(ExitCode::usage_or_input);
  }
  try {
    return action ? action() : static_cast<int>(ExitCode::usage_or_input);
  } catch (const perfgate::InputError& error) {
    std::cerr << "perfgate: error: " << error.what() << "\n";
    return static_cast<int>(ExitCode::usage_or_input);
  } catch (const perfgate::RunError& error) {
    std::cerr << "perfgate: run failed: " << error.what() << "\n";
    return static_cast<int>(ExitCode::run_failed);
  } catch (const std::exception& error) {
    std::cerr << "perfgate: internal error: " << error.what() << "\n";
    return static_cast<int>(ExitCode::run_failed);
  }
}
