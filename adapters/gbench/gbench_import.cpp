#include "adapters/gbench/gbench_import.h"

#include <array>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "adapters/gbench/gbench_date.h"
#include "adapters/gbench/gbench_json.h"
#include "core/errors.h"

namespace perfgate {
namespace {

using nlohmann::json;

enum class TimeUnit { ns, us, ms, s };

std::optional<TimeUnit> parse_time_unit(const std::string& text) {
  if (text == "ns") return TimeUnit::ns;
  if (text == "us") return TimeUnit::us;
  if (text == "ms") return TimeUnit::ms;
  if (text == "s") return TimeUnit::s;
  return std::nullopt;
}

double nanoseconds_per(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::ns:
      return 1;
    case TimeUnit::us:
      return 1e3;
    case TimeUnit::ms:
      return 1e6;
    case TimeUnit::s:
      return 1e9;
  }
  return 1;
}

// Numeric keys with a meaning of their own; any other numeric key of a row is a user counter.
struct KnownMetric {
  const char* key;
  const char* unit;
};
constexpr std::array<KnownMetric, 7> kKnownMetrics{{
    {"items_per_second", "1/s"},
    {"bytes_per_second", "bytes/s"},
    {"iterations", "count"},
    {"allocs_per_iter", "count"},
    {"max_bytes_used", "bytes"},
    {"total_allocated_bytes", "bytes"},
    {"net_heap_growth", "bytes"},
}};

// Keys Google Benchmark writes that are not measurements of the run (see FORMATS.md section 4).
constexpr std::array<const char*, 19> kDescriptiveKeys{
    {"name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions",
     "repetition_index", "threads", "aggregate_name", "aggregate_unit", "error_occurred",
     "error_message", "skipped", "skip_message", "label", "time_unit", "cpu_coefficient",
     "real_coefficient", "big_o"}};

bool is_reserved_key(const std::string& key) {
  if (key == "real_time" || key == "cpu_time" || key == "rms") return true;
  for (const char* known : kDescriptiveKeys)
    if (key == known) return true;
  for (const KnownMetric& known : kKnownMetrics)
    if (key == known.key) return true;
  return false;
}

std::string type_name(const json& value) {
  return value.type_name();
}

// Typed access to one benchmark row, with errors naming "benchmarks[i].key".
class Row {
 public:
  Row(const json& row, std::size_t index, const std::string& source)
      : row_(row), path_("benchmarks[" + std::to_string(index) + "]"), source_(source) {}

  bool has(const char* key) const { return row_.contains(key); }
  [[noreturn]] void fail(const std::string& key, const std::string& message) const {
    throw InputError(source_, path_ + "." + key, message);
  }

  std::optional<std::string> optional_string(const char* key) const {
    if (!has(key)) return std::nullopt;
    const json& value = row_.at(key);
    if (!value.is_string()) fail(key, "expected a string, got " + type_name(value));
    return value.get<std::string>();
  }
  std::string string(const char* key) const {
    if (!has(key)) fail(key, "missing (expected a string)");
    return *optional_string(key);
  }
  bool flag(const char* key) const {
    if (!has(key)) return false;
    const json& value = row_.at(key);
    if (!value.is_boolean()) fail(key, "expected true or false, got " + type_name(value));
    return value.get<bool>();
  }
  std::optional<double> optional_number(const char* key) const {
    if (!has(key)) return std::nullopt;
    const std::optional<double> number = gbench::number_value(row_.at(key));
    if (!number) fail(key, "expected a number, got " + type_name(row_.at(key)));
    return number;
  }
  double number(const char* key) const {
    if (!has(key)) fail(key, "missing (expected a number)");
    return *optional_number(key);
  }
  const json& raw() const { return row_; }

