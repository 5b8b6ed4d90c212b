// `perfgate doctor`: check this machine and repository for what makes numbers noisy or a gate
// fail in CI, and print each finding with a fix. Exit 0, or 1 on warnings with --strict.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "core/errors.h"
#include "harness/cli/commands.h"
#include "harness/doctor/doctor.h"

namespace perfgate::cli {
namespace {

struct DoctorArguments {
  bool strict = false;
  std::string directory = ".";
};

int doctor_command(const DoctorArguments& args) {
  doctor::Inputs inputs = doctor::system_inputs();
  inputs.directory = args.directory;
  const auto findings = doctor::run_checks(inputs);
  std::cout << doctor::render_findings(findings);
  if (args.strict && doctor::has_warnings(findings)) return static_cast<int>(ExitCode::gate_failed);
  return static_cast<int>(ExitCode::pass);
}

}  // namespace

void add_doctor_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<DoctorArguments>();
  CLI::App* command = app.add_subcommand(
      "doctor", "Check CPU scaling, load, memory, load tools and git state; print fixes");
  command->add_flag("--strict", args->strict, "Exit 1 when any check warns");
  command->add_option("-C,--repo", args->directory, "Repository to check")
      ->type_name("DIR")
      ->capture_default_str();
  command->callback([args, &action] { action = [args] { return doctor_command(*args); }; });
}

}  // namespace perfgate::cli
