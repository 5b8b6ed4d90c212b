// Import of k6's end-of-test summary: the `--summary-export=FILE` JSON (legacy shape: values
// flattened into each metric, thresholds as {"expr": true-when-FAILED}) and the handleSummary()
// data object (metrics with type/contains/values, thresholds as {"expr": {"ok": bool}}).
//
// A summary holds k6's aggregates, not samples, so its metrics are single values:
//   trends   -> NAME_STAT: latency_p95, latency_p50 (k6's med), latency_mean (avg), latency_min,
//               latency_max, latency_p99_9 for p(99.9), latency_count (names as in k6_samples.h;
//               ns for time trends, k6's ms * 1e6)
//   counters -> requests / bytes_sent / ... (count), and throughput (k6's rate) for http_reqs
//   rates    -> error_rate + errors for http_req_failed; NAME, NAME_passes, NAME_fails otherwise
//   gauges   -> NAME, the highest value
//   submetrics "NAME{tag:value}" carry those tags; checks per group from root_group as
//   checks_passes / checks_fails {check, group}
// and k6's threshold results: threshold_failed{metric, threshold} = 1 when k6 says the threshold
// FAILED (summary-export `true`, handleSummary `ok: false`), else 0; thresholds_failed = their
// sum. The run's duration comes from http_reqs (or iterations) count / rate, or
// state.testRunDurationMs.
#pragma once

#include <string>
#include <string_view>

#include "core/model/run_result.h"

namespace perfgate::k6 {

// True when `text` is a JSON object with a top-level "metrics" object (and "root_group").
bool looks_like_summary(std::string_view text);

// Throws InputError(path, where, what): where is "line L, column C" for malformed JSON and a
// field path ("metrics.http_reqs.count") for a missing or ill-typed field.
RunResult import_summary(std::string_view text, const std::string& path);

}  // namespace perfgate::k6
