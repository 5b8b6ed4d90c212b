#include "adapters/scenario_options.h"

#include <algorithm>

#include "harness/errors.h"
#include "harness/suite/yaml_field.h"

namespace perfgate {

std::filesystem::path suite_base_dir(const Suite& suite) {
  std::filesystem::path parent = std::filesystem::path(suite.path).parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

ScenarioOptions::ScenarioOptions(const Suite& suite, size_t scenario_index)
    : suite_path_(suite.path),
      base_dir_(suite_base_dir(suite)),
      index_(scenario_index),
      line_(suite.scenarios.at(scenario_index).line) {
  const std::string& text = suite.scenarios.at(scenario_index).options_json;
  options_ = text.empty() ? nlohmann::json::object() : nlohmann::json::parse(text);
}

std::string ScenarioOptions::where(std::string_view key) const {
  std::string text = line_ > 0 ? "line " + std::to_string(line_) + ", " : "";
  return text + "key scenarios[" + std::to_string(index_) + "]." + std::string(key);
}

void ScenarioOptions::fail(std::string_view key, const std::string& message) const {
  throw InputError(suite_path_, where(key), message);
}

const nlohmann::json* ScenarioOptions::find(std::string_view key) const {
  auto found = options_.find(std::string(key));
  return found == options_.end() || found->is_null() ? nullptr : &*found;
}

bool ScenarioOptions::has(std::string_view key) const {
  return find(key) != nullptr;
}

void ScenarioOptions::allow_only(std::initializer_list<std::string_view> allowed) const {
  std::vector<std::string_view> candidates(allowed);
  for (const auto& [key, value] : options_.items()) {
    if (std::find(candidates.begin(), candidates.end(), key) != candidates.end()) continue;
    std::string_view suggestion = suite_detail::closest_word(key, candidates);
    std::string message = "unknown key for this adapter";
    if (!suggestion.empty()) message += "; did you mean '" + std::string(suggestion) + "'?";
    fail(key, message);
  }
}

std::optional<std::string> ScenarioOptions::string(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (!value) return std::nullopt;
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number() || value->is_boolean()) return value->dump();
  fail(key, "expected a text value");
}

std::string ScenarioOptions::required_string(std::string_view key) const {
  std::optional<std::string> value = string(key);
  if (!value || value->empty()) fail(key, "is required for this adapter");
  return *value;
}

std::vector<std::string> ScenarioOptions::strings(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (!value) return {};
  if (!value->is_array()) return {*string(key)};
  std::vector<std::string> out;
  for (size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& item = (*value)[i];
    std::string item_key = std::string(key) + "[" + std::to_string(i) + "]";
    if (item.is_string())
      out.push_back(item.get<std::string>());
    else if (item.is_number() || item.is_boolean())
      out.push_back(item.dump());
    else
      fail(item_key, "expected a text value");
  }
  return out;
}

std::optional<bool> ScenarioOptions::boolean(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) fail(key, "expected true or false");
  return value->get<bool>();
}

std::optional<double> ScenarioOptions::number(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_number()) fail(key, "expected a number");
  return value->get<double>();
}

std::optional<int> ScenarioOptions::positive_int(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (!value) return std::nullopt;
  if (!value->is_number_integer() || value->get<long long>() < 1 ||
      value->get<long long>() > 1'000'000'000)
    fail(key, "expected a whole number of at least 1");
  return static_cast<int>(value->get<long long>());
}

std::optional<Nanoseconds> ScenarioOptions::duration(std::string_view key) const {
  std::optional<std::string> text = string(key);
  if (!text) return std::nullopt;
  std::optional<Nanoseconds> parsed = parse_duration(*text);
  if (!parsed) fail(key, "expected a duration such as 30s or 500ms, got '" + *text + "'");
  return parsed;
}

std::map<std::string, std::string> ScenarioOptions::string_map(std::string_view key) const {
  const nlohmann::json* value = find(key);
  if (!value) return {};
  if (!value->is_object()) fail(key, "expected a mapping of names to values");
  std::map<std::string, std::string> out;
  for (const auto& [name, item] : value->items()) {
    if (item.is_string())
      out[name] = item.get<std::string>();
    else if (item.is_number() || item.is_boolean())
      out[name] = item.dump();
    else
      fail(std::string(key) + "." + name, "expected a text value");
  }
  return out;
}

std::optional<std::filesystem::path> ScenarioOptions::path(std::string_view key) const {
  std::optional<std::string> text = string(key);
  if (!text) return std::nullopt;
  if (text->empty()) fail(key, "expected a file path");
  std::filesystem::path value(*text);
  return value.is_absolute() ? value : base_dir_ / value;
}

std::vector<std::filesystem::path> ScenarioOptions::paths(std::string_view key) const {
  std::vector<std::filesystem::path> out;
  for (const std::string& text : strings(key)) {
    std::filesystem::path value(text);
    out.push_back(value.is_absolute() ? value : base_dir_ / value);
  }
  return out;
}

}  // namespace perfgate
