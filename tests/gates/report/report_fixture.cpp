#include "report_fixture.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace perfgate::testing {
namespace {

using gates::Comparison;
using gates::ComparisonKey;
using gates::Statistic;
using gates::Verdict;

Histogram latency_histogram(double median_ns, int values) {
  Histogram histogram;
  for (int i = 0; i < values; ++i)
    histogram.record(
        static_cast<std::uint64_t>(median_ns * (0.5 + static_cast<double>(i) / values)));
  return histogram;
}

RunResult run_of(int index, double factor, const std::vector<Tags>& requests, int values) {
  RunResult run{.index = index,
                .started_at = "2026-11-27T03:48:3" + std::to_string(index) + "Z",
                .duration_s = 20};
  for (const Tags& tags : requests)
    run.add({.name = "latency",
             .unit = "ns",
             .tags = tags,
             .histogram = latency_histogram(10e6 * factor, values)});
  run.add({.name = "throughput", .unit = "1/s", .value = 2000 / factor + index});
  run.add({.name = "error_rate", .unit = "ratio", .value = 0.0});
  return run;
}

const Tags kList{{"request", "list"}, {"status", "2xx"}};
const Tags kGet{{"request", "get"}, {"status", "2xx"}};
const Tags kHostileTags{{"request", "Authorization: Bearer eyJhbGciOi"}, {"token", "hunter2"}};

SuiteResult suite_of(double factor, bool with_failed_run) {
  ScenarioResult browse{.name = "browse", .adapter = "native"};
  for (int i = 0; i < 5; ++i) browse.runs.push_back(run_of(i, factor, {kList, kGet}, 200));
  ScenarioResult hostile{.name = kHostileScenario, .adapter = "native"};
  for (int i = 0; i < 3; ++i) hostile.runs.push_back(run_of(i, factor * 1.3, {kHostileTags}, 50));
  if (with_failed_run)
    hostile.runs.push_back({.index = 3,
                            .status = RunStatus::failed,
                            .failure_reason = "connection refused; Cookie: s3cr3t-cookie",
                            .started_at = "2026-11-27T03:49:00Z"});
  return {.suite = "checkout-api",
          .environment = {.cpu_model = "AMD EPYC 7763", .cores = 2, .kernel = "6.1.0"},
          .scenarios = {browse, hostile}};
}

// The unit run_of gives each metric, as compare would carry it from the runs.
Unit unit_of_metric(const std::string& metric) {
  if (metric == "throughput") return Unit::per_second();
  if (metric == "error_rate") return Unit::ratio();
  return metric == "latency" ? Unit::time_ns() : Unit::count();
}

Comparison comparison(ComparisonKey key, std::vector<double> baseline,
                      std::vector<double> candidate, gates::Change change, double p_adjusted,
                      Verdict verdict) {
  const Unit unit = unit_of_metric(key.metric);
  Comparison result{.key = std::move(key),
                    .unit = unit,
                    .baseline_runs = std::move(baseline),
                    .candidate_runs = std::move(candidate),
                    .change = change,
                    .verdict = verdict};
  result.test = {.kind = gates::TestKind::welch_log,
                 .p_value = p_adjusted / 4,
                 .p_adjusted = p_adjusted,
                 .mann_whitney_p = 0.0079};
  return result;
}

sla::SlaResult sla_result(std::string rule, std::string scenario, Tags tags,
                          sla::SlaOutcome outcome, std::string sentence) {
  sla::SlaResult result;
  result.rule.text = std::move(rule);
  result.scenario = std::move(scenario);
  result.tags = std::move(tags);
  result.outcome = outcome;
  result.sentence = std::move(sentence);
  return result;
}

std::vector<Comparison> browse_comparisons() {
  const std::vector<double> b99{10.1e6, 10.3e6, 9.9e6, 10.0e6, 10.2e6};
  const std::vector<double> c99{11.3e6, 11.5e6, 11.2e6, 11.4e6, 11.6e6};
  std::vector<Comparison> list = {
      comparison({"browse", "latency", kList, Statistic::p99}, b99, c99, {1.12, 1.08, 1.16, 1.118},
                 0.0016, Verdict::regression),
      comparison({"browse", "latency", kGet, Statistic::p99}, b99,
                 {10.2e6, 11.9e6, 9.8e6, 10.9e6, 10.1e6}, {1.04, 0.97, 1.11, 1.03}, 0.63,
                 Verdict::inconclusive),
      comparison({"browse", "throughput", {}, Statistic::value}, {2000, 2001, 2002, 2003, 2004},
                 {2180, 2181, 2182, 2183, 2184}, {1.09, 1.05, 1.13, 1.09}, 0.004,
                 Verdict::improvement),
      comparison({"browse", "latency", kList, Statistic::p50}, {5.0e6, 5.1e6, 4.9e6, 5.0e6, 5.0e6},
                 {5.1e6, 5.0e6, 5.0e6, 5.1e6, 5.0e6}, {1.01, 0.99, 1.03, 1.0}, 1,
                 Verdict::unchanged),
      comparison({"browse", "error_rate", {}, Statistic::value}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0},
                 {1, 1, 1, 1}, 1, Verdict::unchanged)};
  list[1].repetitions_needed = 12;
  list[2].direction = gates::Direction::higher_is_better;
  list[4].test = {};
  return list;
}

}  // namespace

