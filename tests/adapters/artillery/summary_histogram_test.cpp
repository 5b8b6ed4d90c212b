// The histogram rebuilt from an Artillery summary gives back the summary's own numbers.
#include <catch2/catch.hpp>

#include "adapters/artillery/summary_histogram.h"

using namespace perfgate;
using perfgate::artillery::Summary;

namespace {

Summary skewed(double count) {
  return Summary{.count = count,
                 .min_ms = 1,
                 .max_ms = 2077,
                 .mean_ms = 211.7,
                 .percentiles_ms = {
                     {50, 8.9}, {75, 76}, {90, 982.6}, {95, 1465.9}, {99, 1790.4}, {99.9, 2018.7}}};
}

}  // namespace

TEST_CASE("every reported percentile, min, max and count come back", "[artillery][summary]") {
  for (double count : {1000.0, 1234.0, 6000.0, 1e7}) {
    Histogram histogram = artillery::histogram_from_summary(skewed(count));
    INFO(count);
    CHECK(histogram.count() == static_cast<uint64_t>(count));
    CHECK(histogram.min() == 1'000'000);
    CHECK(histogram.max() == 2'077'000'000);
    for (const auto& [percentile, value_ms] : skewed(count).percentiles_ms)
      CHECK(static_cast<double>(histogram.value_at_percentile(percentile)) ==
            Approx(value_ms * 1e6).epsilon(0.001));
    // Between reported points the curve is interpolated, hence monotone.
    CHECK(histogram.value_at_percentile(60) >= histogram.value_at_percentile(50));
    CHECK(histogram.value_at_percentile(60) <= histogram.value_at_percentile(75));
  }
}

TEST_CASE("few values: percentiles at the last rank give way to the exact max",
          "[artillery][summary]") {
  Histogram histogram = artillery::histogram_from_summary(skewed(100));
  CHECK(histogram.count() == 100);
  CHECK(static_cast<double>(histogram.value_at_percentile(99)) == Approx(1790.4e6).epsilon(0.001));
  CHECK(histogram.value_at_percentile(99.9) == histogram.max());
  Histogram one = artillery::histogram_from_summary(skewed(1));
  CHECK(one.count() == 1);
}

TEST_CASE("empty, non-monotone and absurd summaries stay well-formed", "[artillery][summary]") {
  CHECK(artillery::histogram_from_summary(Summary{}).empty());
  Summary backwards{.count = 50, .min_ms = 5, .max_ms = 1, .percentiles_ms = {{50, 9}, {90, 2}}};
  Histogram histogram = artillery::histogram_from_summary(backwards);
  CHECK(histogram.count() == 50);
  CHECK(histogram.value_at_percentile(90) >= histogram.value_at_percentile(50));
  Summary huge{.count = 1e300, .min_ms = 0, .max_ms = 1e300, .percentiles_ms = {}};
  CHECK(artillery::histogram_from_summary(huge).count() == (uint64_t{1} << 53));
}
