// Numbers as the HTML report shows them (internal to gates/report): values in a metric's unit
// scaled for reading (ns -> µs/ms/s, ratio -> %, bytes -> KiB/MiB), and changes as percentages.
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

// A plain number with 3-4 significant digits and no trailing zeros: "12.5", "1234", "0.0123".
std::string format_number(double value);

// "12.5 ms": value scaled by `display` with its suffix; "n/a" when not finite.
std::string format_in(double value, const DisplayUnit& display);

// format_in with the display unit chosen for this value alone.
std::string format_value(double value, const std::string& unit);

// A ratio as a signed change: 1.123 -> "+12.3 %", 0.9 -> "-10.0 %"; "+inf" / "n/a" otherwise.
std::string format_change(double ratio);

// A metric for people, raw (the caller escapes): "latency (status=2xx)" with the tags other than
// `hidden_tag` (the request, shown by the section around it); "p99 of latency (status=2xx)"
// with a statistic. Secrets are redacted (tag values by name, the metric name as free text).
std::string describe_metric(const std::string& name, const Tags& tags,
                            const std::string& hidden_tag = "");
std::string describe_statistic(Statistic statistic, const std::string& name, const Tags& tags,
                               const std::string& hidden_tag = "");

}  // namespace perfgate::gates::html
