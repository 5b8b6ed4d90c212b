// `perfgate compare BASELINE CANDIDATE`: two results files (perfgate or Google Benchmark JSON,
// auto-detected), compared run against run under a gate policy; prints the verdicts.
#include <CLI/CLI.hpp>

#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "adapters/gbench/gbench_import.h"
#include "gates/compare/compare.h"
#include "gates/policy/gate_policy.h"
#include "gates/report/report_writer.h"
#include "gates/sla/sla_rule.h"
#include "harness/cli/commands.h"
#include "harness/cli/options.h"
#include "harness/errors.h"
#include "harness/model/result_json.h"
#include "harness/suite/suite_loader.h"

namespace perfgate::cli {
namespace {

struct CompareArguments {
  std::string baseline_path;
  std::string candidate_path;
  std::string suite_path;  // optional: take the gate policy from this suite
  std::vector<std::string> metrics;
  std::optional<double> alpha;
  std::optional<std::string> threshold;
  std::optional<std::string> correction;
  std::vector<std::string> slas;
  gates::ReportRequest report;
};

struct LoadedSide {
  SuiteResult result;
  bool from_gbench = false;
};

LoadedSide load_side(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "", "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (looks_like_gbench(text.str())) return {import_gbench_files({path}), true};
  return {read_results_file(path), false};
}

// Google Benchmark files gate every metric they carry (real_time, cpu_time, counters) unless
// --metric says otherwise; `iterations` is how long a run was, not a result.
std::vector<gates::MetricSelector> gbench_metrics(const SuiteResult& result) {
  std::set<std::string> names;
  for (const ScenarioResult& scenario : result.scenarios)
    for (const RunResult& run : scenario.runs)
      for (const Metric& metric : run.metrics)
        if (metric.value && metric.name != "iterations") names.insert(metric.name);
  std::vector<gates::MetricSelector> selectors;
  for (const std::string& name : names) selectors.push_back({name, gates::Statistic::value});
  return selectors;
}

std::string gate_json_from_flags(const CompareArguments& args) {
  nlohmann::json gate = nlohmann::json::object();
  if (args.alpha) gate["alpha"] = *args.alpha;
  if (args.threshold) gate["threshold"] = *args.threshold;
  if (args.correction) gate["correction"] = *args.correction;
  if (!args.metrics.empty()) gate["metrics"] = args.metrics;
  if (!args.slas.empty()) gate["sla"] = args.slas;
  return gate.dump();
}

gates::GatePolicy policy_for(const CompareArguments& args, const LoadedSide& candidate) {
  gates::GatePolicy policy;
  if (!args.suite_path.empty()) policy = gates::parse_gate_policy(load_suite(args.suite_path));
  gates::GatePolicy flags = gates::parse_gate_policy(gate_json_from_flags(args), "command line");
  if (args.alpha) policy.alpha = flags.alpha;
  if (args.threshold) policy.threshold = flags.threshold;
  if (args.correction) policy.correction = flags.correction;
  if (!args.slas.empty()) policy.sla = flags.sla;
  if (!args.metrics.empty())
    policy.metrics = flags.metrics;
  else if (args.suite_path.empty() && candidate.from_gbench)
    policy.metrics = gbench_metrics(candidate.result);
  return policy;
}

int compare_command(const CompareArguments& args) {
  gates::check_report_request(args.report);
  LoadedSide baseline = load_side(args.baseline_path);
  LoadedSide candidate = load_side(args.candidate_path);
  gates::GatePolicy policy = policy_for(args, candidate);
  auto rules = sla::parse_sla_rules(policy.sla, args.suite_path.empty() ? "--sla" : args.suite_path,
                                    "gate.sla");
  gates::GateResult gate =
      gates::evaluate_gate(baseline.result, candidate.result, policy, rules, {});
  gate.provenance.baseline_source = args.baseline_path;
  gate.provenance.candidate_source = args.candidate_path;
  bool fail = gate.verdict == gates::GateVerdict::fail;

  gates::ReportInput input{.suite = candidate.result.suite,
                           .gate = &gate,
                           .baseline = &baseline.result,
                           .candidate = &candidate.result};
  gates::write_reports(input, args.report);
  return static_cast<int>(fail ? ExitCode::gate_failed : ExitCode::pass);
}

}  // namespace

void add_compare_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<CompareArguments>();
  CLI::App* command = app.add_subcommand(
      "compare", "Compare two results files (perfgate or Google Benchmark JSON) run by run");
  command->add_option("baseline", args->baseline_path, "Baseline results file")
      ->required()
      ->type_name("FILE");
  command->add_option("candidate", args->candidate_path, "Candidate results file")
      ->required()
      ->type_name("FILE");
  command->add_option("--suite", args->suite_path, "Take the gate policy from this suite file")
      ->type_name("FILE");
  command
      ->add_option("--metric", args->metrics,
                   "Gate this metric, e.g. latency.p99 or real_time (repeatable)")
      ->type_name("METRIC");
  command->add_option("--alpha", args->alpha, "Significance level after correction (0.05)")
      ->type_name("P");
  command->add_option("--threshold", args->threshold, "Smallest change that matters (5%)")
      ->type_name("PERCENT");
  command->add_option("--correction", args->correction, "holm | bh | none (holm)")
      ->type_name("METHOD");
  command->add_option("--sla", args->slas, "An SLA rule, e.g. 'latency.p99 < 250ms' (repeatable)")
      ->type_name("RULE");
  add_report_options(*command, args->report);
  command->callback([args, &action] { action = [args] { return compare_command(*args); }; });
}

}  // namespace perfgate::cli
