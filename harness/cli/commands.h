// Each subcommand lives in its own file and registers itself on the CLI11 app. When the user
// picks it, CLI11 runs the callback, which stores the command's action; main() runs it once.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace perfgate::cli {

using Action = std::function<int()>;  // returns the process exit code

void add_run_command(CLI::App& app, Action& action);
void add_compare_command(CLI::App& app, Action& action);
void add_target_command(CLI::App& app, Action& action);
void add_import_command(CLI::App& app, Action& action);
void add_merge_command(CLI::App& app, Action& action);
void add_gate_command(CLI::App& app, Action& action);
void add_baseline_command(CLI::App& app, Action& action);
void add_history_command(CLI::App& app, Action& action);
void add_calibrate_command(CLI::App& app, Action& action);
void add_doctor_command(CLI::App& app, Action& action);
void add_init_command(CLI::App& app, Action& action);

}  // namespace perfgate::cli
