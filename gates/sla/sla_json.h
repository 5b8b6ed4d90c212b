// SLA results as JSON, for embedding in `perfgate/gate/v1` ("sla": [...]). Serialization sits
// beside the type; the evaluation never sees JSON.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "gates/sla/sla_check.h"

namespace perfgate::sla {

// {"rule": "latency.p99 < 250ms", "where": "gate.sla[0]", "scenario": "browse", "metric":
//  "latency", "tags": {...}, "statistic": "p99", "comparison": "<", "threshold": 250000000,
//  "unit": "ns", "outcome": "pass|breach|no-data", "observed": 1.2e8, "worst": {"run": 3,
//  "value": 1.3e8}, "runs": [{"run": 0, "value": ...}, ...], "runs_breaching": 0,
//  "message": "..."}. A no-data result has no "observed" and no "worst". Values are in "unit".
nlohmann::json to_json(const SlaResult& result);
nlohmann::json to_json(std::span<const SlaResult> results);  // an array

}  // namespace perfgate::sla
