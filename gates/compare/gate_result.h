// The gate's answer: one Comparison per (scenario, metric, tags, statistic) with its verdict,
// notes about what could not be compared, and the overall pass/fail. A plain value for reports;
// JSON lives in gate_result_json.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/run_result.h"
#include "core/model/units.h"
#include "core/suite/metric_selector.h"
#include "gates/sla/sla_check.h"

namespace perfgate::gates {

enum class Verdict { regression, improvement, unchanged, inconclusive };
const char* to_string(Verdict verdict);  // "regression", "improvement", "unchanged", "inconclusive"

enum class GateVerdict { pass, fail };
const char* to_string(GateVerdict verdict);  // "pass", "fail"

// What is compared: e.g. p99 of latency{request=list,status=2xx} in scenario "browse".
struct ComparisonKey {
  std::string scenario{};
  std::string metric{};
  Tags tags{};
  Statistic statistic = Statistic::value;

  auto operator<=>(const ComparisonKey&) const = default;
};

// The change candidate / baseline as a ratio (1.10 = 10 % higher) with its confidence interval.
// Infinite when the baseline is zero and the candidate is not (see compare.h); NaN when there are
// too few runs to form an interval.
struct Change {
  double ratio = 1;
  double ci_low = 1;
  double ci_high = 1;
  double median_ratio = 1;  // median(candidate) / median(baseline), for readers
};

// The significance test used on the run values.
enum class TestKind {
  welch_log,      // Welch's t on log run values: the default (values > 0)
  moderated_log,  // t on log values with the variance moderated across metrics of the same
                  // kind (gates/stats/moderated_t.h): used when 8+ such comparisons share a prior
  welch,          // Welch's t on raw values: a side holds a zero, so logs are undefined
  none,           // fewer than 2 runs on a side, or both sides constant and equal: p = 1
};
const char* to_string(TestKind kind);  // "welch-log-t", "moderated-log-t", "welch-t", "none"

struct TestOutcome {
  TestKind kind = TestKind::none;
  double p_value = 1;         // two-sided
  double p_adjusted = 1;      // after the gate-wide correction
  double mann_whitney_p = 1;  // two-sided, reported beside (exact for small samples)
};

struct Comparison {
  ComparisonKey key{};
  Unit unit{};  // of the metric: the runs' values, and what every report shows them in
  Direction direction = Direction::lower_is_better;
  std::vector<double> baseline_runs{};  // one value per successful run, in run order
  std::vector<double> candidate_runs{};
  Change change{};  // relative to the suite-wide shift when one was declared (suite_shift.h)
  TestOutcome test{};
  std::optional<Change> measured_change{};  // the raw change, set only when a shift was declared
  Verdict verdict = Verdict::inconclusive;
  std::optional<int> repetitions_needed{};  // per side, when inconclusive and estimable
  // Earlier baselines whose run-to-run variance was the test's prior (variance_history.h); 0
  // when the prior, if any, came from the other metrics of the gate.
  int history_baselines = 0;
};

enum class NoteKind {
  missing_in_baseline,   // measured by the candidate only
  missing_in_candidate,  // measured by the baseline only
  wrong_kind,            // the selector asks for a histogram statistic of a value metric, or back
};
const char* to_string(NoteKind kind);  // "missing-in-baseline", "missing-in-candidate", ...

struct Note {
  NoteKind kind = NoteKind::missing_in_baseline;
  ComparisonKey key{};
  std::string message{};
};

// Most compared metrics moved together by a similar factor: the machine, not the code (see
// suite_shift.h for the rule). Comparisons that moved with it are not blamed one by one.
struct SuiteShift {
  double ratio = 1;        // the common factor, e.g. 1.18 = everything 18 % slower
  int metrics_moved = 0;   // comparisons whose change agrees with the common factor
  int metrics_total = 0;   // comparisons that took part (both sides measured, a test ran)
  std::string sentence{};  // one line for people
};

// Where the baseline came from, set by the command that loaded it (`gate` reads it from git,
// `compare` from a file). Reports print what is set; empty fields are not shown.
struct Provenance {
  std::string
      baseline_source{};  // e.g. "origin/main (merge-base 1a2b3c4): .perfgate/baselines/api.json"
  std::string candidate_source{};
  bool baseline_edited_by_change = false;  // the change under test also rewrites the baseline file
  // "cpu_model: Intel Xeon 8375C -> AMD EPYC 7763", one per differing field; empty when equal
  // or when the suite ignores environment changes. Set by evaluate_gate, not the command.
  std::vector<std::string> environment_differences{};
};

struct GateResult {
  // fail iff a comparison is a regression, an SLA rule is breached, or the machine differs and
  // the suite says on_environment_change: fail (decide_gate_verdict in verdict.h)
  GateVerdict verdict = GateVerdict::pass;
  std::vector<Comparison> comparisons{};
  std::vector<sla::SlaResult> slas{};
  std::vector<Note> notes{};
  std::optional<SuiteShift> suite_shift{};
  Provenance provenance{};
};

}  // namespace perfgate::gates
