// The terminal table of a gate: one row per comparison (what changed first), then SLA rules
// and notes. A pure function of the results; the caller owns stdout.
#pragma once

#include <string>

#include "gates/compare/gate_result.h"

namespace perfgate::gates {

struct TextOptions {
  bool colour = false;  // ANSI colours on the headline and the verdicts
};

// Names are redacted and control characters shown as escapes (a name cannot move the cursor).
std::string render_text(const GateResult& gate, const TextOptions& options = {});

// Whether output to file descriptor `fd` should be coloured: it is a terminal, NO_COLOR is unset
// or empty (https://no-color.org) and TERM is not "dumb".
bool terminal_wants_colour(int fd);

}  // namespace perfgate::gates
