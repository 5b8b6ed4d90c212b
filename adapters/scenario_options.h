// Typed access to a non-native scenario's own keys (Scenario::options_json), with errors that
// name the suite file, the scenario's line and the key: "suites/api.yaml: line 12, key
// scenarios[1].timeout: expected a duration such as 30s". Shared by every tool adapter.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/suite/quantity.h"
#include "harness/suite/suite.h"

namespace perfgate {

class ScenarioOptions {
 public:
  ScenarioOptions(const Suite& suite, size_t scenario_index);

  // Rejects keys outside `allowed`, suggesting the closest.
  void allow_only(std::initializer_list<std::string_view> allowed) const;
  bool has(std::string_view key) const;

  std::optional<std::string> string(std::string_view key) const;
  std::string required_string(std::string_view key) const;
  // A list of strings; a single string reads as a list of one. Empty when absent.
  std::vector<std::string> strings(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  std::optional<double> number(std::string_view key) const;
  std::optional<int> positive_int(std::string_view key) const;
  std::optional<Nanoseconds> duration(std::string_view key) const;            // "30s", "500ms"
  std::map<std::string, std::string> string_map(std::string_view key) const;  // env, tags
  // A path option resolved against the suite file's folder (absolute paths stay).
  std::optional<std::filesystem::path> path(std::string_view key) const;
  std::vector<std::filesystem::path> paths(std::string_view key) const;

  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  const std::filesystem::path& base_dir() const { return base_dir_; }

 private:
  const nlohmann::json* find(std::string_view key) const;
  std::string where(std::string_view key) const;

  std::string suite_path_;
  std::filesystem::path base_dir_;
  size_t index_;
  int line_;
  nlohmann::json options_;
};

// The folder a suite file's relative paths resolve against.
std::filesystem::path suite_base_dir(const Suite& suite);

}  // namespace perfgate
