// The candidate's figures as OpenMetrics text (the Prometheus exposition format), for a
// Pushgateway or a file scraped by node_exporter's textfile collector. One gauge family per
// metric and unit, e.g. perfgate_latency_seconds, with labels suite, scenario, the metric's tags
// (request, status, ...) and statistic (p50 ... max for distributions, value for values). Each
// sample is the median over the candidate's ok runs of that run's statistic, the same number the
// SLA check uses. Times are converted to seconds (OpenMetrics' base unit). Ends with "# EOF".
#pragma once

#include <string>

#include "gates/report/report_input.h"

namespace perfgate::gates {

std::string render_openmetrics(const ReportInput& input);

}  // namespace perfgate::gates
