// Fuzz target: any bytes through the JMeter JTL import (CSV or XML, chosen on the first byte),
// whole and fed in small chunks through the CSV reader. Only InputError may escape; an imported
// run keeps the model's promises: requests and errors present, errors <= requests, error_rate in
// [0, 1], histograms no larger than the request counts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "adapters/jmeter/jtl_csv.h"
#include "adapters/jmeter/jtl_import.h"
#include "core/errors.h"

namespace {

void check_invariants(const perfgate::RunResult& run) {
  const perfgate::Metric* requests = run.find("requests");
  const perfgate::Metric* errors = run.find("errors");
  const perfgate::Metric* error_rate = run.find("error_rate");
  if (!requests || !errors || !error_rate) std::abort();
  if (*errors->value > *requests->value) std::abort();
  if (*error_rate->value < 0 || *error_rate->value > 1) std::abort();
  for (const perfgate::Metric& metric : run.metrics)
    if (metric.name == "latency" && metric.tags.count("request")) {
      const perfgate::Metric* count = run.find("requests", metric.tags);
      if (!count || static_cast<double>(metric.histogram->count()) > *count->value) std::abort();
    }
}

void feed_in_chunks(std::string_view text) {
  try {
    perfgate::jmeter::JtlCsvReader reader("fuzz.jtl", {}, [](const auto&, int64_t) {});
    for (size_t at = 0; at < text.size(); at += 3) reader.feed(text.substr(at, 3));
    reader.finish();
  } catch (const perfgate::InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check_invariants(perfgate::jmeter::import_jtl_text(text, "fuzz.jtl"));
  } catch (const perfgate::InputError&) {
  }
  feed_in_chunks(text);
  return 0;
}
