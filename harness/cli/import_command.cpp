// `perfgate import --from k6|jmeter|artillery|gbench FILE... -o results.json`: turn files another
// tool wrote (in an earlier CI step) into a perfgate results file.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "adapters/adapter.h"
#include "core/errors.h"
#include "core/model/environment.h"
#include "core/model/result_json.h"
#include "harness/cli/commands.h"

namespace perfgate::cli {
namespace {

struct ImportArguments {
  std::string tool;
  std::vector<std::string> files;
  std::string output_path = "results.json";
  std::string suite_name;
  std::string scenario_name;
};

// Without --scenario, each scenario the files describe is kept as is; with it, the files are
// one scenario's runs (as `files:` in a suite would import them).
std::vector<ScenarioResult> imported_scenarios(const Adapter& adapter, AdapterKind kind,
                                               const ImportArguments& args) {
  if (args.scenario_name.empty()) return adapter.import_files(args.files);
  return {ScenarioResult{.name = args.scenario_name,
                         .adapter = to_string(kind),
                         .runs = adapter.import_runs(args.files)}};
}

int import_command(const ImportArguments& args) {
  AdapterKind kind = importer_named(args.tool);
  const Adapter& adapter = adapter_for(kind);
  SuiteResult result;
  result.suite = args.suite_name.empty() ? "imported" : args.suite_name;
  result.environment = capture_environment();
  result.scenarios = imported_scenarios(adapter, kind, args);
  for (ScenarioResult& scenario : result.scenarios) {
    scenario.adapter = to_string(kind);
    for (size_t i = 0; i < scenario.runs.size(); ++i) scenario.runs[i].index = static_cast<int>(i);
  }
  write_results_file(result, args.output_path);
  size_t runs = 0;
  for (const ScenarioResult& scenario : result.scenarios) runs += scenario.runs.size();
  std::cerr << "perfgate: imported " << result.scenarios.size() << " scenario(s), " << runs
            << " run(s) from " << args.files.size() << " file(s) into " << args.output_path << "\n";
  return static_cast<int>(ExitCode::pass);
}

}  // namespace

void add_import_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<ImportArguments>();
  CLI::App* command =
      app.add_subcommand("import", "Turn another tool's output files into a results file");
  command->add_option("--from", args->tool, "k6 | jmeter | artillery | gbench")
      ->type_name("TOOL")
      ->required();
  command->add_option("files", args->files, "The tool's output files")
      ->type_name("FILE")
      ->required();
  command->add_option("-o,--output", args->output_path, "Results file to write")
      ->type_name("FILE")
      ->capture_default_str();
  command->add_option("--suite", args->suite_name, "Suite name to record (default: imported)")
      ->type_name("NAME");
  command
      ->add_option("--scenario", args->scenario_name,
                   "Import the files as the runs of one scenario of this name")
      ->type_name("NAME");
  command->callback([args, &action] { action = [args] { return import_command(*args); }; });
}

}  // namespace perfgate::cli
