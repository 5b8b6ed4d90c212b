// One-line, human sentences for SLA results (internal to gates/sla). Numbers are shown by the
// one formatter, core/model/units.h, in the metric's unit: 412 ms, 1 250/s, 0.52 %.
#pragma once

#include <string>

#include "gates/sla/sla_check.h"

namespace perfgate::sla {

// The sentence of a pass or breach result whose runs, observed, worst and runs_breaching are set:
// "p99 latency of checkout/order (status=2xx) is 412 ms (median of 5 runs), above the SLA
// < 400 ms; 3 of 5 runs breach it, worst 450 ms (run 2)". The observed and worst values take
// a digit more where three would read the same as the threshold ("11.04 ms, above the SLA
// < 11.0 ms").
std::string describe_outcome(const SlaResult& result);

}  // namespace perfgate::sla
