#include "core/model/result_json.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/model/atomic_file.h"

namespace perfgate {

using nlohmann::json;
using nlohmann::ordered_json;

// ---------------------------------------------------------------------------------------------
// Writing. ordered_json keeps the documented key order (schema first), which reads and diffs
// better than alphabetical order.

namespace {

ordered_json summary_json(const Histogram& histogram) {
  return ordered_json{{"count", histogram.count()},
                      {"min", histogram.min()},
                      {"mean", histogram.mean()},
                      {"p50", histogram.value_at_percentile(50)},
                      {"p90", histogram.value_at_percentile(90)},
                      {"p95", histogram.value_at_percentile(95)},
                      {"p99", histogram.value_at_percentile(99)},
                      {"p999", histogram.value_at_percentile(99.9)},
                      {"max", histogram.max()}};
}

ordered_json metric_json(const Metric& metric) {
  ordered_json out{{"name", metric.name}, {"unit", metric.unit}};
  if (!metric.tags.empty()) out["tags"] = metric.tags;
  if (metric.histogram) {
    out["summary"] = summary_json(*metric.histogram);
    out["histogram"] = metric.histogram->encode();
  }
  if (metric.value) out["value"] = *metric.value;
  if (!metric.timeline.empty()) out["timeline"] = metric.timeline;
  return out;
}

ordered_json run_json(const RunResult& run) {
  ordered_json out{{"index", run.index}, {"status", to_string(run.status)}};
  if (run.status != RunStatus::ok) out["failure_reason"] = run.failure_reason;
  out["started_at"] = run.started_at;
  out["duration_s"] = run.duration_s;
  if (!run.log.empty()) out["log"] = run.log;
  if (run.process) out["process"] = *run.process;
  out["metrics"] = ordered_json::array();
  for (const Metric& metric : run.metrics) out["metrics"].push_back(metric_json(metric));
  return out;
}

ordered_json scenario_json(const ScenarioResult& scenario) {
  ordered_json out{{"name", scenario.name}, {"adapter", scenario.adapter}};
  out["runs"] = ordered_json::array();
  for (const RunResult& run : scenario.runs) out["runs"].push_back(run_json(run));
  return out;
}

ordered_json environment_json(const Environment& environment) {
  return ordered_json{{"cpu_model", environment.cpu_model}, {"cores", environment.cores},
                      {"kernel", environment.kernel},       {"governor", environment.governor},
                      {"compiler", environment.compiler},   {"perfgate", environment.perfgate},
                      {"tools", environment.tools}};
}

ordered_json to_ordered_json(const SuiteResult& result) {
  ordered_json out{{"schema", kResultSchema},
                   {"suite", result.suite},
                   {"complete", result.complete},
                   {"environment", environment_json(result.environment)}};
  if (result.git) {
    out["git"] = ordered_json{{"commit", result.git->commit},
                              {"branch", result.git->branch},
                              {"dirty", result.git->dirty}};
  }
  out["scenarios"] = ordered_json::array();
  for (const ScenarioResult& scenario : result.scenarios) {
    out["scenarios"].push_back(scenario_json(scenario));
  }
  return out;
}

}  // namespace

json to_json(const SuiteResult& result) {
  return json(to_ordered_json(result));
}

// ---------------------------------------------------------------------------------------------
// Reading. Every field is checked; an error names the source file and the field path.

namespace {

std::string field_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string element_path(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

const char* type_name(const json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  return "null";
}

class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    throw InputError(source_, path, message);
  }

  void expect(bool ok, const json& value, const std::string& path, const char* expected) const {
    if (!ok) fail(path, std::string("expected ") + expected + ", found " + type_name(value));
  }

  const json& object(const json& value, const std::string& path) const {
    expect(value.is_object(), value, path, "an object");
    return value;
  }

  const json& array(const json& value, const std::string& path) const {
    expect(value.is_array(), value, path, "an array");
    return value;
  }

  // nullptr when `key` is absent from `parent` (an object).
  static const json* find(const json& parent, std::string_view key) {
    const auto found = parent.find(key);
    return found == parent.end() ? nullptr : &*found;
  }

  const json& required(const json& parent, const std::string& path, std::string_view key) const {
    const json* value = find(parent, key);
    if (value == nullptr) fail(field_path(path, key), "missing required field");
    return *value;
  }

  std::string string(const json& value, const std::string& path) const {
    expect(value.is_string(), value, path, "a string");
    return value.get<std::string>();
  }

  bool boolean(const json& value, const std::string& path) const {
    expect(value.is_boolean(), value, path, "a boolean");
    return value.get<bool>();
  }

