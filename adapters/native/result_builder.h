// Turns the merged measurements of all workers into the RunResult metrics of the native
// generator. The metric names, tags and units are the adapter's public contract:
//   latency{request,status}   histogram ns, from the intended send time (open model: the
//                             scheduled time, so waiting for a connection is counted)
//   ttfb{request,status}      histogram ns, actual send to the first response byte
//   requests{request,status}  count of complete responses
//   connect_time              histogram ns, every successful TCP connect
//   schedule_lag              histogram ns, open model only: actual send - scheduled send
//   throughput, throughput{request}  responses per second over the measured duration, with a
//                             timeline of one entry per complete second (a partial last second
//                             is left out of the timeline but counted in the value)
//   errors{kind}              count, one per kind that occurred (refused, reset, closed,
//                             timeout, malformed, http_4xx, http_5xx); plus `errors` without
//                             tags, always present, the total of all kinds (0 when clean)
//   error_rate                ratio: failed / attempted, where failed = every error above and
//                             attempted = complete responses + transport errors (a failed
//                             connect counts as one failed attempt)
//   cancelled                 count of requests abandoned when the run ended (in flight, or
//                             in the open model due but not yet sent); not errors
//   bytes_sent, bytes_received  bytes on the wire (HTTP only, no TCP/IP overhead)
#pragma once

#include <string>

#include "adapters/native/request_plan.h"
#include "adapters/native/worker_metrics.h"
#include "core/model/run_result.h"
#include "core/suite/suite.h"

namespace perfgate::native {

struct RunFacts {
  std::string started_at;  // ISO 8601 UTC
  double duration_s = 0;   // measured: start of load to the last worker's end
  RunStatus status = RunStatus::ok;
  std::string failure_reason;
  LoadModel model = LoadModel::closed;
};

RunResult build_run_result(const WorkerMetrics& merged, const RequestPlan& plan,
                           const RunFacts& facts);

}  // namespace perfgate::native
