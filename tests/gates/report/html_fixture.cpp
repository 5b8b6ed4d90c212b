#include "tests/gates/report/html_fixture.h"

#include <algorithm>
#include <cmath>

#include "core/suite/sla_rule.h"
#include "gates/stats/quantiles.h"

namespace perfgate::testing {
namespace {

using gates::Comparison;
using gates::ComparisonKey;
using gates::Statistic;
using gates::Verdict;

constexpr int kSeconds = 10;

std::string scenario_name(const HtmlFixtureOptions& options, int scenario) {
  if (scenario == 0) return options.hostile_names ? kHtmlHostileScenario : "browse";
  if (scenario == 1) return "import-artillery";
  return "scenario-" + std::to_string(scenario);
}

std::vector<std::string> request_names(const HtmlFixtureOptions& options) {
  return {options.hostile_names ? kHtmlHostileRequest : "list", "get"};
}

// How much slower the candidate is: scenario 0's first request regresses by 20 %, scenario 1's
// second request improves by 20 %, everything else is unchanged.
double candidate_factor(int scenario, int request) {
  if (scenario == 0 && request == 0) return 1.2;
  if (scenario == 1 && request == 1) return 0.8;
  return 1;
}

// Deterministic between-run noise of about +-3 %, a different phase per side.
double run_noise(int scenario, int request, int run, bool candidate) {
  return 1 + 0.03 * std::sin(1.3 * run + request + 7.0 * scenario + (candidate ? 0.5 : 0));
}

Histogram latency_histogram(double median_ns, int values) {
  Histogram histogram;
  for (int i = 0; i < values; ++i) {
    double value = median_ns * (0.6 + 0.8 * i / values);
    if (i >= values * 98 / 100) value *= 3;  // a tail: the slowest 2 %
    histogram.record(static_cast<uint64_t>(value));
  }
  return histogram;
}

std::vector<double> timeline(double per_second, int run) {
  std::vector<double> seconds;
  for (int second = 0; second < kSeconds; ++second)
    seconds.push_back(std::round(per_second * (1 + 0.02 * std::sin(second + run))));
  return seconds;
}

Tags latency_tags(const HtmlFixtureOptions& options, const std::string& request) {
  Tags tags{{"request", request}, {"status", "2xx"}};
  if (options.hostile_names) tags["x-api-token"] = kHtmlSecretValue;
  return tags;
}

RunResult make_run(const HtmlFixtureOptions& options, int scenario, int run, bool candidate) {
  RunResult result{.index = run, .started_at = "2026-11-27T03:48:34Z", .duration_s = kSeconds};
  const std::vector<std::string> requests = request_names(options);
  std::vector<double> total(kSeconds, 0);
  for (int request = 0; request < static_cast<int>(requests.size()); ++request) {
    double median_ns = 1e6 * (request + 1) * run_noise(scenario, request, run, candidate);
    if (candidate) median_ns *= candidate_factor(scenario, request);
    result.add({.name = "latency",
                .unit = "ns",
                .tags = latency_tags(options, requests[request]),
                .histogram = latency_histogram(median_ns, options.values_per_run)});
    std::vector<double> per_second = timeline(1000.0 / (request + 1), run);
    for (int second = 0; second < kSeconds; ++second) total[second] += per_second[second];
    result.add({.name = "throughput",
                .unit = "1/s",
                .tags = {{"request", requests[request]}},
                .value = stats::mean(per_second),
                .timeline = per_second});
  }
  result.add({.name = "throughput", .unit = "1/s", .value = stats::mean(total), .timeline = total});
  std::vector<double> errors(kSeconds, 0);
  if (candidate && scenario == 0 && run == 2) errors[7] = 3;
  result.add({.name = "errors", .unit = "count", .value = errors[7], .timeline = errors});
  return result;
}

SuiteResult make_side(const HtmlFixtureOptions& options, bool candidate) {
  SuiteResult suite{.suite = "checkout-api"};
  suite.environment = {.cpu_model = candidate ? "AMD EPYC 7763" : "Intel Xeon 8375C",
                       .cores = 2,
                       .kernel = "6.1.0-27-amd64",
                       .governor = "performance",
                       .compiler = "GCC 12.2.0",
                       .perfgate = "0.1.0",
                       .tools = {{"k6", "0.49.0"}}};
  suite.git = GitInfo{.commit = candidate ? "c0ffee0000000000000000000000000000000002"
                                          : "ba5e000000000000000000000000000000000001",
                      .branch = candidate ? "feature/slow" : "main"};
  for (int scenario = 0; scenario < options.scenarios; ++scenario) {
    ScenarioResult result{.name = scenario_name(options, scenario),
                          .adapter = scenario % 2 == 1 ? "artillery" : "native"};
    for (int run = 0; run < options.runs; ++run)
      result.runs.push_back(make_run(options, scenario, run, candidate));
    if (candidate && scenario == 0)
      result.runs.push_back({.index = options.runs,
                             .status = RunStatus::failed,
                             .failure_reason = "connection refused; Authorization: Bearer " +
                                               kHtmlSecretValue + " <b>not bold</b>"});
    suite.scenarios.push_back(std::move(result));
  }
  return suite;
}

std::vector<double> run_values(const SuiteResult& suite, const ComparisonKey& key) {
  std::vector<double> values;
  for (const ScenarioResult& scenario : suite.scenarios)
    if (scenario.name == key.scenario)
      for (const RunResult& run : scenario.runs)
        if (const Metric* metric = run.find(key.metric, key.tags);
            metric && run.status == RunStatus::ok)
          values.push_back(key.statistic == Statistic::p99
                               ? static_cast<double>(metric->histogram->value_at_percentile(99))
                               : *metric->value);
  return values;
}

Unit unit_in(const SuiteResult& suite, const ComparisonKey& key) {
  for (const ScenarioResult& scenario : suite.scenarios)
    if (scenario.name == key.scenario)
      for (const RunResult& run : scenario.runs)
        if (const Metric* metric = run.find(key.metric, key.tags)) return parse_unit(metric->unit);
  return Unit::count();
}

Comparison make_comparison(const HtmlFixture& fixture, ComparisonKey key) {
  Comparison comparison{.key = key,
                        .unit = unit_in(fixture.candidate, key),
                        .baseline_runs = run_values(fixture.baseline, key),
                        .candidate_runs = run_values(fixture.candidate, key)};
  const double ratio =
      stats::median(comparison.candidate_runs) / stats::median(comparison.baseline_runs);
  comparison.change = {ratio, ratio * 0.97, ratio * 1.03, ratio};
  comparison.verdict = ratio > 1.05   ? Verdict::regression
                       : ratio < 0.95 ? Verdict::improvement
                                      : Verdict::unchanged;
  const bool moved = comparison.verdict != Verdict::unchanged;
  comparison.test = {gates::TestKind::welch_log, moved ? 0.0004 : 0.43, moved ? 0.0012 : 0.86,
                     moved ? 0.0079 : 0.69};
  if (key.metric == "throughput") comparison.direction = gates::Direction::higher_is_better;
  return comparison;
}

void add_comparisons(HtmlFixture& fixture, const HtmlFixtureOptions& options) {
  for (int scenario = 0; scenario < options.scenarios; ++scenario) {
    const std::string name = scenario_name(options, scenario);
    for (const std::string& request : request_names(options))
      fixture.gate.comparisons.push_back(make_comparison(
          fixture, {name, "latency", latency_tags(options, request), Statistic::p99}));
    Comparison throughput = make_comparison(fixture, {name, "throughput", {}, Statistic::value});
    if (scenario == 0) {  // one inconclusive verdict: a wide interval
      throughput.change.ci_low = 0.9;
      throughput.change.ci_high = 1.1;
      throughput.verdict = Verdict::inconclusive;
      throughput.repetitions_needed = 12;
    }
    fixture.gate.comparisons.push_back(std::move(throughput));
  }
}

void add_gate_extras(HtmlFixture& fixture, const HtmlFixtureOptions& options) {
  gates::GateResult& gate = fixture.gate;
  gate.verdict = gates::GateVerdict::fail;
  const std::string first = scenario_name(options, 0);
  gate.slas.push_back(
      {.rule = sla::parse_sla_rule("latency.p99 < 2ms", "suite.yaml", "gate.sla[0]"),
       .scenario = first,
       .unit = "ns",
       .outcome = sla::SlaOutcome::breach,
       .sentence = "p99 latency of " + first +
                   " is 3.6 ms (median of 5 runs), "
                   "above the SLA < 2.00 ms; cookie: " +
                   kHtmlSecretValue});
  gate.slas.push_back({.rule = sla::parse_sla_rule("error_rate < 1%", "suite.yaml", "gate.sla[1]"),
                       .outcome = sla::SlaOutcome::no_data,
                       .sentence = "no metric error_rate in any scenario"});
  gate.notes.push_back({.kind = gates::NoteKind::missing_in_candidate,
                        .key = {first, "ttfb", {}, Statistic::p99},
                        .message = "ttfb.p99 of " + first + " was measured by the baseline only"});
  gate.suite_shift = gates::SuiteShift{1.02, 3, 8, "3 of 8 metrics moved together by about +2.0 %"};
  gate.provenance = {
      .baseline_source = "origin/main (merge-base ba5e000): .perfgate/baselines/checkout-api.json",
      .candidate_source = "results.json?token=" + kHtmlSecretValue,
      .baseline_edited_by_change = true,
      .environment_differences = {"cpu_model: Intel Xeon 8375C -> AMD EPYC 7763"}};
}

void add_history(HtmlFixture& fixture) {
  const Comparison& first = fixture.gate.comparisons.front();
  const double median = stats::median(first.baseline_runs);
  for (int commit = 0; commit < 6; ++commit)
    fixture.history.push_back({.key = first.key,
                               .commit = std::string(40, static_cast<char>('a' + commit)),
                               .committed_at = "2026-11-2" + std::to_string(commit) + "T10:00:00Z",
                               .subject = "baseline update #" + std::to_string(commit) + " <i>",
                               .value = median * (0.95 + 0.01 * commit)});
}

}  // namespace

gates::ReportInput HtmlFixture::input() const {
  return {.suite = "checkout-api",
          .gate = &gate,
          .baseline = &baseline,
          .candidate = &candidate,
          .history = history};
}

HtmlFixture make_html_fixture(const HtmlFixtureOptions& options) {
  HtmlFixture fixture;
  fixture.baseline = make_side(options, false);
  fixture.candidate = make_side(options, true);
  add_comparisons(fixture, options);
  add_gate_extras(fixture, options);
  if (options.with_history) add_history(fixture);
  return fixture;
}

}  // namespace perfgate::testing