 private:
  const json& row_;
  std::string path_;
  const std::string& source_;
};

bool is_aggregate(const Row& row) {
  const std::optional<std::string> run_type = row.optional_string("run_type");
  if (run_type && *run_type != "iteration" && *run_type != "aggregate")
    row.fail("run_type", "expected \"iteration\" or \"aggregate\", got \"" + *run_type + "\"");
  // Files older than v1.5 have no run_type; their aggregates still carry aggregate_name.
  return (run_type && *run_type == "aggregate") || row.has("aggregate_name");
}

std::string scenario_name(const Row& row) {
  if (std::optional<std::string> run_name = row.optional_string("run_name")) return *run_name;
  return row.string("name");
}

void add_value(RunResult& run, std::string name, std::string unit, double value) {
  run.add(Metric{.name = std::move(name), .unit = std::move(unit), .value = value});
}

void add_times(const Row& row, RunResult& run) {
  const std::string unit_text = row.string("time_unit");
  const std::optional<TimeUnit> unit = parse_time_unit(unit_text);
  if (!unit) row.fail("time_unit", "expected ns, us, ms or s, got \"" + unit_text + "\"");
  const double scale = nanoseconds_per(*unit);
  add_value(run, "real_time", "ns", row.number("real_time") * scale);
  add_value(run, "cpu_time", "ns", row.number("cpu_time") * scale);
}

void add_counters(const Row& row, RunResult& run) {
  for (const KnownMetric& known : kKnownMetrics)
    if (std::optional<double> value = row.optional_number(known.key))
      add_value(run, known.key, known.unit, *value);
  for (const auto& [key, value] : row.raw().items()) {
    if (is_reserved_key(key)) continue;
    // Other keys that are not numbers (a custom reporter's text, say) are not counters.
    if (std::optional<double> number = gbench::number_value(value))
      add_value(run, key, "", *number);
  }
}

RunResult run_from_row(const Row& row) {
  RunResult run;
  if (row.flag("error_occurred")) {
    run.status = RunStatus::failed;
    run.failure_reason = row.optional_string("error_message").value_or("error (no message)");
  } else if (row.flag("skipped")) {
    run.status = RunStatus::failed;
    run.failure_reason = "skipped: " + row.optional_string("skip_message").value_or("no message");
  } else {
    add_times(row, run);
    add_counters(row, run);
  }
  return run;
}

// Scenarios in order of first appearance, runs appended as files and rows are read.
class ScenarioCollector {
 public:
  void add_run(const std::string& name, RunResult run) {
    auto [slot, inserted] = index_by_name_.try_emplace(name, scenarios_.size());
    if (inserted) scenarios_.push_back(ScenarioResult{.name = name, .adapter = "gbench"});
    ScenarioResult& scenario = scenarios_[slot->second];
    run.index = static_cast<int>(scenario.runs.size());
    scenario.runs.push_back(std::move(run));
  }
  std::vector<ScenarioResult> take() { return std::move(scenarios_); }

 private:
  std::vector<ScenarioResult> scenarios_;
  std::map<std::string, std::size_t> index_by_name_;
};

// Reads only the keys of the top-level object and stops once both "context" and "benchmarks" were
// seen, so detection costs a few hundred bytes of parsing for a real file.
class TopLevelKeys : public nlohmann::json_sax<json> {
 public:
  bool found_both() const { return has_context_ && has_benchmarks_; }
  bool stopped_by_error() const { return stopped_by_error_; }

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return enter(true); }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(false); }
  bool end_array() override { return leave(); }
  bool key(string_t& name) override {
    if (depth_ == 1) {
      has_context_ = has_context_ || name == "context";
      has_benchmarks_ = has_benchmarks_ || name == "benchmarks";
    }
    return !found_both();  // false stops the parser: the answer is known
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    stopped_by_error_ = true;
    return false;
  }

 private:
  bool enter(bool is_object) {
    if (depth_ == 0 && !is_object) return false;  // top level is not an object
    ++depth_;
    return true;
  }
  bool leave() {
    --depth_;
    return true;
  }
  int depth_ = 0;
  bool has_context_ = false;
  bool has_benchmarks_ = false;
  bool stopped_by_error_ = false;
};

// nullopt when the text is not JSON up to the point where the answer would be known.
std::optional<bool> top_level_has_context_and_benchmarks(std::string_view text) {
  TopLevelKeys keys;
  try {
    json::sax_parse(text.begin(), text.end(), &keys);
  } catch (const std::exception&) {  // detection never throws
    return std::nullopt;
  }
  if (keys.found_both()) return true;
  if (keys.stopped_by_error()) return std::nullopt;
  return false;
}