  // Non-finite numbers are written as null (JSON has no NaN), so null reads back as NaN.
  double number(const json& value, const std::string& path) const {
    if (value.is_null()) return std::numeric_limits<double>::quiet_NaN();
    expect(value.is_number(), value, path, "a number");
    return value.get<double>();
  }

  int non_negative_int(const json& value, const std::string& path) const {
    // Parsed JSON holds non-negative integers as unsigned, built JSON as signed: accept both.
    bool fits = false;
    if (value.is_number_unsigned()) {
      fits = value.get<uint64_t>() <= INT32_MAX;
    } else if (value.is_number_integer()) {
      fits = value.get<int64_t>() >= 0 && value.get<int64_t>() <= INT32_MAX;
    }
    expect(fits, value, path, "a non-negative integer");
    return value.get<int>();
  }

  std::map<std::string, std::string> string_map(const json& value, const std::string& path) const {
    std::map<std::string, std::string> out;
    for (const auto& [key, item] : object(value, path).items()) {
      out[key] = string(item, field_path(path, key));
    }
    return out;
  }

  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

void check_schema(const Reader& reader, const json& root) {
  const std::string schema = reader.string(reader.required(root, "", "schema"), "schema");
  if (schema != kResultSchema) {
    reader.fail("schema", "unknown schema \"" + schema + "\"; this build of perfgate reads \"" +
                              kResultSchema + "\"");
  }
}

Environment read_environment(const Reader& reader, const json& value, const std::string& path) {
  reader.object(value, path);
  Environment out;
  const auto text = [&](std::string_view key, std::string& target) {
    if (const json* item = Reader::find(value, key))
      target = reader.string(*item, field_path(path, key));
  };
  text("cpu_model", out.cpu_model);
  text("kernel", out.kernel);
  text("governor", out.governor);
  text("compiler", out.compiler);
  text("perfgate", out.perfgate);
  if (const json* cores = Reader::find(value, "cores")) {
    out.cores = reader.non_negative_int(*cores, field_path(path, "cores"));
  }
  if (const json* tools = Reader::find(value, "tools")) {
    out.tools = reader.string_map(*tools, field_path(path, "tools"));
  }
  return out;
}

GitInfo read_git(const Reader& reader, const json& value, const std::string& path) {
  reader.object(value, path);
  GitInfo out;
  if (const json* commit = Reader::find(value, "commit")) {
    out.commit = reader.string(*commit, field_path(path, "commit"));
  }
  if (const json* branch = Reader::find(value, "branch")) {
    out.branch = reader.string(*branch, field_path(path, "branch"));
  }
  if (const json* dirty = Reader::find(value, "dirty")) {
    out.dirty = reader.boolean(*dirty, field_path(path, "dirty"));
  }
  return out;
}

Histogram read_histogram(const Reader& reader, const json& value, const std::string& path) {
  const std::string text = reader.string(value, path);
  try {
    return Histogram::decode(text);
  } catch (const std::invalid_argument& error) {
    reader.fail(path, std::string("not a valid histogram encoding (") + error.what() + ")");
  }
}

// "summary" is a convenience for readers of the file; the histogram is authoritative.
Metric read_metric(const Reader& reader, const json& value, const std::string& path) {
  reader.object(value, path);
  Metric out;
  out.name = reader.string(reader.required(value, path, "name"), field_path(path, "name"));
  if (const json* unit = Reader::find(value, "unit")) {
    out.unit = reader.string(*unit, field_path(path, "unit"));
  }
  if (const json* tags = Reader::find(value, "tags")) {
    out.tags = reader.string_map(*tags, field_path(path, "tags"));
  }
  if (const json* histogram = Reader::find(value, "histogram")) {
    out.histogram = read_histogram(reader, *histogram, field_path(path, "histogram"));
  }
  if (const json* number = Reader::find(value, "value")) {
    out.value = reader.number(*number, field_path(path, "value"));
  }
  if (const json* timeline = Reader::find(value, "timeline")) {
    const std::string timeline_path = field_path(path, "timeline");
    for (size_t i = 0; i < reader.array(*timeline, timeline_path).size(); ++i) {
      out.timeline.push_back(reader.number((*timeline)[i], element_path(timeline_path, i)));
    }
  }
  return out;
}

RunStatus read_status(const Reader& reader, const json& value, const std::string& path) {
  const std::string text = reader.string(value, path);
  const std::optional<RunStatus> status = parse_run_status(text);
  if (!status)
    reader.fail(path, "unknown status \"" + text + "\"; expected ok, failed or interrupted");
  return *status;
}

void read_metrics(const Reader& reader, const json& value, const std::string& path,
                  RunResult& run) {
  for (size_t i = 0; i < reader.array(value, path).size(); ++i) {
    const std::string metric_path = element_path(path, i);
    Metric metric = read_metric(reader, value[i], metric_path);
    if (run.find(metric.name, metric.tags) != nullptr) {
      reader.fail(metric_path, "duplicate metric \"" + metric.name + "\" with the same tags");
    }
    run.add(std::move(metric));
  }
}

RunResult read_run(const Reader& reader, const json& value, const std::string& path,
                   size_t position) {
  reader.object(value, path);
  RunResult out;
  out.index = static_cast<int>(position);
  if (const json* index = Reader::find(value, "index")) {
    out.index = reader.non_negative_int(*index, field_path(path, "index"));
  }
  if (const json* status = Reader::find(value, "status")) {
    out.status = read_status(reader, *status, field_path(path, "status"));
  }
  if (const json* reason = Reader::find(value, "failure_reason")) {
    out.failure_reason = reader.string(*reason, field_path(path, "failure_reason"));
  }
  if (const json* started = Reader::find(value, "started_at")) {
    out.started_at = reader.string(*started, field_path(path, "started_at"));
  }
  if (const json* duration = Reader::find(value, "duration_s")) {
    out.duration_s = reader.number(*duration, field_path(path, "duration_s"));
  }
  if (const json* log = Reader::find(value, "log")) {
    out.log = reader.string(*log, field_path(path, "log"));
  }
  if (const json* process = Reader::find(value, "process")) {
    out.process = reader.non_negative_int(*process, field_path(path, "process"));
  }
  if (const json* metrics = Reader::find(value, "metrics")) {
    read_metrics(reader, *metrics, field_path(path, "metrics"), out);
  }
  return out;
}

ScenarioResult read_scenario(const Reader& reader, const json& value, const std::string& path) {
  reader.object(value, path);
  ScenarioResult out;
  out.name = reader.string(reader.required(value, path, "name"), field_path(path, "name"));
  if (const json* adapter = Reader::find(value, "adapter")) {
    out.adapter = reader.string(*adapter, field_path(path, "adapter"));
  }
  if (const json* runs = Reader::find(value, "runs")) {
    const std::string runs_path = field_path(path, "runs");
    for (size_t i = 0; i < reader.array(*runs, runs_path).size(); ++i) {
      out.runs.push_back(read_run(reader, (*runs)[i], element_path(runs_path, i), i));
    }
  }
  return out;
}

}  // namespace

SuiteResult suite_result_from_json(const json& root, const std::string& source) {
  const Reader reader(source);
  if (!root.is_object()) reader.fail("", "expected a JSON object at the top level");
  check_schema(reader, root);
  SuiteResult out;
  out.suite = reader.string(reader.required(root, "", "suite"), "suite");
  if (const json* complete = Reader::find(root, "complete")) {
    out.complete = reader.boolean(*complete, "complete");
  }
  if (const json* environment = Reader::find(root, "environment")) {
    out.environment = read_environment(reader, *environment, "environment");
  }
  if (const json* git = Reader::find(root, "git")) out.git = read_git(reader, *git, "git");
  if (const json* scenarios = Reader::find(root, "scenarios")) {
    for (size_t i = 0; i < reader.array(*scenarios, "scenarios").size(); ++i) {
      out.scenarios.push_back(read_scenario(reader, (*scenarios)[i], element_path("scenarios", i)));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Files.

namespace {

// what() starts with "[json.exception.parse_error.101] "; the rest names line and column.
std::string without_exception_id(const json::exception& error) {
  std::string message = error.what();
  const size_t bracket = message.find("] ");
  if (bracket != std::string::npos) message.erase(0, bracket + 2);
  return message;
}

}  // namespace

SuiteResult read_results_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) throw InputError(path, "", "is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "", std::string("cannot open: ") + std::strerror(errno));
  json root;
  try {
    root = json::parse(in);
  } catch (const json::parse_error& error) {
    throw InputError(
        path, "",
        "not valid JSON (byte " + std::to_string(error.byte) + "): " + without_exception_id(error));
  } catch (const json::out_of_range& error) {  // a number too large for a double, e.g. 1e999
    throw InputError(path, "", "not valid JSON: " + without_exception_id(error));
  }
  return suite_result_from_json(root, path);
}

void write_results_file(const SuiteResult& result, const std::string& path) {
  // Invalid UTF-8 (e.g. a tool's stderr in a failure reason) is replaced, not fatal.
  const std::string text =
      to_ordered_json(result).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  write_file_atomically(path, text);
}

}  // namespace perfgate
