// Metric selectors ("latency.p99", "throughput") and the direction table.
#include "core/suite/metric_selector.h"

#include <catch2/catch.hpp>

namespace gates = perfgate::gates;
using gates::Direction;
using gates::MetricSelector;
using gates::Statistic;

TEST_CASE("a histogram statistic after the last dot selects it", "[suite][gate]") {
  CHECK(gates::parse_metric_selector("latency.p99") == MetricSelector{"latency", Statistic::p99});
  CHECK(gates::parse_metric_selector("ttfb.p999") == MetricSelector{"ttfb", Statistic::p999});
  CHECK(gates::parse_metric_selector("a.b.mean") == MetricSelector{"a.b", Statistic::mean});
  CHECK(gates::parse_metric_selector("latency.max") == MetricSelector{"latency", Statistic::max});
}

TEST_CASE("any other name selects the metric's value", "[suite][gate]") {
  CHECK(gates::parse_metric_selector("throughput") ==
        MetricSelector{"throughput", Statistic::value});
  CHECK(gates::parse_metric_selector("cache.misses") ==
        MetricSelector{"cache.misses", Statistic::value});
  // "value" is not a histogram statistic: the whole text is a metric name.
  CHECK(gates::parse_metric_selector("x.value") == MetricSelector{"x.value", Statistic::value});
}

TEST_CASE("empty names and stray dots are rejected", "[suite][gate]") {
  CHECK_FALSE(gates::parse_metric_selector(""));
  CHECK_FALSE(gates::parse_metric_selector("."));
  CHECK_FALSE(gates::parse_metric_selector(".p99"));
  CHECK_FALSE(gates::parse_metric_selector("latency."));
}

TEST_CASE("selectors print as written", "[suite][gate]") {
  CHECK(gates::to_string(MetricSelector{"latency", Statistic::p50}) == "latency.p50");
  CHECK(gates::to_string(MetricSelector{"error_rate", Statistic::value}) == "error_rate");
}

TEST_CASE("directions parse in long and short form", "[suite][gate]") {
  CHECK(gates::parse_direction("higher") == Direction::higher_is_better);
  CHECK(gates::parse_direction("lower_is_better") == Direction::lower_is_better);
  CHECK_FALSE(gates::parse_direction("up"));
  CHECK(std::string(gates::to_string(Direction::higher_is_better)) == "higher_is_better");
}
