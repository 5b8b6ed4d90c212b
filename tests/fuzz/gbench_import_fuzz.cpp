// Fuzz target: any bytes through looks_like_gbench and import_gbench. Only InputError may escape
// the import; detection never throws. An imported file keeps the model's promises: adapter
// "gbench", run indices 0..n-1 per scenario, times on every ok run, a reason on every failed run.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "adapters/gbench/gbench_import.h"
#include "core/errors.h"

namespace {

void check_invariants(const perfgate::SuiteResult& suite) {
  for (const perfgate::ScenarioResult& scenario : suite.scenarios) {
    if (scenario.adapter != "gbench" || scenario.runs.empty()) std::abort();
    for (std::size_t i = 0; i < scenario.runs.size(); ++i) {
      const perfgate::RunResult& run = scenario.runs[i];
      if (run.index != static_cast<int>(i)) std::abort();
      const bool ok = run.status == perfgate::RunStatus::ok;
      if (ok && (!run.find("real_time") || !run.find("cpu_time"))) std::abort();
      if (!ok && (run.failure_reason.empty() || !run.metrics.empty())) std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)perfgate::looks_like_gbench(text);
  try {
    check_invariants(perfgate::import_gbench(text, "fuzz.json"));
  } catch (const perfgate::InputError&) {
  }
  return 0;
}
