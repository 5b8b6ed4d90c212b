#include "core/suite/tool_loader.h"

#include <algorithm>
#include <array>
#include <limits>

#include "core/suite/service_loader.h"
#include "core/suite/suite_keys.h"

namespace perfgate::suite_detail {
namespace {

constexpr int64_t kMaxCount = 1'000'000'000;

// One scenario's keys: the common ones (name, adapter, ...) plus the adapter's own. Reading a
// key checks its type; an absent key, or one written with no value (`k6:`), reads as absent.
class ToolKeys {
 public:
  ToolKeys(const Field& field, std::filesystem::path base_dir,
           std::span<const std::string_view> own)
      : field_(field), base_dir_(std::move(base_dir)) {
    std::vector<std::string_view> allowed(suite_keys::scenario.begin(), suite_keys::scenario.end());
    allowed.insert(allowed.end(), own.begin(), own.end());
    field_.check_keys(allowed);
  }

  std::optional<Field> get(std::string_view key) const {
    auto member = field_.member(key);
    if (!member || member->is_null()) return std::nullopt;
    return member;
  }
  bool has(std::string_view key) const { return get(key).has_value(); }

  std::optional<std::string> text(std::string_view key) const {
    auto member = get(key);
    return member ? std::optional(member->text()) : std::nullopt;
  }
  // Required unless the scenario imports `files:` instead of running the tool.
  std::filesystem::path required_path(std::string_view key) const {
    if (has("files")) return path(key).value_or(std::filesystem::path());
    auto found = path(key);
    if (!found) field_.fail_missing(key, "is required for this adapter");
    return *found;
  }
  std::optional<std::filesystem::path> path(std::string_view key) const {
    auto member = get(key);
    if (!member) return std::nullopt;
    return resolve(member->nonempty_text());
  }
  std::vector<std::filesystem::path> paths(std::string_view key) const {
    std::vector<std::filesystem::path> out;
    auto member = get(key);
    if (!member) return out;
    if (!member->node().IsSequence()) return {resolve(member->nonempty_text())};
    for (const Field& item : member->items("a list of file paths"))
      out.push_back(resolve(item.nonempty_text()));
    return out;
  }
  // A list of strings; a single string reads as a list of one.
  std::vector<std::string> strings(std::string_view key) const {
    auto member = get(key);
    if (!member) return {};
    if (!member->node().IsSequence()) return {member->text()};
    std::vector<std::string> out;
    for (const Field& item : member->items("a list of strings")) out.push_back(item.text());
    return out;
  }
  // A command as [program, arguments...].
  std::vector<std::string> command(std::string_view key) const {
    std::vector<std::string> argv = strings(key);
    if (has(key) && (argv.empty() || argv.front().empty()))
      get(key)->fail("expected a command as a list: [program, arguments...]");
    return argv;
  }
  std::map<std::string, std::string> string_map(std::string_view key) const {
    auto member = get(key);
    if (!member) return {};
    member->expect_mapping("a mapping of names to values");
    member->check_unique_keys();
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : member->members()) out[name] = value.text();
    return out;
  }
  // `env:`, read as the service's is: the same names and values are accepted.
  EnvironmentVariables env() const {
    auto member = get("env");
    if (!member) return {};
    const auto variables = read_env(*member);
    return {variables.begin(), variables.end()};
  }
  std::optional<bool> boolean(std::string_view key) const {
    auto member = get(key);
    return member ? std::optional(member->boolean()) : std::nullopt;
  }
  std::optional<int> count(std::string_view key, int64_t min = 1) const {
    auto member = get(key);
    if (!member) return std::nullopt;
    return static_cast<int>(member->whole_number(min, kMaxCount));
  }
  std::optional<Nanoseconds> duration(std::string_view key) const {
    auto member = get(key);
    return member ? std::optional(member->duration()) : std::nullopt;
  }
  const std::filesystem::path& base_dir() const { return base_dir_; }

 private:
  std::filesystem::path resolve(const std::string& text) const {
    std::filesystem::path value(text);
    return value.is_absolute() ? value : base_dir_ / value;
  }

