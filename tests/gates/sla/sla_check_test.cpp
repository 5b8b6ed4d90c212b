#include "gates/sla/sla_check.h"

#include <catch2/catch.hpp>
#include <span>
#include <string>
#include <vector>

#include "core/errors.h"

namespace sla = perfgate::sla;
using perfgate::Histogram;
using perfgate::InputError;
using perfgate::Metric;
using perfgate::RunResult;
using perfgate::RunStatus;
using perfgate::ScenarioResult;
using perfgate::SuiteResult;
using perfgate::Tags;

namespace {

constexpr double kMs = 1e6;

// A latency histogram of 100 requests, all `ms` milliseconds: every statistic equals it
// (within the histogram's 0.1 % bucket width).
Metric latency(Tags tags, double ms) {
  Histogram histogram;
  histogram.record_n(static_cast<uint64_t>(ms * kMs), 100);
  return {.name = "latency", .unit = "ns", .tags = std::move(tags), .histogram = histogram};
}

Metric value_metric(std::string name, std::string unit, double value, Tags tags = {}) {
  return {
      .name = std::move(name), .unit = std::move(unit), .tags = std::move(tags), .value = value};
}

RunResult run(int index, std::vector<Metric> metrics, RunStatus status = RunStatus::ok) {
  return {.index = index, .status = status, .metrics = std::move(metrics)};
}

// One scenario whose run i has a single latency{request=list,status=2xx} of p99_ms[i].
ScenarioResult latency_runs(std::string name, const std::vector<double>& p99_ms,
                            const Tags& tags = {{"request", "list"}, {"status", "2xx"}}) {
  ScenarioResult scenario{.name = std::move(name), .adapter = "native"};
  for (size_t i = 0; i < p99_ms.size(); ++i) {
    scenario.runs.push_back(run(static_cast<int>(i), {latency(tags, p99_ms[i])}));
  }
  return scenario;
}

std::vector<sla::SlaResult> check(const std::vector<std::string>& texts, const SuiteResult& suite) {
  return sla::check_slas(sla::parse_sla_rules(texts, "suites/api.yaml"), suite);
}

struct Case {
  std::string name;
  std::vector<double> run_ms;
  std::string rule;
  sla::SlaOutcome outcome;
  int runs_breaching;
  int worst_run;
};

}  // namespace

TEST_CASE("median across runs decides; the worst run and breaching runs are reported",
          "[sla][check]") {
  using O = sla::SlaOutcome;
  auto c = GENERATE(values<Case>({
      {"all fast: pass", {100, 110, 120}, "latency.p99 < 250ms", O::pass, 0, 2},
      {"all slow: breach", {300, 310, 305}, "latency.p99 < 250ms", O::breach, 3, 1},
      {"one outlier run does not breach",
       {100, 900, 110, 105, 120},
       "latency.p99 < 250ms",
       O::pass,
       1,
       1},
      {"three of five slow runs breach",
       {300, 100, 310, 320, 110},
       "latency.p99 < 250ms",
       O::breach,
       3,
       3},
      {"lower bound", {100, 40, 120}, "latency.mean > 50ms", O::pass, 1, 1},
      {"at the threshold: < fails, <= holds",
       {250, 250, 250},
       "latency.max <= 250ms",
       O::pass,
       0,
       0},
      {"single run", {260}, "latency.p50 < 250ms", O::breach, 1, 0},
  }));
  INFO(c.name);
  SuiteResult suite{.suite = "api", .scenarios = {latency_runs("browse", c.run_ms)}};
  auto results = check({c.rule}, suite);
  REQUIRE(results.size() == 1);
  const sla::SlaResult& result = results[0];
  CHECK(result.outcome == c.outcome);
  CHECK(result.runs.size() == c.run_ms.size());
  CHECK(result.runs_breaching == c.runs_breaching);
  CHECK(result.worst.run_index == c.worst_run);
  CHECK(result.worst.value ==
        Approx(c.run_ms[static_cast<size_t>(c.worst_run)] * kMs).epsilon(1e-3));
  CHECK(result.scenario == "browse");
  CHECK(result.unit == "ns");
  CHECK(result.tags == Tags{{"request", "list"}, {"status", "2xx"}});
}

TEST_CASE("the sentence says what, how much, against what, and how many runs", "[sla][check]") {
  SuiteResult suite{.scenarios = {latency_runs("checkout", {412, 100, 450, 420, 105},
                                               {{"request", "order"}, {"status", "2xx"}})}};
  auto results = check({"checkout:latency{request=order}.p99 < 400ms"}, suite);
  REQUIRE(results.size() == 1);
  CHECK(results[0].outcome == sla::SlaOutcome::breach);
  CHECK(results[0].observed == Approx(412 * kMs).epsilon(1e-3));
  CHECK(results[0].sentence ==
        "p99 latency of checkout/order (status=2xx) is 412 ms (median of 5 runs), above the SLA "
        "< 400 ms; 3 of 5 runs breach it, worst 450 ms (run 2)");

  auto passing = check({"latency.p99 < 1s"}, suite);
  CHECK(passing[0].sentence ==
        "p99 latency of checkout/order (status=2xx) is 412 ms (median of 5 runs), within the SLA "
        "< 1.00 s; worst run 450 ms (run 2)");
}

