// Sharded load: `--shard i/N` runs 1/N of each native scenario's load (connections, arrival
// rate, request budget and stage targets divided, remainders to the first shards), so N
// machines together send the suite's load; merge_shards() joins their results files.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/model/run_result.h"
#include "core/suite/suite.h"

namespace perfgate {

struct Shard {
  int index = 1;  // 1-based
  int count = 1;

  bool operator==(const Shard&) const = default;
};

// "2/4" -> {2, 4}; nullopt unless 1 <= i <= N <= 1000.
std::optional<Shard> parse_shard(std::string_view text);

// This shard's part of the load. Every shard keeps at least one connection.
NativeLoad shard_load(NativeLoad load, Shard shard);

// Joins the shards' results run by run (scenario by name, run by index, metric by name and
// tags): histograms merge losslessly; counts, bytes and rates (unit count, bytes, 1/s) add up,
// timelines element by element; ratios and percentages become the mean weighted by each
// shard's completed requests; anything else (times in ns) keeps the largest value. A run is ok
// only when it is ok in every shard. Throws InputError("shards", ...) when the shards are not
// of the same suite or lack a run another has.
SuiteResult merge_shards(const std::vector<SuiteResult>& shards);

}  // namespace perfgate
