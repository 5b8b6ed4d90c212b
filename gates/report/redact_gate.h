// A GateResult with every secret redacted (escape.h's rules), for formats that print the
// GateResult as it is: the JSON report (gates/compare/gate_result_json.h) knows nothing of
// secrets, so write_reports hands it this copy.
#pragma once

#include "gates/compare/gate_result.h"

namespace perfgate::gates {

// Scenario names, tag values, note messages, SLA rules and sentences, the suite-shift sentence
// and provenance: free text through redact_secrets, secret-named tags through redact_tags.
GateResult redact_gate(const GateResult& gate);

}  // namespace perfgate::gates
