// The level of load over time: constant, or k6-like stages that move linearly from the previous
// level (0 before the first stage) to each stage's target over its duration. The level is an
// arrival rate per second in the open model and a number of active connections in the closed
// model; this class only knows numbers over time.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/suite/suite.h"

namespace perfgate::native {

class LoadProfile {
 public:
  // `level` for `length_ns` (0 = without end).
  static LoadProfile constant(double level, uint64_t length_ns);
  // The stages in order; the profile ends with the last stage. Targets must be >= 0.
  static LoadProfile staged(const std::vector<Stage>& stages);

  uint64_t length_ns() const { return length_ns_; }  // 0 = without end
  double peak_level() const { return peak_level_; }
  double level_at(uint64_t elapsed_ns) const;
  // The integral of the level from 0 to `elapsed_ns`, in level x seconds.
  double area_until(uint64_t elapsed_ns) const;

  // The elapsed time at which the integral of the level (level x seconds) reaches `area`, or
  // nullopt when it never does before the profile ends. In the open model the n-th arrival
  // (from 0) is due when the integral reaches n + 0.5, which spaces a constant rate evenly
  // and follows a ramp exactly.
  std::optional<uint64_t> time_of_area(double area) const;

 private:
  struct Segment {
    uint64_t start_ns = 0;
    uint64_t duration_ns = 0;
    double from_level = 0;
    double to_level = 0;
    double area_before = 0;  // integral up to start_ns
    double area() const;
  };
  std::vector<Segment> segments_;
  uint64_t length_ns_ = 0;
  double peak_level_ = 0;
};

}  // namespace perfgate::native
