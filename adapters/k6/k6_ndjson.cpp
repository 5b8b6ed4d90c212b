#include "adapters/k6/k6_ndjson.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "adapters/k6/k6_samples.h"
#include "adapters/k6/k6_time.h"
#include "core/errors.h"

namespace perfgate::k6 {
namespace {

struct PointFields {
  std::string_view metric;
  std::string_view time;
  std::string_view tags;  // the raw object text, "{...}"
  double value = 0;
};

// Consumes `literal` at the front of `rest`.
bool eat(std::string_view& rest, std::string_view literal) {
  if (rest.substr(0, literal.size()) != literal) return false;
  rest.remove_prefix(literal.size());
  return true;
}

// A plain JSON string body up to its closing quote; false when it holds an escape.
bool plain_string(std::string_view& rest, std::string_view& out) {
  const auto* quote = static_cast<const char*>(std::memchr(rest.data(), '"', rest.size()));
  if (!quote) return false;
  out = rest.substr(0, static_cast<size_t>(quote - rest.data()));
  if (std::memchr(out.data(), '\\', out.size())) return false;
  rest.remove_prefix(out.size() + 1);
  return true;
}

// A flat object of plain strings, "{...}", as raw text.
bool flat_object(std::string_view& rest, std::string_view& out) {
  if (rest.empty() || rest.front() != '{') return false;
  size_t at = 1;
  while (at < rest.size()) {
    const char c = rest[at];
    if (c == '}') {
      out = rest.substr(0, at + 1);
      rest.remove_prefix(at + 1);
      return true;
    }
    if (c == '{' || c == '[' || c == '\\') return false;
    if (c == '"') {
      const auto* quote =
          static_cast<const char*>(std::memchr(rest.data() + at + 1, '"', rest.size() - at - 1));
      if (!quote) return false;
      at = static_cast<size_t>(quote - rest.data());
      if (std::memchr(rest.data(), '\\', at)) return false;
    }
    ++at;
  }
  return false;
}

bool number(std::string_view& rest, double& out) {
  auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), out);
  if (error != std::errc() || !std::isfinite(out)) return false;
  rest.remove_prefix(static_cast<size_t>(end - rest.data()));
  return true;
}

// The fast path: k6's own Point line shape, or false (the caller then parses it as JSON).
bool scan_point(std::string_view rest, PointFields& out) {
  std::string_view ignored;
  return eat(rest, R"({"metric":")") && plain_string(rest, out.metric) &&
         eat(rest, R"(,"type":"Point","data":{"time":")") && plain_string(rest, out.time) &&
         eat(rest, R"(,"value":)") && number(rest, out.value) && eat(rest, R"(,"tags":)") &&
         flat_object(rest, out.tags) &&
         (rest == "}}" ||
          (eat(rest, R"(,"metadata":)") && flat_object(rest, ignored) && rest == "}}"));
}

class NdjsonReader {
 public:
  NdjsonReader(LineReader& reader, const std::string& path) : reader_(reader), path_(path) {}

  RunResult read() {
    std::string_view line;
    while (reader_.next(line)) {
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      PointFields point;
      if (scan_point(line, point))
        add_point(point);
      else
        read_json_line(line);
    }
    if (sink_.samples() == 0)
      throw InputError(path_, "", "no Point lines: the k6 run recorded no samples");
    return sink_.build(tags_);
  }

 private:
  [[noreturn]] void fail(const std::string& what, const std::string& field = "") const {
    std::string where = "line " + std::to_string(reader_.line_number());
    if (!field.empty()) where += ", field " + field;
    throw InputError(path_, where, what);
  }

  void add_point(const PointFields& point) {
    const std::optional<int64_t> time_ns = parse_rfc3339_ns(point.time);
    if (!time_ns)
      fail("expected an RFC 3339 time, got \"" + std::string(point.time.substr(0, 40)) + "\"",
           "data.time");
    const uint32_t metric = metric_id(point.metric);
    sink_.add(metric, tag_set(point.tags), point.value, *time_ns);
  }

  uint32_t metric_id(std::string_view name) {
    if (name == last_metric_name_) return last_metric_id_;
    last_metric_name_.assign(name);
    last_metric_id_ = sink_.metric_id(name);
    return last_metric_id_;
  }

