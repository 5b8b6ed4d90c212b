// The gate block, read by the suite loader: documented defaults, every key, and one clear
// InputError per mistake, at the line of the key that holds it.
#include "core/suite/gate_loader.h"

#include <catch2/catch.hpp>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/suite/suite_loader.h"

namespace gates = perfgate::gates;
using gates::Correction;
using gates::Direction;
using gates::MetricSelector;
using gates::Statistic;

namespace {

const std::string kScenarios =
    "scenarios:\n"
    "  - name: browse\n"
    "    adapter: native\n"
    "    target: http://127.0.0.1:8080\n"
    "    duration: 1s\n"
    "    requests: [{ path: / }]\n";

// The policy of a suite whose gate block is `gate`, written after "gate: " on line 2.
gates::GatePolicy policy_of(const std::string& gate) {
  return perfgate::parse_suite("suite: api\ngate: " + gate + "\n" + kScenarios, "suites/api.yaml")
      .gate;
}

// The InputError that loading such a suite raises (its file checked); fails when none is.
perfgate::InputError gate_error(const std::string& gate) {
  try {
    policy_of(gate);
  } catch (const perfgate::InputError& error) {
    CHECK(error.file() == "suites/api.yaml");
    return error;
  }
  FAIL("no InputError for gate: " << gate);
  throw std::logic_error("unreachable");
}

// Its `where`: "line 2, key gate.alpha".
std::string error_where(const std::string& gate) {
  return gate_error(gate).where();
}

}  // namespace

TEST_CASE("an absent or empty gate block gives the documented defaults", "[suite][gate]") {
  const auto absent = perfgate::parse_suite("suite: api\n" + kScenarios, "suites/api.yaml").gate;
  const auto policy = policy_of("{}");
  CHECK(policy == absent);
  CHECK(policy == gates::GatePolicy{});
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
  CHECK(policy.on_missing_baseline == gates::MissingBaselineAction::pass);
  CHECK(policy.sla.empty());
  CHECK(policy.direction_overrides.empty());
}

TEST_CASE("every key is read", "[suite][gate]") {
  const auto policy = policy_of(R"({
    "alpha": 0.01, "correction": "bh", "threshold": "2.5%",
    "metrics": ["ttfb.p90", "real_time"], "directions": {"real_time": "higher"},
    "min_repetitions": 7, "on_environment_change": "fail", "on_missing_baseline": "fail",
    "sla": ["latency.p99 < 250ms", "error_rate < 1%"]})");
  CHECK(policy.alpha == 0.01);
  CHECK(policy.correction == Correction::benjamini_hochberg);
  CHECK(policy.threshold == Approx(0.025));
  CHECK(policy.metrics ==
        std::vector<MetricSelector>{{"ttfb", Statistic::p90}, {"real_time", Statistic::value}});
  CHECK(policy.direction_overrides ==
        std::map<std::string, Direction>{{"real_time", Direction::higher_is_better}});
  CHECK(policy.min_repetitions == 7);
  CHECK(policy.on_environment_change == gates::EnvironmentChangeAction::fail);
  CHECK(policy.on_missing_baseline == gates::MissingBaselineAction::fail);
  REQUIRE(policy.sla.size() == 2);
  CHECK(policy.sla[0].text == "latency.p99 < 250ms");
  CHECK(policy.sla[1].text == "error_rate < 1%");
  CHECK(policy_of(R"({"correction": "none"})").correction == Correction::none);
  CHECK(policy_of("{on_environment_change: inconclusive}").on_environment_change ==
        gates::EnvironmentChangeAction::inconclusive);
}

TEST_CASE("threshold as a percentage or as a fraction", "[suite][gate]") {
  CHECK(policy_of(R"({"threshold": "5%"})").threshold == Approx(0.05));
  CHECK(policy_of(R"({"threshold": 0.1})").threshold == Approx(0.1));
  CHECK(policy_of(R"({"threshold": "0.02"})").threshold == Approx(0.02));
  CHECK(policy_of("{threshold: 5%}").threshold == Approx(0.05));
  CHECK(policy_of("{threshold: 1e-2}").threshold == Approx(0.01));
}

