// The keys of each non-native adapter's scenarios, parsed once by the suite loader
// (tool_loader.h) into one typed value per adapter. Paths are already resolved against the suite
// file's folder. The adapters in adapters/<tool>/ read these values and nothing else; the keys
// are documented in docs/adapters/<tool>.md.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/suite/quantity.h"

namespace perfgate {

using EnvironmentVariables = std::map<std::string, std::string>;

struct K6Options {
  std::filesystem::path script{};        // empty when the scenario imports `files:`
  std::optional<std::string> program{};  // `k6:`: a name on PATH or a path; absent: "k6"
  std::optional<int> vus{};
  std::optional<int> iterations{};
  std::optional<Nanoseconds> duration{};
  std::optional<Nanoseconds> timeout{};
  EnvironmentVariables env{};  // passed as `-e NAME=VALUE`
  std::map<std::string, std::string> tags{};
  std::vector<std::string> args{};

  bool operator==(const K6Options&) const = default;
};

struct JMeterOptions {
  std::filesystem::path plan{};  // empty when the scenario imports `files:`
  std::vector<std::string>
      program{};  // `jmeter:`: the command, e.g. [java, -jar, ApacheJMeter.jar]
  std::map<std::string, std::string> properties{};  // -JNAME=VALUE
  std::vector<std::string> args{};
  EnvironmentVariables env{};
  std::optional<Nanoseconds> timeout{};

  bool operator==(const JMeterOptions&) const = default;
};

struct ArtilleryOptions {
  std::filesystem::path script{};        // empty when the scenario imports `files:`
  std::optional<std::string> program{};  // `artillery:`
  std::optional<std::string> target{};
  EnvironmentVariables env{};
  // Merged into the script with --overrides: the user's own Artillery configuration, a JSON
  // object (written in the suite as a mapping, or as JSON text). With endpoint_metrics on (the
  // default), config.plugins.metrics-by-endpoint is added to it.
  nlohmann::json overrides = nlohmann::json::object();
  bool endpoint_metrics = true;
  std::optional<Nanoseconds> timeout{};

  bool operator==(const ArtilleryOptions&) const = default;
};

struct GbenchOptions {
  std::filesystem::path binary{};  // empty when the scenario imports `files:`
  std::optional<std::string> filter{};
  std::optional<Nanoseconds> min_time{};
  // On: the benchmarks run in a random order inside each process, so that the machine's drift
  // spreads over all of them (--benchmark_enable_random_interleaving).
  bool random_interleaving = true;
  // Repetitions one process measures (--benchmark_repetitions); they are then one statistical
  // unit. 1: a fresh process per repetition, so that its memory layout, code alignment and
  // frequency vary as they do between CI runs.
  int repetitions_per_process = 1;
  std::vector<std::string> args{};
  EnvironmentVariables env{};
  std::optional<Nanoseconds> timeout{};

  bool operator==(const GbenchOptions&) const = default;
};

struct CommandOptions {
  std::vector<std::string> command{};  // argv, no shell
  std::vector<std::string> prepare{};  // before each run, untimed
  std::vector<std::string> cleanup{};  // once after the last run
  EnvironmentVariables env{};
  std::filesystem::path cwd{};  // the suite's folder unless given
  std::optional<Nanoseconds> timeout{};
  int warmup_runs = 0;

  bool operator==(const CommandOptions&) const = default;
};

// The mock adapter (adapters/mock/) measures nothing: it makes the runs of a simulated service
// whose truth the suite states, seeded, so end-to-end tests of run, gate and baseline do not
// depend on the machine's speed. See docs/adapters/mock.md.
struct MockOptions {
  std::string request = "GET /";                      // the request's name, tagging its metrics
  Nanoseconds latency{std::chrono::milliseconds(5)};  // the median request latency
  double spread = 0.25;  // lognormal sigma of the request latencies within one run
  double noise = 0.02;   // lognormal sigma of a run's factor: the run-to-run noise
  int requests = 2000;   // requests per run
  Nanoseconds duration{std::chrono::seconds(1)};  // simulated, never slept
  double error_rate = 0;                          // share of requests that fail (status 5xx)
  uint64_t seed = 1;  // a run's values depend on the seed, the scenario and its index
  int fail_run = 0;   // 1-based: this repetition fails with exit code 1 (0: none does)

  bool operator==(const MockOptions&) const = default;
};

// std::monostate for native scenarios, whose keys are the Scenario's NativeLoad. The
// alternatives are in AdapterKind's order, so a scenario's tool.index() is its adapter's kind.
using ToolOptions = std::variant<std::monostate, K6Options, JMeterOptions, ArtilleryOptions,
                                 GbenchOptions, CommandOptions, MockOptions>;

}  // namespace perfgate