TEST_CASE("scope to a scenario and to a request tag", "[sla][check]") {
  ScenarioResult browse = latency_runs("browse", {300, 300, 300});
  ScenarioResult checkout{.name = "checkout", .adapter = "native"};
  for (int i = 0; i < 3; ++i) {
    checkout.runs.push_back(run(i, {latency({{"request", "order"}, {"status", "2xx"}}, 500),
                                    latency({{"request", "cart"}, {"status", "2xx"}}, 50)}));
  }
  SuiteResult suite{.scenarios = {browse, checkout}};

  auto everywhere = check({"latency.p99 < 250ms"}, suite);
  REQUIRE(everywhere.size() == 3);  // browse/list, checkout/cart, checkout/order: each alone
  CHECK(everywhere[0].scenario == "browse");
  CHECK(everywhere[0].outcome == sla::SlaOutcome::breach);
  CHECK(everywhere[1].tags.at("request") == "cart");
  CHECK(everywhere[1].outcome == sla::SlaOutcome::pass);
  CHECK(everywhere[2].tags.at("request") == "order");
  CHECK(everywhere[2].outcome == sla::SlaOutcome::breach);

  auto one_scenario = check({"checkout:latency.p99 < 250ms"}, suite);
  REQUIRE(one_scenario.size() == 2);
  CHECK(one_scenario[0].scenario == "checkout");
  CHECK(one_scenario[1].scenario == "checkout");

  auto one_request = check({"latency{request=cart}.p99 < 250ms"}, suite);
  REQUIRE(one_request.size() == 1);
  CHECK(one_request[0].scenario == "checkout");
  CHECK(one_request[0].outcome == sla::SlaOutcome::pass);
  CHECK_FALSE(sla::any_breach(one_request));
  CHECK(sla::any_breach(everywhere));
}

TEST_CASE("a metric with exactly the rule's tags is the aggregate checked alone", "[sla][check]") {
  ScenarioResult scenario{.name = "browse"};
  for (int i = 0; i < 3; ++i) {
    scenario.runs.push_back(run(i, {value_metric("throughput", "1/s", 1500),
                                    value_metric("throughput", "1/s", 500, {{"request", "list"}}),
                                    value_metric("errors", "count", 2),
                                    value_metric("errors", "count", 2, {{"kind", "timeout"}}),
                                    value_metric("error_rate", "ratio", 0.005)}));
  }
  SuiteResult suite{.scenarios = {scenario}};
  auto results = check({"throughput > 1000/s", "errors.value == 0", "error_rate < 1%",
                        "error_rate < 0.004", "throughput{request=list} >= 500"},
                       suite);
  REQUIRE(results.size() == 5);
  CHECK(results[0].outcome == sla::SlaOutcome::pass);
  CHECK(results[0].tags.empty());
  CHECK(results[0].sentence ==
        "throughput of browse is 1 500/s (median of 3 runs), within the SLA > 1 000/s; worst run "
        "1 500/s (run 0)");
  CHECK(results[1].outcome == sla::SlaOutcome::breach);
  CHECK(results[1].tags.empty());
  CHECK(results[2].outcome == sla::SlaOutcome::pass);
  CHECK_THAT(results[2].sentence, Catch::Contains("is 0.5 % (median of 3 runs)"));
  CHECK(results[3].outcome == sla::SlaOutcome::breach);
  CHECK(results[4].outcome == sla::SlaOutcome::pass);
}

TEST_CASE("failed and interrupted runs are skipped", "[sla][check]") {
  ScenarioResult scenario = latency_runs("browse", {100, 900, 110, 950});
  scenario.runs[1].status = RunStatus::failed;
  scenario.runs[3].status = RunStatus::interrupted;
  SuiteResult suite{.scenarios = {scenario}};
  auto results = check({"latency.p99 < 250ms"}, suite);
  REQUIRE(results.size() == 1);
  CHECK(results[0].outcome == sla::SlaOutcome::pass);
  REQUIRE(results[0].runs.size() == 2);
  CHECK(results[0].runs[0].run_index == 0);
  CHECK(results[0].runs[1].run_index == 2);
  CHECK(results[0].runs_breaching == 0);

  for (RunResult& each : scenario.runs) each.status = RunStatus::failed;
  suite.scenarios = {scenario};
  auto none = check({"latency.p99 < 250ms"}, suite);
  REQUIRE(none.size() == 1);
  CHECK(none[0].outcome == sla::SlaOutcome::no_data);
  CHECK(none[0].sentence ==
        "no data for 'latency.p99 < 250ms': no successful run of browse has a value for latency "
        "(4 of 4 runs failed or were interrupted)");
}

