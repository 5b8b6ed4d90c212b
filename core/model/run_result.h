// The core model: one repetition of one scenario (RunResult), and a whole suite (SuiteResult).
// Plain value types passed from adapters to gates and reports. JSON lives in result_json.h.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/histogram.h"

namespace perfgate {

using Tags = std::map<std::string, std::string>;  // ordered: stable output, usable as a key

// Every member has a default initializer so designated initializers may name only some of them
// (-Wmissing-field-initializers stays quiet).
//
// A metric is a distribution (histogram + unit), a single value (counter, rate), or both
// (a value with a per-second timeline, e.g. throughput).
struct Metric {
  std::string name{};  // e.g. "latency", "throughput", "errors"
  std::string unit{};  // "ns", "1/s", "count", "bytes", "ratio"
  Tags tags{};         // e.g. {request: "list", status: "2xx"}
  std::optional<Histogram> histogram{};
  std::optional<double> value{};
  std::vector<double> timeline{};  // one value per second of the run, when meaningful

  bool operator==(const Metric&) const = default;
};

enum class RunStatus { ok, failed, interrupted };

struct RunResult {
  int index = 0;
  RunStatus status = RunStatus::ok;
  std::string failure_reason{};  // set when status != ok
  std::string started_at{};      // ISO 8601 UTC, e.g. 2026-11-27T03:48:34Z
  double duration_s = 0;
  std::string log{};  // the tool's stdout/stderr log file, when an adapter ran a tool
  // When one process measured several repetitions (`repetitions_per_process`), the index of its
  // first: the runs of one process share its memory layout and frequency, so together they are
  // one statistical unit (docs/statistics.md). Absent: the run had a process of its own.
  std::optional<int> process{};
  std::vector<Metric> metrics{};

  // The metric with exactly this name and these tags, or nullptr.
  const Metric* find(const std::string& name, const Tags& tags = {}) const;
  // Appends `metric` and returns it. Throws std::invalid_argument when a metric with the same
  // name and tags is already present: the pair is the metric's identity across runs.
  Metric& add(Metric metric);

  bool operator==(const RunResult&) const = default;
};

struct ScenarioResult {
  std::string name{};
  std::string adapter{};  // native | k6 | jmeter | artillery | gbench | command
  std::vector<RunResult> runs{};

  bool operator==(const ScenarioResult&) const = default;
};

// Where the numbers were measured. Compared between baseline and candidate by later stages.
struct Environment {
  std::string cpu_model{};
  int cores = 0;
  std::string kernel{};
  std::string governor{};                      // empty when not readable (containers, VMs)
  std::string compiler{};                      // the compiler perfgate was built with
  std::string perfgate{};                      // perfgate's version
  std::map<std::string, std::string> tools{};  // load tool versions, e.g. {"k6": "0.49.0"}

  bool operator==(const Environment&) const = default;
};

struct GitInfo {
  std::string commit{};
  std::string branch{};
  bool dirty = false;

  bool operator==(const GitInfo&) const = default;
};

struct SuiteResult {
  std::string suite{};
  bool complete = true;  // false when interrupted or a run is missing
  Environment environment{};
  std::optional<GitInfo> git{};
  std::vector<ScenarioResult> scenarios{};

  bool operator==(const SuiteResult&) const = default;
};

const char* to_string(RunStatus status);

// The current time as ISO 8601 UTC (2026-11-27T03:48:34Z), for RunResult::started_at.
std::string utc_now_iso8601();
// A run that did not finish (status failed or interrupted), started now, with the reason and
// the log that says more (empty when none): the one way every layer makes a failed run.
RunResult unfinished_run(RunStatus status, std::string reason, const std::string& log = {});
// The inverse of to_string ("ok", "failed", "interrupted"); nullopt for any other text.
std::optional<RunStatus> parse_run_status(std::string_view text);

}  // namespace perfgate
