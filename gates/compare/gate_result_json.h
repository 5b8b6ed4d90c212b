// GateResult as JSON, "schema": "perfgate/gate/v1" (the shape of issue 3, part 6):
// {"schema", "verdict": "pass|fail",
//  "comparisons": [{"scenario", "metric", "tags": {..}, "statistic", "direction",
//                   "baseline": {"runs": [..]}, "candidate": {"runs": [..]},
//                   "change": {"ratio", "ci_low", "ci_high", "median_ratio"},
//                   "measured_change": {...} (only when a suite-wide shift was declared: then
//                                        "change" is relative to it, this is the raw change),
//                   "test": {"name", "p_value", "p_adjusted", "mann_whitney_p",
//                            "history_baselines" (only when earlier baselines gave the prior)},
//                   "verdict", "repetitions_needed" (only when inconclusive and estimable)}],
//  "sla": [see gates/sla/sla_json.h],
//  "notes": [{"kind", "scenario", "metric", "tags", "statistic", "message"}],
//  "suite_shift": {"ratio", "metrics_moved", "metrics_total", "message"} (only when detected),
//  "provenance": {"baseline_source", "candidate_source", "baseline_edited_by_change",
//                 "environment_differences": [..]}}
// Numbers that are not finite (an infinite ratio from a zero baseline, a NaN interval from too
// few runs) are written as null: JSON has no infinities.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "gates/compare/gate_result.h"

namespace perfgate::gates {

inline constexpr const char* kGateSchema = "perfgate/gate/v1";

nlohmann::json to_json(const GateResult& result);
// The JSON text with `indent` spaces (-1: one line), ending in a newline.
std::string to_json_text(const GateResult& result, int indent = 2);

}  // namespace perfgate::gates
