#include "gates/sla/sla_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace sla = perfgate::sla;
using perfgate::Metric;
using perfgate::RunResult;
using perfgate::ScenarioResult;
using perfgate::SuiteResult;

TEST_CASE("SLA results serialize with outcome, numbers in the metric's unit and the sentence",
          "[sla][json]") {
  ScenarioResult scenario{.name = "browse"};
  for (int i = 0; i < 3; ++i) {
    scenario.runs.push_back(RunResult{
        .index = i, .metrics = {Metric{.name = "error_rate", .unit = "ratio", .value = 0.01 * i}}});
  }
  SuiteResult suite{.scenarios = {scenario}};
  auto rules = sla::parse_sla_rules(std::vector<std::string>{"error_rate < 1.5%", "ttfb.p99 < 1s"},
                                    "suite.yaml");
  nlohmann::json json = sla::to_json(sla::check_slas(rules, suite));
  REQUIRE(json.is_array());
  REQUIRE(json.size() == 2);
  const nlohmann::json& pass = json[0];
  CHECK(pass["rule"] == "error_rate < 1.5%");
  CHECK(pass["where"] == "gate.sla[0]");
  CHECK(pass["scenario"] == "browse");
  CHECK(pass["statistic"] == "value");
  CHECK(pass["comparison"] == "<");
  CHECK(pass["threshold"].get<double>() == Approx(0.015));
  CHECK(pass["unit"] == "ratio");
  CHECK(pass["outcome"] == "pass");
  CHECK(pass["observed"].get<double>() == Approx(0.01));
  CHECK(pass["worst"] == nlohmann::json{{"run", 2}, {"value", 0.02}});
  CHECK(pass["runs"].size() == 3);
  CHECK(pass["runs_breaching"] == 1);
  CHECK(pass["message"] ==
        "error_rate of browse is 1.00 % (median of 3 runs), within the SLA < 1.50 %; 1 of 3 runs "
        "breach it, worst 2.00 % (run 2)");
  const nlohmann::json& no_data = json[1];
  CHECK(no_data["outcome"] == "no-data");
  CHECK_FALSE(no_data.contains("observed"));
  CHECK(no_data["runs"].empty());
}
