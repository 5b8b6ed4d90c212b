// libFuzzer target: any text given to the suite loader either loads or raises InputError.
// Anything else (another exception, a crash, a hang, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/errors.h"
#include "core/suite/suite_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    perfgate::Suite suite = perfgate::parse_suite(text, "fuzz.yaml");
    // A loaded suite keeps the loader's promises.
    if (suite.scenarios.empty() || suite.repetitions < 1) __builtin_trap();
    for (const auto& scenario : suite.scenarios) {
      if (scenario.adapter != perfgate::AdapterKind::native) continue;
      const auto& load = scenario.native;
      if (load.requests.empty() || load.connections < load.threads) __builtin_trap();
      if (load.duration.count() == 0 && load.max_requests == 0) __builtin_trap();
    }
  } catch (const perfgate::InputError&) {
  }
  return 0;
}