gates::ReportInput ReportFixture::input() const {
  return {.suite = candidate.suite, .gate = &gate, .baseline = &baseline, .candidate = &candidate};
}

ReportFixture failing_report() {
  ReportFixture fixture{suite_of(1.0, false), suite_of(1.12, true), {}};
  gates::GateResult& gate = fixture.gate;
  gate.verdict = gates::GateVerdict::fail;
  gate.comparisons = browse_comparisons();
  gate.comparisons[0].measured_change = gates::Change{1.32, 1.28, 1.36, 1.32};  // with the shift
  double inf = std::numeric_limits<double>::infinity();
  gate.comparisons.push_back(comparison({kHostileScenario, "latency", kHostileTags, Statistic::p99},
                                        {13e6, 13.1e6, 12.9e6}, {16.9e6, 17e6, 16.8e6},
                                        {1.30, 1.2, 1.4, 1.3}, 0.01, Verdict::regression));
  gate.comparisons.push_back(comparison({kHostileScenario, "error_rate", {}, Statistic::value},
                                        {0, 0, 0}, {0.02, 0.03, 0.02}, {inf, inf, inf, inf}, 0.02,
                                        Verdict::regression));
  gate.slas = {
      sla_result("latency.p99 < 11ms", "browse", kList, sla::SlaOutcome::breach,
                 "p99 latency of browse/list (status=2xx) is 11.4 ms (median of 5 runs), above the "
                 "SLA < 11.0 ms; 5 of 5 runs breach it, worst 11.6 ms (run 4)"),
      sla_result(
          "error_rate < 1%", "browse", {}, sla::SlaOutcome::pass,
          "error_rate of browse is 0 % (median of 5 runs), within the SLA < 1.00 %; worst run "
          "0 % (run 0)"),
      sla_result("throughput{request=gone} > 100/s", "", {}, sla::SlaOutcome::no_data,
                 "no metric matches throughput{request=gone} > 100/s")};
  sla::SlaResult& breach = gate.slas[0];
  breach.unit = "ns";
  breach.runs = {{0, 11.3e6}, {1, 11.5e6}, {2, 11.2e6}, {3, 11.4e6}, {4, 11.6e6}};
  breach.observed = 11.4e6;
  breach.threshold = 11e6;
  breach.runs_breaching = 5;
  breach.worst = {4, 11.6e6};
  gate.notes = {{gates::NoteKind::missing_in_candidate,
                 {"browse", "latency", {{"request", "old"}}, Statistic::p99},
                 "latency{request=old}.p99 of browse is measured by the baseline only; "
                 "Authorization: Bearer eyJhbGciOi"}};
  gate.suite_shift = gates::SuiteShift{1.18, 4, 5,
                                       "4 of 5 compared metrics moved together by about +18.0 %: "
                                       "more likely the machine than the code"};
  gate.provenance = {
      .baseline_source = "origin/main (merge-base 1a2b3c4): .perfgate/baselines/checkout-api.json",
      .candidate_source = "https://ci.example/results.json?token=hunter2",
      .baseline_edited_by_change = true,
      .environment_differences = {"cpu_model: Intel Xeon 8375C -> AMD EPYC 7763"}};
  return fixture;
}

ReportFixture passing_report() {
  ReportFixture fixture{suite_of(1.0, false), suite_of(1.0, false), {}};
  gates::GateResult& gate = fixture.gate;
  for (Comparison& comparison : browse_comparisons())
    if (comparison.verdict != Verdict::regression && comparison.verdict != Verdict::inconclusive)
      gate.comparisons.push_back(comparison);
  gate.slas = {sla_result("error_rate < 1%", "browse", {}, sla::SlaOutcome::pass,
                          "error_rate of browse is 0 % (median of 5 runs), within the SLA "
                          "< 1.00 %; worst run 0 % (run 0)")};
  gate.provenance = {.baseline_source = "baseline.json", .candidate_source = "candidate.json"};
  return fixture;
}

ReportFixture large_report(int scenarios) {
  ReportFixture fixture;
  fixture.candidate.suite = fixture.baseline.suite = "large";
  gates::GateResult& gate = fixture.gate;
  gate.verdict = gates::GateVerdict::fail;
  for (int s = 0; s < scenarios; ++s) {
    char name[32];
    std::snprintf(name, sizeof name, "scenario-%03d", s);
    ScenarioResult scenario{.name = name, .adapter = "native"};
    for (int i = 0; i < 5; ++i) scenario.runs.push_back(run_of(i, 1.0, {kList}, 20));
    fixture.candidate.scenarios.push_back(scenario);
    fixture.baseline.scenarios.push_back(scenario);
    for (Comparison comparison : browse_comparisons()) {
      comparison.key.scenario = name;
      comparison.repetitions_needed.reset();
      if (comparison.verdict != Verdict::regression) comparison.verdict = Verdict::unchanged;
      gate.comparisons.push_back(comparison);
    }
  }
  return fixture;
}

}  // namespace perfgate::testing
