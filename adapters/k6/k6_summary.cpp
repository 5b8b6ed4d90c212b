#include "adapters/k6/k6_summary.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "adapters/k6/k6_samples.h"
#include "core/errors.h"

namespace perfgate::k6 {
namespace {

using nlohmann::json;

struct MetricKey {
  std::string name;  // base metric
  Tags tags;         // of a submetric "name{tag:value,...}"
};

MetricKey split_key(const std::string& key) {
  const size_t brace = key.find('{');
  if (brace == std::string::npos || key.back() != '}') return {key, {}};
  MetricKey split{key.substr(0, brace), {}};
  std::string_view inside(key.data() + brace + 1, key.size() - brace - 2);
  while (!inside.empty()) {
    const size_t comma = inside.find(',');
    const std::string_view pair = inside.substr(0, comma);
    const size_t colon = pair.find(':');
    if (colon != std::string_view::npos)
      split.tags[std::string(pair.substr(0, colon))] = std::string(pair.substr(colon + 1));
    if (comma == std::string_view::npos) break;
    inside.remove_prefix(comma + 1);
  }
  return split;
}

std::string mapped_name(const std::string& k6_name, MetricType type) {
  if (type == MetricType::trend) {
    if (k6_name == "http_req_duration") return "latency";
    if (k6_name == "http_req_waiting") return "ttfb";
    if (k6_name == "http_req_connecting") return "connect_time";
  }
  if (type == MetricType::counter) {
    if (k6_name == "http_reqs") return "requests";
    if (k6_name == "data_sent") return "bytes_sent";
    if (k6_name == "data_received") return "bytes_received";
  }
  return k6_name;
}

// "p(99.9)" -> "p99_9", "med" -> "p50", "avg" -> "mean".
std::string stat_name(const std::string& stat) {
  if (stat == "med") return "p50";
  if (stat == "avg") return "mean";
  if (stat.starts_with("p(") && stat.back() == ')') {
    std::string digits = stat.substr(2, stat.size() - 3);
    for (char& c : digits)
      if (c == '.') c = '_';
    return "p" + digits;
  }
  return stat;
}

class SummaryReader {
 public:
  SummaryReader(const json& root, const std::string& path) : root_(root), path_(path) {}

  RunResult read() {
    const json& metrics = object_at(root_, "metrics", "metrics");
    for (const auto& [key, metric] : metrics.items()) read_metric(key, metric);
    if (auto group = root_.find("root_group"); group != root_.end() && group->is_object())
      read_group(*group, "root_group");
    run_.add({.name = "thresholds_failed", .unit = "count", .value = thresholds_failed_});
    read_duration(metrics);
    return std::move(run_);
  }

 private:
  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw InputError(path_, where, what);
  }

  const json& object_at(const json& parent, const char* key, const std::string& where) const {
    auto found = parent.find(key);
    if (found == parent.end()) fail(where, "missing");
    if (!found->is_object()) fail(where, "expected an object");
    return *found;
  }

  double number_at(const json& values, const std::string& key, const std::string& where) const {
    auto found = values.find(key);
    if (found == values.end()) fail(where + "." + key, "missing");
    if (!found->is_number() || !std::isfinite(found->get<double>()))
      fail(where + "." + key, "expected a number");
    return found->get<double>();
  }

  // handleSummary data has type/contains/values; summary-export flattens values into the metric.
  void read_metric(const std::string& key, const json& metric) {
    const std::string where = "metrics." + key;
    if (!metric.is_object()) fail(where, "expected an object");
    MetricKey split = split_key(key);
    const bool nested = metric.contains("values");
    const json& values = nested ? object_at(metric, "values", where + ".values") : metric;
    const std::string values_where = nested ? where + ".values" : where;
    auto [type, kind] = type_of(split.name, metric, values, where);
    add_values(split, type, kind, values, values_where);
    if (auto thresholds = metric.find("thresholds"); thresholds != metric.end())
      read_thresholds(key, *thresholds, where + ".thresholds");
  }

