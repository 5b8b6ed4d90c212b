// The terminal table of a gate: one row per comparison (what changed first), then SLA rules
// and notes. A pure function of the results; the caller owns stdout.
#pragma once

#include <string>

#include "gates/compare/gate_result.h"

namespace perfgate::gates {

std::string render_text(const GateResult& gate);

}  // namespace perfgate::gates
