// Evaluates SLA rules (sla_rule.h) on the candidate's results alone; no baseline is involved.
//
// What a rule is checked against:
// - Scenarios: the rule's SCENARIO, or every scenario when unscoped.
// - Tag sets: a metric applies when its tags contain all of the rule's tags. If the scenario has
//   a metric whose tags equal the rule's exactly, that metric is the aggregate the user named
//   and is checked alone (`throughput > 1000/s` means the scenario's total `throughput`, not each
//   `throughput{request}`; `errors.value == 0` means the untagged total). Otherwise every
//   applicable tag set is checked separately, so `latency.p99 < 250ms` holds for each request
//   and status of the native generator on its own: a slow endpoint cannot hide behind fast ones.
// - Runs: only runs with status ok; failed and interrupted runs are skipped (their numbers
//   describe a broken run, and a run failure is reported by its own exit code).
//
// The verdict uses the MEDIAN across runs of the per-run statistic. The repetition is the unit
// of replication (docs/statistics.md): one run with a noisy neighbour should not alone breach an
// SLA, and the median of 5 runs is robust to up to 2 such outliers. The worst run and the number of
// runs that breach on their own are reported beside it, so a reader still sees the outlier.
//
// A rule that matches nothing is reported with outcome no_data, never as a silent pass.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/model/run_result.h"
#include "core/suite/sla_rule.h"

namespace perfgate::sla {

enum class SlaOutcome { pass, breach, no_data };

struct RunValue {
  int run_index = 0;  // RunResult::index
  double value = 0;   // the statistic of that run, in the metric's unit

  bool operator==(const RunValue&) const = default;
};

// One (rule, scenario, tag set). Values are in the metric's unit: ns, 1/s, a ratio (0.01 = 1%),
// or whatever unit the metric carries.
struct SlaResult {
  SlaRule rule{};
  std::string scenario{};        // empty for a no_data result of an unscoped rule
  Tags tags{};                   // the metric's full tag set
  std::string unit{};            // the metric's unit; empty when no_data
  std::vector<RunValue> runs{};  // ok runs that have the metric, in run order
  double observed = 0;           // median of runs[].value
  RunValue worst{};              // the run farthest on the wrong side of the threshold
  double threshold = 0;          // the rule's value in the metric's unit
  int runs_breaching = 0;        // runs whose own value breaks the rule
  SlaOutcome outcome = SlaOutcome::no_data;
  // One line for people, e.g. "p99 latency of checkout/order (status=2xx) is 412 ms (median of 5
  // runs), above the SLA < 400 ms; 3 of 5 runs breach it, worst 450 ms (run 2)".
  std::string sentence{};

  bool operator==(const SlaResult&) const = default;
};

// Evaluates every rule against `candidate`, in rule order, then scenario and tag order.
// Throws InputError (the rule's file and location()) when a rule does not fit the metric it
// matched: a value of the wrong kind (a percentage for a latency), a statistic the metric lacks
// (`latency.value`, `throughput.p99`), or no statistic on a distribution (`latency < 5ms`).
std::vector<SlaResult> check_slas(std::span<const SlaRule> rules, const SuiteResult& candidate);

// True when `observed OP threshold` holds.
bool satisfies(double observed, Comparison comparison, double threshold);

// True when any result breaches. no_data is not a breach; callers decide how to show it.
bool any_breach(std::span<const SlaResult> results);

const char* to_string(SlaOutcome outcome);  // "pass", "breach", "no-data"

}  // namespace perfgate::sla
