#include "adapters/native/load_shape.h"

#include <algorithm>
#include <cmath>

#include "core/errors.h"

namespace perfgate::native {
namespace {

[[noreturn]] void reject(const std::string& field, const std::string& why) {
  throw InputError("", field, why);
}

void validate(const NativeLoad& load) {
  if (load.threads < 1) reject("threads", "must be at least 1");
  for (const Stage& stage : load.stages) {
    if (!(stage.target >= 0)) reject("stages", "targets must be >= 0");
    if (stage.duration.count() < 0) reject("stages", "durations must be >= 0");
  }
  if (load.stages.empty() && load.connections < 1) reject("connections", "must be at least 1");
  if (load.model == LoadModel::open && load.connections < 1) {
    reject("connections", "must be at least 1");
  }
  if (load.model == LoadModel::open && load.stages.empty() && !(load.rate_per_s > 0)) {
    reject("rate", "the open model needs a positive rate");
  }
  if (load.stages.empty() && load.duration.count() <= 0 && load.max_requests == 0) {
    reject("duration", "give a duration or max_requests");
  }
  if (load.request_timeout.count() <= 0) reject("request_timeout", "must be positive");
  if (load.connect_timeout.count() <= 0) reject("connect_timeout", "must be positive");
}

LoadProfile make_profile(const NativeLoad& load) {
  if (!load.stages.empty()) return LoadProfile::staged(load.stages);
  const auto length_ns = static_cast<uint64_t>(std::max<int64_t>(load.duration.count(), 0));
  const double level =
      load.model == LoadModel::open ? load.rate_per_s : static_cast<double>(load.connections);
  return LoadProfile::constant(level, length_ns);
}

size_t total_connections(const NativeLoad& load, const LoadProfile& profile) {
  if (load.model == LoadModel::closed && !load.stages.empty()) {
    const double peak = std::ceil(profile.peak_level() - 1e-9);
    if (peak < 1) reject("stages", "the closed model needs a stage target of at least 1");
    return static_cast<size_t>(peak);
  }
  return static_cast<size_t>(load.connections);
}

// Worker i gets global items i, i + n, i + 2n, ...: the same striding the workers use for
// connection slots and open-model arrivals.
uint64_t strided_share(uint64_t total, size_t worker, size_t workers) {
  return total / workers + (worker < total % workers ? 1 : 0);
}

}  // namespace

LoadShape shape_load(const NativeLoad& load) {
  validate(load);
  LoadShape shape{make_profile(load), {}, 0, {}, {}};
  shape.level_varies = load.model == LoadModel::closed && !load.stages.empty();
  shape.length_ns = shape.profile.length_ns();
  if (!load.stages.empty() && shape.length_ns == 0) reject("stages", "total duration is zero");
  const size_t connections = total_connections(load, shape.profile);
  const size_t workers = std::min(static_cast<size_t>(load.threads), connections);
  for (size_t worker = 0; worker < workers; ++worker) {
    shape.connections_per_worker.push_back(strided_share(connections, worker, workers));
    shape.budget_per_worker.push_back(
        load.max_requests == 0 ? UINT64_MAX : strided_share(load.max_requests, worker, workers));
  }
  return shape;
}

}  // namespace perfgate::native
