#include "core/suite/suite_loader.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/errors.h"
#include "core/suite/yaml_field.h"
#include "tests/support/test_support.h"

namespace {

using namespace std::chrono_literals;
using perfgate::AdapterKind;
using perfgate::LoadModel;
using perfgate::Suite;

std::filesystem::path suites_dir() {
  return perfgate::testing::source_dir() / "suites";
}
std::filesystem::path fixture(const std::string& name) {
  return perfgate::testing::fixtures_dir() / "suites" / name;
}

const std::string kHeader = "suite: t\nscenarios:\n  - name: s\n    adapter: native\n";

// A one-scenario native suite: kHeader then the given scenario lines (indented 4).
Suite native_suite(const std::string& scenario_lines) {
  return perfgate::parse_suite(kHeader + scenario_lines, "inline.yaml");
}

// Expects parse_suite(text) to fail at `where` (or a place starting with it, when `exact` is
// false) with a message containing `part`.
void require_input_error(const std::string& text, const std::string& where, const std::string& part,
                         bool exact = true) {
  INFO("suite text:\n" << text);
  try {
    perfgate::parse_suite(text, "inline.yaml");
    FAIL("no InputError");
  } catch (const perfgate::InputError& error) {
    INFO("message: " << error.what());
    CHECK(error.file() == "inline.yaml");
    if (exact) {
      CHECK(error.where() == where);
    } else {
      CHECK(error.where().starts_with(where));
    }
    CHECK(std::string(error.what()).find(part) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("demo.yaml loads as the demo needs it", "[suite]") {
  Suite suite = perfgate::load_suite((suites_dir() / "demo.yaml").string());
  CHECK(suite.name == "demo");
  CHECK(suite.baseline_path == ".perfgate/baselines/demo.json");
  CHECK(suite.repetitions == 3);
  CHECK(suite.warmup == 1s);
  REQUIRE(suite.scenarios.size() == 2);
  const auto& browse = suite.scenarios[0];
  CHECK(browse.name == "browse");
  CHECK(browse.adapter == AdapterKind::native);
  CHECK(browse.native.host == "127.0.0.1");
  CHECK(browse.native.port == 18080);
  CHECK(browse.native.model == LoadModel::closed);
  CHECK(browse.native.threads == 1);
  CHECK(browse.native.connections == 16);
  CHECK(browse.native.duration == 3s);
  REQUIRE(browse.native.requests.size() == 2);
  CHECK(browse.native.requests[0].weight == 3);
  CHECK(browse.native.requests[0].path == "/items");
  CHECK(browse.native.requests[1].path == "/items/42");
  CHECK(browse.native.requests[1].headers.at(0).first == "Accept");
  const auto& checkout = suite.scenarios[1];
  CHECK(checkout.native.model == LoadModel::open);
  CHECK(checkout.native.rate_per_s == 500);
  CHECK(checkout.native.duration == 3s);
  CHECK(checkout.native.requests.at(0).method == "POST");
  CHECK(nlohmann::json::parse(checkout.native.requests.at(0).body).at("item") == 42);
  CHECK(suite.gate.alpha == 0.05);
  CHECK(suite.gate.threshold == Approx(0.05));
  CHECK(suite.gate.sla.size() == 2);
}

TEST_CASE("every example suite loads", "[suite]") {
  int examples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(suites_dir() / "examples")) {
    INFO(entry.path());
    Suite suite = perfgate::load_suite(entry.path().string());
    CHECK_FALSE(suite.scenarios.empty());
    ++examples;
  }
  CHECK(examples >= 2);
}

TEST_CASE("a JSON suite loads the same as its YAML twin", "[suite]") {
  Suite from_yaml = perfgate::load_suite(fixture("good-twin.yaml").string());
  Suite from_json = perfgate::load_suite(fixture("good-twin.json").string());
  // Only where things are in the file differs.
  REQUIRE(from_yaml.gate.sla.size() == 1);
  REQUIRE(from_json.gate.sla.size() == 1);
  CHECK(from_yaml.gate.sla[0].line == 16);
  CHECK(from_json.gate.sla[0].line == 16);
  from_json.path = from_yaml.path;
  from_json.gate.sla[0].file = from_yaml.gate.sla[0].file;
  REQUIRE(from_json.scenarios.size() == from_yaml.scenarios.size());
  for (size_t i = 0; i < from_json.scenarios.size(); ++i) {
    from_json.scenarios[i].line = from_yaml.scenarios[i].line;
  }
  CHECK(from_json == from_yaml);
  // And what they both say is what the file says.
  REQUIRE(from_yaml.service.has_value());
  CHECK(from_yaml.service->command.size() == 3);
  CHECK(from_yaml.service->ready.timeout == 20s);
  const auto& ramp = from_yaml.scenarios[1].native;
  CHECK(ramp.host == "::1");
  CHECK(ramp.model == LoadModel::open);
  REQUIRE(ramp.stages.size() == 2);
  CHECK(ramp.stages[1].target == Approx(0.025));
  CHECK(ramp.duration == 15s);
  CHECK(ramp.max_requests == 100000);
  CHECK(from_yaml.scenarios[2].adapter == AdapterKind::k6);
  const auto& smoke = std::get<perfgate::K6Options>(from_yaml.scenarios[2].tool);
  CHECK(smoke.script == fixture("load/smoke.js"));  // resolved against the suite's folder
  CHECK(smoke.vus == 10);
  CHECK(smoke.env == std::map<std::string, std::string>{{"TOKEN", "2"}, {"DEBUG", "true"}});
  CHECK(from_yaml.gate.alpha == 0.01);
  CHECK(from_yaml.gate.correction == perfgate::gates::Correction::benjamini_hochberg);
}

TEST_CASE("defaults fill what a minimal suite leaves out", "[suite]") {
  Suite suite = native_suite(
      "    target: http://localhost\n    duration: 1s\n"
      "    requests: [{}]\n");
  CHECK(suite.path == "inline.yaml");
  CHECK(suite.baseline_path == ".perfgate/baselines/t.json");
  CHECK(suite.repetitions == 5);
  CHECK(suite.warmup == 0s);
  CHECK_FALSE(suite.service.has_value());
  CHECK(suite.gate == perfgate::gates::GatePolicy{});
  const auto& scenario = suite.scenarios.at(0);
  CHECK(scenario.line == 3);
  CHECK_FALSE(scenario.repetitions.has_value());
  const auto& load = scenario.native;
  CHECK(load.port == 80);
  CHECK(load.threads == 1);
  CHECK(load.connections == 8);
  CHECK(load.model == LoadModel::closed);
  CHECK(load.request_timeout == 5s);
  CHECK(load.connect_timeout == 2s);
  CHECK(load.max_requests == 0);
  CHECK(load.requests.at(0).name == "GET /");
  CHECK(load.requests.at(0).path == "/");
  CHECK(load.requests.at(0).method == "GET");
  CHECK(load.requests.at(0).weight == 1);
}

TEST_CASE("the load model follows rate and stages", "[suite]") {
  const std::string base = "    target: http://127.0.0.1:8080\n    requests: [{path: /}]\n";
  SECTION("max_requests alone leaves the duration unlimited") {
    auto load = native_suite(base + "    max_requests: 500\n").scenarios[0].native;
    CHECK(load.duration == 0s);
    CHECK(load.max_requests == 500);
  }
  SECTION("closed-model stages size the connection pool to the peak") {
    auto load = native_suite(base +
                             "    threads: 2\n    stages: [{duration: 2s, target: 4},"
                             " {duration: 1m, target: 40}]\n")
                    .scenarios[0]
                    .native;
    CHECK(load.model == LoadModel::closed);
    CHECK(load.connections == 40);
    CHECK(load.duration == 62s);
  }
  SECTION("threads raise the default connection count") {
    auto load = native_suite(base + "    threads: 12\n    duration: 1s\n").scenarios[0].native;
    CHECK(load.connections == 12);
  }
  SECTION("an open model may not think") {
    require_input_error(kHeader + base + "    rate: 10/s\n    duration: 1s\n    think_time: 1ms\n",
                        "line 9, key scenarios[0].think_time", "closed model only");
  }
  SECTION("rate and stages are exclusive") {
    require_input_error(
        kHeader + base + "    rate: 10/s\n    stages: [{duration: 1s, target: 5/s}]\n",
        "line 7, key scenarios[0].rate", "cannot both be set");
  }
  SECTION("explicit connections must hold the peak stage") {
    require_input_error(
        kHeader + base + "    connections: 10\n    stages: [{duration: 1s, target: 20}]\n",
        "line 7, key scenarios[0].connections", "largest stage target (20)");
  }
  SECTION("a run needs a duration or a request limit") {
    require_input_error(kHeader + base, "line 3, key scenarios[0].duration",
                        "missing key 'duration' (or 'max_requests')");
  }
  SECTION("a zero rate is no load") {
    require_input_error(kHeader + base + "    rate: 0/s\n    duration: 1s\n",
                        "line 7, key scenarios[0].rate", "expected a rate above 0");
  }
}

TEST_CASE("mistakes are reported where they are", "[suite][errors]") {
  const std::string native = "    target: http://127.0.0.1:8080\n    duration: 1s\n";
  struct Case {
    std::string text, where, part;
  };
  const Case cases[] = {
      {"", "line 1", "expected a suite"},
      {"- a\n- b\n", "line 1", "expected a suite: a mapping"},
      {"suite: a\n---\nsuite: b\n", "line 3", "expected one YAML document, found another"},
      {"suite: ../etc\nscenarios: [{name: a, adapter: k6}]\n", "line 1, key suite",
       "letters, digits"},
      {"suite: a\n---\n", "line 1, key scenarios", "missing required key 'scenarios'"},
      {"suite: t\n# fine\nbaseline: \"\xff\"\n", "line 3", "not valid UTF-8"},
      {"suite: t\ngate: {a: \"\\ud800\"}\nscenarios: []\n", "line 2", "invalid unicode"},
      {"suite: t\nrepetitions: 0\nscenarios: []\n", "line 2, key repetitions",
       "from 1 to 10000, got '0'"},
      {"suite: t\nscenarios: {name: a}\n", "line 2, key scenarios",
       "expected a list of scenarios, got a mapping"},
      {"suite: t\nservice: {command: ./server --port 1}\nscenarios: []\n",
       "line 2, key service.command", "no shell is used"},
      {"suite: t\nservice: {command: [s], ready: {http: https://x/health}}\nscenarios: []\n",
       "line 2, key service.ready.http", "TLS is not supported yet"},
      {"suite: t\ngate: [a]\nscenarios: []\n", "line 2, key gate", "expected a gate policy"},
      {"suite: t\nscenarios:\n  - name: a\n    adapter: k7\n", "line 4, key scenarios[0].adapter",
       "got 'k7' \u2014 did you mean 'k6'?"},
      {"suite: t\nscenarios:\n  - name: a\n    adaptor: native\n",
       "line 4, key scenarios[0].adaptor", "did you mean 'adapter'?"},
      {"suite: t\nscenarios:\n  - name: a\n    script: x.js\n", "line 3, key scenarios[0].adapter",
       "missing required key 'adapter'"},
      {"suite: t\nscenarios:\n  - name: a\n    adapter: k6\n    name: b\n",
       "line 5, key scenarios[0].name", "duplicate key 'name' (first at line 3)"},
      {kHeader + native + "    requests: []\n", "line 7, key scenarios[0].requests",
       "at least one request"},
      {kHeader + native + "    requests: [{path: items}]\n",
       "line 7, key scenarios[0].requests[0].path", "starting with '/'"},
      {kHeader + native + "    requests: [{path: /a b}]\n",
       "line 7, key scenarios[0].requests[0].path", "without spaces"},
      {kHeader + native + "    requests: [{path: /, method: \"GET /x\"}]\n",
       "line 7, key scenarios[0].requests[0].method", "expected an HTTP method"},
      {kHeader + native + "    requests: [{path: /, weight: 0}]\n",
       "line 7, key scenarios[0].requests[0].weight", "above 0"},
      {kHeader + native + "    requests: [{path: /, headers: {Content-Length: 5}}]\n",
       "line 7, key scenarios[0].requests[0].headers.Content-Length", "set by perfgate"},
      {kHeader + native + "    requests: [{path: /, headers: {\"Bad Name\": 1}}]\n",
       "line 7, key scenarios[0].requests[0].headers.Bad Name", "expected a header name"},
      {kHeader + native + "    requests:\n      - {path: /a}\n      - {path: /a}\n",
       "line 9, key scenarios[0].requests[1]", "duplicate request name 'GET /a'"},
      {kHeader + native + "    threads: 4\n    connections: 2\n    requests: [{path: /}]\n",
       "line 8, key scenarios[0].connections", "at least one connection per thread"},
      {kHeader +
           "    target: http://127.0.0.1:8080/api\n    duration: 1s\n    requests: [{path: /}]\n",
       "line 5, key scenarios[0].target", "put paths in requests[].path"},
      {kHeader +
           "    target: http://127.0.0.1:99999\n    duration: 1s\n    requests: [{path: /}]\n",
       "line 5, key scenarios[0].target", "expected a URL like http://127.0.0.1:8080"},
      {kHeader + "    target: ftp://host\n    duration: 1s\n    requests: [{path: /}]\n",
       "line 5, key scenarios[0].target", "expected a URL like"},
      {kHeader + native + "    timeout: 0s\n    requests: [{path: /}]\n",
       "line 7, key scenarios[0].timeout", "above zero"},
  };
  for (const auto& row : cases) require_input_error(row.text, row.where, row.part);
}

TEST_CASE("alias tricks cannot exhaust the loader", "[suite][errors]") {
  SECTION("an alias bomb in a tool scenario's options") {
    std::string text = "suite: t\nx0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
    for (int level = 1; level < 9; ++level) {
      // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on "lit" + string&&.
      std::string previous("*a");
      previous += std::to_string(level - 1);
      text += 'x';
      text += std::to_string(level);
      text += ": &a";
      text += std::to_string(level);
      text += " [";
      text += previous;
      for (int copy = 1; copy < 10; ++copy) text += ", " + previous;
      text += "]\n";
    }
    // The anchors must sit where values become JSON, Artillery's overrides: move them there.
    std::string options =
        "suite: t\nscenarios:\n  - name: a\n    adapter: artillery\n    script: s.yml\n"
        "    overrides:\n";
    for (size_t at = text.find('\n') + 1; at < text.size();) {
      size_t end = text.find('\n', at);
      options += "      " + text.substr(at, end - at + 1);
      at = end + 1;
    }
    auto started = std::chrono::steady_clock::now();
    require_input_error(options, "line ", "too many values", false);
    CHECK(std::chrono::steady_clock::now() - started < 2s);
  }
  SECTION("a node that contains itself") {
    require_input_error(
        "suite: t\nscenarios: [{name: a, adapter: artillery, script: s.yml, overrides: {a: &x "
        "[*x]}}]\n",
        "line 2, key scenarios[0].overrides.a[0][0]", "nested deeper than 64 levels", false);
  }
  SECTION("the gate block reads only the shapes it expects") {
    require_input_error("suite: t\ngate: {sla: &x [*x]}\nscenarios: [{name: a, adapter: k6}]\n",
                        "line 2, key gate.sla[0]", "expected a rule like");
  }
}

TEST_CASE("inputs that make yaml-cpp 0.7's LoadAll loop forever are rejected", "[suite][errors]") {
  // jbeder/yaml-cpp#1040: LoadAll keeps appending empty documents after a stray ','.
  require_input_error(",", "line 1", "expected a suite");
  require_input_error("# note\n    duration: 3s\n,  x: 1\n", "line 2, key duration",
                      "unknown key 'duration'");
}

TEST_CASE("deep nesting is refused before it can exhaust the stack", "[suite][errors]") {
  std::string text = "suite: t\ngate: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  require_input_error(text, "line 2", "YAML nested too deeply");
}

TEST_CASE("tool options are read into their adapter's typed options", "[suite]") {
  Suite suite = perfgate::parse_suite(
      "suite: t\n"
      "scenarios: [{name: m, adapter: gbench, binary: b/m, filter: \"BM_.*\", min_time: 500ms,\n"
      "             random_interleaving: true}]\n",
      "inline.yaml");
  const auto& gbench = std::get<perfgate::GbenchOptions>(suite.scenarios[0].tool);
  CHECK(gbench.binary == std::filesystem::path("./b/m"));
  CHECK(gbench.filter == "BM_.*");
  CHECK(gbench.min_time == 500ms);
  CHECK(gbench.random_interleaving);
  // Artillery's overrides are the user's own configuration: YAML scalars become JSON types.
  Suite typed = perfgate::parse_suite(
      "suite: t\nscenarios: [{name: m, adapter: artillery, script: s.yml, overrides: {x: {a: 1, "
      "b: -2.5, c: 'x', d: \"3\", e: true, f: ~, g: 5%, h: 1e3, i: .inf, j: 0x10, k: [yes, "
      "no]}}}]\n",
      "inline.yaml");
  CHECK(std::get<perfgate::ArtilleryOptions>(typed.scenarios[0].tool).overrides.at("x") ==
        nlohmann::json::parse(R"({"a":1,"b":-2.5,"c":"x","d":"3","e":true,"f":null,
      "g":"5%","h":1000.0,"i":".inf","j":"0x10","k":["yes","no"]})"));
  CHECK(std::string(perfgate::to_string(suite.scenarios[0].adapter)) == "gbench");
}

TEST_CASE("closest_word suggests near misses only", "[suite]") {
  using perfgate::suite_detail::closest_word;
  const std::string_view keys[] = {"connections", "connect_timeout", "rate", "requests"};
  CHECK(closest_word("conections", keys) == "connections");
  CHECK(closest_word("connect_timeot", keys) == "connect_timeout");
  CHECK(closest_word("rat", keys) == "rate");
  CHECK(closest_word("request", keys) == "requests");
  CHECK(closest_word("banana", keys).empty());
  CHECK(closest_word("", keys).empty());
}

TEST_CASE("quoted input in messages is short, printable and valid UTF-8", "[suite]") {
  using perfgate::suite_detail::first_invalid_utf8;
  using perfgate::suite_detail::quote_for_message;
  CHECK(quote_for_message("2000 per s") == "'2000 per s'");
  CHECK(quote_for_message("a\r\nb\x1b[2J") == "'a\\r\\nb\\x1b[2J'");
  CHECK(quote_for_message("caf\xff") == "'caf\\xff'");
  // 59 ASCII letters then a two-byte character straddling the 60-byte cut: cut before it.
  std::string long_text = std::string(59, 'a') + "\xc3\xa9" + "tail";
  std::string quoted = quote_for_message(long_text);
  CHECK(quoted == "'" + std::string(59, 'a') + "...'");
  CHECK(first_invalid_utf8(quoted) == std::string::npos);
}

TEST_CASE("first_invalid_utf8 follows RFC 3629", "[suite]") {
  using perfgate::suite_detail::first_invalid_utf8;
  constexpr auto npos = std::string::npos;
  CHECK(first_invalid_utf8("plain ascii") == npos);
  CHECK(first_invalid_utf8("\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") == npos);
  CHECK(first_invalid_utf8("ab\xff") == 2);
  CHECK(first_invalid_utf8("\xc0\xaf") == 0);          // overlong '/'
  CHECK(first_invalid_utf8("\xe0\x80\xaf") == 0);      // overlong, three bytes
  CHECK(first_invalid_utf8("x\xed\xa0\x80") == 1);     // surrogate U+D800
  CHECK(first_invalid_utf8("\xf4\x90\x80\x80") == 0);  // past U+10FFFF
  CHECK(first_invalid_utf8("\xe2\x82") == 0);          // truncated
  CHECK(first_invalid_utf8("\xe2\x28\xa1") == 0);      // bad continuation
}

TEST_CASE("a tool scenario's env is checked as the service's is", "[suite][errors]") {
  require_input_error(
      "suite: t\nscenarios:\n  - name: a\n    adapter: k6\n    script: a.js\n"
      "    env: {\"A=B\": x}\n",
      "line 6, key scenarios[0].env.A=B", "expected an environment variable name without '='");
  Suite suite = perfgate::parse_suite(
      "suite: t\nscenarios:\n  - name: a\n    adapter: mock\n  - name: b\n    adapter: gbench\n"
      "    binary: b\n    env: {OMP_NUM_THREADS: 1}\n",
      "inline.yaml");
  CHECK(std::get<perfgate::GbenchOptions>(suite.scenarios[1].tool).env.at("OMP_NUM_THREADS") ==
        "1");
}