  const Field& field_;
  std::filesystem::path base_dir_;
};

constexpr std::array<std::string_view, 10> kK6Keys{
    "script", "vus", "duration", "iterations", "env", "tags", "args", "k6", "timeout", "files"};
constexpr std::array<std::string_view, 7> kJMeterKeys{"plan", "jmeter",  "properties", "args",
                                                      "env",  "timeout", "files"};
constexpr std::array<std::string_view, 8> kArtilleryKeys{
    "script", "artillery", "env", "target", "overrides", "endpoint_metrics", "timeout", "files"};
constexpr std::array<std::string_view, 9> kGbenchKeys{
    "binary", "filter",  "min_time", "random_interleaving", "repetitions_per_process", "args",
    "env",    "timeout", "files"};
constexpr std::array<std::string_view, 7> kCommandKeys{"command", "prepare", "cleanup",    "env",
                                                       "cwd",     "timeout", "warmup_runs"};
constexpr std::array<std::string_view, 9> kMockKeys{"request",    "latency",  "spread",
                                                    "noise",      "requests", "duration",
                                                    "error_rate", "seed",     "fail_run"};

K6Options read_k6(const ToolKeys& keys) {
  return {.script = keys.required_path("script"),
          .program = keys.text("k6"),
          .vus = keys.count("vus"),
          .iterations = keys.count("iterations"),
          .duration = keys.duration("duration"),
          .timeout = keys.duration("timeout"),
          .env = keys.env(),
          .tags = keys.string_map("tags"),
          .args = keys.strings("args")};
}

JMeterOptions read_jmeter(const ToolKeys& keys) {
  return {.plan = keys.required_path("plan"),
          .program = keys.command("jmeter"),
          .properties = keys.string_map("properties"),
          .args = keys.strings("args"),
          .env = keys.env(),
          .timeout = keys.duration("timeout")};
}

// `overrides:` as a mapping, or as JSON text; config and config.plugins must be mappings, as
// metrics-by-endpoint is added there.
nlohmann::json read_overrides(const ToolKeys& keys, bool endpoint_metrics) {
  auto field = keys.get("overrides");
  nlohmann::json overrides = nlohmann::json::object();
  if (field) {
    overrides = field->node().IsScalar() ? nlohmann::json::parse(field->text(), nullptr, false)
                                         : nlohmann::json(field->to_json());
    if (!overrides.is_object())
      field->fail("expected a mapping (merged into the script, e.g. {config: {...}})");
  }
  if (!endpoint_metrics) return overrides;
  try {
    overrides["config"]["plugins"]["metrics-by-endpoint"].merge_patch(nlohmann::json::object());
  } catch (const nlohmann::json::exception&) {
    field->fail("config and config.plugins must be mappings");
  }
  return overrides;
}

ArtilleryOptions read_artillery(const ToolKeys& keys) {
  const bool endpoint_metrics = keys.boolean("endpoint_metrics").value_or(true);
  return {.script = keys.required_path("script"),
          .program = keys.text("artillery"),
          .target = keys.text("target"),
          .env = keys.env(),
          .overrides = read_overrides(keys, endpoint_metrics),
          .endpoint_metrics = endpoint_metrics,
          .timeout = keys.duration("timeout")};
}

GbenchOptions read_gbench(const ToolKeys& keys) {
  return {.binary = keys.required_path("binary"),
          .filter = keys.text("filter"),
          .min_time = keys.duration("min_time"),
          .random_interleaving = keys.boolean("random_interleaving").value_or(true),
          .repetitions_per_process = keys.count("repetitions_per_process").value_or(1),
          .args = keys.strings("args"),
          .env = keys.env(),
          .timeout = keys.duration("timeout")};
}

CommandOptions read_command(const ToolKeys& keys, const Field& field) {
  CommandOptions options{.command = keys.command("command"),
                         .prepare = keys.command("prepare"),
                         .cleanup = keys.command("cleanup"),
                         .env = keys.env(),
                         .cwd = keys.path("cwd").value_or(keys.base_dir()),
                         .timeout = keys.duration("timeout"),
                         .warmup_runs = keys.count("warmup_runs", 0).value_or(0)};
  if (options.command.empty()) field.fail_missing("command", "is required for this adapter");
  return options;
}

MockOptions read_mock(const ToolKeys& keys) {
  MockOptions options;
  if (auto request = keys.get("request")) options.request = request->name_text();
  if (auto latency = keys.get("latency")) options.latency = latency->positive_duration();
  if (auto spread = keys.get("spread")) options.spread = spread->number();
  if (auto noise = keys.get("noise")) options.noise = noise->fraction();
  options.requests = keys.count("requests").value_or(options.requests);
  if (auto duration = keys.get("duration")) options.duration = duration->positive_duration();
  if (auto errors = keys.get("error_rate")) options.error_rate = errors->fraction();
  if (auto seed = keys.get("seed"))
    options.seed =
        static_cast<uint64_t>(seed->whole_number(0, std::numeric_limits<int64_t>::max()));
  options.fail_run = keys.count("fail_run", 0).value_or(0);
  return options;
}

// Each adapter's own keys and how they are read: one row per non-native adapter.
struct ToolReader {
  AdapterKind kind;
  std::span<const std::string_view> keys;
  ToolOptions (*read)(const ToolKeys& keys, const Field& scenario);
};

constexpr ToolReader kToolReaders[] = {
    {AdapterKind::k6, kK6Keys,
     [](const ToolKeys& keys, const Field&) -> ToolOptions { return read_k6(keys); }},
    {AdapterKind::jmeter, kJMeterKeys,
     [](const ToolKeys& keys, const Field&) -> ToolOptions { return read_jmeter(keys); }},
    {AdapterKind::artillery, kArtilleryKeys,
     [](const ToolKeys& keys, const Field&) -> ToolOptions { return read_artillery(keys); }},
    {AdapterKind::gbench, kGbenchKeys,
     [](const ToolKeys& keys, const Field&) -> ToolOptions { return read_gbench(keys); }},
    {AdapterKind::command, kCommandKeys,
     [](const ToolKeys& keys, const Field& field) -> ToolOptions {
       return read_command(keys, field);
     }},
    {AdapterKind::mock, kMockKeys,
     [](const ToolKeys& keys, const Field&) -> ToolOptions { return read_mock(keys); }},
};

}  // namespace

void read_tool_options(const Field& field, const std::filesystem::path& base_dir,
                       Scenario& scenario) {
  for (const ToolReader& reader : kToolReaders) {
    if (reader.kind != scenario.adapter) continue;
    const ToolKeys keys(field, base_dir, reader.keys);
    scenario.tool = reader.read(keys, field);
    scenario.files = keys.paths("files");
  }
}

}  // namespace perfgate::suite_detail
