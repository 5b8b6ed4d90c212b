#include "core/model/histogram.h"

#include <cmath>
#include <stdexcept>

namespace perfgate {

namespace {

constexpr uint8_t kEncodingVersion = 1;

// ---- base64 (RFC 4648, standard alphabet, padded) ----

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(const std::vector<uint8_t>& bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const size_t available = std::min<size_t>(3, bytes.size() - i);
    uint32_t group = uint32_t{bytes[i]} << 16;
    if (available > 1) group |= uint32_t{bytes[i + 1]} << 8;
    if (available > 2) group |= bytes[i + 2];
    for (size_t k = 0; k < 4; ++k) {
      text += k <= available ? kBase64Alphabet[(group >> (18 - 6 * k)) & 63] : '=';
    }
  }
  return text;
}

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Strict: length a multiple of 4, padding only at the end, unused bits zero. Strictness keeps
// the encoding canonical, so equal histograms always have equal text.
std::vector<uint8_t> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    throw std::invalid_argument("histogram: base64 length must be a non-zero multiple of 4");
  }
  const size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  std::vector<uint8_t> bytes;
  bytes.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    const bool last_group = i + 4 == text.size();
    const size_t digits = last_group ? 4 - padding : 4;
    uint32_t group = 0;
    for (size_t k = 0; k < 4; ++k) {
      const int digit = k < digits ? base64_digit(text[i + k]) : 0;
      if (digit < 0) throw std::invalid_argument("histogram: invalid base64 character");
      group = (group << 6) | static_cast<uint32_t>(digit);
    }
    const size_t byte_count = digits - 1;
    if ((group & ((uint32_t{1} << (8 * (3 - byte_count))) - 1)) != 0) {
      throw std::invalid_argument("histogram: non-canonical base64 padding bits");
    }
    for (size_t k = 0; k < byte_count; ++k) bytes.push_back(uint8_t(group >> (16 - 8 * k)));
  }
  return bytes;
}

// ---- varints (LEB128, little-endian groups of 7 bits) ----

void put_varint(std::vector<uint8_t>& out, uint128_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<uint8_t>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<uint8_t>(value));
}

// Zigzag over 128 bits so that every uint64 count and every run length fits.
uint128_t zigzag_count(uint64_t count) {
  return static_cast<uint128_t>(count) << 1;
}
uint128_t zigzag_empty_run(uint64_t length) {
  return (static_cast<uint128_t>(length) << 1) - 1;
}

class ByteReader {
 public:
  explicit ByteReader(const std::vector<uint8_t>& bytes) : bytes_(bytes) {}
  bool done() const { return position_ == bytes_.size(); }

  uint8_t byte() {
    if (done()) throw std::invalid_argument("histogram: truncated encoding");
    return bytes_[position_++];
  }

  // Rejects values wider than `max_bits` and overlong encodings (a redundant zero last group).
  uint128_t varint(int max_bits) {
    uint128_t value = 0;
    for (int shift = 0;; shift += 7) {
      if (shift >= max_bits) throw std::invalid_argument("histogram: varint too long");
      const uint8_t current = byte();
      const uint128_t group = current & 0x7f;
      if (max_bits - shift < 7 && (group >> (max_bits - shift)) != 0) {
        throw std::invalid_argument("histogram: varint out of range");
      }
      value |= group << shift;
      if ((current & 0x80) == 0) {
        if (group == 0 && shift > 0) throw std::invalid_argument("histogram: overlong varint");
        return value;
      }
    }
  }

 private:
  const std::vector<uint8_t>& bytes_;
  size_t position_ = 0;
};

}  // namespace

void Histogram::grow_to_hold(size_t index) {
  // Grow a whole power-of-two range at a time: a handful of resizes over a histogram's life.
  counts_.resize(std::min(kBucketCount, (index | 1023) + 1), 0);
}

