// `perfgate gate SUITE --against REF`: the pipeline step. Takes the baseline for this gate from
// git in one call (baselines::baseline_for_gate: read at merge-base(HEAD, REF), never the working
// tree, so a change cannot edit the baseline it is judged against), runs the suite (or takes
// --results), evaluates the gate, reports, and exits 0 pass, 1 regression or SLA breach, 2 bad
// input, 3 a run failed.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "baselines/gate_baseline.h"
#include "core/errors.h"
#include "core/git/git_repository.h"
#include "core/model/environment.h"
#include "core/model/result_json.h"
#include "core/suite/gate_policy.h"
#include "core/suite/suite_loader.h"
#include "gates/compare/compare.h"
#include "gates/report/report_writer.h"
#include "harness/cli/commands.h"
#include "harness/cli/gate_support.h"
#include "harness/cli/options.h"

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

int no_baseline(const Suite& suite, const gates::GatePolicy& policy,
                const baselines::GateBaseline& baseline) {
  const bool fail = policy.on_missing_baseline == gates::MissingBaselineAction::fail;
  std::cout << (fail ? "FAIL" : "PASS") << ": no baseline — " << baseline.source
            << " does not exist there. Run `perfgate baseline update " << suite.path
            << " --commit` on the target branch to record one.\n";
  return static_cast<int>(fail ? ExitCode::gate_failed : ExitCode::pass);
}

std::optional<SuiteResult> candidate_results(const GateArguments& args, const Suite& suite,
                                             int& exit_code) {
  if (!args.results_path.empty()) return read_results_file(args.results_path);
  return run_for_results(suite, {args.repetitions, args.output_path, !args.no_progress}, exit_code);
}

std::string candidate_source(const GateArguments& args, const baselines::GateBaseline& baseline) {
  if (!args.results_path.empty()) return args.results_path;
  return "this run (HEAD " + short_commit_id(baseline.commits.head_commit) + ")";
}

// The run-to-run variances of the earlier baselines measured where the candidate was: a test's
// prior is only as good as the machine it was learnt on.
gates::VarianceHistory same_environment_variances(const std::vector<SuiteResult>& earlier,
                                                  const SuiteResult& candidate,
                                                  const gates::GatePolicy& policy) {
  std::vector<SuiteResult> alike;
  for (const SuiteResult& result : earlier)
    if (environment_differences(result.environment, candidate.environment).empty())
      alike.push_back(result);
  return gates::variance_history(alike, policy.metrics);
}

int gate_command(const GateArguments& args) {
  const Suite suite = load_suite(args.suite_path);
  const gates::GatePolicy& policy = suite.gate;
  const gates::ReportRequest& request = args.report;
  gates::check_report_request(request);
  const baselines::GateBaseline baseline = baselines::baseline_for_gate(
      suite, policy, {repository_directory(args.repo, suite), args.against, args.no_merge_base});
  if (!baseline.result) return no_baseline(suite, policy, baseline);

  int exit_code = 0;
  const std::optional<SuiteResult> candidate = candidate_results(args, suite, exit_code);
  if (!candidate) return exit_code;
  baselines::check_scenarios_match(baselines::scenario_names(*candidate), *baseline.result,
                                   baseline.source);

  gates::GateResult gate = gates::evaluate_gate(
      *baseline.result, *candidate, policy,
      environment_differences(baseline.result->environment, candidate->environment),
      same_environment_variances(baseline.earlier, *candidate, policy));
  gate.provenance.baseline_source = baseline.source;
  gate.provenance.candidate_source = candidate_source(args, baseline);
  gate.provenance.baseline_edited_by_change = baseline.edited_by_change;

  gates::write_reports({suite.name, &gate, &*baseline.result, &*candidate, baseline.history},
                       request);
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
