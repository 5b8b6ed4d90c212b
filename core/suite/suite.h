// The suite file, parsed and validated: a plain value. Loading lives in suite_loader.h.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/suite/gate_policy.h"
#include "core/suite/quantity.h"
#include "core/suite/tool_options.h"

namespace perfgate {

enum class AdapterKind { native, k6, jmeter, artillery, gbench, command, mock };
const char* to_string(AdapterKind kind);

// One named HTTP request of a native scenario, chosen by weight.
struct RequestSpec {
  std::string name;  // defaults to "METHOD path"
  std::string method = "GET";
  std::string path = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  double weight = 1.0;

  bool operator==(const RequestSpec&) const = default;
};

// A k6-like stage: move linearly from the previous level to `target` over `duration`.
// The level is an arrival rate per second in the open model, and a number of active
// connections in the closed model.
struct Stage {
  Nanoseconds duration{0};
  double target = 0;

  bool operator==(const Stage&) const = default;
};

enum class LoadModel { closed, open };

// Everything the native HTTP generator needs.
struct NativeLoad {
  std::string target;  // base URL, http://host:port
  std::string host;    // parsed from target
  uint16_t port = 80;
  int threads = 1;
  int connections = 8;  // total across threads
  LoadModel model = LoadModel::closed;
  double rate_per_s = 0;  // open model: constant arrival rate (when no stages)
  // Optional ramp/hold profile, in place of a constant rate (open model) or a constant number
  // of active connections (closed model, where `connections` is at least the peak target).
  // When present, `duration` is the sum of the stage durations.
  std::vector<Stage> stages;
  Nanoseconds duration{std::chrono::seconds(10)};  // 0 = unlimited (then max_requests is set)
  uint64_t max_requests = 0;                       // 0 = unlimited
  Nanoseconds think_time{0};  // closed model: pause between a response and the next send
  Nanoseconds request_timeout{std::chrono::seconds(5)};
  Nanoseconds connect_timeout{std::chrono::seconds(2)};
  std::vector<RequestSpec> requests;  // at least one

  bool operator==(const NativeLoad&) const = default;
};

struct Scenario {
  std::string name;
  AdapterKind adapter = AdapterKind::native;
  std::optional<int> repetitions;  // overrides the suite's
  std::optional<Nanoseconds> warmup;
  NativeLoad native;  // when adapter == native
  ToolOptions tool;   // when adapter != native: the adapter's own keys, typed
  // `files: [...]`: import these outputs of the tool as the scenario's runs instead of running
  // it (k6, jmeter, artillery, gbench). Resolved against the suite file's folder.
  std::vector<std::filesystem::path> files;
  int line = 0;  // 1-based line where the scenario starts in the suite file, for messages

  bool operator==(const Scenario&) const = default;
};

// How perfgate tells that the service is ready to be measured.
enum class ReadyKind {
  none,  // no check: ready as soon as it has started
  http,  // GET http_host:http_port/http_path until it answers 2xx
  tcp,   // connect to tcp_host:tcp_port until it accepts
  log,   // a line of the service's log (stdout and stderr) matches log_pattern
};

struct ReadyCheck {
  ReadyKind kind = ReadyKind::none;
  std::string http_url;  // as written, for messages; empty unless kind == http
  std::string http_host;
  uint16_t http_port = 80;
  std::string http_path = "/";
  std::string tcp_host = "127.0.0.1";
  uint16_t tcp_port = 0;
  std::string log_pattern;  // ECMAScript regular expression, searched in each line
  Nanoseconds timeout{std::chrono::seconds(30)};

  bool operator==(const ReadyCheck&) const = default;
};

// The system under test, started before and stopped after the scenarios.
struct ServiceSpec {
  std::vector<std::string> command;                      // argv, no shell
  std::string cwd;                                       // empty: perfgate's working directory
  std::vector<std::pair<std::string, std::string>> env;  // added to perfgate's environment
  ReadyCheck ready;
  int stop_signal = 15;  // SIGTERM; sent to the service's process group at the end
  Nanoseconds grace{std::chrono::seconds(5)};  // then SIGKILL

  bool operator==(const ServiceSpec&) const = default;
};

// The order in which the scenarios run. Random order spreads slow drifts of the machine
// (thermal, background jobs) over all scenarios instead of loading them onto the last ones.
enum class ScenarioOrder { fixed, random };

struct Suite {
  std::string path;           // the file it came from
  std::string name;           // `suite:`
  std::string baseline_path;  // default .perfgate/baselines/<suite>.json; kept as written
  int repetitions = 5;
  Nanoseconds warmup{0};
  std::optional<ServiceSpec> service;
  ScenarioOrder order = ScenarioOrder::fixed;
  std::optional<uint64_t> seed;  // for order: random; drawn and printed when absent
  // How often the resources of the service (and perfgate's own CPU) are sampled during a run.
  Nanoseconds sample_interval{std::chrono::milliseconds(100)};
  gates::GatePolicy gate;  // the `gate:` block, parsed; the documented defaults when absent
  std::vector<Scenario> scenarios;

  bool operator==(const Suite&) const = default;
};

// True when scenario.tool holds the options of scenario.adapter (always, for a loaded suite).
inline bool has_options_of_its_adapter(const Scenario& scenario) {
  return scenario.tool.index() == static_cast<size_t>(scenario.adapter);
}

// The folder a suite file's relative paths resolve against.
std::filesystem::path suite_base_dir(const Suite& suite);
std::filesystem::path suite_base_dir(const std::string& suite_path);

}  // namespace perfgate
