#include "core/suite/matrix_loader.h"

#include <array>
#include <cmath>
#include <sstream>

#include "core/suite/suite_keys.h"

namespace perfgate::suite_detail {
namespace {

constexpr size_t kMaxCombinations = 1000;
constexpr std::array<std::string_view, 3> kParameters{"connections", "threads", "rate"};

// One value of one parameter: applies itself to a scenario and names itself.
struct Setting {
  std::string parameter;
  double value = 0;
  std::string label;  // as written in the name: "8", "500/s"
};

std::string number_label(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

std::vector<Setting> read_values(const std::string& parameter, const Field& list) {
  std::vector<Field> items = list.items("a list of values like [8, 32, 128]");
  if (items.empty()) list.fail("expected at least one value, got an empty list");
  std::vector<Setting> settings;
  for (const Field& item : items) {
    Setting setting{parameter, 0, ""};
    if (parameter == "rate") {
      setting.value = item.rate_per_s();
      if (setting.value <= 0) item.fail("expected a rate above 0, got " + item.describe());
      setting.label = number_label(setting.value) + "/s";
    } else {
      int64_t max = parameter == "threads" ? suite_keys::max_threads : suite_keys::max_connections;
      setting.value = static_cast<double>(item.whole_number(1, max));
      setting.label = number_label(setting.value);
    }
    settings.push_back(setting);
  }
  return settings;
}

void apply(const Setting& setting, const Field& item, NativeLoad& load) {
  if (setting.parameter == "connections") {
    load.connections = static_cast<int>(setting.value);
  } else if (setting.parameter == "threads") {
    load.threads = static_cast<int>(setting.value);
  } else {
    if (!load.stages.empty()) item.fail("a rate cannot be swept in a scenario with stages");
    load.model = LoadModel::open;
    load.rate_per_s = setting.value;
  }
}

}  // namespace

std::vector<Scenario> expand_matrix(const Field& matrix, const Scenario& base) {
  matrix.expect_mapping("a sweep like {connections: [8, 32, 128]}");
  matrix.check_keys(kParameters);
  std::vector<std::pair<std::vector<Setting>, std::vector<Field>>> axes;
  size_t combinations = 1;
  for (const auto& [parameter, list] : matrix.members()) {
    axes.emplace_back(read_values(parameter, list), list.items("a list of values"));
    combinations *= axes.back().first.size();
    if (combinations > kMaxCombinations) list.fail("expected at most 1000 combinations");
  }
  if (axes.empty()) matrix.fail("expected at least one parameter to sweep, got an empty mapping");
  std::vector<Scenario> scenarios;
  for (size_t combination = 0; combination < combinations; ++combination) {
    Scenario scenario = base;
    std::string suffix;
    size_t rest = combination;
    for (size_t axis = axes.size(); axis-- > 0;) {  // the last parameter varies fastest
      const auto& [settings, items] = axes[axis];
      size_t pick = rest % settings.size();
      rest /= settings.size();
      apply(settings[pick], items[pick], scenario.native);
      suffix = settings[pick].parameter + "=" + settings[pick].label +
               (suffix.empty() ? "" : "," + suffix);
    }
    if (scenario.native.connections < scenario.native.threads)
      matrix.fail("the combination " + suffix + " has fewer connections than threads");
    scenario.name = base.name + "[" + suffix + "]";
    scenarios.push_back(std::move(scenario));
  }
  return scenarios;
}

}  // namespace perfgate::suite_detail
