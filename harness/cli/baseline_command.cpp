// `perfgate baseline update SUITE [--from results.json] [--commit]`: write the suite's baseline
// file atomically and optionally commit it (through libgit2, only that file, with a message
// that says what moved). `perfgate baseline show SUITE [--at REV]`: print a baseline.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <regex>

#include "baselines/baseline_file.h"
#include "baselines/baseline_store.h"
#include "baselines/baseline_values.h"
#include "core/errors.h"
#include "core/model/atomic_file.h"
#include "core/model/result_json.h"
#include "core/suite/gate_policy.h"
#include "core/suite/suite_loader.h"
#include "harness/cli/commands.h"
#include "harness/cli/gate_support.h"
#include "harness/cli/options.h"
#include "harness/run/summary_table.h"

namespace perfgate::cli {
namespace {

struct UpdateArguments {
  std::string suite_path;
  std::string from_path;
  std::string repo;
  std::string author;
  std::optional<int> repetitions;
  bool commit = false;
  bool force = false;
  bool no_progress = false;
};

enum class ShowFormat { text, json };

struct ShowArguments {
  std::string suite_path;
  std::string at;
  std::string repo;
  ShowFormat format = ShowFormat::text;
};

Signature parse_author(const std::string& text) {
  static const std::regex pattern(R"(^\s*([^<>]*[^<>\s])\s*<([^<>\s]+)>\s*$)");
  std::smatch match;
  if (!std::regex_match(text, match, pattern))
    throw InputError("--author", "", "expected \"Name <email>\", got \"" + text + "\"");
  return {match[1].str(), match[2].str()};
}

// Refuses, before any load runs, to commit where a commit would surprise: a detached HEAD (the
// commit would belong to no branch), an unborn branch, or an index with merge conflicts.
void check_committable(const GitRepository& repo, bool force) {
  if (force) return;
  const std::string where = repo.workdir().string();
  const std::string hint = " (pass --force to commit anyway)";
  if (repo.head_state() == HeadState::detached)
    throw InputError(where, "HEAD", "HEAD is detached: check out a branch first" + hint);
  if (repo.head_state() == HeadState::unborn)
    throw InputError(where, "HEAD", "the branch has no commit yet: commit something first" + hint);
  if (repo.index_has_conflicts())
    throw InputError(where, "index", "the index has merge conflicts: resolve them first" + hint);
}

SuiteResult results_for_update(const UpdateArguments& args, const Suite& suite, int& exit_code,
                               bool& ok) {
  if (!args.from_path.empty()) {
    SuiteResult result = read_results_file(args.from_path);
    if (result.suite != suite.name)
      throw InputError(args.from_path, "suite",
                       "holds suite '" + result.suite + "', not '" + suite.name + "'");
    return result;
  }
  auto result = run_for_results(suite, {args.repetitions, "", !args.no_progress}, exit_code);
  ok = result.has_value();
  return result ? std::move(*result) : SuiteResult{};
}

baselines::BaselineValues committed_values(const baselines::BaselineLocation& location,
                                           const gates::GatePolicy& policy) {
  const auto head = location.repo.resolve_commit("HEAD");
  if (!head) return {};
  try {
    const auto before = baselines::read_baseline_at(location, *head, "HEAD");
    return before ? baselines::baseline_values(*before, policy.metrics)
                  : baselines::BaselineValues{};
  } catch (const InputError&) {
    return {};  // an unreadable old baseline is being replaced: nothing to compare with
  }
}

int update_command(const UpdateArguments& args) {
  const Suite suite = load_suite(args.suite_path);
  const gates::GatePolicy& policy = suite.gate;
  const baselines::BaselineLocation location =
      baselines::locate_baseline(suite, repository_directory(args.repo, suite));
  Signature author;
  if (args.commit) {
    check_committable(location.repo, args.force);
    author = args.author.empty() ? location.repo.default_signature() : parse_author(args.author);
  }
  int exit_code = 0;
  bool ok = true;
  const SuiteResult result = results_for_update(args, suite, exit_code, ok);
  if (!ok) return exit_code;

  const std::string text = baselines::render_baseline(result);
  write_file_atomically(location.working_file.string(), text, {.create_directories = true});
  std::cout << "perfgate: baseline written to " << location.working_file.string() << "\n";
  if (!args.commit) return static_cast<int>(ExitCode::pass);
  const std::string message =
      "perfgate: update baseline of " + suite.name + "\n\n" +
      baselines::describe_changes(committed_values(location, policy),
                                  baselines::baseline_values(result, policy.metrics), 10);
  const std::string commit =
      location.repo.commit_file(location.path_in_repo, text, message, author);
  std::cout << "perfgate: committed " << short_commit_id(commit) << " ("
            << (location.repo.head_branch().empty() ? "detached HEAD" : location.repo.head_branch())
            << "): " << message;
  return static_cast<int>(ExitCode::pass);
}

int show_command(const ShowArguments& args) {
  const Suite suite = load_suite(args.suite_path);
  const baselines::BaselineLocation location =
      baselines::locate_baseline(suite, repository_directory(args.repo, suite));
  std::optional<SuiteResult> result;
  std::string source = location.working_file.string();
  if (args.at.empty()) {
    result = baselines::read_working_baseline(location);
  } else {
    const auto commit = location.repo.resolve_commit(args.at);
    if (!commit) throw InputError("--at " + args.at, "", "no branch, tag or commit by that name");
    result = baselines::read_baseline_at(location, *commit, args.at);
    source = args.at + " (" + short_commit_id(*commit) + "):" + location.path_in_repo;
  }
  if (!result) throw InputError(source, "", "no baseline here; run `perfgate baseline update`");
  if (args.format == ShowFormat::json) {
    std::cout << baselines::render_baseline(*result);
    return static_cast<int>(ExitCode::pass);
  }
  std::cout << "baseline of " << result->suite << ": " << source << "\n";
  if (result->git) std::cout << "measured at commit " << result->git->commit << "\n";
  std::cout << "environment: " << result->environment.cpu_model << ", " << result->environment.cores
            << " cores, " << result->environment.kernel << "\n\n"
            << render_summary_table(summarize(*result));
  return static_cast<int>(ExitCode::pass);
}

void add_update_subcommand(CLI::App& baseline, Action& action) {
  auto args = std::make_shared<UpdateArguments>();
  CLI::App* command = baseline.add_subcommand(
      "update", "Write the suite's baseline file from a fresh run or a results file");
  command->add_option("suite", args->suite_path, "Suite file (YAML or JSON)")
      ->required()
      ->type_name("SUITE");
  command->add_option("--from", args->from_path, "Take the results from this file")
      ->type_name("FILE");
  command->add_flag("--commit", args->commit,
                    "Commit the baseline file (only it) on the current branch");
  command
      ->add_option("--author", args->author,
                   "Commit author \"Name <email>\" (default: git config user.name/email)")
      ->type_name("AUTHOR");
  command->add_flag("--force", args->force,
                    "Commit even on a detached HEAD, an unborn branch or a conflicting index");
  add_repo_option(*command, args->repo);
  add_run_options(*command, args->repetitions, args->no_progress);
  command->callback([args, &action] { action = [args] { return update_command(*args); }; });
}

void add_show_subcommand(CLI::App& baseline, Action& action) {
  auto args = std::make_shared<ShowArguments>();
  CLI::App* command = baseline.add_subcommand("show", "Print the suite's baseline");
  command->add_option("suite", args->suite_path, "Suite file (YAML or JSON)")
      ->required()
      ->type_name("SUITE");
  command
      ->add_option("--at", args->at,
                   "Read it at this revision (through git) instead of the working tree")
      ->type_name("REF");
  add_repo_option(*command, args->repo);
  command
      ->add_option("--format", args->format,
                   "text (a table) | json (the baseline file itself); default text")
      ->transform(choice<ShowFormat>({{"text", ShowFormat::text}, {"json", ShowFormat::json}}))
      ->type_name("FORMAT");
  command->callback([args, &action] { action = [args] { return show_command(*args); }; });
}

}  // namespace

void add_baseline_command(CLI::App& app, Action& action) {
  CLI::App* baseline = app.add_subcommand("baseline", "Write, commit or show a suite's baseline");
  baseline->require_subcommand(1);
  add_update_subcommand(*baseline, action);
  add_show_subcommand(*baseline, action);
}

}  // namespace perfgate::cli
