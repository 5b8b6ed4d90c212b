#include "adapters/artillery/artillery_report.h"

#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/errors.h"

namespace perfgate::artillery {
namespace {

using nlohmann::json;

// Artillery's percentile keys and the percentile each stands for; `median` is p50's alias.
struct PercentileKey {
  const char* key;
  double percentile;
};
constexpr std::array<PercentileKey, 6> kPercentileKeys{
    {{"p50", 50}, {"p75", 75}, {"p90", 90}, {"p95", 95}, {"p99", 99}, {"p999", 99.9}}};

// Keys only the legacy 1.x aggregate has (FORMATS.md section 3, "Legacy 1.x format").
constexpr std::array<const char*, 5> kLegacyKeys{
    {"latency", "scenariosCreated", "requestsCompleted", "rps", "scenarioDuration"}};

std::string line_and_column(std::string_view text, size_t offset) {
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

json parse_json(std::string_view text, const std::string& source) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& error) {
    // error.byte counts from 1 and points just past the offending character.
    const size_t processed = error.byte > 0 ? error.byte - 1 : 0;
    std::string reason = "malformed JSON";
    if (processed >= text.size()) reason += ": the file ends early (truncated?)";
    throw InputError(source, line_and_column(text, processed),
                     reason + " (expected an Artillery report written by artillery run --output)");
  } catch (const json::exception& error) {  // e.g. out_of_range: 1e999
    throw InputError(source, "", std::string("malformed JSON: ") + error.what());
  }
}

// Turns JSON paths into "line L, key K" using the first occurrence of the key's last part at
// or after the section's own key. Exact for the aggregate (written first), so only aggregate
// and top-level fields get a line; intermediate periods are named by index alone.
class Locator {
 public:
  Locator(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& section, const std::string& path,
                         const std::string& last_key, const std::string& message) const {
    throw InputError(source_, where(section, path, last_key), message);
  }
  const std::string& source() const { return source_; }

 private:
  std::string where(const std::string& section, const std::string& path,
                    const std::string& last_key) const {
    std::string key_text = "key " + path;
    if (section != "aggregate" && section != "intermediate[0]" && section != "") return key_text;
    size_t from = section.empty() ? 0 : text_.find("\"" + section.substr(0, 9));
    size_t found = text_.find("\"" + last_key + "\"", from == std::string_view::npos ? 0 : from);
    if (found == std::string_view::npos) return key_text;
    size_t line = 1;
    for (size_t i = 0; i < found; ++i) line += text_[i] == '\n';
    return "line " + std::to_string(line) + ", " + key_text;
  }

  std::string_view text_;
  std::string source_;
};

bool is_legacy(const json& aggregate) {
  if (aggregate.contains("counters") && aggregate.contains("summaries")) return false;
  if (aggregate.contains("histograms")) return false;
  for (const char* key : kLegacyKeys)
    if (aggregate.contains(key)) return true;
  return false;
}

std::optional<double> time_value(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) {  // `period` is a string in intermediate periods
    const std::string& text = value.get_ref<const std::string&>();
    char* end = nullptr;
    double parsed = std::strtod(text.c_str(), &end);
    if (end != text.c_str() && *end == '\0' && std::isfinite(parsed)) return parsed;
  }
  return std::nullopt;
}

std::optional<double> optional_time(const json& period, const char* key) {
  auto found = period.find(key);
  return found == period.end() ? std::nullopt : time_value(*found);
}

class PeriodReader {
 public:
  PeriodReader(const Locator& locator, std::string section)
      : locator_(locator), section_(std::move(section)) {}

  Period read(const json& value) const {
    if (!value.is_object()) fail("", "", "expected an object (one period of the report)");
    Period period;
    period.counters = numbers(value, "counters", true);
    period.rates = numbers(value, "rates", false);
    period.summaries = summaries(value);
    period.period_ms = optional_time(value, "period");
    period.first_metric_at_ms = optional_time(value, "firstMetricAt");
    period.last_metric_at_ms = optional_time(value, "lastMetricAt");
    return period;
  }

 private:
  [[noreturn]] void fail(const std::string& path, const std::string& last_key,
                         const std::string& message) const {
    std::string full = path.empty() ? section_ : section_ + "." + path;
    locator_.fail(section_, full, last_key.empty() ? section_ : last_key, message);
  }

