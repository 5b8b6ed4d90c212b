#include "core/suite/suite_loader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>

#include "core/errors.h"
#include "core/suite/gate_loader.h"
#include "core/suite/matrix_loader.h"
#include "core/suite/native_loader.h"
#include "core/suite/service_loader.h"
#include "core/suite/suite_keys.h"
#include "core/suite/tool_loader.h"
#include "core/suite/yaml_field.h"

namespace perfgate {
namespace {

using suite_detail::Document;
using suite_detail::Field;

constexpr size_t kMaxSuiteFileBytes = 16 << 20;
constexpr int64_t kMaxRepetitions = 10'000;

struct AdapterName {
  AdapterKind kind;
  std::string_view name;
};
constexpr std::array<AdapterName, 7> kAdapterNames{{{AdapterKind::native, "native"},
                                                    {AdapterKind::k6, "k6"},
                                                    {AdapterKind::jmeter, "jmeter"},
                                                    {AdapterKind::artillery, "artillery"},
                                                    {AdapterKind::gbench, "gbench"},
                                                    {AdapterKind::command, "command"},
                                                    {AdapterKind::mock, "mock"}}};
constexpr std::string_view kAdapterList = "native, k6, jmeter, artillery, gbench, command, mock";

AdapterKind read_adapter(const Field& field) {
  std::string text = field.text();
  std::array<std::string_view, kAdapterNames.size()> names;
  for (size_t i = 0; i < kAdapterNames.size(); ++i) {
    if (text == kAdapterNames[i].name) return kAdapterNames[i].kind;
    names[i] = kAdapterNames[i].name;
  }
  std::string message =
      "expected an adapter (one of " + std::string(kAdapterList) + "), got " + field.describe();
  std::string_view suggestion = suite_detail::closest_word(text, names);
  if (!suggestion.empty()) message += " \u2014 did you mean '" + std::string(suggestion) + "'?";
  field.fail(message);
}

// The suite name becomes a file name (the default baseline path), so keep it to a safe alphabet.
std::string read_suite_name(const Field& field) {
  std::string name = field.nonempty_text();
  bool safe =
      !name.starts_with('.') && name.size() <= 100 &&
      std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
      });
  if (!safe) {
    field.fail(
        "expected a suite name of letters, digits, '.', '_' and '-' (it names the "
        "baseline file), got " +
        field.describe());
  }
  return name;
}

AdapterKind read_scenario_adapter(const Field& field) {
  auto adapter = field.member("adapter");
  if (adapter) return read_adapter(*adapter);
  // A misspelt "adaptor" is best named as such.
  constexpr std::array<std::string_view, 1> kAdapterKey{"adapter"};
  for (const auto& [key, value] : field.members()) {
    if (!suite_detail::closest_word(key, kAdapterKey).empty()) {
      value.fail("unknown key " + suite_detail::quote_for_message(key) +
                 " \u2014 did you mean 'adapter'?");
    }
  }
  field.fail_missing("adapter",
                     "missing required key 'adapter' (one of " + std::string(kAdapterList) + ")");
}

Scenario read_scenario(const Field& field, const std::filesystem::path& base_dir) {
  field.expect_mapping("a scenario like {name: browse, adapter: native, ...}");
  Scenario scenario;
  scenario.line = field.line();
  scenario.adapter = read_scenario_adapter(field);
  if (scenario.adapter == AdapterKind::native) field.check_keys(suite_keys::native_scenario);
  scenario.name = field.required("name").name_text();
  if (auto repetitions = field.member("repetitions")) {
    scenario.repetitions = static_cast<int>(repetitions->whole_number(1, kMaxRepetitions));
  }
  if (auto warmup = field.member("warmup")) scenario.warmup = warmup->duration();
  if (scenario.adapter == AdapterKind::native)
    scenario.native = suite_detail::read_native_load(field);
  else
    suite_detail::read_tool_options(field, base_dir, scenario);
  return scenario;
}

// A native scenario with a `matrix:` becomes one scenario per combination of its values.
std::vector<Scenario> read_scenario_or_sweep(const Field& item,
                                             const std::filesystem::path& base_dir) {
  Scenario scenario = read_scenario(item, base_dir);
  if (scenario.adapter == AdapterKind::native)
    if (auto matrix = item.member("matrix")) return suite_detail::expand_matrix(*matrix, scenario);
  return {std::move(scenario)};
}

std::vector<Scenario> read_scenarios(const Field& field, const std::filesystem::path& base_dir) {
  std::vector<Field> items = field.items("a list of scenarios");
  if (items.empty()) field.fail("expected at least one scenario, got an empty list");
  std::vector<Scenario> scenarios;
  std::map<std::string, int> line_by_name;
  for (const Field& item : items) {
    for (Scenario& scenario : read_scenario_or_sweep(item, base_dir)) {
      auto [first, inserted] = line_by_name.emplace(scenario.name, item.line());
      if (!inserted) {
        item.required("name").fail("duplicate scenario name '" + first->first +
                                   "' (first at line " + std::to_string(first->second) + ")");
      }
      scenarios.push_back(std::move(scenario));
    }
  }
  return scenarios;
}

ScenarioOrder read_order(const Field& field) {
  std::string text = field.text();
  if (text == "fixed") return ScenarioOrder::fixed;
  if (text == "random") return ScenarioOrder::random;
  field.fail("expected fixed or random, got " + field.describe());
}

