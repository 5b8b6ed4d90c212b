#include "adapters/mock/mock_adapter.h"

#include <cmath>
#include <cstdint>
#include <random>

#include "core/model/histogram.h"

namespace perfgate {
namespace {

constexpr double kTwoPi = 6.283185307179586;

// FNV-1a: a hash of the scenario's name that is the same in every build (std::hash is not).
uint64_t stable_hash(const std::string& text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

// SplitMix64's finaliser: spreads nearby seeds (1, 2, 3) over the whole state space.
uint64_t mixed(uint64_t value) {
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ull;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebull;
  return value ^ (value >> 31);
}

// Standard normal and uniform draws built from mt19937_64's raw output, which the C++ standard
// fixes, unlike std::normal_distribution's algorithm: the same runs with every library.
class Draws {
 public:
  explicit Draws(uint64_t seed) : engine_(seed) {}
  double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }
  double normal() {  // Box-Muller
    return std::sqrt(-2.0 * std::log(uniform())) * std::cos(kTwoPi * uniform());
  }

 private:
  std::mt19937_64 engine_;
};

Metric counted(std::string name, std::string unit, Tags tags, double amount) {
  return Metric{
      .name = std::move(name), .unit = std::move(unit), .tags = std::move(tags), .value = amount};
}

}  // namespace

RunResult simulate_mock_run(const MockOptions& options, const std::string& name, int index) {
  if (index + 1 == options.fail_run)
    return unfinished_run(RunStatus::failed, "the mock service failed (fail_run: " +
                                                 std::to_string(options.fail_run) + ")");
  Draws draws(mixed(options.seed ^ mixed(stable_hash(name) + static_cast<uint64_t>(index))));
  const double factor = std::exp(options.noise * draws.normal());
  const auto requests =
      static_cast<uint64_t>(std::llround(static_cast<double>(options.requests) / factor));
  const double median_ns = static_cast<double>(options.latency.count()) * factor;
  Histogram ok, failed;
  for (uint64_t i = 0; i < requests; ++i) {
    const auto latency =
        static_cast<uint64_t>(median_ns * std::exp(options.spread * draws.normal()));
    (draws.uniform() < options.error_rate ? failed : ok).record(latency);
  }
  const double duration_s = std::chrono::duration<double>(options.duration).count();
  RunResult run{.started_at = utc_now_iso8601(), .duration_s = duration_s};
  for (auto [histogram, status] : {std::pair{&ok, "2xx"}, std::pair{&failed, "5xx"}}) {
    if (histogram->empty()) continue;
    const Tags tags{{"request", options.request}, {"status", status}};
    run.add({.name = "latency", .unit = "ns", .tags = tags, .histogram = *histogram});
    run.add(counted("requests", "count", tags, static_cast<double>(histogram->count())));
  }
  const auto responses = static_cast<double>(requests);
  run.add(counted("throughput", "1/s", {{"request", options.request}}, responses / duration_s));
  run.add(counted("throughput", "1/s", {}, responses / duration_s));
  const auto errors = static_cast<double>(failed.count());
  if (errors > 0) run.add(counted("errors", "count", {{"kind", "http_5xx"}}, errors));
  run.add(counted("errors", "count", {}, errors));
  run.add(counted("error_rate", "ratio", {}, responses > 0 ? errors / responses : 0));
  return run;
}

std::vector<RunResult> MockAdapter::measure(const ScenarioContext& context,
                                            Repetitions repetitions) const {
  if (context.stopped()) return {unfinished_run(RunStatus::interrupted, "interrupted")};
  return {simulate_mock_run(options_of<MockOptions>(context), context.scenario->name,
                            repetitions.first)};
}

}  // namespace perfgate