  std::pair<MetricType, ValueKind> type_of(const std::string& name, const json& metric,
                                           const json& values, const std::string& where) const {
    if (metric.contains("type")) {
      auto type = metric["type"].is_string() ? parse_metric_type(metric["type"].get<std::string>())
                                             : std::nullopt;
      if (!type) fail(where + ".type", "expected counter, gauge, rate or trend");
      auto kind = metric.contains("contains") && metric["contains"].is_string()
                      ? parse_value_kind(metric["contains"].get<std::string>())
                      : std::optional<ValueKind>(ValueKind::plain);
      return {*type, kind.value_or(ValueKind::plain)};
    }
    if (auto builtin = builtin_metric(name)) return *builtin;
    // Custom metrics in summary-export: the keys say the type; a trend's unit is unknown.
    if (values.contains("passes") || values.contains("fails"))
      return {MetricType::rate, ValueKind::plain};
    if (values.contains("count") && values.contains("rate"))
      return {MetricType::counter, ValueKind::plain};
    if (values.contains("avg") || values.contains("med"))
      return {MetricType::trend, ValueKind::plain};
    if (values.contains("value")) return {MetricType::gauge, ValueKind::plain};
    fail(where, "not a k6 summary metric (no count, rate, value or trend statistics)");
  }

  void add_value(std::string name, std::string unit, const Tags& tags, double value) {
    run_.add({.name = std::move(name), .unit = std::move(unit), .tags = tags, .value = value});
  }

  void add_values(const MetricKey& key, MetricType type, ValueKind kind, const json& values,
                  const std::string& where) {
    const std::string name = mapped_name(key.name, type);
    switch (type) {
      case MetricType::trend:
        return add_trend(name, key.tags, kind, values, where);
      case MetricType::counter:
        add_value(name, kind == ValueKind::data ? "bytes" : "count", key.tags,
                  number_at(values, "count", where));
        if (key.name == "http_reqs")
          add_value("throughput", "1/s", key.tags, number_at(values, "rate", where));
        return;
      case MetricType::rate:
        return add_rate(key, values, where);
      case MetricType::gauge:
        add_value(name, "", key.tags,
                  values.contains("max") ? number_at(values, "max", where)
                                         : number_at(values, "value", where));
        return;
    }
  }

  void add_trend(const std::string& name, const Tags& tags, ValueKind kind, const json& values,
                 const std::string& where) {
    const double scale = kind == ValueKind::time ? 1e6 : 1;
    const char* unit = kind == ValueKind::time ? "ns" : kind == ValueKind::data ? "bytes" : "";
    for (const auto& [stat, value] : values.items()) {
      if (stat == "thresholds") continue;
      if (!value.is_number() || !std::isfinite(value.get<double>()))
        fail(where + "." + stat, "expected a number");
      if (stat == "count")
        add_value(name + "_count", "count", tags, value.get<double>());
      else
        add_value(name + "_" + stat_name(stat), unit, tags, value.get<double>() * scale);
    }
  }

  void add_rate(const MetricKey& key, const json& values, const std::string& where) {
    const char* rate_key = values.contains("value") ? "value" : "rate";
    const double rate = number_at(values, rate_key, where);
    if (rate < 0 || rate > 1) fail(where + "." + rate_key, "expected a rate between 0 and 1");
    const double passes = number_at(values, "passes", where);
    if (key.name == "http_req_failed") {
      add_value("error_rate", "ratio", key.tags, rate);
      add_value("errors", "count", key.tags, passes);
      return;
    }
    add_value(key.name, "ratio", key.tags, rate);
    add_value(key.name + "_passes", "count", key.tags, passes);
    add_value(key.name + "_fails", "count", key.tags, number_at(values, "fails", where));
  }

