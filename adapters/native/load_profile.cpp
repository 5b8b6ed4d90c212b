#include "adapters/native/load_profile.h"

#include <algorithm>
#include <cmath>

#include "adapters/native/clock.h"

namespace perfgate::native {
namespace {

// Stands in for "without end": about 31 years, far beyond any run, still exact in a double.
constexpr uint64_t kEndlessNs = uint64_t{1} << 60;
constexpr double kNsPerSecondF = static_cast<double>(kNsPerSecond);

}  // namespace

double LoadProfile::Segment::area() const {
  return (from_level + to_level) / 2 * (static_cast<double>(duration_ns) / kNsPerSecondF);
}

LoadProfile LoadProfile::constant(double level, uint64_t length_ns) {
  LoadProfile profile;
  profile.segments_.push_back({0, length_ns == 0 ? kEndlessNs : length_ns, level, level, 0});
  profile.length_ns_ = length_ns;
  profile.peak_level_ = level;
  return profile;
}

LoadProfile LoadProfile::staged(const std::vector<Stage>& stages) {
  LoadProfile profile;
  double level = 0;
  uint64_t start_ns = 0;
  double area = 0;
  for (const Stage& stage : stages) {
    const auto duration_ns = static_cast<uint64_t>(std::max<int64_t>(stage.duration.count(), 0));
    const Segment segment{start_ns, duration_ns, level, stage.target, area};
    if (duration_ns > 0) profile.segments_.push_back(segment);
    area += segment.area();
    start_ns += duration_ns;
    level = stage.target;
    profile.peak_level_ = std::max(profile.peak_level_, stage.target);
  }
  profile.length_ns_ = start_ns;
  return profile;
}

double LoadProfile::level_at(uint64_t elapsed_ns) const {
  for (const Segment& segment : segments_) {
    if (elapsed_ns >= segment.start_ns + segment.duration_ns) continue;
    const double progress =
        static_cast<double>(elapsed_ns - std::min(elapsed_ns, segment.start_ns)) /
        static_cast<double>(segment.duration_ns);
    return segment.from_level + (segment.to_level - segment.from_level) * progress;
  }
  return segments_.empty() ? 0 : segments_.back().to_level;
}

double LoadProfile::area_until(uint64_t elapsed_ns) const {
  double area = 0;
  for (const Segment& segment : segments_) {
    if (elapsed_ns <= segment.start_ns) break;
    const uint64_t inside_ns = std::min(elapsed_ns - segment.start_ns, segment.duration_ns);
    const double fraction =
        static_cast<double>(inside_ns) / static_cast<double>(segment.duration_ns);
    const double level_then =
        segment.from_level + (segment.to_level - segment.from_level) * fraction;
    area = segment.area_before +
           (segment.from_level + level_then) / 2 * (static_cast<double>(inside_ns) / kNsPerSecondF);
  }
  return area;
}

std::optional<uint64_t> LoadProfile::time_of_area(double area) const {
  // Segments are few (one per stage); a linear walk is cheaper than anything clever.
  for (const Segment& segment : segments_) {
    const double segment_area = segment.area();
    if (segment_area <= 0 || segment.area_before + segment_area < area) continue;
    const double wanted = std::max(0.0, area - segment.area_before);
    // Within the segment, area(t) = l0 t + k t^2 with k = (l1 - l0) / (2 d). Solved for t in
    // the form 2a / (l0 + sqrt(l0^2 + 4 k a)), which stays exact when k is 0 or l0 is 0.
    const double seconds = static_cast<double>(segment.duration_ns) / kNsPerSecondF;
    const double slope = (segment.to_level - segment.from_level) / (2 * seconds);
    const double root =
        std::sqrt(std::max(0.0, segment.from_level * segment.from_level + 4 * slope * wanted));
    const double denominator = segment.from_level + root;
    const double offset_s = denominator > 0 ? 2 * wanted / denominator : 0;
    const double offset_ns =
        std::min(offset_s * kNsPerSecondF, static_cast<double>(segment.duration_ns));
    return segment.start_ns + static_cast<uint64_t>(offset_ns);
  }
  return std::nullopt;
}

}  // namespace perfgate::native
