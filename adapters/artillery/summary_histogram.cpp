#include "adapters/artillery/summary_histogram.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace perfgate::artillery {
namespace {

constexpr uint64_t kChunksPerSegment = 64;  // resolution of the interpolated curve

// The same rank Histogram::value_at_percentile looks up: ceil(p/100 * count), at least 1.
uint64_t rank_at(double percentile, uint64_t count) {
  const double scaled = percentile / 100.0 * static_cast<double>(count);
  const double rank = std::ceil(scaled * (1 - 1e-12));
  if (rank >= static_cast<double>(count)) return count;
  return rank < 1 ? 1 : static_cast<uint64_t>(rank);
}

uint64_t to_ns(double ms) {
  const double ns = std::round(ms * 1e6);
  if (!(ns > 0)) return 0;
  return ns >= static_cast<double>(Histogram::kMaxValue) ? Histogram::kMaxValue
                                                         : static_cast<uint64_t>(ns);
}

struct Point {
  uint64_t rank;
  uint64_t value_ns;
};

// (rank, value) points of the quantile curve, ranks and values non-decreasing.
std::vector<Point> quantile_points(const Summary& summary, uint64_t count) {
  std::vector<Point> points{{1, to_ns(summary.min_ms)}};
  for (const auto& [percentile, value_ms] : summary.percentiles_ms) {
    // Ranks 1 and `count` belong to the exact min and max (with few values, p99.9 is the max).
    const uint64_t rank = rank_at(percentile, count);
    if (rank > 1 && rank < count) points.push_back({rank, to_ns(value_ms)});
  }
  points.push_back({count, to_ns(summary.max_ms)});
  // DDSketch percentiles are monotone; a hand-edited file may not be. Keep the curve monotone.
  for (size_t i = 1; i < points.size(); ++i) {
    points[i].rank = std::max(points[i].rank, points[i - 1].rank);
    points[i].value_ns = std::max(points[i].value_ns, points[i - 1].value_ns);
  }
  return points;
}

// Ranks (from.rank, to.rank]: values rising linearly, the last chunk at exactly to.value_ns.
void record_segment(Histogram& histogram, Point from, Point to) {
  const uint64_t ranks = to.rank - from.rank;
  if (ranks == 0) return;
  const uint64_t chunks = std::min(ranks, kChunksPerSegment);
  uint64_t recorded = 0;
  for (uint64_t chunk = 1; chunk <= chunks; ++chunk) {
    const uint64_t end =
        chunk == chunks ? ranks : ranks / chunks * chunk + ranks % chunks * chunk / chunks;
    const double fraction = static_cast<double>(chunk) / static_cast<double>(chunks);
    const double span = static_cast<double>(to.value_ns - from.value_ns);
    histogram.record_n(from.value_ns + static_cast<uint64_t>(std::llround(span * fraction)),
                       end - recorded);
    recorded = end;
  }
}

}  // namespace

Histogram histogram_from_summary(const Summary& summary) {
  Histogram histogram;
  if (!(summary.count >= 1)) return histogram;
  const auto count = static_cast<uint64_t>(std::min(std::round(summary.count), kMaxExactCount));
  const std::vector<Point> points = quantile_points(summary, count);
  histogram.record(points.front().value_ns);  // rank 1: the exact minimum
  for (size_t i = 1; i < points.size(); ++i) record_segment(histogram, points[i - 1], points[i]);
  return histogram;
}

}  // namespace perfgate::artillery
