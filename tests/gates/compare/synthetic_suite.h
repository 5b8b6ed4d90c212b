// Hand-built SuiteResults for the gate tests: runs of one scenario with per-request latency
// histograms, throughput and error rate, with seeded between-run noise.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/model/run_result.h"

namespace perfgate::testing {

struct SyntheticRequest {
  std::string name;
  double median_ns = 1e6;  // latencies spread evenly from 0.5x to 1.5x of this
  double tail_factor = 1;  // multiplies the slowest 2 % of values (moves p99, not p50)
};

struct SyntheticSide {
  int runs = 10;
  double noise = 0.02;  // sd of log of each run's factor (between-run lognormal noise)
  std::vector<SyntheticRequest> requests{{"list"}, {"get"}, {"order"}};
  double throughput_per_s = 2000;
  std::function<double(int run)> error_rate = [](int) { return 0.0; };
  std::uint64_t seed = 1;
};

// One scenario "browse"; each run holds latency{request=NAME} (histogram of 1000 values),
// throughput (value) and error_rate (value).
SuiteResult synthetic_suite(const SyntheticSide& side);

}  // namespace perfgate::testing
