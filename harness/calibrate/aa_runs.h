// The measuring half of `perfgate calibrate`: the same short native scenario run N times
// against one target (A/A), each run reduced to the statistics the gate compares.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "harness/calibrate/noise.h"
#include "harness/target/target_server.h"

namespace perfgate::calibrate {

struct AaOptions {
  int runs = 10;                                                   // measured runs, >= 2
  std::chrono::nanoseconds run_duration{std::chrono::seconds(1)};  // per run, > 0
  std::chrono::nanoseconds warmup{std::chrono::seconds(1)};  // one unmeasured run first; 0: none
  int connections = 8;                                       // closed model, >= 1
  int threads = 1;                                           // generator threads, >= 1
  std::string url;                                           // empty: an in-process perfgate target
  std::string path = "/";                                    // requested on every call
  target::TargetOptions target{};  // the in-process target (port 0 is fine)
};

struct AaMeasurement {
  std::string target_url;             // what was measured
  std::vector<MetricRuns> metrics;    // latency.p50, latency.p99, throughput
  std::vector<std::string> failures;  // runs that failed or had errors, one line each
};

// Called after each measured run with its 1-based number.
using RunProgress = std::function<void(int run, int runs)>;

// Throws InputError for options out of range or a bad URL (naming the flag), RunError when the
// target cannot be reached or fewer than 2 runs succeed. `stop` ends the measurement early.
AaMeasurement measure_aa(const AaOptions& options, const std::atomic<bool>& stop,
                         const RunProgress& progress);

}  // namespace perfgate::calibrate
