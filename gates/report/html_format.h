// Helpers of the HTML report (internal to gates/report): the display scale of an axis, the
// median of one side's runs, and metric names. Values, changes and p-values are formatted by
// the one formatter, core/model/units.h.
#pragma once

#include <string>
#include <vector>

#include "core/model/run_result.h"
#include "core/model/units.h"
#include "core/suite/metric_selector.h"

namespace perfgate::gates::html {

// How values of one axis or table column are shown: value / divisor, then the suffix.
using DisplayUnit = DisplayScale;

// The display unit for values of `unit` ("ns", "1/s", "ratio", "bytes", "count", other) whose
// magnitude is about `typical` (e.g. the largest value on an axis).
DisplayUnit display_unit(const std::string& unit, double typical);

// Median of the finite values (run values of one side); NaN when there are none.
double median_of(const std::vector<double>& values);

// A metric for people, raw (the caller escapes): "latency (status=2xx)" with the tags other than
// `hidden_tag` (the request, shown by the section around it); "p99 latency (status=2xx)" with a
// statistic (format_subject without a scenario: the section names it). Secrets are redacted
// (tag values by name, the metric name as free text).
std::string describe_metric(const std::string& name, const Tags& tags,
                            const std::string& hidden_tag = "");
std::string describe_statistic(Statistic statistic, const std::string& name, const Tags& tags,
                               const std::string& hidden_tag = "");

}  // namespace perfgate::gates::html
