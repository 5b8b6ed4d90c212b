// Fuzz target: any bytes through the Artillery report import. Only InputError may escape; an
// imported run keeps the model's promises: errors and error_rate always present, error_rate in
// [0, 1], every latency histogram's percentiles within its [min, max], no duplicate metric.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "adapters/artillery/artillery_import.h"
#include "core/errors.h"

namespace {

void check_invariants(const perfgate::RunResult& run) {
  const perfgate::Metric* errors = run.find("errors");
  const perfgate::Metric* rate = run.find("error_rate");
  if (!errors || !rate || !rate->value) std::abort();
  if (!(*rate->value >= 0 && *rate->value <= 1)) std::abort();
  for (const perfgate::Metric& metric : run.metrics) {
    if (metric.value && !std::isfinite(*metric.value)) std::abort();
    if (!metric.histogram || metric.histogram->empty()) continue;
    const perfgate::Histogram& histogram = *metric.histogram;
    uint64_t p99 = histogram.value_at_percentile(99);
    if (p99 < histogram.min() || p99 > histogram.max()) std::abort();
    if (histogram.value_at_percentile(50) > p99) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check_invariants(perfgate::import_artillery_report(text, "fuzz.json"));
  } catch (const perfgate::InputError&) {
  }
  return 0;
}
