#include "baselines/baseline_file.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/model/result_json.h"

namespace perfgate::baselines {
namespace {

using nlohmann::json;

// Known keys first, in the documented order; any other key after them, alphabetically.
constexpr std::array<std::string_view, 19> kKeyOrder{
    "schema", "suite",   "complete", "environment",    "git",        "scenarios", "name", "adapter",
    "runs",   "index",   "status",   "failure_reason", "duration_s", "metrics",   "unit", "tags",
    "value",  "summary", "histogram"};

std::size_t key_rank(const std::string& key) {
  const auto found = std::find(kKeyOrder.begin(), kKeyOrder.end(), key);
  return static_cast<std::size_t>(found - kKeyOrder.begin());
}

// Tags are user data: plain alphabetical order, whatever their names.
std::vector<std::string> ordered_keys(const json& object, bool ranked = true) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  if (!ranked) return keys;
  std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    return key_rank(a) < key_rank(b);  // json objects iterate alphabetically: ties stay sorted
  });
  return keys;
}

bool expands(const std::string& key) {
  return key == "scenarios" || key == "runs" || key == "metrics";
}

void write_compact(const json& value, std::string& out, bool ranked = true) {
  if (value.is_object()) {
    out += '{';
    bool first = true;
    for (const std::string& key : ordered_keys(value, ranked)) {
      out += first ? "" : ", ";
      first = false;
      out += json(key).dump() + ": ";
      write_compact(value.at(key), out, key != "tags");
    }
    out += '}';
  } else if (value.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) {
      out += i ? ", " : "";
      write_compact(value[i], out);
    }
    out += ']';
  } else {
    out += value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

void write_block(const json& object, int depth, std::string& out);

void write_expanded_array(const json& array, int depth, std::string& out) {
  if (array.empty()) {
    out += "[]";
    return;
  }
  const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
  out += "[\n";
  for (std::size_t i = 0; i < array.size(); ++i) {
    out += indent;
    // Metrics are leaves: one line each. Scenarios and runs open their own block.
    if (array[i].is_object() && array[i].contains("runs"))
      write_block(array[i], depth + 1, out);
    else if (array[i].is_object() && array[i].contains("metrics"))
      write_block(array[i], depth + 1, out);
    else
      write_compact(array[i], out);
    out += i + 1 < array.size() ? ",\n" : "\n";
  }
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "]";
}

void write_block(const json& object, int depth, std::string& out) {
  const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
  out += "{\n";
  const std::vector<std::string> keys = ordered_keys(object);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    out += indent + json(keys[i]).dump() + ": ";
    const json& value = object.at(keys[i]);
    if (expands(keys[i]) && value.is_array())
      write_expanded_array(value, depth + 1, out);
    else
      write_compact(value, out);
    out += i + 1 < keys.size() ? ",\n" : "\n";
  }
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + "}";
}

// Drops what no comparison reads: the per-second timelines, run start times and logs, and the
// branch and dirty flag of the measured checkout (the commit stays).
void trim(json& root) {
  if (root.contains("git") && root["git"].is_object()) {
    json commit = json::object();
    if (root["git"].contains("commit")) commit["commit"] = root["git"]["commit"];
    root["git"] = commit;
  }
  for (json& scenario : root["scenarios"])
    for (json& run : scenario["runs"]) {
      run.erase("started_at");
      run.erase("log");
      for (json& metric : run["metrics"]) metric.erase("timeline");
    }
}

}  // namespace

std::string render_baseline(const SuiteResult& result) {
  json root = to_json(result);
  trim(root);
  std::string out;
  write_block(root, 0, out);
  return out + "\n";
}

SuiteResult parse_baseline(const std::string& text, const std::string& source) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& error) {
    throw InputError(source, "byte " + std::to_string(error.byte),
                     "not a valid baseline: the file is not JSON (a merge conflict or a "
                     "truncated write?)");
  } catch (const json::exception& error) {  // e.g. a number too large for a double (1e999)
    throw InputError(source, "", std::string("not a valid baseline: ") + error.what());
  }
  return suite_result_from_json(root, source);
}

}  // namespace perfgate::baselines