const json& benchmarks_of(const json& document, const std::string& source) {
  if (!document.is_object())
    throw InputError(source, "",
                     "expected a Google Benchmark JSON object, got " + type_name(document));
  if (!document.contains("benchmarks")) {
    const bool perfgate_results = document.contains("schema") && document["schema"].is_string() &&
                                  document["schema"].get<std::string>().starts_with("perfgate/");
    throw InputError(source, "benchmarks",
                     perfgate_results
                         ? "missing: this is a perfgate results file, not Google Benchmark JSON"
                         : "missing: not Google Benchmark JSON (expected {\"context\": {...}, "
                           "\"benchmarks\": [...]})");
  }
  const json& benchmarks = document["benchmarks"];
  if (!benchmarks.is_array())
    throw InputError(source, "benchmarks", "expected an array, got " + type_name(benchmarks));
  return benchmarks;
}

// `started_at`: when the benchmark binary started (context.date), shared by all its runs.
void collect_runs(const json& document, const std::string& source, const std::string& started_at,
                  ScenarioCollector& into) {
  const json& benchmarks = benchmarks_of(document, source);
  for (std::size_t i = 0; i < benchmarks.size(); ++i) {
    if (!benchmarks[i].is_object())
      throw InputError(source, "benchmarks[" + std::to_string(i) + "]",
                       "expected an object, got " + type_name(benchmarks[i]));
    const Row row(benchmarks[i], i, source);
    if (is_aggregate(row)) continue;
    RunResult run = run_from_row(row);
    run.started_at = started_at;
    into.add_run(scenario_name(row), std::move(run));
  }
}

const json& context_of(const json& document, const std::string& source) {
  static const json empty = json::object();
  if (!document.contains("context")) return empty;
  const json& context = document["context"];
  if (!context.is_object())
    throw InputError(source, "context", "expected an object, got " + type_name(context));
  return context;
}

std::string context_string(const json& context, const char* key, const std::string& source) {
  if (!context.contains(key)) return {};
  const json& value = context[key];
  if (!value.is_string())
    throw InputError(source, std::string("context.") + key,
                     "expected a string, got " + type_name(value));
  return value.get<std::string>();
}

// Suite name and environment from context. host_name is deliberately not kept: results files are
// committed to repositories and shared on pull requests.
void describe_suite(const json& document, const std::string& source, SuiteResult& suite) {
  const json& context = context_of(document, source);
  const std::string executable = context_string(context, "executable", source);
  suite.suite = std::filesystem::path(executable.empty() ? source : executable).stem().string();
  if (context.contains("num_cpus")) {
    const json& cpus = context["num_cpus"];
    if (!cpus.is_number_integer() || cpus.get<long long>() < 0 || cpus.get<long long>() > 1 << 20)
      throw InputError(source, "context.num_cpus",
                       "expected a non-negative integer, got " + cpus.dump());
    suite.environment.cores = cpus.get<int>();
  }
  const std::string version = context_string(context, "library_version", source);
  if (!version.empty()) suite.environment.tools["gbench"] = version;
}

std::string file_started_at(const json& document, const std::string& source) {
  return gbench::utc_timestamp(context_string(context_of(document, source), "date", source));
}

json parse_document(std::string_view text, const std::string& source) {
  return gbench::parse_tolerant(text, source);
}

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "", "cannot open the file for reading");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw InputError(path, "", "cannot read the file");
  return std::move(bytes).str();
}

}  // namespace

bool looks_like_gbench(std::string_view text) {
  // A NaN before "benchmarks" (in context) stops the raw parse; the quoted copy then decides.
  if (std::optional<bool> answer = top_level_has_context_and_benchmarks(text)) return *answer;
  return top_level_has_context_and_benchmarks(gbench::quote_non_finite_tokens(text))
      .value_or(false);
}

SuiteResult import_gbench(std::string_view text, const std::string& source) {
  const json document = parse_document(text, source);
  SuiteResult suite;
  ScenarioCollector scenarios;
  collect_runs(document, source, file_started_at(document, source), scenarios);
  describe_suite(document, source, suite);
  suite.scenarios = scenarios.take();
  return suite;
}

SuiteResult import_gbench_files(const std::vector<std::string>& paths) {
  if (paths.empty()) throw InputError("", "", "no Google Benchmark files given");
  SuiteResult suite;
  ScenarioCollector scenarios;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const json document = parse_document(read_whole_file(paths[i]), paths[i]);
    collect_runs(document, paths[i], file_started_at(document, paths[i]), scenarios);
    if (i == 0) describe_suite(document, paths[i], suite);
  }
  suite.scenarios = scenarios.take();
  return suite;
}

}  // namespace perfgate
