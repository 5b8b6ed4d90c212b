// libFuzzer target: any text given as a suite's gate block either parses into a policy that
// keeps the documented ranges, or raises InputError. Anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gates/policy/gate_policy.h"
#include "harness/errors.h"

namespace {

void check_policy(const perfgate::gates::GatePolicy& policy) {
  if (!(policy.alpha > 0 && policy.alpha < 1)) __builtin_trap();
  if (!(policy.threshold > 0 && policy.threshold < 1)) __builtin_trap();
  if (policy.min_repetitions < 2 || policy.metrics.empty()) __builtin_trap();
  for (const auto& selector : policy.metrics)
    if (selector.metric.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check_policy(perfgate::gates::parse_gate_policy(text, "fuzz.yaml", 3));
  } catch (const perfgate::InputError&) {
  }
  return 0;
}
