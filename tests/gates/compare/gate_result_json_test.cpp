// The perfgate/gate/v1 JSON, field by field.
#include "gates/compare/gate_result_json.h"

#include <catch2/catch.hpp>
#include <limits>

#include "gates/compare/compare.h"
#include "synthetic_suite.h"

namespace gates = perfgate::gates;
using nlohmann::json;

namespace {

gates::Comparison sample_comparison() {
  gates::Comparison comparison;
  comparison.key = {
      "browse", "latency", {{"request", "get"}, {"status", "2xx"}}, gates::Statistic::p99};
  comparison.direction = gates::Direction::lower_is_better;
  comparison.baseline_runs = {100, 102};
  comparison.candidate_runs = {110, 111};
  comparison.change = {1.09, 1.05, 1.13, 1.085};
  comparison.test = {gates::TestKind::welch_log, 0.001, 0.004, 0.33};
  comparison.verdict = gates::Verdict::regression;
  return comparison;
}

}  // namespace

TEST_CASE("gate JSON has the issue's shape", "[gates][json]") {
  gates::GateResult result;
  result.verdict = gates::GateVerdict::fail;
  result.comparisons.push_back(sample_comparison());
  result.notes.push_back({gates::NoteKind::missing_in_candidate,
                          {"browse", "latency", {{"request", "old"}}, gates::Statistic::p50},
                          "gone"});
  const json root = json::parse(gates::to_json_text(result));
  CHECK(root["schema"] == "perfgate/gate/v1");
  CHECK(root["verdict"] == "fail");
  CHECK(root["sla"] == json::array());
  REQUIRE(root["comparisons"].size() == 1);
  const json& c = root["comparisons"][0];
  CHECK(c["scenario"] == "browse");
  CHECK(c["metric"] == "latency");
  CHECK(c["tags"] == json{{"request", "get"}, {"status", "2xx"}});
  CHECK(c["statistic"] == "p99");
  CHECK(c["direction"] == "lower_is_better");
  CHECK(c["baseline"]["runs"] == json{100.0, 102.0});
  CHECK(c["candidate"]["runs"] == json{110.0, 111.0});
  CHECK(c["change"]["ratio"] == 1.09);
  CHECK(c["change"]["ci_low"] == 1.05);
  CHECK(c["change"]["ci_high"] == 1.13);
  CHECK(c["change"]["median_ratio"] == 1.085);
  CHECK(c["test"]["name"] == "welch-log-t");
  CHECK(c["test"]["p_value"] == 0.001);
  CHECK(c["test"]["p_adjusted"] == 0.004);
  CHECK(c["test"]["mann_whitney_p"] == 0.33);
  CHECK(c["verdict"] == "regression");
  CHECK_FALSE(c.contains("repetitions_needed"));
  REQUIRE(root["notes"].size() == 1);
  const json& note = root["notes"][0];
  CHECK(note["kind"] == "missing-in-candidate");
  CHECK(note["scenario"] == "browse");
  CHECK(note["metric"] == "latency");
  CHECK(note["tags"] == json{{"request", "old"}});
  CHECK(note["statistic"] == "p50");
  CHECK(note["message"] == "gone");
}

TEST_CASE("gate JSON: repetitions_needed when inconclusive, null for non-finite numbers",
          "[gates][json]") {
  gates::GateResult result;
  auto comparison = sample_comparison();
  comparison.verdict = gates::Verdict::inconclusive;
  comparison.repetitions_needed = 12;
  comparison.change.ratio = std::numeric_limits<double>::infinity();
  comparison.change.ci_low = std::numeric_limits<double>::quiet_NaN();
  result.comparisons.push_back(comparison);
  const json root = json::parse(gates::to_json_text(result, -1));
  CHECK(root["verdict"] == "pass");
  CHECK(root["notes"] == json::array());
  const json& c = root["comparisons"][0];
  CHECK(c["verdict"] == "inconclusive");
  CHECK(c["repetitions_needed"] == 12);
  CHECK(c["change"]["ratio"].is_null());
  CHECK(c["change"]["ci_low"].is_null());
  CHECK(c["change"]["ci_high"] == 1.13);
}

TEST_CASE("gate JSON of a real comparison parses back with every comparison", "[gates][json]") {
  using perfgate::testing::SyntheticSide;
  const auto result = gates::compare(
      perfgate::testing::synthetic_suite(SyntheticSide{.runs = 3, .seed = 1}),
      perfgate::testing::synthetic_suite(SyntheticSide{.runs = 3, .seed = 2}), gates::GatePolicy{});
  const json root = gates::to_json(result);
  REQUIRE(root["comparisons"].size() == result.comparisons.size());
  for (const json& c : root["comparisons"]) {
    CHECK(c["verdict"] == "inconclusive");
    CHECK(c["repetitions_needed"].is_number_integer());
    CHECK(c["baseline"]["runs"].size() == 3);
  }
}
