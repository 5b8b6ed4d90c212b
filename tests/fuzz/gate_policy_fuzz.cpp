// libFuzzer target: any text given as a suite's gate block (indented under `gate:`, so both a
// flow mapping and block-style keys reach the gate reader) either loads into a policy that
// keeps the documented ranges, or raises InputError. Anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/errors.h"
#include "core/suite/suite_loader.h"

namespace {

void check_policy(const perfgate::gates::GatePolicy& policy) {
  if (!(policy.alpha > 0 && policy.alpha < 1)) __builtin_trap();
  if (!(policy.threshold > 0 && policy.threshold < 1)) __builtin_trap();
  if (policy.min_repetitions < 2 || policy.metrics.empty()) __builtin_trap();
  for (const auto& selector : policy.metrics)
    if (selector.metric.empty()) __builtin_trap();
  for (const auto& rule : policy.sla)
    if (rule.line < 3 || rule.metric.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string suite = "suite: fuzz\nscenarios: [{name: a, adapter: mock}]\ngate:\n  ";
  for (char c : std::string_view(reinterpret_cast<const char*>(data), size))
    suite += c == '\n' ? std::string("\n  ") : std::string(1, c);
  try {
    check_policy(perfgate::parse_suite(suite, "fuzz.yaml").gate);
  } catch (const perfgate::InputError&) {
  }
  return 0;
}
