// Fuzz target: Histogram::decode on arbitrary text. It must throw std::invalid_argument or
// return a histogram whose encoding is the input again (the encoding is canonical).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "core/model/histogram.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  perfgate::Histogram histogram;
  try {
    histogram = perfgate::Histogram::decode(text);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  if (histogram.encode() != text) std::abort();
  const uint64_t p99 = histogram.value_at_percentile(99);
  if (p99 < histogram.min() || p99 > histogram.max()) std::abort();
  perfgate::Histogram doubled = histogram;
  doubled.merge(histogram);
  if (!histogram.empty() && doubled.value_at_percentile(50) != histogram.value_at_percentile(50)) {
    std::abort();
  }
  return 0;
}
