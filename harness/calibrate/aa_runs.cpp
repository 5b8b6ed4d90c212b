#include "harness/calibrate/aa_runs.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "adapters/native/native_adapter.h"
#include "core/errors.h"
#include "core/suite/suite_loader.h"
#include "gates/compare/run_values.h"

namespace perfgate::calibrate {
namespace {

void require_valid(const AaOptions& options) {
  if (options.runs < 2) throw InputError("--runs", "", "expected at least 2 runs");
  if (options.run_duration.count() <= 0)
    throw InputError("--duration", "", "expected a duration > 0, e.g. 1s");
  if (options.connections < 1) throw InputError("--connections", "", "expected at least 1");
  if (options.threads < 1) throw InputError("--threads", "", "expected at least 1");
}

// The scenario goes through the suite loader, so the URL and path are checked exactly as in a
// suite file.
NativeLoad calibration_load(const AaOptions& options, const std::string& url) {
  const std::string text =
      "suite: calibrate\nscenarios:\n  - name: aa\n    adapter: native\n"
      "    target: " +
      nlohmann::json(url).dump() + "\n    connections: " + std::to_string(options.connections) +
      "\n    threads: " + std::to_string(options.threads) + "\n    duration: 1s" +
      "\n    requests: [{ name: aa, path: " + nlohmann::json(options.path).dump() + " }]\n";
  NativeLoad load = parse_suite(text, "--url").scenarios.at(0).native;
  load.duration = options.run_duration;
  return load;
}

const std::vector<gates::MetricSelector> kSelectors = {{"latency", gates::Statistic::p50},
                                                       {"latency", gates::Statistic::p99},
                                                       {"throughput", gates::Statistic::value}};

std::string selector_name(const gates::ComparisonKey& key) {
  return key.statistic == gates::Statistic::value
             ? key.metric
             : key.metric + "." + gates::to_string(key.statistic);
}

// One value per run for each selector; only untagged throughput and the one request's 2xx
// latency count (errors would be their own tag set).
std::vector<MetricRuns> collect(const std::vector<RunResult>& runs) {
  SuiteResult suite;
  suite.scenarios.push_back({"aa", "native", runs});
  const gates::CollectedValues collected = gates::collect_run_values(suite, kSelectors);
  std::vector<MetricRuns> metrics;
  for (const auto& [key, values] : collected.values) {
    const bool wanted = key.metric == "throughput"
                            ? key.tags.empty()
                            : key.tags.count("status") && key.tags.at("status") == "2xx";
    if (wanted)
      metrics.push_back({selector_name(key), key.metric == "throughput" ? "1/s" : "ns", values});
  }
  return metrics;
}

std::optional<std::string> failure_of(const RunResult& run) {
  if (run.status != RunStatus::ok)
    return "run " + std::to_string(run.index + 1) + ": " + run.failure_reason;
  const Metric* errors = run.find("errors");
  if (errors && errors->value && *errors->value > 0)
    return "run " + std::to_string(run.index + 1) + ": " +
           std::to_string(static_cast<long long>(*errors->value)) + " request errors";
  return std::nullopt;
}

}  // namespace

AaMeasurement measure_aa(const AaOptions& options, const std::atomic<bool>& stop,
                         const RunProgress& progress) {
  require_valid(options);
  std::unique_ptr<target::TargetServer> server;
  std::string url = options.url;
  if (url.empty()) {
    server = std::make_unique<target::TargetServer>(options.target);
    server->start();
    url = server->url();
  }
  NativeLoad load = calibration_load(options, url);
  native::RunControl control{&stop, {}};
  if (options.warmup.count() > 0) {
    NativeLoad warmup = load;
    warmup.duration = options.warmup;
    native::run_native_load(warmup, control);
  }
  AaMeasurement measurement{url, {}, {}};
  std::vector<RunResult> runs;
  for (int index = 0; index < options.runs && !stop; ++index) {
    RunResult run = native::run_native_load(load, control);
    run.index = index;
    if (auto failure = failure_of(run)) measurement.failures.push_back(*failure);
    runs.push_back(std::move(run));
    if (progress) progress(index + 1, options.runs);
  }
  measurement.metrics = collect(runs);
  for (const MetricRuns& metric : measurement.metrics)
    if (metric.values.size() < 2)
      throw RunError("calibrate: fewer than 2 successful runs of " + metric.name);
  if (measurement.metrics.empty()) throw RunError("calibrate: no run measured anything");
  return measurement;
}

}  // namespace perfgate::calibrate
