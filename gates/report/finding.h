// What every text format says about a comparison, in one place: the order findings are listed
// in, the subject ("p99 latency of browse/list"), numbers in their unit, the change with its
// interval ("+12 % (8–16 %)") and one plain sentence per finding. Returned text is raw (not
// escaped) but already redacted: each format escapes it for its own syntax.
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

// "p99 latency of browse/list (status=2xx)"; "throughput of browse"; secret tag values redacted.
std::string subject(const ComparisonKey& key);
// "latency{request=list}.p99" as in suite files; secret tag values redacted.
std::string metric_label(const ComparisonKey& key);
// The value of tag "request", or "" (the column people scan for).
std::string request_of(const ComparisonKey& key);

// "412 ms", "1250/s", "0.52%"; "n/a" for NaN. See sla::format_in_unit.
std::string format_value(double value, const std::string& unit);
// The median of run values in their unit, "n/a" without runs.
std::string format_median(const std::vector<double>& runs, const std::string& unit);
// A signed change: "+12 %", "-4.5 %", "+inf", "n/a".
std::string format_percent(double ratio);
// "+12 % (8–16 %)" for an interval on one side of zero; "+3 % (-2 to +8 %)" across it.
std::string format_change(const Change& change);

// One sentence for people, ending without a period:
// "p99 latency of browse/list rose 12 % (8–16 %), from 10.2 ms to 11.4 ms".
std::string finding_sentence(const Comparison& comparison, const std::string& unit);

}  // namespace perfgate::gates