TEST_CASE("each mistake names its line and key", "[suite][gate]") {
  CHECK(error_where(R"({"alpha": 0})") == "line 2, key gate.alpha");
  CHECK(error_where(R"({"alpha": "0.05"})") == "line 2, key gate.alpha");
  CHECK(error_where(R"({"alpha": 1.5})") == "line 2, key gate.alpha");
  CHECK(error_where(R"({"correction": "bonferroni"})") == "line 2, key gate.correction");
  CHECK(error_where(R"({"threshold": 5})") == "line 2, key gate.threshold");
  CHECK(error_where(R"({"threshold": "0%"})") == "line 2, key gate.threshold");
  CHECK(error_where(R"({"threshold": "100%"})") == "line 2, key gate.threshold");
  CHECK(error_where(R"({"threshold": "five"})") == "line 2, key gate.threshold");
  CHECK(error_where(R"({"metrics": []})") == "line 2, key gate.metrics");
  CHECK(error_where(R"({"metrics": "latency.p99"})") == "line 2, key gate.metrics");
  CHECK(error_where(R"({"metrics": ["latency.p99", ".p50"]})") == "line 2, key gate.metrics[1]");
  CHECK(error_where(R"({"metrics": [3]})") == "line 2, key gate.metrics[0]");
  CHECK(error_where(R"({"directions": ["up"]})") == "line 2, key gate.directions");
  CHECK(error_where(R"({"directions": {"latency": "up"}})") ==
        "line 2, key gate.directions.latency");
  CHECK(error_where(R"({"min_repetitions": 1})") == "line 2, key gate.min_repetitions");
  CHECK(error_where(R"({"min_repetitions": 2.5})") == "line 2, key gate.min_repetitions");
  CHECK(error_where(R"({"on_environment_change": "panic"})") ==
        "line 2, key gate.on_environment_change");
  CHECK(error_where(R"({"on_missing_baseline": "warn"})") ==
        "line 2, key gate.on_missing_baseline");
  CHECK(error_where(R"({"sla": "latency.p99 < 1s"})") == "line 2, key gate.sla");
  CHECK(error_where(R"({"sla": [1]})") == "line 2, key gate.sla[0]");
  CHECK(error_where(R"({"treshold": "5%"})") == "line 2, key gate.treshold");
  CHECK(error_where(R"({"alpha": 0.01, "alpha": 0.02})") == "line 2, key gate.alpha");
  CHECK(error_where(R"([1, 2])") == "line 2, key gate");
  // Text that is not YAML at all is the parser's to report, at its line.
  const auto syntax = gate_error(R"({"alpha": )");
  CHECK(syntax.where().starts_with("line "));
  CHECK_THAT(syntax.what(), Catch::Contains("YAML syntax error"));
}

TEST_CASE("the message says what was expected and what was found", "[suite][gate]") {
  const auto error = gate_error("\n  alpha: 0.01\n  threshold: 5");
  CHECK(error.where() == "line 4, key gate.threshold");
  const std::string message = error.what();
  CHECK(message.find("expected a percentage like 5%") != std::string::npos);
  CHECK(message.find("got '5'") != std::string::npos);
  CHECK_THAT(gate_error(R"({"alpha": "0.05"})").what(),
             Catch::Contains("got '0.05' (quoted: write the number without quotes)"));
  CHECK_THAT(gate_error("{correction: hlom}").what(),
             Catch::Contains("expected holm, bh or none, got 'hlom' \u2014 did you mean 'holm'?"));
}

