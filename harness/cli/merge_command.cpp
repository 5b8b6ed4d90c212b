// `perfgate merge SHARD... -o results.json`: joins the results of `perfgate run --shard i/N`
// (histograms merge losslessly, counts add up; see harness/run/shard.h).
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "core/errors.h"
#include "core/model/result_json.h"
#include "harness/cli/commands.h"
#include "harness/run/shard.h"

namespace perfgate::cli {
namespace {

struct MergeArguments {
  std::vector<std::string> shard_paths;
  std::string output_path = "results.json";
};

int merge_command(const MergeArguments& args) {
  std::vector<SuiteResult> shards;
  for (const std::string& path : args.shard_paths) shards.push_back(read_results_file(path));
  write_results_file(merge_shards(shards), args.output_path);
  std::cerr << "perfgate: merged " << shards.size() << " shard(s) into " << args.output_path
            << "\n";
  return static_cast<int>(ExitCode::pass);
}

}  // namespace

void add_merge_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<MergeArguments>();
  CLI::App* command =
      app.add_subcommand("merge", "Merge the results files of shards (perfgate run --shard i/N)");
  command->add_option("shards", args->shard_paths, "Results files of the shards")
      ->type_name("FILE")
      ->required();
  command->add_option("-o,--output", args->output_path, "Merged results file to write")
      ->type_name("FILE")
      ->capture_default_str();
  command->callback([args, &action] { action = [args] { return merge_command(*args); }; });
}

}  // namespace perfgate::cli