// Order of the scenarios and how often resources are sampled.
void read_scheduling(const Field& top, Suite& suite) {
  if (auto order = top.member("order")) suite.order = read_order(*order);
  if (auto seed = top.member("seed"))
    suite.seed = static_cast<uint64_t>(seed->whole_number(0, std::numeric_limits<int64_t>::max()));
  if (auto interval = top.member("sample_interval")) {
    suite.sample_interval = interval->positive_duration();
    if (suite.sample_interval < std::chrono::milliseconds(10))
      interval->fail("expected at least 10ms (sampling /proc costs CPU), got " +
                     interval->describe());
  }
}

Suite read_suite(const Field& top, const std::string& path) {
  top.expect_mapping("a suite: a mapping with keys such as suite, repetitions and scenarios");
  top.check_keys(suite_keys::suite);
  Suite suite;
  suite.path = path;
  suite.name = read_suite_name(top.required("suite"));
  auto baseline = top.member("baseline");
  suite.baseline_path =
      baseline ? baseline->nonempty_text() : ".perfgate/baselines/" + suite.name + ".json";
  if (auto repetitions = top.member("repetitions")) {
    suite.repetitions = static_cast<int>(repetitions->whole_number(1, kMaxRepetitions));
  }
  if (auto warmup = top.member("warmup")) suite.warmup = warmup->duration();
  if (auto service = top.member("service")) suite.service = suite_detail::read_service(*service);
  read_scheduling(top, suite);
  if (auto gate = top.member("gate")) suite.gate = suite_detail::read_gate_policy(*gate);
  suite.scenarios = read_scenarios(top.required("scenarios"), suite_base_dir(path));
  return suite;
}

std::string where_of(const YAML::Mark& mark) {
  return mark.is_null() ? std::string() : "line " + std::to_string(mark.line + 1);
}

// YAML and JSON files are UTF-8 here; saying where a stray byte is beats a parser's confusion.
void check_utf8(const std::string& text, const std::string& path) {
  size_t offset = suite_detail::first_invalid_utf8(text);
  if (offset == std::string::npos) return;
  auto line =
      1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  throw InputError(path, "line " + std::to_string(line),
                   "the file is not valid UTF-8 (byte " + std::to_string(offset) + ")");
}

// Notes where the root of one document is and whether it holds anything, without building it.
class DocumentRootProbe : public YAML::EventHandler {
 public:
  bool has_content() const { return has_content_; }
  const YAML::Mark& root_mark() const { return root_mark_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { note_root(mark, false); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { note_root(mark, true); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    note_root(mark, true);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    note_root(mark, true);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    note_root(mark, true);
  }
  void OnMapEnd() override {}

 private:
  void note_root(const YAML::Mark& mark, bool has_content) {
    if (seen_root_) return;
    seen_root_ = true;
    root_mark_ = mark;
    has_content_ = has_content;
  }
  bool seen_root_ = false;
  bool has_content_ = false;
  YAML::Mark root_mark_ = YAML::Mark::null_mark();
};

// A second document would be silently ignored, so it is an error. YAML::LoadAll is not used:
// in yaml-cpp 0.7 it loops forever, allocating, on inputs such as a stray ',' (jbeder/yaml-cpp
// #1040, fixed upstream by #1319), so at most two documents are parsed here. An empty second
// document (a trailing '---', or the parser making no progress) holds nothing and is ignored.
void check_single_document(const std::string& text, const std::string& path) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentRootProbe first, second;
  if (!parser.HandleNextDocument(first)) return;
  if (parser.HandleNextDocument(second) && second.has_content()) {
    throw InputError(path, where_of(second.root_mark()),
                     "expected one YAML document, found another (remove the '---' separator)");
  }
}

YAML::Node parse_yaml(const std::string& text, const std::string& path) {
  check_utf8(text, path);
  try {
    check_single_document(text, path);
    return YAML::Load(text);
  } catch (const YAML::DeepRecursion& error) {  // its own message is an unhelpful "bad file"
    throw InputError(path, where_of(error.mark), "YAML nested too deeply to be a suite");
  } catch (const YAML::Exception& error) {
    throw InputError(path, where_of(error.mark), "YAML syntax error: " + error.msg);
  }
}

}  // namespace

const char* to_string(AdapterKind kind) {
  for (const auto& adapter : kAdapterNames) {
    if (adapter.kind == kind) return adapter.name.data();
  }
  return "unknown";
}

std::filesystem::path suite_base_dir(const std::string& suite_path) {
  std::filesystem::path parent = std::filesystem::path(suite_path).parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

std::filesystem::path suite_base_dir(const Suite& suite) {
  return suite_base_dir(suite.path);
}

Suite parse_suite(const std::string& text, const std::string& path) {
  YAML::Node root = parse_yaml(text, path);
  Document document{path};
  try {
    return read_suite(Field::root(root, document), path);
  } catch (const YAML::Exception& error) {  // not expected: yaml-cpp misuse would land here
    throw InputError(path, where_of(error.mark), error.msg);
  }
}

Suite load_suite(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw InputError(path, "", "expected a suite file, got a directory");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw InputError(path, "", std::string("cannot read the suite file: ") + std::strerror(errno));
  }
  // Read one byte past the limit so a huge file (or /dev/zero) is refused without reading it all.
  std::string text(kMaxSuiteFileBytes + 1, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(file.gcount()));
  if (text.size() > kMaxSuiteFileBytes) {
    throw InputError(path, "", "suite file larger than 16 MiB; is this the right file?");
  }
  return parse_suite(text, path);
}

}  // namespace perfgate