TEST_CASE("a typo in a gate key names the line of that key and the key it means", "[suite][gate]") {
  SECTION("flow style, on the gate line") {
    const auto error = gate_error("{ thresold: 5% }");
    CHECK(error.where() == "line 2, key gate.thresold");
    CHECK_THAT(error.what(),
               Catch::EndsWith("unknown key 'thresold' \u2014 did you mean 'threshold'?"));
  }
  SECTION("block style, on its own line") {
    const auto error = gate_error("\n  alpha: 0.01\n  correction: bh\n  thresold: 5%");
    CHECK(error.where() == "line 5, key gate.thresold");
    CHECK_THAT(error.what(),
               Catch::StartsWith("suites/api.yaml: line 5, key gate.thresold: unknown key "
                                 "'thresold' \u2014 did you mean 'threshold'?"));
  }
  SECTION("a key close to none lists them all") {
    CHECK_THAT(gate_error("{ bogus: 1 }").what(),
               Catch::Contains("(expected one of: alpha, correction, threshold, metrics, "
                               "directions, min_repetitions, on_environment_change, "
                               "on_missing_baseline, sla)"));
  }
}

TEST_CASE("a bad value names the line of its key, not of the gate block", "[suite][gate]") {
  const auto error = gate_error("\n  alpha: 0.01\n  threshold: 500%\n  min_repetitions: 3");
  CHECK(error.where() == "line 4, key gate.threshold");
  CHECK_THAT(error.what(), Catch::Contains("expected a percentage like 5% (above 0%, below "
                                           "100%), got '500%'"));
  CHECK(gate_error("\n  metrics:\n    - latency.p99\n    - .p50").where() ==
        "line 5, key gate.metrics[1]");
  CHECK(gate_error("\n  directions:\n    latency: lower\n    throughput: up").where() ==
        "line 5, key gate.directions.throughput");
}

TEST_CASE("each SLA rule is parsed where it is written, keeping its line", "[suite][gate]") {
  const auto policy = policy_of("\n  sla:\n    - latency.p99 < 250ms\n    - \"error_rate < 1%\"");
  REQUIRE(policy.sla.size() == 2);
  CHECK(policy.sla[0].text == "latency.p99 < 250ms");
  CHECK(policy.sla[0].metric == "latency");
  CHECK(policy.sla[0].file == "suites/api.yaml");
  CHECK(policy.sla[0].where == "gate.sla[0]");
  CHECK(policy.sla[0].line == 4);
  CHECK(policy.sla[1].where == "gate.sla[1]");
  CHECK(policy.sla[1].line == 5);
  const auto error = gate_error("\n  sla:\n    - latency.p99 < 250ms\n    - throughput >");
  CHECK(error.where() == "line 5, key gate.sla[1]");
  CHECK_THAT(error.what(), Catch::Contains("column 13: expected a value"));
}

TEST_CASE("the gate block of a suite file reaches the policy", "[suite][gate]") {
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
  const auto& policy = suite.gate;
  CHECK(policy.alpha == 0.01);
  CHECK(policy.correction == Correction::benjamini_hochberg);
  CHECK(policy.threshold == Approx(0.03));
  CHECK(policy.metrics ==
        std::vector<MetricSelector>{{"latency", Statistic::p99}, {"throughput", Statistic::value}});
  CHECK(policy.direction_overrides.at("custom_score") == Direction::higher_is_better);
  CHECK(policy.min_repetitions == 8);
  REQUIRE(policy.sla.size() == 1);
  CHECK(policy.sla[0].text == "latency.p99 < 250ms");
  CHECK(policy.sla[0].line == 10);
}

TEST_CASE("a mistake in a suite's gate block names the file and line", "[suite][gate]") {
  try {
    perfgate::parse_suite(R"(suite: api
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
    FAIL("expected an InputError");
  } catch (const perfgate::InputError& error) {
    CHECK(error.file() == "suites/api.yaml");
    CHECK(error.where() == "line 3, key gate.threshold");
  }
}
