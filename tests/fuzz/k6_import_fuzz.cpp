// Fuzz target: any bytes as a k6 output file (NDJSON, CSV, summary, gzip: detected from the
// content) through k6::import_k6_file. Only InputError may escape. An imported run keeps the
// model's promises: metrics with a histogram or a value, ratios within [0, 1], a
// non-negative duration.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "adapters/k6/k6_import.h"
#include "core/errors.h"

namespace {

// The importer reads files: each input goes to one scratch file of this process.
const std::string& scratch_path() {
  static const std::string path = "/tmp/perfgate-k6-fuzz-" + std::to_string(getpid());
  return path;
}

void check_invariants(const perfgate::RunResult& run) {
  if (!(run.duration_s >= 0)) std::abort();
  for (const perfgate::Metric& metric : run.metrics) {
    if (!metric.histogram && !metric.value) std::abort();
    if (metric.unit == "ratio" && (*metric.value < 0 || *metric.value > 1)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::FILE* file = std::fopen(scratch_path().c_str(), "wb");
  if (!file) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, file) != size) std::abort();
  std::fclose(file);
  try {
    check_invariants(perfgate::k6::import_k6_file(scratch_path()).run);
  } catch (const perfgate::InputError&) {
  }
  return 0;
}