uint64_t Histogram::lowest_equivalent(size_t index) noexcept {
  if (index < kExactBelow) return index;
  const size_t range = (index >> 10) - 1;
  const uint64_t sub_bucket = (index & 1023) + 1024;
  return sub_bucket << range;
}

uint64_t Histogram::highest_equivalent(size_t index) noexcept {
  if (index < kExactBelow) return index;
  const size_t range = (index >> 10) - 1;
  return lowest_equivalent(index) + ((uint64_t{1} << range) - 1);
}

void Histogram::merge(const Histogram& other) {
  if (other.empty()) return;
  if (other.counts_.size() > counts_.size()) counts_.resize(other.counts_.size(), 0);
  for (size_t i = 0; i < other.counts_.size(); ++i) counts_[i] += other.counts_[i];
  total_count_ += other.total_count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_ += other.sum_;
}

void Histogram::reset() noexcept {
  *this = Histogram();
}

double Histogram::mean() const noexcept {
  if (total_count_ == 0) return 0;
  // Split into quotient and remainder so the 128-bit sum keeps its precision.
  const uint128_t quotient = sum_ / total_count_;
  const uint64_t remainder = static_cast<uint64_t>(sum_ % total_count_);
  return static_cast<double>(quotient) +
         static_cast<double>(remainder) / static_cast<double>(total_count_);
}

namespace {

// The 1-based rank of the value at `percentile` among `count` values: ceil(p/100 * count),
// at least 1. The relative nudge keeps 99.9 % of 1e6 at rank 999000 although 0.999 is inexact.
uint64_t rank_at(double percentile, uint64_t count) {
  if (!(percentile > 0)) percentile = 0;  // also catches NaN
  if (percentile > 100) percentile = 100;
  const double scaled = percentile / 100.0 * static_cast<double>(count);
  const double rank = std::ceil(scaled * (1 - 1e-12));
  if (rank >= static_cast<double>(count)) return count;  // also guards the conversion
  return rank < 1 ? 1 : static_cast<uint64_t>(rank);
}

}  // namespace

uint64_t Histogram::value_at_percentile(double percentile) const noexcept {
  if (total_count_ == 0) return 0;
  const uint64_t rank = rank_at(percentile, total_count_);
  if (rank == 1) return min_;
  uint64_t seen = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::clamp(highest_equivalent(i), min_, max_);
  }
  return max_;
}

void Histogram::for_each_bucket(
    const std::function<void(uint64_t lowest, uint64_t highest, uint64_t count)>& visit) const {
  for (size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] != 0) visit(lowest_equivalent(i), highest_equivalent(i), counts_[i]);
  }
}

bool Histogram::operator==(const Histogram& other) const {
  if (total_count_ != other.total_count_ || min() != other.min() || max_ != other.max_ ||
      sum_ != other.sum_) {
    return false;
  }
  const size_t common = std::min(counts_.size(), other.counts_.size());
  if (!std::equal(counts_.begin(), counts_.begin() + common, other.counts_.begin())) return false;
  const auto is_zero = [](uint64_t count) { return count == 0; };
  return std::all_of(counts_.begin() + common, counts_.end(), is_zero) &&
         std::all_of(other.counts_.begin() + common, other.counts_.end(), is_zero);
}

std::string Histogram::encode() const {
  std::vector<uint8_t> bytes{kEncodingVersion};
  put_varint(bytes, total_count_);
  put_varint(bytes, min());
  put_varint(bytes, max_);
  put_varint(bytes, sum_);
  uint64_t empty_run = 0;
  for (const uint64_t count : counts_) {
    if (count == 0) {
      ++empty_run;
      continue;
    }
    if (empty_run > 0) put_varint(bytes, zigzag_empty_run(empty_run));
    empty_run = 0;
    put_varint(bytes, zigzag_count(count));
  }
  return base64_encode(bytes);
}

