// Internal to adapters/artillery: a histogram rebuilt from an Artillery percentile summary.
//
// Artillery keeps no raw samples, only {count, min, max, p50, p75, p90, p95, p99, p999} from
// a DDSketch (1 % relative accuracy). The gate reads a run's statistic from its histogram
// (`latency.p99` = value_at_percentile(99)), so the rebuilt histogram holds `count` values
// placed on the piecewise-linear quantile curve through those points: the value of rank
// ceil(p/100 * count) is exactly the reported percentile p (to the histogram's 0.1 % bucket
// precision) for every percentile Artillery reported, min and max are exact, and percentiles in
// between are interpolated. A percentile whose rank is the first or the last (p99.9 of fewer
// than 1000 values) gives way to the exact min or max. The mean of the rebuilt histogram is NOT
// Artillery's mean.
#pragma once

#include "adapters/artillery/artillery_report.h"
#include "core/model/histogram.h"

namespace perfgate::artillery {

// Values in ns. An empty histogram when the summary's count is 0. Counts above 2^53 are
// clamped (no load test produces them; a hostile file must not make us loop).
Histogram histogram_from_summary(const Summary& summary);

}  // namespace perfgate::artillery
