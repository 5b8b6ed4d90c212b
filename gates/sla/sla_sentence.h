// One-line, human sentences for SLA results (internal to gates/sla). Numbers are shown in the
// metric's unit scaled for reading: 412 ms, 1250/s, 0.52%.
#pragma once

#include <string>

#include "gates/sla/sla_check.h"

namespace perfgate::sla {

// "412 ms" for unit ns, "1250/s" for 1/s, "0.52%" for ratio, "3" for count, "12 bytes" otherwise.
std::string format_in_unit(double value, const std::string& unit);

// The sentence of a pass or breach result whose runs, observed, worst and runs_breaching are set:
// "p99 latency of checkout/order (status=2xx) is 412 ms (median of 5 runs), above the SLA
// < 400 ms; 3 of 5 runs breach it, worst 450 ms (run 2)".
std::string describe_outcome(const SlaResult& result);

}  // namespace perfgate::sla
