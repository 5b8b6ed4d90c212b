// Which way is better for each metric the gate compares: the suite's `gate.directions` override,
// else the one table of defaults.
#pragma once

#include <string>
#include <string_view>

#include "core/suite/gate_policy.h"

namespace perfgate::gates {

// The one table of directions: times, latencies, errors and error rates are lower-is-better;
// throughput, Google Benchmark's items_per_second / bytes_per_second, any other "*_per_second"
// counter and completed `requests` are higher-is-better. A metric not in the table is treated
// as a cost (lower is better), the common case for benchmark outputs; a suite overrides it with
// `gate.directions`.
Direction default_direction(std::string_view metric_name);

// The policy's override for `metric_name` if any, else default_direction().
Direction direction_of(const GatePolicy& policy, const std::string& metric_name);

}  // namespace perfgate::gates
