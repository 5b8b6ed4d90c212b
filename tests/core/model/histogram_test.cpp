#include "core/model/histogram.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

using perfgate::Histogram;

namespace {

constexpr size_t kSamples = 1'000'000;
constexpr uint64_t kOneHourNs = 3'600'000'000'000;

std::vector<uint64_t> lognormal_latencies_ns(uint64_t seed) {
  std::mt19937_64 random(seed);
  std::lognormal_distribution<double> latency(std::log(1e6), 0.8);  // median 1 ms
  std::vector<uint64_t> values(kSamples);
  for (uint64_t& value : values) value = static_cast<uint64_t>(latency(random));
  return values;
}

// A fast path (cache hits around 200 us) and a slow path (misses around 5 ms).
std::vector<uint64_t> bimodal_latencies_ns(uint64_t seed) {
  std::mt19937_64 random(seed);
  std::bernoulli_distribution slow(0.3);
  std::normal_distribution<double> fast_ns(200e3, 20e3);
  std::normal_distribution<double> slow_ns(5e6, 5e5);
  std::vector<uint64_t> values(kSamples);
  for (uint64_t& value : values) {
    const double sample = slow(random) ? slow_ns(random) : fast_ns(random);
    value = static_cast<uint64_t>(std::max(1.0, sample));
  }
  return values;
}

std::vector<uint64_t> uniform_values(uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<uint64_t> uniform(1, 1'000'000'000);
  std::vector<uint64_t> values(kSamples);
  for (uint64_t& value : values) value = uniform(random);
  return values;
}

Histogram histogram_of(const std::vector<uint64_t>& values) {
  Histogram histogram;
  for (const uint64_t value : values) histogram.record(value);
  return histogram;
}

// The ceil(n * p)-th smallest value, with p in parts per million so the rank is exact.
uint64_t exact_percentile(const std::vector<uint64_t>& sorted, uint64_t parts_per_million) {
  const uint64_t rank =
      std::max<uint64_t>(1, (sorted.size() * parts_per_million + 999'999) / 1'000'000);
  return sorted[rank - 1];
}

void check_percentiles_within_a_tenth_of_a_percent(std::vector<uint64_t> values) {
  const Histogram histogram = histogram_of(values);
  std::sort(values.begin(), values.end());
  const std::vector<std::pair<double, uint64_t>> percentiles = {
      {50, 500'000}, {90, 900'000}, {99, 990'000}, {99.9, 999'000}, {99.99, 999'900}};
  for (const auto& [percentile, parts_per_million] : percentiles) {
    const double exact = static_cast<double>(exact_percentile(values, parts_per_million));
    const double estimate = static_cast<double>(histogram.value_at_percentile(percentile));
    INFO("p" << percentile << ": exact " << exact << ", histogram " << estimate);
    CHECK(std::abs(estimate - exact) <= exact * 0.001);
  }
  CHECK(histogram.value_at_percentile(100) == values.back());
  CHECK(histogram.max() == values.back());
  CHECK(histogram.min() == values.front());
  CHECK(histogram.value_at_percentile(0) == values.front());
  CHECK(histogram.count() == values.size());
}

}  // namespace

TEST_CASE("percentiles are within 0.1 % of the exact value for lognormal latencies") {
  check_percentiles_within_a_tenth_of_a_percent(lognormal_latencies_ns(42));
}

TEST_CASE("percentiles are within 0.1 % of the exact value for bimodal latencies") {
  check_percentiles_within_a_tenth_of_a_percent(bimodal_latencies_ns(7));
}

TEST_CASE("percentiles are within 0.1 % of the exact value for uniform values") {
  check_percentiles_within_a_tenth_of_a_percent(uniform_values(3));
}

TEST_CASE("values below 2048 are recorded exactly") {
  std::mt19937_64 random(11);
  std::uniform_int_distribution<uint64_t> small(0, 2047);
  std::vector<uint64_t> values(100'000);
  for (uint64_t& value : values) value = small(random);
  Histogram histogram = histogram_of(values);
  std::sort(values.begin(), values.end());
  for (const uint64_t parts_per_million : {1, 250'000, 500'000, 900'000, 999'000, 1'000'000}) {
    CHECK(histogram.value_at_percentile(parts_per_million / 10'000.0) ==
          exact_percentile(values, parts_per_million));
  }
  histogram.for_each_bucket(
      [](uint64_t lowest, uint64_t highest, uint64_t) { CHECK(lowest == highest); });
}

TEST_CASE("the mean is exact") {
  Histogram histogram;
  histogram.record(1);
  histogram.record(2);
  histogram.record(1'000'003);
  CHECK(histogram.sum() == 1'000'006);
  CHECK(histogram.mean() == Approx(1'000'006 / 3.0).epsilon(1e-15));
  CHECK(Histogram().mean() == 0);
}

TEST_CASE("huge values: an hour in ns and the largest accepted value") {
  Histogram histogram;
  histogram.record(kOneHourNs);
  CHECK(histogram.value_at_percentile(50) == kOneHourNs);
  for (uint64_t i = 1; i <= 1000; ++i) histogram.record(kOneHourNs + i * 1'000'000);
  const double p99 = static_cast<double>(histogram.value_at_percentile(99));
  const double exact_p99 = static_cast<double>(kOneHourNs + 990 * 1'000'000);
  CHECK(std::abs(p99 - exact_p99) <= exact_p99 * 0.001);

  histogram.record(Histogram::kMaxValue);
  CHECK(histogram.max() == Histogram::kMaxValue);
  CHECK(histogram.value_at_percentile(100) == Histogram::kMaxValue);
  histogram.record(UINT64_MAX);  // clamped, still counted
  CHECK(histogram.max() == Histogram::kMaxValue);
  CHECK(histogram.count() == 1003);
  CHECK(Histogram::index_of(Histogram::kMaxValue) == Histogram::kBucketCount - 1);
  CHECK(Histogram::highest_equivalent(Histogram::kBucketCount - 1) == Histogram::kMaxValue);
}

TEST_CASE("bucket indexes are contiguous and each bucket is narrower than 1/1024 of its values") {
  for (size_t index = 0; index + 1 < Histogram::kBucketCount; ++index) {
    const uint64_t lowest = Histogram::lowest_equivalent(index);
    const uint64_t highest = Histogram::highest_equivalent(index);
    REQUIRE(Histogram::index_of(lowest) == index);
    REQUIRE(Histogram::index_of(highest) == index);
    REQUIRE(Histogram::index_of(highest + 1) == index + 1);
    REQUIRE((highest - lowest) * 1024 <= std::max<uint64_t>(lowest, 1));
  }
}

TEST_CASE("percentile edge cases") {
  Histogram histogram;
  CHECK(histogram.value_at_percentile(50) == 0);
  CHECK(histogram.min() == 0);
  CHECK(histogram.max() == 0);
  histogram.record_n(5000, 3);
  histogram.record_n(7, 0);  // no-op
  CHECK(histogram.count() == 3);
  CHECK(histogram.min() == 5000);
  CHECK(histogram.value_at_percentile(-5) == 5000);
  CHECK(histogram.value_at_percentile(250) == 5000);
  CHECK(histogram.value_at_percentile(std::nan("")) == 5000);
  histogram.reset();
  CHECK(histogram == Histogram());
}

TEST_CASE("merging four per-thread histograms equals one histogram of all values") {
  const std::vector<uint64_t> values = lognormal_latencies_ns(99);
  std::vector<Histogram> per_thread(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < per_thread.size(); ++t) {
    threads.emplace_back([&, t] {
      for (size_t i = t; i < values.size(); i += per_thread.size()) per_thread[t].record(values[i]);
    });
  }
  for (std::thread& thread : threads) thread.join();
  Histogram merged;
  for (const Histogram& part : per_thread) merged.merge(part);
  const Histogram whole = histogram_of(values);
  CHECK(merged == whole);
  CHECK(merged.encode() == whole.encode());
  CHECK(merged.value_at_percentile(99.9) == whole.value_at_percentile(99.9));
  CHECK_FALSE(merged == per_thread[0]);
}

TEST_CASE("merging with empty histograms") {
  Histogram values;
  values.record(3);
  values.record(1'000'000'000);
  Histogram copy = values;
  copy.merge(Histogram());
  CHECK(copy == values);

  Histogram empty;
  empty.merge(values);
  CHECK(empty == values);
  CHECK(empty.min() == 3);

  Histogram both_empty;
  both_empty.merge(Histogram());
  CHECK(both_empty == Histogram());
  CHECK(both_empty.min() == 0);
}

TEST_CASE("equality compares bucket counts, not only count, min, max and sum") {
  Histogram a;
  Histogram b;
  for (const uint64_t value : {1, 4, 7, 8}) a.record(value);
  for (const uint64_t value : {1, 5, 6, 8}) b.record(value);
  REQUIRE(a.sum() == b.sum());
  CHECK_FALSE(a == b);
  b.reset();
  for (const uint64_t value : {8, 7, 4, 1}) b.record(value);
  CHECK(a == b);
}