  std::map<std::string, double> numbers(const json& period, const char* key,
                                        bool non_negative) const {
    std::map<std::string, double> out;
    auto found = period.find(key);
    if (found == period.end() || found->is_null()) return out;
    if (!found->is_object()) fail(key, key, "expected an object of names to numbers");
    for (const auto& [name, item] : found->items()) {
      if (item.is_null()) continue;  // intermediate periods may hold null rates
      if (!item.is_number() || !std::isfinite(item.get<double>()) ||
          (non_negative && !(item.get<double>() >= 0 && item.get<double>() <= kMaxExactCount)))
        fail(std::string(key) + "." + name, name,
             non_negative ? "expected a count (a number of at least 0)" : "expected a number");
      out[name] = item.get<double>();
    }
    return out;
  }

  std::map<std::string, Summary> summaries(const json& period) const {
    const char* key = period.contains("summaries") ? "summaries" : "histograms";
    std::map<std::string, Summary> out;
    auto found = period.find(key);
    if (found == period.end() || found->is_null()) return out;
    if (!found->is_object()) fail(key, key, "expected an object of metric names to summaries");
    for (const auto& [name, item] : found->items())
      out[name] = summary(item, std::string(key) + "." + name, name);
    return out;
  }

  double summary_number(const json& item, const char* field, const std::string& path,
                        const std::string& name) const {
    auto found = item.find(field);
    if (found == item.end() || !found->is_number() || !std::isfinite(found->get<double>()) ||
        found->get<double>() < 0)
      fail(path + "." + field, name, "expected a number of at least 0 in the summary");
    return found->get<double>();
  }

  Summary summary(const json& item, const std::string& path, const std::string& name) const {
    if (!item.is_object()) fail(path, name, "expected a summary object {min, max, count, p50 ...}");
    Summary out;
    out.count = summary_number(item, "count", path, name);
    if (out.count == 0) return out;
    out.min_ms = summary_number(item, "min", path, name);
    out.max_ms = summary_number(item, "max", path, name);
    if (item.contains("mean") && !item["mean"].is_null())
      out.mean_ms = summary_number(item, "mean", path, name);
    for (const PercentileKey& known : kPercentileKeys) {
      const char* key = known.percentile == 50 && !item.contains("p50") ? "median" : known.key;
      if (!item.contains(key) || item[key].is_null()) continue;
      out.percentiles_ms.emplace_back(known.percentile, summary_number(item, key, path, name));
    }
    return out;
  }

  const Locator& locator_;
  std::string section_;
};

}  // namespace

double Period::counter(const std::string& name) const {
  auto found = counters.find(name);
  return found == counters.end() ? 0 : found->second;
}

Report parse_report(std::string_view text, const std::string& source) {
  json root = parse_json(text, source);
  Locator locator(text, source);
  if (!root.is_object() || !root.contains("aggregate"))
    locator.fail("", "aggregate", "aggregate",
                 "not an Artillery report: expected a JSON object with an \"aggregate\" key "
                 "(written by artillery run --output FILE)");
  const json& aggregate = root["aggregate"];
  if (aggregate.is_object() && is_legacy(aggregate))
    locator.fail("", "aggregate", "aggregate",
                 "Artillery 1.x reports are not supported (aggregate has latency/rps/"
                 "scenariosCreated instead of counters and summaries); re-run the test with "
                 "Artillery 2 (npm install artillery@2)");
  if (aggregate.is_object() && !aggregate.contains("counters"))
    locator.fail("aggregate", "aggregate.counters", "aggregate",
                 "missing: an Artillery 2 report's aggregate has counters");
  Report report;
  report.aggregate = PeriodReader(locator, "aggregate").read(aggregate);
  auto intermediate = root.find("intermediate");
  if (intermediate == root.end() || intermediate->is_null()) return report;
  if (!intermediate->is_array())
    locator.fail("", "intermediate", "intermediate", "expected a list of periods");
  for (size_t i = 0; i < intermediate->size(); ++i)
    report.intermediate.push_back(
        PeriodReader(locator, "intermediate[" + std::to_string(i) + "]").read((*intermediate)[i]));
  return report;
}

Report read_report_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "", "cannot read the file (missing or not readable)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_report(text.str(), path);
}

}  // namespace perfgate::artillery
