// The table `perfgate run` prints at the end: per scenario and request, over all repetitions.
#pragma once

#include <string>
#include <vector>

#include "core/model/run_result.h"

namespace perfgate {

// One row: a request of a scenario (or the scenario as a whole, request "*"), with its
// latency distribution merged over runs and statuses.
struct SummaryRow {
  std::string scenario;
  std::string request;
  int runs = 0;
  uint64_t count = 0;
  double rate_per_s = 0;  // completed requests per second of measured time
  uint64_t p50_ns = 0, p90_ns = 0, p99_ns = 0, p999_ns = 0, max_ns = 0;
  uint64_t errors = 0;  // failed requests: HTTP 4xx/5xx per request; all kinds on the "*" row
};

std::vector<SummaryRow> summarize(const SuiteResult& result);
std::string render_summary_table(const std::vector<SummaryRow>& rows);

}  // namespace perfgate
