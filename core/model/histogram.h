// A log-linear, mergeable histogram after HdrHistogram (Gil Tene): values are bucketed with
// 3 significant decimal digits, any unit (we use ns). A value is reported as the highest value
// of its bucket, so the relative error is below 1/1024 < 0.1 %.
//
// Layout: values below 2048 are exact; above, each power-of-two range is split into 1024
// linear sub-buckets. Counts grow lazily up to the highest bucket used, so a histogram of
// microsecond latencies stays small while values up to 2^62 (146 years in ns) are accepted.
// Count, min, max and the sum (hence the mean) are exact.
#pragma once

#include <algorithm>
#include <cstddef>
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
  // Values below this are recorded exactly (one bucket per value).
  static constexpr uint64_t kExactBelow = 2048;
  // Number of bucket indexes needed to cover [0, kMaxValue]: 2048 exact values, then 1024
  // sub-buckets for each of the 51 power-of-two ranges [2^11, 2^12) ... [2^61, 2^62).
  static constexpr size_t kBucketCount = 2048 + 51 * 1024;

  Histogram() = default;

  // Hot path: a few ns. Values above kMaxValue are clamped.
  void record(uint64_t value) noexcept;
  // Records `value` `count` times; count 0 is a no-op.
  void record_n(uint64_t value, uint64_t count) noexcept;

  // Lossless: merging per-thread histograms equals recording all values into one.
  void merge(const Histogram& other);
  void reset() noexcept;

  uint64_t count() const noexcept { return total_count_; }
  bool empty() const noexcept { return total_count_ == 0; }
  uint64_t min() const noexcept { return total_count_ ? min_ : 0; }
  uint64_t max() const noexcept { return max_; }
  // Exact mean of the recorded values (rounded to double); 0 when empty.
  double mean() const noexcept;
  // Sum of all recorded values (exact up to 2^128).
  uint128_t sum() const noexcept { return sum_; }

  // Value at `percentile` in [0, 100] (out-of-range values are clamped): the highest value
  // equivalent to the bucket holding the ceil(p/100 * count)-th smallest value (at least the
  // 1st), clamped to [min, max]; the 1st value is the exact min. Returns 0 when empty.
  uint64_t value_at_percentile(double percentile) const noexcept;

  // Visits non-empty buckets in increasing order: [lowest, highest] equivalent values, count.
  void for_each_bucket(
      const std::function<void(uint64_t lowest, uint64_t highest, uint64_t count)>& visit) const;

  // Compact serialization, base64 (RFC 4648, padded) of:
  //   format version (1 byte, currently 1),
  //   varints (LEB128): count, min, max, sum (sum up to 128 bits),
  //   bucket tokens from index 0, zigzag varints: a count n > 0 is written as +n, a run of k
  //   empty buckets as -k (HdrHistogram's V2 idea); trailing empty buckets are not written.
  // decode() throws std::invalid_argument on any malformed or inconsistent text; it never
  // allocates more than kBucketCount counts.
  std::string encode() const;
  static Histogram decode(std::string_view text);

  // Same recorded values (bucket counts, count, min, max, sum); capacity is not compared.
  bool operator==(const Histogram& other) const;

  // Bucket index helpers, public for tests and for the encoding.
  static size_t index_of(uint64_t value) noexcept;
  static uint64_t lowest_equivalent(size_t index) noexcept;
  static uint64_t highest_equivalent(size_t index) noexcept;

 private:
  void grow_to_hold(size_t index);

  std::vector<uint64_t> counts_;
  uint64_t total_count_ = 0;
  uint64_t min_ = UINT64_MAX;
  uint64_t max_ = 0;
  uint128_t sum_ = 0;
};

// Inline: record() sits in the load generator's inner loop.

inline size_t Histogram::index_of(uint64_t value) noexcept {
  // The power-of-two range above the exact region (0 for values below 2048); within it the
  // top 11 bits of the value select the sub-bucket, so index = 1024 * range + (value >> range).
  const int highest_bit = 63 - __builtin_clzll(value | (kExactBelow - 1));
  const int range = highest_bit - 10;
  return (static_cast<size_t>(range) << 10) + static_cast<size_t>(value >> range);
}

inline void Histogram::record(uint64_t value) noexcept {
  if (value > kMaxValue) [[unlikely]]
    value = kMaxValue;
  const size_t index = index_of(value);
  if (index >= counts_.size()) [[unlikely]]
    grow_to_hold(index);
  ++counts_[index];
  ++total_count_;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  sum_ += value;
}

inline void Histogram::record_n(uint64_t value, uint64_t count) noexcept {
  if (count == 0) return;
  if (value > kMaxValue) [[unlikely]]
    value = kMaxValue;
  const size_t index = index_of(value);
  if (index >= counts_.size()) [[unlikely]]
    grow_to_hold(index);
  counts_[index] += count;
  total_count_ += count;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  sum_ += static_cast<uint128_t>(value) * count;
}

}  // namespace perfgate
