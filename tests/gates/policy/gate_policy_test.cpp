// The gate block: documented defaults, every key, and one clear InputError per mistake.
#include "gates/policy/gate_policy.h"

#include <catch2/catch.hpp>
#include <string>

#include "harness/errors.h"
#include "harness/suite/suite_loader.h"

namespace gates = perfgate::gates;
using gates::Correction;
using gates::Direction;
using gates::MetricSelector;
using gates::Statistic;

namespace {

// The `where` of the InputError that parsing `json` raises ("" when it does not throw).
std::string error_field(const std::string& json) {
  try {
    gates::parse_gate_policy(json);
  } catch (const perfgate::InputError& error) {
    return error.where();
  }
  return "";
}

}  // namespace

TEST_CASE("an absent or empty gate block gives the documented defaults", "[gates][policy]") {
  for (const char* text : {"", "{}", "null"}) {
    const auto policy = gates::parse_gate_policy(text);
    CHECK(policy.alpha == 0.05);
    CHECK(policy.correction == Correction::holm);
    CHECK(policy.threshold == 0.05);
    REQUIRE(policy.metrics.size() == 4);
    CHECK(policy.metrics[0] == MetricSelector{"latency", Statistic::p50});
    CHECK(policy.metrics[1] == MetricSelector{"latency", Statistic::p99});
    CHECK(policy.metrics[2] == MetricSelector{"throughput", Statistic::value});
    CHECK(policy.metrics[3] == MetricSelector{"error_rate", Statistic::value});
    CHECK(policy.min_repetitions == 5);
    CHECK(policy.on_environment_change == gates::EnvironmentChangeAction::warn);
    CHECK(policy.sla.empty());
    CHECK(policy.direction_overrides.empty());
  }
}

TEST_CASE("every key is read", "[gates][policy]") {
  const auto policy = gates::parse_gate_policy(R"({
    "alpha": 0.01, "correction": "bh", "threshold": "2.5%",
    "metrics": ["ttfb.p90", "real_time"], "directions": {"real_time": "higher"},
    "min_repetitions": 7, "on_environment_change": "fail",
    "sla": ["latency.p99 < 250ms", "error_rate < 1%"]})");
  CHECK(policy.alpha == 0.01);
  CHECK(policy.correction == Correction::benjamini_hochberg);
  CHECK(policy.threshold == Approx(0.025));
  CHECK(policy.metrics ==
        std::vector<MetricSelector>{{"ttfb", Statistic::p90}, {"real_time", Statistic::value}});
  CHECK(policy.direction_of("real_time") == Direction::higher_is_better);
  CHECK(policy.direction_of("latency") == Direction::lower_is_better);
  CHECK(policy.min_repetitions == 7);
  CHECK(policy.on_environment_change == gates::EnvironmentChangeAction::fail);
  CHECK(policy.sla == std::vector<std::string>{"latency.p99 < 250ms", "error_rate < 1%"});
  CHECK(gates::parse_gate_policy(R"({"correction": "none"})").correction == Correction::none);
}

TEST_CASE("threshold as a percentage or as a fraction", "[gates][policy]") {
  CHECK(gates::parse_gate_policy(R"({"threshold": "5%"})").threshold == Approx(0.05));
  CHECK(gates::parse_gate_policy(R"({"threshold": 0.1})").threshold == Approx(0.1));
  CHECK(gates::parse_gate_policy(R"({"threshold": "0.02"})").threshold == Approx(0.02));
}

