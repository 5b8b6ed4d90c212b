// `perfgate compare BASELINE CANDIDATE`: two results files (perfgate or Google Benchmark JSON,
// auto-detected), compared run against run under a gate policy; prints the verdicts.
#include <CLI/CLI.hpp>

#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "adapters/gbench/gbench_import.h"
#include "core/errors.h"
#include "core/model/result_json.h"
#include "core/suite/gate_policy.h"
#include "core/suite/quantity.h"
#include "core/suite/sla_rule.h"
#include "core/suite/suite_loader.h"
#include "gates/compare/compare.h"
#include "gates/report/report_writer.h"
#include "harness/cli/commands.h"
#include "harness/cli/options.h"

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

double alpha_flag(double alpha) {
  if (!gates::valid_alpha(alpha)) {
    std::ostringstream shown;
    shown << alpha;
    throw InputError("--alpha", "",
                     "expected " + std::string(gates::kExpectedAlpha) + ", got " + shown.str());
  }
  return alpha;
}

double threshold_flag(const std::string& text) {
  const std::optional<double> fraction = parse_fraction(text);
  if (!fraction || !gates::valid_threshold(*fraction))
    throw InputError("--threshold", "",
                     "expected " + std::string(gates::kExpectedThreshold) + ", got '" + text + "'");
  return *fraction;
}

gates::Correction correction_flag(const std::string& text) {
  if (auto correction = stats::parse_correction(text)) return *correction;
  throw InputError("--correction", "", "expected holm, bh or none, got '" + text + "'");
}

std::vector<gates::MetricSelector> metric_flags(const std::vector<std::string>& texts) {
  std::vector<gates::MetricSelector> selectors;
  for (const std::string& text : texts) {
    const auto selector = gates::parse_metric_selector(text);
    if (!selector)
      throw InputError("--metric", "",
                       "expected " + std::string(gates::kExpectedMetric) + ", got '" + text + "'");
    selectors.push_back(*selector);
  }
  return selectors;
}

// The suite's policy (the defaults without --suite), then each flag given on top of it.
gates::GatePolicy policy_for(const CompareArguments& args, const LoadedSide& candidate) {
  gates::GatePolicy policy =
      args.suite_path.empty() ? gates::GatePolicy{} : load_suite(args.suite_path).gate;
  if (args.alpha) policy.alpha = alpha_flag(*args.alpha);
  if (args.threshold) policy.threshold = threshold_flag(*args.threshold);
  if (args.correction) policy.correction = correction_flag(*args.correction);
  // Rule i of the flags is "--sla[i]" of the command line in messages and in the JSON report.
  if (!args.slas.empty()) policy.sla = sla::parse_sla_rules(args.slas, "command line", "--sla");
  if (!args.metrics.empty())
    policy.metrics = metric_flags(args.metrics);
  else if (args.suite_path.empty() && candidate.from_gbench)
    policy.metrics = gbench_metrics(candidate.result);
  return policy;
}

int compare_command(const CompareArguments& args) {
  gates::check_report_request(args.report);
  LoadedSide baseline = load_side(args.baseline_path);
  LoadedSide candidate = load_side(args.candidate_path);
  const gates::GatePolicy policy = policy_for(args, candidate);
  gates::GateResult gate = gates::evaluate_gate(baseline.result, candidate.result, policy, {});
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
