// `perfgate init --url URL`: scaffold a starter suite, .perfgate/ and a CI workflow.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "core/errors.h"
#include "harness/cli/commands.h"
#include "harness/init/init.h"

namespace perfgate::cli {
namespace {

struct InitArguments {
  init::InitOptions options;
  std::string ci;  // empty: detect
  bool force = false;
};

int init_command(const InitArguments& args) {
  init::InitOptions options = args.options;
  if (!args.ci.empty()) {
    options.ci = init::parse_ci_kind(args.ci);
    if (!options.ci)
      throw InputError("--ci", "", "expected github, gitlab or jenkins, got '" + args.ci + "'");
  }
  const init::InitPlan plan = init::plan_init(options);
  init::write_plan(plan, options.directory, args.force);
  for (const init::PlannedFile& file : plan.files)
    std::cout << "wrote " << file.path.string() << "\n";
  std::cout << "CI: " << init::to_string(plan.ci)
            << (options.ci         ? " (--ci)"
                : plan.ci_detected ? " (detected)"
                                   : " (nothing detected; --ci gitlab|jenkins for others)")
            << "\n\nNext:\n";
  for (std::size_t step = 0; step < plan.next_steps.size(); ++step)
    std::cout << "  " << step + 1 << ". " << plan.next_steps[step] << "\n";
  return static_cast<int>(ExitCode::pass);
}

}  // namespace

void add_init_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<InitArguments>();
  CLI::App* command = app.add_subcommand(
      "init", "Write a starter suite, .perfgate/ and a CI workflow into a repository");
  command
      ->add_option("--url", args->options.url, "The HTTP service to load (http://host:port[/path])")
      ->type_name("URL")
      ->required();
  command->add_option("--name", args->options.name, "Suite name (suites/NAME.yaml)")
      ->type_name("NAME")
      ->capture_default_str();
  command->add_option("--ci", args->ci, "github | gitlab | jenkins (default: detect)")
      ->type_name("CI");
  command->add_option("--duration", args->options.duration, "Length of each run")
      ->type_name("DURATION")
      ->capture_default_str();
  command->add_option("--repetitions", args->options.repetitions, "Runs per scenario")
      ->type_name("N")
      ->capture_default_str();
  command->add_option("-C,--repo", args->options.directory, "Repository root")
      ->type_name("DIR")
      ->capture_default_str();
  command->add_flag("--force", args->force, "Overwrite files that exist");
  command->callback([args, &action] { action = [args] { return init_command(*args); }; });
}

}  // namespace perfgate::cli
