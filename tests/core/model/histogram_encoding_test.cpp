#include <cmath>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/model/histogram.h"

using perfgate::Histogram;

namespace {

// An independent writer of the documented byte layout, to craft malformed inputs.
std::string base64(const std::vector<uint8_t>& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string text;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t group = uint32_t{bytes[i]} << 16;
    if (i + 1 < bytes.size()) group |= uint32_t{bytes[i + 1]} << 8;
    if (i + 2 < bytes.size()) group |= bytes[i + 2];
    text += alphabet[group >> 18];
    text += alphabet[(group >> 12) & 63];
    text += i + 1 < bytes.size() ? alphabet[(group >> 6) & 63] : '=';
    text += i + 2 < bytes.size() ? alphabet[group & 63] : '=';
  }
  return text;
}

void varint(std::vector<uint8_t>& out, uint64_t value) {
  for (; value >= 0x80; value >>= 7) out.push_back(static_cast<uint8_t>(value | 0x80));
  out.push_back(static_cast<uint8_t>(value));
}

// Version 1, then count, min, max, sum, then the given zigzag tokens.
std::string encoding(uint64_t count, uint64_t min, uint64_t max, uint64_t sum,
                     const std::vector<uint64_t>& tokens) {
  std::vector<uint8_t> bytes{1};
  for (const uint64_t value : {count, min, max, sum}) varint(bytes, value);
  for (const uint64_t token : tokens) varint(bytes, token);
  return base64(bytes);
}

uint64_t count_token(uint64_t count) {
  return count * 2;
}
uint64_t empty_run_token(uint64_t length) {
  return length * 2 - 1;
}

Histogram lognormal_histogram(size_t samples) {
  std::mt19937_64 random(5);
  std::lognormal_distribution<double> latency(std::log(1e6), 0.8);
  Histogram histogram;
  for (size_t i = 0; i < samples; ++i) histogram.record(static_cast<uint64_t>(latency(random)));
  return histogram;
}

void check_round_trip(const Histogram& histogram) {
  const std::string text = histogram.encode();
  const Histogram decoded = Histogram::decode(text);
  CHECK(decoded == histogram);
  CHECK(decoded.encode() == text);
  CHECK(decoded.value_at_percentile(99) == histogram.value_at_percentile(99));
}

}  // namespace

TEST_CASE("encode and decode round trip") {
  SECTION("empty") {
    check_round_trip(Histogram());
  }
  SECTION("one value") {
    Histogram histogram;
    histogram.record(123'456);
    check_round_trip(histogram);
  }
  SECTION("1 M lognormal values") {
    check_round_trip(lognormal_histogram(1'000'000));
  }
  SECTION("extremes") {
    Histogram histogram;
    histogram.record(0);
    histogram.record(Histogram::kMaxValue);
    histogram.record_n(2047, UINT64_MAX - 2);  // total count UINT64_MAX, sum beyond 64 bits
    REQUIRE(histogram.count() == UINT64_MAX);
    check_round_trip(histogram);
  }
}

TEST_CASE("the encoding is compact") {
  const Histogram histogram = lognormal_histogram(1'000'000);
  size_t buckets = 0;
  histogram.for_each_bucket([&](uint64_t, uint64_t, uint64_t) { ++buckets; });
  const std::string text = histogram.encode();
  std::cout << "histogram encoding: 1 M lognormal latencies (median 1 ms) in " << buckets
            << " non-empty buckets -> " << text.size() << " bytes of base64\n";
  CHECK(text.size() < 4 * buckets + 64);  // under 3 raw bytes per bucket
  CHECK(Histogram().encode().size() <= 8);
}

TEST_CASE("the crafted layout decodes as documented") {
  // 3 x 5, then 1 x 7: buckets 5 and 7 with one empty bucket between them.
  const Histogram decoded = Histogram::decode(encoding(
      4, 5, 7, 22, {empty_run_token(5), count_token(3), empty_run_token(1), count_token(1)}));
  Histogram expected;
  expected.record_n(5, 3);
  expected.record(7);
  CHECK(decoded == expected);
}

TEST_CASE("decode rejects malformed input") {
  const std::string valid = lognormal_histogram(1000).encode();
  const auto rejects = [](const std::string& text) {
    INFO("input: " << text);
    CHECK_THROWS_AS(Histogram::decode(text), std::invalid_argument);
  };
  SECTION("truncated") {
    rejects(valid.substr(0, valid.size() - 4));
    rejects(valid.substr(0, valid.size() - 1));
    rejects(valid.substr(0, 4));
    rejects("");
  }
  SECTION("garbage") {
    rejects("hello world!");
    rejects("!!!!");
    rejects("====");
    rejects("AQ=A");
    rejects(std::string(400, '/'));
    rejects(base64({2, 0, 0, 0, 0}));  // unknown version
    rejects(base64({1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
  }
  SECTION("huge bucket index") {
    rejects(encoding(1, 1, 1, 1, {empty_run_token(Histogram::kBucketCount), count_token(1)}));
    rejects(encoding(1, 1, 1, 1, {empty_run_token(uint64_t{1} << 62), count_token(1)}));
  }
  SECTION("inconsistent") {
    rejects(encoding(2, 5, 5, 10, {empty_run_token(5), count_token(1)}));  // counts != count
    rejects(encoding(1, 6, 5, 5, {empty_run_token(5), count_token(1)}));   // min > max
    rejects(encoding(1, 9, 9, 9, {empty_run_token(5), count_token(1)}));   // min not in bucket
    rejects(encoding(1, 5, 5, 99, {empty_run_token(5), count_token(1)}));  // sum too large
    rejects(encoding(0, 1, 0, 0, {}));                                     // empty with a min
    rejects(encoding(1, 5, 5, 5, {empty_run_token(5), count_token(1), empty_run_token(2)}));
    rejects(encoding(1, 5, 5, 5, {empty_run_token(2), empty_run_token(3), count_token(1)}));
    rejects(encoding(1, 5, 5, 5, {empty_run_token(5), 0, count_token(1)}));
  }
}

TEST_CASE("decode of random and mutated inputs either throws or re-encodes canonically") {
  std::mt19937_64 random(17);
  const std::string valid = lognormal_histogram(200).encode();
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
  size_t accepted = 0;
  for (int trial = 0; trial < 20'000; ++trial) {
    std::string text = valid;
    for (int edits = 1 + trial % 3; edits > 0; --edits) {
      text[random() % text.size()] = alphabet[random() % alphabet.size()];
    }
    try {
      const Histogram decoded = Histogram::decode(text);
      REQUIRE(decoded.encode() == text);
      ++accepted;
    } catch (const std::invalid_argument&) {
    }
  }
  CHECK(accepted < 20'000);
}
