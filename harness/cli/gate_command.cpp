// `perfgate gate SUITE --against REF`: the pipeline step. Reads the baseline at
// merge-base(HEAD, REF) through libgit2 (never the working tree, so a change cannot edit the
// baseline it is judged against), runs the suite (or takes --results), compares, reports, and
// exits 0 pass, 1 regression or SLA breach, 2 bad input, 3 a run failed.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "baselines/baseline_store.h"
#include "baselines/baseline_values.h"
#include "baselines/gate_checks.h"
#include "gates/compare/compare.h"
#include "gates/report/report_writer.h"
#include "harness/cli/commands.h"
#include "harness/cli/gate_support.h"
#include "harness/cli/options.h"
#include "harness/errors.h"
#include "harness/model/environment.h"
#include "harness/model/result_json.h"
#include "harness/suite/gate_policy.h"
#include "harness/suite/suite_loader.h"

namespace perfgate::cli {
namespace {

struct GateArguments {
  std::string suite_path;
  std::string against;
  std::string results_path;  // take the candidate from this file instead of running
  std::string output_path;   // keep the candidate's results file
  std::string repo;
  std::optional<int> repetitions;
  bool no_merge_base = false;
  bool no_progress = false;
  gates::ReportRequest report;
};

// Everything known about the baseline before the candidate is measured.
struct BaselineFacts {
  std::optional<SuiteResult> result;
  std::string source;  // "main (merge-base 1a2b3c4): .perfgate/baselines/api.json"
  bool edited_by_change = false;
};

BaselineFacts load_baseline(const baselines::BaselineLocation& location,
                            const baselines::GateBase& base) {
  const std::string at =
      base.merge_base_missing
          ? base.against + " (" + baselines::short_commit_id(base.base_commit) + ", no merge-base)"
          : base.against + " (merge-base " + baselines::short_commit_id(base.base_commit) + ")";
  BaselineFacts facts;
  facts.source = at + ": " + location.path_in_repo;
  facts.result = baselines::read_baseline_at(location, base.base_commit, base.against);
  facts.edited_by_change =
      baselines::baseline_edited_since(location, base.base_commit, base.head_commit);
  return facts;
}

int no_baseline(const Suite& suite, const gates::GatePolicy& policy, const BaselineFacts& facts) {
  const bool fail = policy.on_missing_baseline == gates::MissingBaselineAction::fail;
  std::cout << (fail ? "FAIL" : "PASS") << ": no baseline — " << facts.source
            << " does not exist there. Run `perfgate baseline update " << suite.path
            << " --commit` on the target branch to record one.\n";
  return static_cast<int>(fail ? ExitCode::gate_failed : ExitCode::pass);
}

std::optional<SuiteResult> candidate_results(const GateArguments& args, const Suite& suite,
                                             int& exit_code) {
  if (!args.results_path.empty()) return read_results_file(args.results_path);
  return run_for_results(suite, {args.repetitions, args.output_path, !args.no_progress}, exit_code);
}

std::vector<gates::HistoryPoint> cheap_history(const baselines::BaselineLocation& location,
                                               const gates::GatePolicy& policy) {
  try {
    return baselines::baseline_history(location, policy.metrics, 20).points;
  } catch (const InputError&) {
    return {};  // the history only decorates reports; the gate does not depend on it
  }
}

int gate_command(const GateArguments& args) {
  const Suite suite = load_suite(args.suite_path);
  const gates::GatePolicy& policy = suite.gate;
  const gates::ReportRequest& request = args.report;
  gates::check_report_request(request);
  const baselines::BaselineLocation location =
      baselines::locate_baseline(suite, repository_directory(args.repo, suite));
  const baselines::GateBase base =
      baselines::resolve_gate_base(location.repo, args.against, args.no_merge_base);
  const BaselineFacts baseline = load_baseline(location, base);
  if (!baseline.result) return no_baseline(suite, policy, baseline);
  std::vector<std::string> names;
  for (const Scenario& scenario : suite.scenarios) names.push_back(scenario.name);
  baselines::check_scenarios_match(names, *baseline.result, baseline.source);

  int exit_code = 0;
  const std::optional<SuiteResult> candidate = candidate_results(args, suite, exit_code);
  if (!candidate) return exit_code;
  baselines::check_scenarios_match(baselines::scenario_names(*candidate), *baseline.result,
                                   baseline.source);

  gates::GateResult gate = gates::evaluate_gate(*baseline.result, *candidate, policy);
  gate.provenance.baseline_source = baseline.source;
  gate.provenance.candidate_source =
      args.results_path.empty()
          ? "this run (HEAD " + baselines::short_commit_id(base.head_commit) + ")"
          : args.results_path;
  gate.provenance.baseline_edited_by_change = baseline.edited_by_change;
  baselines::apply_environment_check(
      gate,
      baselines::environment_differences(baseline.result->environment, candidate->environment),
      policy.on_environment_change);

  gates::ReportInput input{suite.name, &gate, &*baseline.result, &*candidate,
                           cheap_history(location, policy)};
  gates::write_reports(input, request);
  return static_cast<int>(gate.verdict == gates::GateVerdict::fail ? ExitCode::gate_failed
                                                                   : ExitCode::pass);
}

}  // namespace

void add_gate_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<GateArguments>();
  CLI::App* command = app.add_subcommand(
      "gate", "Run the suite and gate it against the baseline committed on the target branch");
  command->add_option("suite", args->suite_path, "Suite file (YAML or JSON)")
      ->required()
      ->type_name("SUITE");
  command
      ->add_option("--against", args->against,
                   "Target branch or commit (e.g. main); its merge-base with HEAD has the "
                   "baseline. A branch that exists only as origin/NAME is found")
      ->required()
      ->type_name("REF");
  command
      ->add_option("--results", args->results_path,
                   "Gate this results file instead of running the suite")
      ->type_name("FILE");
  command->add_option("-o,--output", args->output_path, "Also write the candidate's results here")
      ->type_name("FILE");
  add_repo_option(*command, args->repo);
  add_run_options(*command, args->repetitions, args->no_progress);
  command->add_flag("--no-merge-base", args->no_merge_base,
                    "When the merge-base is missing (shallow clone), use REF's own baseline");
  add_report_options(*command, args->report);
  command->callback([args, &action] { action = [args] { return gate_command(*args); }; });
}

}  // namespace perfgate::cli