  uint32_t tag_set(std::string_view raw) {
    if (raw == last_tags_) return last_tag_set_;
    uint32_t id = 0;
    try {
      id = sink_.tag_set_id(raw);
    } catch (const std::length_error& error) {
      fail(error.what(), "data.tags");
    }
    if (id == tags_.size()) tags_.push_back(parse_tags(raw));
    last_tags_.assign(raw);
    last_tag_set_ = id;
    return id;
  }

  Tags parse_tags(std::string_view raw) const {
    nlohmann::json object = nlohmann::json::parse(raw, nullptr, false);
    if (object.is_null()) return {};
    if (!object.is_object()) fail("expected an object of tags", "data.tags");
    Tags tags;
    for (const auto& [key, value] : object.items())
      tags[key] = value.is_string() ? value.get<std::string>() : value.dump();
    return tags;
  }

  nlohmann::json parse_json(std::string_view line) const {
    try {
      return nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& error) {
      if (reader_.ended_without_newline())
        fail(
            "the file ends in the middle of this line: truncated (k6 still writing, or the "
            "copy was cut short)");
      fail(std::string("not a JSON line (") + error.what() + ")");
    }
  }

  const nlohmann::json& field(const nlohmann::json& object, const char* key,
                              const std::string& path) const {
    auto found = object.find(key);
    if (found == object.end()) fail("missing", path);
    return *found;
  }

  std::string text_field(const nlohmann::json& object, const char* key,
                         const std::string& path) const {
    const nlohmann::json& value = field(object, key, path);
    if (!value.is_string()) fail("expected a string", path);
    return value.get<std::string>();
  }

  void read_json_line(std::string_view line) {
    const nlohmann::json object = parse_json(line);
    if (!object.is_object()) fail("expected a k6 Metric or Point object");
    auto type = object.find("type");
    if (type == object.end() || !type->is_string())
      fail("expected a k6 Metric or Point line (no \"type\")", "type");
    const nlohmann::json& data = field(object, "data", "data");
    if (!data.is_object()) fail("expected an object", "data");
    if (*type == "Metric") return declare(object, data);
    if (*type != "Point") fail("expected \"Metric\" or \"Point\"", "type");
    add_json_point(object, data);
  }

  void declare(const nlohmann::json& object, const nlohmann::json& data) {
    // Very old files have no data.name; the top-level "metric" always names it.
    std::string name = data.contains("name") ? text_field(data, "name", "data.name")
                                             : text_field(object, "metric", "metric");
    const std::optional<MetricType> type = parse_metric_type(text_field(data, "type", "data.type"));
    if (!type) fail("expected counter, gauge, rate or trend", "data.type");
    std::optional<ValueKind> kind = ValueKind::plain;
    if (data.contains("contains"))
      kind = parse_value_kind(text_field(data, "contains", "data.contains"));
    if (!kind) fail("expected default, time or data", "data.contains");
    sink_.declare(name, *type, *kind);
    last_metric_name_.clear();
  }

  void add_json_point(const nlohmann::json& object, const nlohmann::json& data) {
    const std::string metric = text_field(object, "metric", "metric");
    const std::string time = text_field(data, "time", "data.time");
    const nlohmann::json& value = field(data, "value", "data.value");
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      fail("expected a number", "data.value");
    auto tags = data.find("tags");
    if (tags != data.end() && !tags->is_object() && !tags->is_null())
      fail("expected an object of tags", "data.tags");
    const std::string raw_tags = tags == data.end() || tags->is_null() ? "{}" : tags->dump();
    add_point({.metric = metric, .time = time, .tags = raw_tags, .value = value.get<double>()});
  }

  LineReader& reader_;
  const std::string& path_;
  SampleSink sink_;
  std::vector<Tags> tags_;  // parsed, by tag set id
  std::string last_metric_name_;
  uint32_t last_metric_id_ = 0;
  std::string last_tags_;
  uint32_t last_tag_set_ = 0;
};

}  // namespace

bool looks_like_ndjson_line(std::string_view line) {
  PointFields point;
  if (scan_point(line, point)) return true;
  const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
  if (!object.is_object()) return false;
  auto type = object.find("type");
  return type != object.end() && (*type == "Metric" || *type == "Point") && object.contains("data");
}

RunResult import_ndjson(LineReader& reader, const std::string& path) {
  return NdjsonReader(reader, path).read();
}

}  // namespace perfgate::k6
