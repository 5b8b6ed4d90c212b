// Fuzz target: a baseline blob's bytes (as read from git) through parse_baseline. Only
// InputError may escape; anything else (or a crash) is a finding. A blob that reads must render
// and read back to the same bytes: the format is stable.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "baselines/baseline_file.h"
#include "core/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  perfgate::SuiteResult result;
  try {
    result = perfgate::baselines::parse_baseline(text, "main:.perfgate/baselines/fuzz.json");
  } catch (const perfgate::InputError&) {
    return 0;
  }
  const std::string rendered = perfgate::baselines::render_baseline(result);
  const std::string again =
      perfgate::baselines::render_baseline(perfgate::baselines::parse_baseline(rendered, "again"));
  if (again != rendered) std::abort();
  return 0;
}
