// The values of `perfgate target`'s options, parsed into TargetOptions fields. Each function
// throws InputError naming the option ("--latency") and what was expected.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "harness/target/target_server.h"

namespace perfgate::target {

struct LatencySpec {
  LatencyShape shape = LatencyShape::fixed;
  std::chrono::nanoseconds a{0};  // fixed value, uniform lower bound, or lognormal median
  std::chrono::nanoseconds b{0};  // uniform upper bound
  double sigma = 0;               // lognormal shape
};

struct StallSpec {
  std::chrono::nanoseconds at{0};
  std::chrono::nanoseconds length{0};
};

// "fixed:2ms" | "uniform:1ms,5ms" | "lognormal:2ms,0.5" (median, sigma in [0, 10]).
LatencySpec parse_latency_spec(std::string_view text);
// "3s:1s": stall 3 s after start, for 1 s.
StallSpec parse_stall_spec(std::string_view text);
// "1%" or "0.01", in [0, 1].
double parse_error_rate(std::string_view text);
// A positive duration such as "30s".
std::chrono::nanoseconds parse_run_duration(std::string_view text);
// An IPv4 address ("localhost" means 127.0.0.1). Anything outside 127.0.0.0/8 is refused
// unless allow_remote: the target is a test fixture, not a service to expose.
std::string parse_host(std::string_view text, bool allow_remote);

void apply(const LatencySpec& latency, TargetOptions& options);
void apply(const StallSpec& stall, TargetOptions& options);

}  // namespace perfgate::target
