#include "harness/run/shard.h"

#include <algorithm>
#include <charconv>

#include "core/errors.h"

namespace perfgate {
namespace {

int parse_int(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size() ? value : 0;
}

// The shard's part of an integer total: remainders go to the first shards.
uint64_t part_of(uint64_t total, Shard shard) {
  uint64_t count = static_cast<uint64_t>(shard.count);
  uint64_t index = static_cast<uint64_t>(shard.index - 1);
  return total / count + (index < total % count ? 1 : 0);
}

bool is_summed(const Metric& metric) {
  return metric.unit == "count" || metric.unit == "bytes" || metric.unit == "1/s";
}

bool is_weighted(const Metric& metric) {
  return metric.unit == "ratio" || metric.unit == "percent";
}

double completed_requests(const RunResult& run) {
  double total = 0;
  for (const Metric& metric : run.metrics)
    if (metric.name == "requests" && metric.value) total += *metric.value;
  return total;
}

void merge_timeline(std::vector<double>& into, const std::vector<double>& from, bool sum) {
  if (into.size() < from.size()) into.resize(from.size(), 0.0);
  for (size_t i = 0; i < from.size(); ++i)
    into[i] = sum ? into[i] + from[i] : std::max(into[i], from[i]);
}

// Adds one shard's metric into the merged one; `weight` and `weight_so_far` are completed
// requests, for weighted means.
void merge_metric(Metric& into, const Metric& from, double weight, double weight_so_far) {
  if (from.histogram) {
    if (!into.histogram) into.histogram = Histogram{};
    into.histogram->merge(*from.histogram);
  }
  if (from.value) {
    double current = into.value.value_or(0.0);
    if (is_summed(from))
      into.value = current + *from.value;
    else if (is_weighted(from))
      into.value = weight + weight_so_far > 0
                       ? (current * weight_so_far + *from.value * weight) / (weight + weight_so_far)
                       : current;
    else
      into.value = into.value ? std::max(current, *from.value) : *from.value;
  }
  merge_timeline(into.timeline, from.timeline, is_summed(from));
}

void merge_run(RunResult& into, const RunResult& from, double weight_so_far) {
  double weight = completed_requests(from);
  for (const Metric& metric : from.metrics) {
    Metric* target = nullptr;
    for (Metric& existing : into.metrics)
      if (existing.name == metric.name && existing.tags == metric.tags) target = &existing;
    if (target)
      merge_metric(*target, metric, weight, weight_so_far);
    else
      into.metrics.push_back(metric);
  }
  if (from.status != RunStatus::ok && into.status == RunStatus::ok) {
    into.status = from.status;
    into.failure_reason = from.failure_reason;
  }
  into.duration_s = std::max(into.duration_s, from.duration_s);
  into.started_at = std::min(into.started_at, from.started_at);
}

const ScenarioResult& scenario_named(const SuiteResult& shard, const std::string& name,
                                     size_t shard_number) {
  for (const ScenarioResult& scenario : shard.scenarios)
    if (scenario.name == name) return scenario;
  throw InputError("shards", "shard " + std::to_string(shard_number),
                   "has no scenario '" + name + "' (the first shard has)");
}

}  // namespace

std::optional<Shard> parse_shard(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  Shard shard{parse_int(text.substr(0, slash)), parse_int(text.substr(slash + 1))};
  if (shard.index < 1 || shard.count < shard.index || shard.count > 1000) return std::nullopt;
  return shard;
}

NativeLoad shard_load(NativeLoad load, Shard shard) {
  if (shard.count == 1) return load;
  load.connections = static_cast<int>(
      std::max<uint64_t>(1, part_of(static_cast<uint64_t>(load.connections), shard)));
  load.threads = std::min(load.threads, load.connections);
  load.rate_per_s /= shard.count;
  load.max_requests = part_of(load.max_requests, shard);
  if (load.max_requests == 0 && load.duration.count() == 0 && load.stages.empty())
    load.max_requests = 1;  // 0 would mean unlimited
  for (Stage& stage : load.stages)
    stage.target = load.model == LoadModel::open
                       ? stage.target / shard.count
                       : static_cast<double>(part_of(static_cast<uint64_t>(stage.target), shard));
  return load;
}

SuiteResult merge_shards(const std::vector<SuiteResult>& shards) {
  if (shards.empty()) throw InputError("shards", "", "no results files to merge");
  SuiteResult merged = shards.front();
  for (size_t s = 1; s < shards.size(); ++s) {
    const SuiteResult& shard = shards[s];
    if (shard.suite != merged.suite)
      throw InputError("shards", "shard " + std::to_string(s + 1),
                       "is of suite '" + shard.suite + "', the first of '" + merged.suite + "'");
    merged.complete = merged.complete && shard.complete;
    for (ScenarioResult& scenario : merged.scenarios) {
      const ScenarioResult& other = scenario_named(shard, scenario.name, s + 1);
      if (other.runs.size() != scenario.runs.size())
        throw InputError("shards", "shard " + std::to_string(s + 1),
                         "scenario '" + scenario.name + "' has " +
                             std::to_string(other.runs.size()) + " runs, the first shard " +
                             std::to_string(scenario.runs.size()));
      for (size_t r = 0; r < scenario.runs.size(); ++r) {
        double weight_so_far = 0;
        for (size_t earlier = 0; earlier < s; ++earlier)
          weight_so_far += completed_requests(
              scenario_named(shards[earlier], scenario.name, earlier + 1).runs[r]);
        merge_run(scenario.runs[r], other.runs[r], weight_so_far);
      }
    }
  }
  return merged;
}

}  // namespace perfgate