namespace {

struct Header {
  uint64_t count = 0;
  uint64_t min = 0;
  uint64_t max = 0;
  uint128_t sum = 0;
};

Header read_header(ByteReader& reader) {
  if (reader.byte() != kEncodingVersion) {
    throw std::invalid_argument("histogram: unknown encoding version");
  }
  Header header;
  header.count = static_cast<uint64_t>(reader.varint(64));
  header.min = static_cast<uint64_t>(reader.varint(64));
  header.max = static_cast<uint64_t>(reader.varint(64));
  header.sum = reader.varint(128);
  return header;
}

void check_header(const Header& header) {
  if (header.max > Histogram::kMaxValue) throw std::invalid_argument("histogram: max too large");
  if (header.count == 0) {
    if (header.min != 0 || header.max != 0 || header.sum != 0) {
      throw std::invalid_argument("histogram: empty histogram with non-zero min, max or sum");
    }
    return;
  }
  if (header.min > header.max) throw std::invalid_argument("histogram: min above max");
  const uint128_t count = header.count;
  if (header.sum < count * header.min || header.sum > count * header.max) {
    throw std::invalid_argument("histogram: sum outside count * [min, max]");
  }
}

struct BucketCount {
  size_t index = 0;
  uint64_t count = 0;
};

// At most kBucketCount entries: every token either advances the index or is rejected.
std::vector<BucketCount> read_buckets(ByteReader& reader) {
  std::vector<BucketCount> buckets;
  size_t index = 0;
  bool previous_was_run = false;
  while (!reader.done()) {
    const uint128_t token = reader.varint(65);  // a uint64 count, zigzagged
    const uint128_t magnitude = (token + 1) >> 1;
    if (magnitude == 0) throw std::invalid_argument("histogram: zero count token");
    if (token & 1) {
      if (previous_was_run) throw std::invalid_argument("histogram: two consecutive empty runs");
      if (magnitude >= Histogram::kBucketCount - index) {
        throw std::invalid_argument("histogram: bucket index out of range");
      }
      index += static_cast<size_t>(magnitude);
      previous_was_run = true;
      continue;
    }
    if (index >= Histogram::kBucketCount) {
      throw std::invalid_argument("histogram: bucket index out of range");
    }
    buckets.push_back({index++, static_cast<uint64_t>(magnitude)});
    previous_was_run = false;
  }
  if (previous_was_run) throw std::invalid_argument("histogram: trailing empty run");
  return buckets;
}

// The header's count, min and max must agree with the buckets, so that a decoded histogram
// answers percentile queries consistently.
void check_buckets_match_header(const std::vector<BucketCount>& buckets, const Header& header) {
  uint64_t total = 0;
  for (const BucketCount& bucket : buckets) {
    if (__builtin_add_overflow(total, bucket.count, &total)) {
      throw std::invalid_argument("histogram: bucket counts overflow");
    }
  }
  if (total != header.count) {
    throw std::invalid_argument("histogram: bucket counts do not add up to the count");
  }
  if (buckets.empty()) return;
  if (Histogram::index_of(header.min) != buckets.front().index ||
      Histogram::index_of(header.max) != buckets.back().index) {
    throw std::invalid_argument("histogram: min or max outside the lowest or highest bucket");
  }
}

}  // namespace

Histogram Histogram::decode(std::string_view text) {
  const std::vector<uint8_t> bytes = base64_decode(text);
  ByteReader reader(bytes);
  const Header header = read_header(reader);
  check_header(header);
  const std::vector<BucketCount> buckets = read_buckets(reader);
  check_buckets_match_header(buckets, header);

  Histogram histogram;
  if (!buckets.empty()) histogram.grow_to_hold(buckets.back().index);
  for (const BucketCount& bucket : buckets) histogram.counts_[bucket.index] = bucket.count;
  histogram.total_count_ = header.count;
  histogram.min_ = header.count ? header.min : UINT64_MAX;
  histogram.max_ = header.max;
  histogram.sum_ = header.sum;
  return histogram;
}

}  // namespace perfgate
