// SLA rules: absolute limits on the candidate alone, written k6-style in the suite's gate.sla list
// (or perfgate compare's --sla). Parsed here, by the suite loader, into plain values; checked on
// the results by gates/sla/sla_check.h.
//
//   [SCENARIO:]METRIC[{tag=value,...}][.STATISTIC] OP VALUE
//
//   latency.p99 < 250ms                          every scenario, every request/status separately
//   error_rate < 1%                              `.value` implied for single-value metrics
//   throughput > 1000/s
//   checkout:latency{request=order}.p99.9 <= 400ms
//   latency.mean < 20ms
//   errors.value == 0
//
// SCENARIO is everything before the first ':' (so a scenario whose name holds ':' cannot be
// scoped); METRIC is letters, digits and '_'. Tag values run to the next ',' or '}' and are
// trimmed; they may hold spaces and '/' ("request=GET /items"). STATISTIC is min, mean, max,
// value, or pN with N in (0, 100]: p50, p99.9; "p999" and "p9999" are the usual shorthands for
// p99.9 and p99.99 (digits starting "99" that would exceed 100). OP is < <= > >= ==.
// VALUE is a duration (ns us ms s m h), a rate (N/s, N/m, N/h), a percentage (N%), or a plain
// number N (N >= 0); whether it fits the metric's unit is checked at evaluation (sla_check.h),
// because only the results say what unit a metric has.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/run_result.h"

namespace perfgate::sla {

enum class Comparison { less, less_or_equal, greater, greater_or_equal, equal };

enum class StatisticKind { min, mean, max, percentile, value };

struct Statistic {
  StatisticKind kind = StatisticKind::value;
  double percentile = 0;  // in (0, 100], only for kind == percentile
  bool written = false;   // false when `.value` was implied by omission

  bool operator==(const Statistic&) const = default;
};

// What kind of quantity the rule's VALUE was written as; decides which metric units it fits.
enum class ThresholdKind { duration, rate, percentage, number };

struct Threshold {
  ThresholdKind kind = ThresholdKind::number;
  // In the canonical unit of its kind: nanoseconds, per second, a fraction (1% = 0.01), or
  // the number as written.
  double value = 0;
  std::string text{};  // as written, e.g. "250ms"

  bool operator==(const Threshold&) const = default;
};

struct SlaRule {
  std::string text{};      // the rule as written
  std::string file{};      // where it came from, for errors found at evaluation
  std::string where{};     // e.g. "gate.sla[2]", or "--sla[0]" for perfgate compare's flags
  int line = 0;            // 1-based line of the rule in `file`; 0 when it has none (a flag)
  std::string scenario{};  // empty: every scenario
  std::string metric{};
  Tags tags{};  // must all be present on a metric for the rule to apply
  Statistic statistic{};
  Comparison comparison = Comparison::less;
  Threshold threshold{};

  bool operator==(const SlaRule&) const = default;
};

// Parses one rule. Throws InputError(file, location, message) on any mistake, where location is
// location() of the rule ("line 12, key gate.sla[2]", or `where` alone when `line` is 0); the
// message names what was expected, what was found and the 1-based column in `text`, e.g.
//   "column 13: expected an operator < <= > >= == after 'latency.p99', got '= 5ms'".
SlaRule parse_sla_rule(std::string_view text, const std::string& file = "",
                       const std::string& where = "", int line = 0);

// Parses a list of rules without lines (perfgate compare's --sla flags, tests); rule i is
// reported as "<where_prefix>[i]" (e.g. "gate.sla[2]").
std::vector<SlaRule> parse_sla_rules(std::span<const std::string> texts, const std::string& file,
                                     const std::string& where_prefix = "gate.sla");

// Where the rule was written, for messages: "line 12, key gate.sla[2]", or `where` alone when
// the rule has no line.
std::string location(const SlaRule& rule);

const char* to_string(Comparison comparison);  // "<", "<=", ">", ">=", "=="
// "min", "mean", "max", "value", "p50", "p99.9".
std::string to_string(const Statistic& statistic);

}  // namespace perfgate::sla