  // summary-export: {"expr": true} means FAILED; handleSummary: {"expr": {"ok": false}}.
  void read_thresholds(const std::string& key, const json& thresholds, const std::string& where) {
    if (!thresholds.is_object()) fail(where, "expected an object");
    for (const auto& [expression, result] : thresholds.items()) {
      bool failed = false;
      if (result.is_boolean())
        failed = result.get<bool>();
      else if (result.is_object() && result.contains("ok") && result["ok"].is_boolean())
        failed = !result["ok"].get<bool>();
      else
        fail(where + "." + expression, "expected true/false or {\"ok\": bool}");
      add_value("threshold_failed", "count", {{"metric", key}, {"threshold", expression}},
                failed ? 1 : 0);
      thresholds_failed_ += failed ? 1 : 0;
    }
  }

  // Groups and checks are objects keyed by name (summary-export) or arrays (handleSummary).
  void read_group(const json& group, const std::string& where) {
    const std::string path =
        group.contains("path") && group["path"].is_string() ? group["path"].get<std::string>() : "";
    if (auto checks = group.find("checks"); checks != group.end() && checks->is_structured())
      for (const auto& [index, check] : checks->items())
        read_check(check, path, where + ".checks." + index);
    if (auto groups = group.find("groups"); groups != group.end() && groups->is_structured())
      for (const auto& [index, child] : groups->items())
        if (child.is_object()) read_group(child, where + ".groups." + index);
  }

  void read_check(const json& check, const std::string& group_path, const std::string& where) {
    if (!check.is_object()) fail(where, "expected an object");
    auto name = check.find("name");
    if (name == check.end() || !name->is_string()) fail(where + ".name", "expected a string");
    Tags tags{{"check", name->get<std::string>()}};
    if (!group_path.empty()) tags["group"] = group_path;
    if (run_.find("checks_passes", tags)) return;  // the same check name twice in a group
    add_value("checks_passes", "count", tags, number_at(check, "passes", where));
    add_value("checks_fails", "count", tags, number_at(check, "fails", where));
  }

  void read_duration(const json& metrics) {
    if (auto state = root_.find("state"); state != root_.end() && state->is_object())
      if (auto ms = state->find("testRunDurationMs"); ms != state->end() && ms->is_number()) {
        run_.duration_s = ms->get<double>() / 1000;
        return;
      }
    for (const char* counter : {"http_reqs", "iterations"}) {
      auto metric = metrics.find(counter);
      if (metric == metrics.end() || !metric->is_object()) continue;
      const json& values = metric->contains("values") ? (*metric)["values"] : *metric;
      if (!values.is_object()) continue;
      const double count = values.value("count", 0.0), rate = values.value("rate", 0.0);
      if (count > 0 && rate > 0) {
        run_.duration_s = count / rate;
        return;
      }
    }
  }

  const json& root_;
  const std::string& path_;
  RunResult run_;
  double thresholds_failed_ = 0;
};

}  // namespace

bool looks_like_summary(std::string_view text) {
  const json root = json::parse(text, nullptr, false);
  return root.is_object() && root.contains("metrics") && root["metrics"].is_object() &&
         root.contains("root_group");
}

RunResult import_summary(std::string_view text, const std::string& path) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& error) {
    // nlohmann reports a byte offset; turn it into line and column.
    const size_t at = std::min(error.byte == 0 ? 0 : error.byte - 1, text.size());
    const std::string_view before = text.substr(0, at);
    const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
    const size_t column =
        at - (before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1) + 1;
    const bool truncated = error.byte >= text.size();
    throw InputError(path, "line " + std::to_string(line) + ", column " + std::to_string(column),
                     truncated ? "the JSON ends early: truncated summary file"
                               : std::string("malformed JSON (") + error.what() + ")");
  }
  if (!root.is_object() || !root.contains("metrics"))
    throw InputError(path, "",
                     "not a k6 output file: JSON without a \"metrics\" object (expected "
                     "a k6 --summary-export or handleSummary file)");
  if (root.contains("version") && root.contains("results"))
    throw InputError(path, "version",
                     "k6's machine-readable summary (--new-machine-readable-summary) is not read "
                     "yet; import the run's --out json file, or the legacy --summary-export");
  return SummaryReader(root, path).read();
}

}  // namespace perfgate::k6
