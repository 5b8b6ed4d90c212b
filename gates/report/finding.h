// What every text format says about a comparison, in one place: the order findings are listed
// in, the subject ("p99 latency of browse/list") and one plain sentence per finding. Numbers,
// changes and names are shown by the one formatter, core/model/units.h. Returned text is raw
// (not escaped) but already redacted: each format escapes it for its own syntax.
#pragma once

#include <string>
#include <vector>

#include "core/model/run_result.h"
#include "gates/compare/gate_result.h"

namespace perfgate::gates {

// Regressions first, then improvements, inconclusive, unchanged: what needs a look on top.
int verdict_rank(Verdict verdict);

// The comparisons in verdict_rank order, stable within a verdict (so in key order).
std::vector<const Comparison*> ordered_comparisons(const GateResult& gate);

// How many comparisons have each verdict.
struct VerdictCounts {
  int regressions = 0;
  int improvements = 0;
  int inconclusive = 0;
  int unchanged = 0;
};
VerdictCounts count_verdicts(const GateResult& gate);

// "p99 latency of browse/list (status=2xx)"; "throughput of browse" (format_subject); the
// scenario and secret tag values redacted.
std::string subject(const ComparisonKey& key);
// "latency{request=list}.p99" as in suite files (format_metric_label); secret tag values redacted.
std::string metric_label(const ComparisonKey& key);
// The value of tag "request", or "" (the column people scan for).
std::string request_of(const ComparisonKey& key);

// The median of run values in their unit ("10.1 ms"), "n/a" without runs.
std::string format_median(const std::vector<double>& runs, const Unit& unit);

// One sentence for people, ending without a period:
// "p99 latency of browse/list rose 12.0 % (8.0–16.0 %), from 10.2 ms to 11.4 ms", in the
// comparison's unit.
std::string finding_sentence(const Comparison& comparison);

}  // namespace perfgate::gates
