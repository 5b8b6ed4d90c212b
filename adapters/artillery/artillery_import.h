// Importing Artillery v2 reports (`artillery run --output report.json`): each report is one run.
//
// Artillery keeps percentile summaries, not samples, so every distribution below is rebuilt
// from its summary (summary_histogram.h) and tagged {distribution: approximate}: the reported
// percentiles (p50 ... p99.9), min, max and count are Artillery's own (DDSketch, ±1 %), other
// percentiles and the mean are interpolated. Names follow the native generator's where the
// meaning is the same (adapters/native/result_builder.h):
//   latency                      http.response_time (all requests), ns
//   latency{status=2xx}          http.response_time.2xx / 4xx / 5xx (Artillery ≥ 2.0.5)
//   latency{request=E}           plugins.metrics-by-endpoint.response_time.E
//   session_length               vusers.session_length, ns
//   summary{name=K}              any other summary (custom histograms), ms read as ns
//   requests{status=4xx}         sum of http.codes.4NN (responses by status class)
//   requests{request=E,status=…} sum of plugins.metrics-by-endpoint.E.codes.NNN
//   status_codes{code=404}       http.codes.404, each code as reported
//   requests_sent, responses     http.requests, http.responses
//   errors{kind=K}               errors.K (ECONNREFUSED -> refused, ECONNRESET -> reset,
//                                ETIMEDOUT/ESOCKETTIMEDOUT -> timeout; others kept verbatim),
//                                plus http_4xx and http_5xx from http.codes, as native counts them
//   errors                       total of the kinds above (always present)
//   error_rate                   errors / http.requests (0 when nothing was sent)
//   endpoint_errors{request=E,kind=K}  plugins.metrics-by-endpoint.E.errors.K
//   vusers{state=created|completed|failed|skipped}, vusers{state=created,artillery_scenario=N}
//   bytes_received               http.downloaded_bytes
//   throughput                   responses per second of the run (lastMetricAt - firstMetricAt),
//                                timeline per second from the 10 s intermediate periods (each
//                                period's responses spread evenly over its seconds)
//   request_rate                 rates.http.request_rate, Artillery's own (rounded) figure
//   counter{name=K}              any other counter (plugins.expect.ok, custom counters)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/artillery/artillery_report.h"
#include "core/model/run_result.h"

namespace perfgate {

// One run from a parsed report; started_at and duration_s from its first/lastMetricAt.
RunResult run_from_artillery_report(const artillery::Report& report);

// Parses report text (InputError naming `source` and the line) into one run.
RunResult import_artillery_report(std::string_view text, const std::string& source);

// Every file one run of one scenario, named after the first file (its name without extension).
std::vector<ScenarioResult> import_artillery_files(const std::vector<std::string>& paths);

}  // namespace perfgate
