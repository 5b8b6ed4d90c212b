#include "core/suite/sla_rule.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/errors.h"

namespace sla = perfgate::sla;
using perfgate::InputError;
using perfgate::Tags;

namespace {

struct Accepted {
  std::string text;
  std::string scenario;
  std::string metric;
  Tags tags;
  std::string statistic;
  bool statistic_written;
  sla::Comparison comparison;
  sla::ThresholdKind kind;
  double threshold;
};

struct Rejected {
  std::string text;
  std::string message;  // a fragment the error must contain, column included
};

std::string error_of(const std::string& text) {
  try {
    sla::parse_sla_rule(text, "suites/api.yaml", "gate.sla[2]");
  } catch (const InputError& error) {
    CHECK(error.file() == "suites/api.yaml");
    CHECK(error.where() == "gate.sla[2]");
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("every documented rule form parses", "[sla][rule]") {
  using C = sla::Comparison;
  using K = sla::ThresholdKind;
  auto c = GENERATE(values<Accepted>({
      {"latency.p99 < 250ms", "", "latency", {}, "p99", true, C::less, K::duration, 250e6},
      {"error_rate < 1%", "", "error_rate", {}, "value", false, C::less, K::percentage, 0.01},
      {"throughput > 1000/s", "", "throughput", {}, "value", false, C::greater, K::rate, 1000},
      {"checkout:latency{request=order}.p99.9 <= 400ms",
       "checkout",
       "latency",
       {{"request", "order"}},
       "p99.9",
       true,
       C::less_or_equal,
       K::duration,
       400e6},
      {"latency.mean < 20ms", "", "latency", {}, "mean", true, C::less, K::duration, 20e6},
      {"errors.value == 0", "", "errors", {}, "value", true, C::equal, K::number, 0},
      {"latency.p999 < 1s", "", "latency", {}, "p99.9", true, C::less, K::duration, 1e9},
      {"latency.p9999 < 1s", "", "latency", {}, "p99.99", true, C::less, K::duration, 1e9},
      {"latency.p100 < 2s", "", "latency", {}, "p100", true, C::less, K::duration, 2e9},
      {"latency.p0.5 >= 1us",
       "",
       "latency",
       {},
       "p0.5",
       true,
       C::greater_or_equal,
       K::duration,
       1e3},
      {"latency.min>0", "", "latency", {}, "min", true, C::greater, K::number, 0},
      {"latency.max <= 1.5s", "", "latency", {}, "max", true, C::less_or_equal, K::duration, 1.5e9},
      {"  my-shop v2 : latency { request = GET /items , status=2xx } . p95 < 3ms  ",
       "my-shop v2",
       "latency",
       {{"request", "GET /items"}, {"status", "2xx"}},
       "p95",
       true,
       C::less,
       K::duration,
       3e6},
      {"throughput >= 60/m", "", "throughput", {}, "value", false, C::greater_or_equal, K::rate, 1},
      {"requests.value > 1.5", "", "requests", {}, "value", true, C::greater, K::number, 1.5},
      {"error_rate <= 0.05",
       "",
       "error_rate",
       {},
       "value",
       false,
       C::less_or_equal,
       K::number,
       0.05},
  }));
  INFO(c.text);
  sla::SlaRule rule = sla::parse_sla_rule(c.text, "f.yaml", "gate.sla[0]");
  CHECK(rule.text == c.text);
  CHECK(rule.scenario == c.scenario);
  CHECK(rule.metric == c.metric);
  CHECK(rule.tags == c.tags);
  CHECK(sla::to_string(rule.statistic) == c.statistic);
  CHECK(rule.statistic.written == c.statistic_written);
  CHECK(rule.comparison == c.comparison);
  CHECK(rule.threshold.kind == c.kind);
  CHECK(rule.threshold.value == Approx(c.threshold));
  CHECK(rule.where == "gate.sla[0]");
}

TEST_CASE("each kind of mistake names what was expected and the column", "[sla][rule]") {
  auto c = GENERATE(values<Rejected>({
      {"", "column 1: expected a rule like 'latency.p99 < 250ms', got an empty text"},
      {"   ", "expected a rule like"},
      {".p99 < 1s",
       "column 1: expected a metric name (letters, digits, '_') such as latency, "
       "got '.p99 < 1s'"},
      {":latency.p99 < 1s", "column 1: expected a scenario name before ':'"},
      {"latency.p99 = 5ms",
       "column 13: expected an operator < <= > >= == after 'latency.p99', got '= 5ms'"},
      {"latency.p99 250ms",
       "column 13: expected an operator < <= > >= == after 'latency.p99', "
       "got '250ms'"},
      {"latency.p99",
       "column 12: expected an operator < <= > >= == after 'latency.p99', got "
       "the end of the rule"},
      {"latency.p101 < 1s",
       "column 9: expected a statistic min, mean, max, value or pN with N "
       "in (0, 100] (p50, p99, p99.9, p999), got 'p101'"},
      {"latency.p0 < 1s", "column 9: expected a statistic"},
      {"latency.p99. < 1s", "column 9: expected a statistic"},
      {"latency.median < 1s", "got 'median'"},
      {"latency. < 1s", "column 10: expected a statistic after '.', got '< 1s'"},
      {"latency.p99 <",
       "column 14: expected a value (a duration like 250ms, a rate like 1000/s, "
       "a percentage like 1% or a number) after '<', got the end of the rule"},
      {"latency.p99 < 250xs",
       "column 15: expected a value (a duration like 250ms, a rate like "
       "1000/s, a percentage like 1% or a number), got '250xs'"},
      {"latency.p99 < -5ms", "column 15: expected a value"},
      {"error_rate < 5%%", "column 14: expected a value"},
      {"throughput > 1000/x", "column 14: expected a value"},
      {"latency.p99 < 250 ms",
       "column 19: expected the end of the rule after the value '250', got 'ms'"},
      {"latency{=order}.p99 < 1s", "column 9: expected a tag name such as request, got '=order"},
      {"latency{request}.p99 < 1s", "column 16: expected '=' after the tag name 'request'"},
      {"latency{request=}.p99 < 1s", "column 17: expected a value for the tag 'request'"},
      {"latency{request=a,request=b}.p99 < 1s", "column 19: the tag 'request' is given twice"},
      {"latency{request=order.p99 < 1s",
       "column 31: expected ',' or '}' after a tag, got the "
       "end of the rule"},
      {"latency{request=a{b}.p99 < 1s", "column 18: expected ',' or '}' after a tag, got '{b}"},
  }));
  INFO(c.text);
  std::string message = error_of(c.text);
  CHECK_THAT(message, Catch::Contains(c.message));
  CHECK_THAT(message, Catch::StartsWith("suites/api.yaml: gate.sla[2]: column "));
}

TEST_CASE("a list of rules is numbered from zero", "[sla][rule]") {
  std::vector<std::string> texts{"latency.p99 < 250ms", "error_rate < 1%", "throughput > "};
  try {
    sla::parse_sla_rules(texts, "suites/api.yaml");
    FAIL("a rule without a value was accepted");
  } catch (const InputError& error) {
    CHECK(error.where() == "gate.sla[2]");
  }
  texts.pop_back();
  auto rules = sla::parse_sla_rules(texts, "suites/api.yaml");
  REQUIRE(rules.size() == 2);
  CHECK(rules[1].where == "gate.sla[1]");
  CHECK(rules[1].file == "suites/api.yaml");
}

TEST_CASE("a rule with a line is placed by line and key", "[sla][rule]") {
  sla::SlaRule rule = sla::parse_sla_rule("latency.p99 < 1s", "suites/api.yaml", "gate.sla[1]", 9);
  CHECK(rule.line == 9);
  CHECK(rule.where == "gate.sla[1]");
  CHECK(sla::location(rule) == "line 9, key gate.sla[1]");
  CHECK(sla::location(sla::parse_sla_rule("latency.p99 < 1s", "f", "--sla[0]")) == "--sla[0]");
  try {
    sla::parse_sla_rule("latency.p99 <", "suites/api.yaml", "gate.sla[1]", 9);
    FAIL("a rule without a value was accepted");
  } catch (const InputError& error) {
    CHECK(error.where() == "line 9, key gate.sla[1]");
    CHECK_THAT(error.what(),
               Catch::StartsWith("suites/api.yaml: line 9, key gate.sla[1]: column 14"));
  }
}