TEST_CASE("each mistake names its field", "[gates][policy]") {
  CHECK(error_field(R"({"alpha": 0})") == "gate.alpha");
  CHECK(error_field(R"({"alpha": "0.05"})") == "gate.alpha");
  CHECK(error_field(R"({"alpha": 1.5})") == "gate.alpha");
  CHECK(error_field(R"({"correction": "bonferroni"})") == "gate.correction");
  CHECK(error_field(R"({"threshold": 5})") == "gate.threshold");
  CHECK(error_field(R"({"threshold": "0%"})") == "gate.threshold");
  CHECK(error_field(R"({"threshold": "100%"})") == "gate.threshold");
  CHECK(error_field(R"({"threshold": "five"})") == "gate.threshold");
  CHECK(error_field(R"({"metrics": []})") == "gate.metrics");
  CHECK(error_field(R"({"metrics": "latency.p99"})") == "gate.metrics");
  CHECK(error_field(R"({"metrics": ["latency.p99", ".p50"]})") == "gate.metrics[1]");
  CHECK(error_field(R"({"metrics": [3]})") == "gate.metrics[0]");
  CHECK(error_field(R"({"directions": ["up"]})") == "gate.directions");
  CHECK(error_field(R"({"directions": {"latency": "up"}})") == "gate.directions.latency");
  CHECK(error_field(R"({"min_repetitions": 1})") == "gate.min_repetitions");
  CHECK(error_field(R"({"min_repetitions": 2.5})") == "gate.min_repetitions");
  CHECK(error_field(R"({"on_environment_change": "panic"})") == "gate.on_environment_change");
  CHECK(error_field(R"({"sla": "latency.p99 < 1s"})") == "gate.sla");
  CHECK(error_field(R"({"sla": [1]})") == "gate.sla[0]");
  CHECK(error_field(R"({"treshold": "5%"})") == "gate.treshold");
  CHECK(error_field(R"([1, 2])") == "gate");
  CHECK(error_field(R"({"alpha": )") == "gate");
}

TEST_CASE("the message says what was expected and what was found", "[gates][policy]") {
  try {
    gates::parse_gate_policy(R"({"threshold": 5})", "suites/api.yaml", 12);
    FAIL("expected an InputError");
  } catch (const perfgate::InputError& error) {
    CHECK(error.file() == "suites/api.yaml");
    CHECK(error.where() == "line 12, key gate.threshold");
    const std::string message = error.what();
    CHECK(message.find("expected a percentage like 5%") != std::string::npos);
    CHECK(message.find("got 5") != std::string::npos);
  }
}

TEST_CASE("the gate block of a suite file reaches the policy", "[gates][policy]") {
  const auto suite = perfgate::parse_suite(R"(suite: api
gate:
  alpha: 0.01
  correction: bh
  threshold: 3%
  metrics: [latency.p99, throughput]
  directions: { custom_score: higher }
  min_repetitions: 8
  sla:
    - "latency.p99 < 250ms"
scenarios:
  - name: browse
    adapter: native
    target: http://127.0.0.1:8080
    duration: 1s
    requests: [{ path: / }]
)",
                                           "suites/api.yaml");
  const auto policy = gates::parse_gate_policy(suite);
  CHECK(policy.alpha == 0.01);
  CHECK(policy.correction == Correction::benjamini_hochberg);
  CHECK(policy.threshold == Approx(0.03));
  CHECK(policy.metrics ==
        std::vector<MetricSelector>{{"latency", Statistic::p99}, {"throughput", Statistic::value}});
  CHECK(policy.direction_of("custom_score") == Direction::higher_is_better);
  CHECK(policy.min_repetitions == 8);
  CHECK(policy.sla == std::vector<std::string>{"latency.p99 < 250ms"});
}

TEST_CASE("a mistake in a suite's gate block names the file and line", "[gates][policy]") {
  const auto suite = perfgate::parse_suite(R"(suite: api
gate:
  threshold: 5
scenarios:
  - name: browse
    adapter: native
    target: http://127.0.0.1:8080
    duration: 1s
    requests: [{ path: / }]
)",
                                           "suites/api.yaml");
  try {
    gates::parse_gate_policy(suite);
    FAIL("expected an InputError");
  } catch (const perfgate::InputError& error) {
    CHECK(error.file() == "suites/api.yaml");
    CHECK(error.where() == "line " + std::to_string(suite.gate_line) + ", key gate.threshold");
  }
}
