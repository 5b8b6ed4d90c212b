// A log-linear, mergeable histogram after HdrHistogram (Gil Tene): values are bucketed with
// 3 significant decimal digits (relative error <= 1/2048 < 0.1 %), any unit (we use ns).
//
// Layout: values below 2048 are exact; above, each power-of-two range is split into 1024
// linear sub-buckets. Counts grow lazily up to the highest bucket used, so a histogram of
// microsecond latencies stays small while values up to 2^62 (146 years in ns) are accepted.
// Count, min, max and the sum (hence the mean) are exact.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate {

__extension__ typedef unsigned __int128 uint128_t;  // exact sums without overflow

class Histogram {
 public:
  // Largest value record() accepts; larger values are clamped to it (and counted).
  static constexpr uint64_t kMaxValue = (uint64_t{1} << 62) - 1;

  Histogram() = default;

  // Hot path: a few ns. Values above kMaxValue are clamped.
  void record(uint64_t value) noexcept { record_n(value, 1); }
  void record_n(uint64_t value, uint64_t count) noexcept;

  // Lossless: merging per-thread histograms equals recording all values into one.
  void merge(const Histogram& other);
  void reset() noexcept;

  uint64_t count() const noexcept { return total_count_; }
  bool empty() const noexcept { return total_count_ == 0; }
  uint64_t min() const noexcept { return total_count_ ? min_ : 0; }
  uint64_t max() const noexcept { return max_; }
  double mean() const noexcept;
  // Sum of all recorded values (exact up to 2^128).
  uint128_t sum() const noexcept { return sum_; }

  // Value at `percentile` in [0, 100]: the highest value equivalent to the bucket holding the
  // ceil(p/100 * count)-th smallest value, clamped to [min, max]. Returns 0 when empty.
  uint64_t value_at_percentile(double percentile) const noexcept;

  // Visits non-empty buckets in increasing order: [lowest, highest] equivalent values, count.
  void for_each_bucket(
      const std::function<void(uint64_t lowest, uint64_t highest, uint64_t count)>& visit) const;

  // Compact serialization: header (count, min, max, sum) then sparse (zero-run, count) varints,
  // base64-encoded. decode() throws std::invalid_argument on malformed text.
  std::string encode() const;
  static Histogram decode(std::string_view text);

  bool operator==(const Histogram& other) const;

  // Bucket index helpers, public for tests and for the encoding.
  static size_t index_of(uint64_t value) noexcept;
  static uint64_t lowest_equivalent(size_t index) noexcept;
  static uint64_t highest_equivalent(size_t index) noexcept;

 private:
  std::vector<uint64_t> counts_;
  uint64_t total_count_ = 0;
  uint64_t min_ = UINT64_MAX;
  uint64_t max_ = 0;
  uint128_t sum_ = 0;
};

}  // namespace perfgate