TEST_CASE("a rule that matches nothing is no-data, not a pass", "[sla][check]") {
  SuiteResult suite{.scenarios = {latency_runs("browse", {100, 100}),
                                  ScenarioResult{.name = "micro", .runs = {run(0, {})}}}};
  struct NoData {
    std::string rule;
    std::string scenario;
    std::string reason;
  };
  auto c = GENERATE(values<NoData>({
      {"checkout:latency.p99 < 1s", "checkout", "the results have no scenario named 'checkout'"},
      {"micro:latency.p99 < 1s", "micro", "scenario micro has no metric latency"},
      {"ttfb.p99 < 1s", "", "no scenario has a metric ttfb"},
      {"latency{request=order}.p99 < 1s", "", "no scenario has a metric latency{request=order}"},
      {"browse:latency{status=5xx}.p99 < 1s", "browse",
       "scenario browse has no metric latency{status=5xx}"},
  }));
  INFO(c.rule);
  auto results = check({c.rule}, suite);
  REQUIRE(results.size() == 1);
  CHECK(results[0].outcome == sla::SlaOutcome::no_data);
  CHECK(results[0].scenario == c.scenario);
  CHECK(results[0].runs.empty());
  CHECK(results[0].sentence == "no data for '" + c.rule + "': " + c.reason);
  CHECK_FALSE(sla::any_breach(results));
}

TEST_CASE("an unscoped rule skips scenarios without the metric", "[sla][check]") {
  SuiteResult suite{.scenarios = {latency_runs("browse", {100}),
                                  ScenarioResult{.name = "micro", .runs = {run(0, {})}}}};
  auto results = check({"latency.p99 < 1s"}, suite);
  REQUIRE(results.size() == 1);
  CHECK(results[0].scenario == "browse");
}

TEST_CASE("a value that does not fit the metric's unit is an input error", "[sla][check]") {
  ScenarioResult scenario{.name = "browse"};
  scenario.runs.push_back(
      run(0, {latency({}, 10), value_metric("throughput", "1/s", 100),
              value_metric("error_rate", "ratio", 0), value_metric("bytes_sent", "bytes", 10)}));
  SuiteResult suite{.scenarios = {scenario}};
  struct Misfit {
    std::string rule;
    std::string message;
  };
  auto c = GENERATE(values<Misfit>({
      {"latency.p99 < 1%",
       "compares latency (unit ns) with a percentage '1%'; write a duration "
       "such as 250ms"},
      {"latency.p99 < 250",
       "compares latency (unit ns) with a plain number '250'; write a "
       "duration such as 250ms"},
      {"error_rate < 5ms",
       "compares error_rate (unit ratio) with a duration '5ms'; write a "
       "percentage such as 1%"},
      {"throughput > 10%",
       "compares throughput (unit 1/s) with a percentage '10%'; write a rate "
       "such as 1000/s"},
      {"bytes_sent.value < 1/s",
       "compares bytes_sent (unit bytes) with a rate '1/s'; write a "
       "plain number"},
      {"latency < 5ms",
       "latency is a distribution: name a statistic, e.g. latency.p99 or "
       "latency.mean"},
      {"latency.value < 5ms", "latency has no single value: use min, mean, max or pN"},
      {"throughput.p99 > 1/s",
       "throughput is a single value, not a distribution: write "
       "throughput.value or leave the statistic out"},
  }));
  INFO(c.rule);
  try {
    check({"latency.p99 < 1s", c.rule}, suite);
    FAIL("accepted " + c.rule);
  } catch (const InputError& error) {
    CHECK(error.file() == "suites/api.yaml");
    CHECK(error.where() == "gate.sla[1]");
    CHECK(std::string(error.what()) ==
          "suites/api.yaml: gate.sla[1]: '" + c.rule + "': " + c.message);
  }
}

TEST_CASE("a misfit found at evaluation names the line of a rule from a suite file",
          "[sla][check]") {
  SuiteResult suite{.scenarios = {latency_runs("browse", {100})}};
  const auto rule = sla::parse_sla_rule("latency.p99 < 1%", "suites/api.yaml", "gate.sla[0]", 7);
  try {
    sla::check_slas(std::span<const sla::SlaRule>(&rule, 1), suite);
    FAIL("accepted a percentage for a latency");
  } catch (const InputError& error) {
    CHECK(error.file() == "suites/api.yaml");
    CHECK(error.where() == "line 7, key gate.sla[0]");
  }
}

TEST_CASE("comparisons", "[sla][check]") {
  using C = sla::Comparison;
  CHECK(sla::satisfies(1, C::less, 2));
  CHECK_FALSE(sla::satisfies(2, C::less, 2));
  CHECK(sla::satisfies(2, C::less_or_equal, 2));
  CHECK(sla::satisfies(3, C::greater, 2));
  CHECK_FALSE(sla::satisfies(2, C::greater, 2));
  CHECK(sla::satisfies(2, C::greater_or_equal, 2));
  CHECK(sla::satisfies(0, C::equal, 0));
  CHECK_FALSE(sla::satisfies(1, C::equal, 0));
}
